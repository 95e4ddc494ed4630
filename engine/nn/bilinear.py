"""Bilinear layer and F.bilinear: y = x1^T A x2 + b, composed as torch composes it.

torch's bilinear flattens both inputs to 2-D (ViewBackward0), contracts them with the weight in
one `_trilinear` node (TrilinearBackward0), views the result back to the batch shape and adds
the bias (AddBackward0); this module records the same graph. The contraction is computed in
float64 and rounded once to the inputs' dtype.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from .. import Tensor, empty
from ..autograd.node import Node
from ..tensor import _C_TYPE_NAMES as _C_NAMES, record
from . import init
from .module import Module
from .parameter import Parameter


class TrilinearBackward0(Node):
    """out[b, o] = sum_ij x1[b, i] W[o, i, j] x2[b, j]: each input's gradient contracts the
    output gradient with the other two."""

    def backward(self, g):
        x1, w, x2 = self.saved
        nxt = self._next
        o, i, j = w.shape
        b = x1.shape[0]
        g1 = g2 = gw = None
        if nxt[0] is not None or nxt[2] is not None:
            gwt = g.matmul(w.reshape(o, i * j)).reshape(b, i, j)  # sum_o g[b, o] W[o]
            if nxt[0] is not None:
                g1 = gwt.matmul(x2.unsqueeze(-1)).squeeze(-1)
            if nxt[2] is not None:
                g2 = x1.unsqueeze(1).matmul(gwt).squeeze(1)
        if nxt[1] is not None:
            outer = (x1.unsqueeze(2) * x2.unsqueeze(1)).reshape(b, i * j)
            gw = g.t().matmul(outer).reshape(o, i, j)
        return g1, gw, g2


def _trilinear(x1: Tensor, weight: Tensor, x2: Tensor) -> Tensor:
    a, w, c = x1._data, weight._data, x2._data
    out = np.einsum("bi,oij,bj->bo", a.astype(np.float64), w.astype(np.float64),
                    c.astype(np.float64))
    return record(TrilinearBackward0, out.astype(a.dtype), (x1, weight, x2), (x1, weight, x2))


def bilinear(input1: Tensor, input2: Tensor, weight: Tensor,
             bias: Optional[Tensor] = None) -> Tensor:
    """y[..., o] = sum_ij input1[..., i] weight[o, i, j] input2[..., j] + bias[o], with torch's
    checks and messages."""
    if input1.dim() != input2.dim():
        raise RuntimeError(f"bilinear(): input dimensions do not match: got {input1.dim()} and "
                           f"{input2.dim()}")
    for d in range(input1.dim() - 1):
        if input1.shape[d] != input2.shape[d]:
            raise RuntimeError(f"bilinear(): input batch dimensions do not match at dim {d}: "
                               f"got {input1.shape[d]} and {input2.shape[d]}")
    if input1.shape[-1] != weight.shape[1]:
        raise RuntimeError(f"bilinear(): input1 size does not match weight size: got "
                           f"{input1.shape[-1]} but expected {weight.shape[1]}")
    if input2.shape[-1] != weight.shape[2]:
        raise RuntimeError(f"bilinear(): input2 size does not match weight size: got "
                           f"{input2.shape[-1]} but expected {weight.shape[2]}")
    if bias is not None and bias.shape[0] != weight.shape[0]:
        raise RuntimeError(f"bilinear(): bias size does not match weight size: got "
                           f"{bias.shape[0]} but expected {weight.shape[0]}")
    tensors = {"input1": input1, "input2": input2, "weight": weight}
    if bias is not None:
        tensors["bias"] = bias
    if len({t._data.dtype for t in tensors.values()}) > 1:
        raise RuntimeError("All tensors must have the same dtype, got " + ", ".join(
            f"{k}: {_C_NAMES.get(t._data.dtype.name, t._data.dtype.name)}"
            for k, t in tensors.items()))
    out_shape = tuple(input1.shape[:-1]) + (int(weight.shape[0]),)
    out = _trilinear(input1.reshape(-1, input1.shape[-1]), weight,
                     input2.reshape(-1, input2.shape[-1])).reshape(out_shape)
    return out if bias is None else out + bias


class Bilinear(Module):
    """y = x1^T A x2 + b, weight (out, in1, in2) and bias drawn uniform(+-1/sqrt(in1)) as in
    torch (weight first, then bias)."""

    def __init__(self, in1_features: int, in2_features: int, out_features: int,
                 bias: bool = True, device: object = None, dtype: object = None) -> None:
        super().__init__()
        self.in1_features = in1_features
        self.in2_features = in2_features
        self.out_features = out_features
        kwargs = {} if dtype is None else {"dtype": dtype}
        self.weight = Parameter(empty((out_features, in1_features, in2_features), **kwargs))
        if bias:
            self.bias = Parameter(empty(out_features, **kwargs))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        if self.in1_features <= 0:
            raise ValueError(f"in1_features must be > 0, but got "
                             f"(in1_features={self.in1_features})")
        bound = 1 / math.sqrt(self.weight.shape[1])
        init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input1: Tensor, input2: Tensor) -> Tensor:
        return bilinear(input1, input2, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (f"in1_features={self.in1_features}, in2_features={self.in2_features}, "
                f"out_features={self.out_features}, bias={self.bias is not None}")
