"""pixel_shuffle / pixel_unshuffle (sub-pixel convolution's rearrangements) and their modules.

Each is a pure rearrangement of elements, so each one's backward is the other one: torch's
PixelShuffleBackward0 returns pixel_unshuffle(g) and the reverse.
"""
from __future__ import annotations

import numpy as np

from .. import Tensor
from ..autograd.node import Node
from ..tensor import record
from .module import Module


def _shuffle(d: np.ndarray, r: int) -> np.ndarray:
    *lead, c, h, w = d.shape
    d = d.reshape(*lead, c // (r * r), r, r, h, w)
    n = len(lead)
    d = d.transpose(*range(n), n, n + 3, n + 1, n + 4, n + 2)
    return np.ascontiguousarray(d).reshape(*lead, c // (r * r), h * r, w * r)


def _unshuffle(d: np.ndarray, r: int) -> np.ndarray:
    *lead, c, h, w = d.shape
    d = d.reshape(*lead, c, h // r, r, w // r, r)
    n = len(lead)
    d = d.transpose(*range(n), n, n + 2, n + 4, n + 1, n + 3)
    return np.ascontiguousarray(d).reshape(*lead, c * r * r, h // r, w // r)


class PixelShuffleBackward0(Node):
    def backward(self, g):
        return (pixel_unshuffle(g, self.args),)


class PixelUnshuffleBackward0(Node):
    def backward(self, g):
        return (pixel_shuffle(g, self.args),)


def _check(input: Tensor, name: str, factor: int, factor_name: str) -> None:
    if input.dim() < 3:
        raise RuntimeError(f"{name} expects input to have at least 3 dimensions, but got input "
                           f"with {input.dim()} dimension(s)")
    if factor <= 0:
        raise RuntimeError(f"{name} expects a positive {factor_name}, but got {factor}")


def pixel_shuffle(input: Tensor, upscale_factor: int) -> Tensor:
    """(*, C*r*r, H, W) -> (*, C, H*r, W*r), channel block (i, j) filling sub-pixel (i, j)."""
    r = int(upscale_factor)
    _check(input, "pixel_shuffle", r, "upscale_factor")
    c = input.shape[-3]
    if c % (r * r):
        raise RuntimeError("pixel_shuffle expects its input's 'channel' dimension to be divisible "
                           f"by the square of upscale_factor, but input.size(-3)={c} is not "
                           f"divisible by {r * r}")
    return record(PixelShuffleBackward0, _shuffle(input._data, r), (input,), None, r)


def pixel_unshuffle(input: Tensor, downscale_factor: int) -> Tensor:
    """(*, C, H*r, W*r) -> (*, C*r*r, H, W): pixel_shuffle's inverse."""
    r = int(downscale_factor)
    _check(input, "pixel_unshuffle", r, "downscale_factor")
    for side, dim in (("height", -2), ("width", -1)):
        if input.shape[dim] % r:
            raise RuntimeError(f"pixel_unshuffle expects {side} to be divisible by "
                               f"downscale_factor, but input.size({dim})={input.shape[dim]} is "
                               f"not divisible by {r}")
    return record(PixelUnshuffleBackward0, _unshuffle(input._data, r), (input,), None, r)


class PixelShuffle(Module):
    """Rearranges (*, C*r*r, H, W) into (*, C, H*r, W*r) (an upsampling layer after a conv)."""

    def __init__(self, upscale_factor: int) -> None:
        super().__init__()
        self.upscale_factor = upscale_factor

    def forward(self, input: Tensor) -> Tensor:
        return pixel_shuffle(input, self.upscale_factor)

    def extra_repr(self) -> str:
        return f"upscale_factor={self.upscale_factor}"


class PixelUnshuffle(Module):
    """Rearranges (*, C, H*r, W*r) into (*, C*r*r, H, W), PixelShuffle's inverse."""

    def __init__(self, downscale_factor: int) -> None:
        super().__init__()
        self.downscale_factor = downscale_factor

    def forward(self, input: Tensor) -> Tensor:
        return pixel_unshuffle(input, self.downscale_factor)

    def extra_repr(self) -> str:
        return f"downscale_factor={self.downscale_factor}"
