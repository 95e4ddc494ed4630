"""`nn.init`: in-place initialisers (no gradient recorded), with PyTorch's fan and gain rules."""
from __future__ import annotations

import math
import warnings

import numpy as np

from .. import Tensor, as_tensor, empty, empty_like, no_grad, randperm, where


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """The recommended init gain for a nonlinearity (the int 1 for the linear ones and sigmoid,
    which prints as `1`, as torch's)."""
    linear = {"linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
              "conv_transpose3d", "sigmoid"}
    if nonlinearity in linear:
        return 1
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = 0.01
        elif isinstance(param, (int, float)) and not isinstance(param, bool):
            slope = param
        else:
            raise ValueError(f"negative_slope {param} not a valid number")
        return math.sqrt(2.0 / (1 + slope ** 2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"Unsupported nonlinearity {nonlinearity}")


def _calculate_fan_in_and_fan_out(tensor: Tensor) -> tuple[int, int]:
    if tensor.dim() < 2:
        raise ValueError("Fan in and fan out can not be computed for tensor with fewer than "
                         "2 dimensions")
    receptive = 1
    for d in tensor.shape[2:]:
        receptive *= int(d)
    return int(tensor.shape[1]) * receptive, int(tensor.shape[0]) * receptive


def uniform_(tensor: Tensor, a: float = 0.0, b: float = 1.0) -> Tensor:
    with no_grad():
        return tensor.uniform_(a, b)


def normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0) -> Tensor:
    with no_grad():
        return tensor.normal_(mean, std)


def constant_(tensor: Tensor, val: float) -> Tensor:
    with no_grad():
        return tensor.fill_(val)


def zeros_(tensor: Tensor) -> Tensor:
    return constant_(tensor, 0.0)


def ones_(tensor: Tensor) -> Tensor:
    return constant_(tensor, 1.0)


def xavier_uniform_(tensor: Tensor, gain: float = 1.0) -> Tensor:
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    bound = math.sqrt(3.0) * gain * math.sqrt(2.0 / float(fan_in + fan_out))
    return uniform_(tensor, -bound, bound)


def _fan(tensor: Tensor, mode: str) -> int:
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"Mode {mode} not supported, please use one of fan_in, fan_out")
    return fan_in if mode == "fan_in" else fan_out


def kaiming_uniform_(tensor: Tensor, a: float = 0.0, mode: str = "fan_in",
                     nonlinearity: str = "leaky_relu") -> Tensor:
    fan = _fan(tensor, mode)
    bound = math.sqrt(3.0) * calculate_gain(nonlinearity, a) / math.sqrt(fan)
    return uniform_(tensor, -bound, bound)


def xavier_normal_(tensor: Tensor, gain: float = 1.0) -> Tensor:
    fan_in, fan_out = _calculate_fan_in_and_fan_out(tensor)
    std = gain * math.sqrt(2.0 / float(fan_in + fan_out))
    return normal_(tensor, 0.0, std)


def kaiming_normal_(tensor: Tensor, a: float = 0.0, mode: str = "fan_in",
                    nonlinearity: str = "leaky_relu") -> Tensor:
    fan = _fan(tensor, mode)
    return normal_(tensor, 0.0, calculate_gain(nonlinearity, a) / math.sqrt(fan))


def _norm_cdf(x: float) -> float:
    return (1.0 + math.erf(x / math.sqrt(2.0))) / 2.0


def trunc_normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0, a: float = -2.0,
                  b: float = 2.0, generator: object = None) -> Tensor:
    """Normal(mean, std) restricted to [a, b], sampled as torch 2.13 samples it (so the values
    and the generator's state afterwards match): when [a, b] holds more than 30% of the mass,
    normal draws with every out-of-range element redrawn (a whole tensor of draws per round);
    otherwise rejection sampling of uniform candidates on [a, b] against the normal density,
    rejected elements redrawn (again a whole tensor of candidates and of uniforms per round)."""
    if mean < a - 2 * std or mean > b + 2 * std:
        warnings.warn("mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The "
                      "distribution of values may be incorrect.", stacklevel=2)
    with no_grad():
        p = _norm_cdf((b - mean) / std) - _norm_cdf((a - mean) / std)
        if p > 0.3:
            # bounds in the tensor's dtype, so the mask agrees with the representable values
            lo = float(np.asarray(a, dtype=tensor._data.dtype))
            hi = float(np.asarray(b, dtype=tensor._data.dtype))
            result = tensor.normal_(mean, std, generator=generator)
            while True:
                mask = (result < lo) | (result > hi)
                if not mask.any():
                    break
                result = where(mask, empty_like(result).normal_(mean, std, generator=generator),
                               result)
            if result is not tensor:
                tensor.copy_(result)
            return tensor
        log_peak = -0.5 * ((max(a, min(mean, b)) - mean) / std) ** 2
        candidates = empty_like(tensor)
        accept_buf = empty_like(tensor)

        def rejected() -> Tensor:
            # log u > log(pdf(candidate) / pdf(mode)), computed in place on the candidates
            candidates.sub_(mean).div_(std).pow_(2).mul_(-0.5).sub_(log_peak)
            return accept_buf.uniform_(generator=generator).log_().gt(candidates)

        tensor.uniform_(a, b, generator=generator)
        candidates.copy_(tensor)
        pending = rejected()
        if pending.any():
            result = tensor
            while True:
                candidates.uniform_(a, b, generator=generator)
                result = where(pending, candidates, result)
                pending = where(pending, rejected(), pending)
                if not pending.any():
                    break
            tensor.copy_(result)
    return tensor


def eye_(tensor: Tensor) -> Tensor:
    if tensor.dim() != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    with no_grad():
        tensor.zero_()
        np.fill_diagonal(tensor._data, 1)
    return tensor


def dirac_(tensor: Tensor, groups: int = 1) -> Tensor:
    """A conv weight (out, in, *kernel) that copies input channels through unchanged: a 1 at
    the kernel's centre for out channel g*out_per_group + d and in channel d, zeros elsewhere."""
    dimensions = tensor.dim()
    if dimensions not in (3, 4, 5):
        raise ValueError("Only tensors with 3, 4, or 5 dimensions are supported")
    sizes = tensor.shape
    if sizes[0] % groups != 0:
        raise ValueError("dim 0 must be divisible by groups")
    out_chans_per_grp = sizes[0] // groups
    centre = tuple(s // 2 for s in sizes[2:])
    with no_grad():
        tensor.zero_()
        for g in range(groups):
            for d in range(min(out_chans_per_grp, sizes[1])):
                tensor._data[(g * out_chans_per_grp + d, d) + centre] = 1
    return tensor


def orthogonal_(tensor: Tensor, gain: float = 1, generator: object = None) -> Tensor:
    """A (semi-)orthogonal matrix, reshaped to the tensor, times gain: torch's algorithm (QR of a
    standard normal (rows, numel / rows) matrix, transposed when wide; Q's columns multiplied by
    the signs of R's diagonal so that Q is uniformly distributed), drawing from the same
    generator stream, so values match torch's after the same manual_seed."""
    if tensor.dim() < 2:
        raise ValueError("Only tensors with 2 or more dimensions are supported")
    if tensor.numel() == 0:
        return tensor
    rows = tensor.size(0)
    cols = tensor.numel() // rows
    flattened = empty((rows, cols), dtype=tensor.dtype).normal_(0, 1, generator=generator)._data
    if rows < cols:
        flattened = flattened.T
    q, r = np.linalg.qr(flattened)
    q = q * np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    with no_grad():
        tensor.copy_(as_tensor(q.astype(flattened.dtype)).view_as(tensor))
        tensor.mul_(gain)
    return tensor


def sparse_(tensor: Tensor, sparsity: float, std: float = 0.01, generator: object = None
            ) -> Tensor:
    """Normal(0, std) values with ceil(sparsity * rows) of each column's entries zeroed, the
    rows picked by one randperm per column (from the default generator, as torch does)."""
    if tensor.dim() != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    rows, cols = tensor.shape
    num_zeros = math.ceil(sparsity * rows)
    with no_grad():
        tensor.normal_(0, std, generator=generator)
        for col_idx in range(cols):
            zero_indices = randperm(rows)[:num_zeros]
            tensor[zero_indices, col_idx] = 0
    return tensor
