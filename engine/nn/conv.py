"""Conv1d and Conv2d, with torch's parameter shapes, initialisation and repr."""
from __future__ import annotations

import math
from typing import Sequence, Union

from .. import Tensor, empty
from ..ops import conv as C
from . import functional as F
from . import init
from .module import Module
from .parameter import Parameter

_IntOrTuple = Union[int, Sequence[int]]


def _ntuple(value: _IntOrTuple, n: int) -> tuple:
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return (value,) * n


class _ConvNd(Module):
    """Shared constructor of Conv1d/Conv2d: weight (out, in/groups, *kernel), optional bias,
    initialised as torch (Kaiming-uniform with a=sqrt(5), bias uniform(±1/sqrt(fan_in)))."""

    _dims = 0

    def __init__(self, in_channels: int, out_channels: int, kernel_size: _IntOrTuple,
                 stride: _IntOrTuple = 1, padding: Union[str, _IntOrTuple] = 0,
                 dilation: _IntOrTuple = 1, groups: int = 1, bias: bool = True,
                 padding_mode: str = "zeros", device: object = None,
                 dtype: object = None) -> None:
        super().__init__()
        n = self._dims
        kernel_size, stride, dilation = (_ntuple(v, n) for v in (kernel_size, stride, dilation))
        if not isinstance(padding, str):
            padding = _ntuple(padding, n)
        if groups <= 0:
            raise ValueError("groups must be a positive integer")
        if in_channels % groups != 0:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups != 0:
            raise ValueError("out_channels must be divisible by groups")
        valid_padding_strings = {"same", "valid"}
        if isinstance(padding, str):
            if padding not in valid_padding_strings:
                raise ValueError(f"Invalid padding string {padding!r}, should be one of "
                                 f"{valid_padding_strings}")
            if padding == "same" and any(s != 1 for s in stride):
                raise ValueError("padding='same' is not supported for strided convolutions")
        valid_padding_modes = {"zeros", "reflect", "replicate", "circular"}
        if padding_mode not in valid_padding_modes:
            raise ValueError(f"padding_mode must be one of {valid_padding_modes}, but got "
                             f"padding_mode='{padding_mode}'")
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = kernel_size
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.transposed = False
        self.output_padding = (0,) * n
        self.groups = groups
        self.padding_mode = padding_mode
        # F.pad's argument for the non-zeros modes: (left, right) per dim, last dim first
        if padding == "same":
            self._reversed_padding_repeated_twice = []
            for d, k in zip(reversed(dilation), reversed(kernel_size)):
                total = d * (k - 1)
                self._reversed_padding_repeated_twice += [total // 2, total - total // 2]
        elif padding == "valid":
            self._reversed_padding_repeated_twice = [0, 0] * n
        else:
            self._reversed_padding_repeated_twice = tuple(p for p in reversed(padding)
                                                          for _ in (0, 1))
        kwargs = {} if dtype is None else {"dtype": dtype}
        self.weight = Parameter(empty((out_channels, in_channels // groups) + kernel_size,
                                      **kwargs))
        if bias:
            self.bias = Parameter(empty(out_channels, **kwargs))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            init.uniform_(self.bias, -bound, bound)

    def _padded(self, input: Tensor) -> tuple:
        """The input and conv padding to use: padding_mode other than zeros pads with F.pad
        first and convolves without padding, as torch does."""
        if self.padding_mode == "zeros":
            return input, self.padding
        return (F.pad(input, self._reversed_padding_repeated_twice, mode=self.padding_mode),
                (0,) * self._dims)

    def extra_repr(self) -> str:
        # torch shows only the arguments that differ from their defaults (stride always)
        s = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
             f"stride={self.stride}")
        if self.padding != (0,) * len(self.padding):
            s += f", padding={self.padding}"
        if self.dilation != (1,) * len(self.dilation):
            s += f", dilation={self.dilation}"
        if self.output_padding != (0,) * len(self.output_padding):
            s += f", output_padding={self.output_padding}"
        if self.groups != 1:
            s += f", groups={self.groups}"
        if self.bias is None:
            s += ", bias=False"
        if self.padding_mode != "zeros":
            s += f", padding_mode={self.padding_mode}"
        return s


class Conv1d(_ConvNd):
    """1-d convolution over (N, C, L) or (C, L) inputs."""

    _dims = 1

    def forward(self, input: Tensor) -> Tensor:
        input, padding = self._padded(input)
        return C.conv1d(input, self.weight, self.bias, self.stride, padding, self.dilation,
                        self.groups)


class Conv2d(_ConvNd):
    """2-d convolution over (N, C, H, W) or (C, H, W) inputs."""

    _dims = 2

    def forward(self, input: Tensor) -> Tensor:
        input, padding = self._padded(input)
        return C.conv2d(input, self.weight, self.bias, self.stride, padding, self.dilation,
                        self.groups)
