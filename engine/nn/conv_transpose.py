"""ConvTranspose1d and ConvTranspose2d, with torch's parameter shapes, initialisation, repr
and `output_size` argument."""
from __future__ import annotations

from typing import Optional, Sequence, Union

from .. import Tensor, empty
from ..ops import conv_transpose as CT
from .conv import _ConvNd, _ntuple
from .module import Module
from .parameter import Parameter

_IntOrTuple = Union[int, Sequence[int]]


class _ConvTransposeNd(_ConvNd):
    """Shared constructor: weight (in, out/groups, *kernel), optional bias (out), initialised
    by Conv's reset_parameters (so the random draws are torch's: the fan-in of this weight
    layout is out/groups * prod(kernel)); repr as Conv's, which prints output_padding."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: _IntOrTuple,
                 stride: _IntOrTuple = 1, padding: _IntOrTuple = 0,
                 output_padding: _IntOrTuple = 0, groups: int = 1, bias: bool = True,
                 dilation: _IntOrTuple = 1, padding_mode: str = "zeros", device: object = None,
                 dtype: object = None) -> None:
        if padding_mode != "zeros":
            raise ValueError(f'Only "zeros" padding mode is supported for '
                             f"{self.__class__.__name__}")
        Module.__init__(self)
        n = self._dims
        if groups <= 0:
            raise ValueError("groups must be a positive integer")
        if in_channels % groups != 0:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups != 0:
            raise ValueError("out_channels must be divisible by groups")
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = _ntuple(kernel_size, n)
        self.stride = _ntuple(stride, n)
        self.padding = _ntuple(padding, n)
        self.dilation = _ntuple(dilation, n)
        self.transposed = True
        self.output_padding = _ntuple(output_padding, n)
        self.groups = groups
        self.padding_mode = padding_mode
        kwargs = {} if dtype is None else {"dtype": dtype}
        self.weight = Parameter(empty((in_channels, out_channels // groups) + self.kernel_size,
                                      **kwargs))
        if bias:
            self.bias = Parameter(empty(out_channels, **kwargs))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def _output_padding(self, input: Tensor, output_size: Optional[Sequence[int]]) -> tuple:
        """The output_padding giving `output_size` (torch's rule and message), or the module's."""
        if output_size is None:
            return self.output_padding
        n = self._dims
        non_spatial = 2 if input.dim() == n + 2 else 1
        if len(output_size) == non_spatial + n:
            output_size = output_size[non_spatial:]
        if len(output_size) != n:
            raise ValueError(f"ConvTranspose{n}D: for {input.dim()}D input, output_size must have "
                             f"{n} or {non_spatial + n} elements (got {len(output_size)})")
        min_sizes = [(int(input.shape[d + non_spatial]) - 1) * self.stride[d]
                     - 2 * self.padding[d] + self.dilation[d] * (self.kernel_size[d] - 1) + 1
                     for d in range(n)]
        max_sizes = [m + s - 1 for m, s in zip(min_sizes, self.stride)]
        for size, lo, hi in zip(output_size, min_sizes, max_sizes):
            if size < lo or size > hi:
                raise ValueError(f"requested an output size of {output_size}, but valid sizes "
                                 f"range from {min_sizes} to {max_sizes} (for an input of "
                                 f"{input.shape[2:]})")
        return tuple(s - m for s, m in zip(output_size, min_sizes))


class ConvTranspose1d(_ConvTransposeNd):
    """1-d transposed convolution over (N, C, L) or (C, L) inputs."""

    _dims = 1

    def forward(self, input: Tensor, output_size: Optional[Sequence[int]] = None) -> Tensor:
        return CT.conv_transpose1d(input, self.weight, self.bias, self.stride, self.padding,
                                   self._output_padding(input, output_size), self.groups,
                                   self.dilation)


class ConvTranspose2d(_ConvTransposeNd):
    """2-d transposed convolution over (N, C, H, W) or (C, H, W) inputs."""

    _dims = 2

    def forward(self, input: Tensor, output_size: Optional[Sequence[int]] = None) -> Tensor:
        return CT.conv_transpose2d(input, self.weight, self.bias, self.stride, self.padding,
                                   self._output_padding(input, output_size), self.groups,
                                   self.dilation)
