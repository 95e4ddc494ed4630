"""Tensor's operators and math methods: thin bindings to `engine.ops`, plus in-place variants.

Kept apart from tensor.py so that file stays about the Tensor's own state. Op functions take the
tensor as their first argument, so most are bound directly as methods (no wrapper frame on the
hot path).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from engine import dtypes, ops
from engine.autograd.grad_mode import STATE, no_grad
from engine.ops._core import tensor_of
from engine.autograd.node import AccumulateGrad, Node
from engine.ops.select import zero_grad
from engine.ops.index import CopyBackwards, FillBackward3
from engine.ops.index import (LEAF_INPLACE_MESSAGE, VIEW_OF_LEAF_INPLACE_MESSAGE,
                              write_through_view)
from engine.ops.quantile import nanquantile, quantile
from engine.ops.reduce import logcumsumexp, mode
from engine.ops.index import cummin, index_add, index_copy, index_fill, masked_scatter
from engine.ops.shape import unfold
from engine.ops.unary import float_power_
from engine.ops import more_functions
from engine.tensor import bump_version, record

if TYPE_CHECKING:
    from engine.tensor import Tensor

# Methods that are the op function itself: x.exp() is ops.exp(x).
_METHODS = """
add sub mul div pow neg abs exp log log1p log2 log10 expm1 sqrt rsqrt sin cos tan tanh sigmoid
relu asin acos atan sinh cosh erf sign floor ceil trunc round frac reciprocal square
sum mean prod var std norm max min amax amin aminmax bincount histc argmax argmin logsumexp cumsum all any
matmul mm mv dot bmm outer inner reshape view flatten unflatten transpose permute squeeze
unsqueeze expand expand_as broadcast_to sum_to_size flip clone view_as maximum minimum clamp
clamp_min clamp_max masked_fill diag eq ne lt le gt ge logical_and logical_or logical_not
logical_xor isnan isinf isfinite remainder fmod floor_divide allclose isclose equal gather index_select t
split chunk unbind sort topk median kthvalue cummax msort nonzero tril triu argsort unique repeat nan_to_num
scatter scatter_add masked_select take logit diff trace cumprod diagonal narrow movedim
repeat_interleave roll tile lerp atan2 nansum nanmean addmm dist
acosh asinh atanh arccosh arcsinh arctanh exp2 erfc deg2rad rad2deg sinc hypot logaddexp
logaddexp2 xlogy copysign heaviside fmax fmin float_power addcmul addcdiv
cross vdot addmv addr addbmm baddbmm matrix_power cov corrcoef take_along_dim reshape_as
split_with_sizes unique_consecutive argwhere count_nonzero
lgamma digamma erfinv i0 mvlgamma
tensor_split nanmedian renorm rot90 kron
""".split()

_ALIASES = {
    "subtract": "sub", "multiply": "mul", "divide": "div", "true_divide": "div",
    "negative": "neg", "absolute": "abs", "arcsin": "asin", "arccos": "acos", "arctan": "atan",
    "clip": "clamp", "greater": "gt", "less": "lt", "greater_equal": "ge", "less_equal": "le",
    "not_equal": "ne", "swapaxes": "transpose", "arctan2": "atan2", "moveaxis": "movedim",
}


def _rsub(self, other):
    if isinstance(other, np.ndarray):
        return ops.sub(other, self)
    return ops.rsub(self, other)


def _rdiv(self, other):
    if isinstance(other, np.ndarray):
        return ops.div(other, self)
    return ops.rdiv(self, other)


def _floordiv(self, other):
    return ops.div(self, other, rounding_mode="floor")


def _rfloordiv(self, other):
    return ops.div(other, self, rounding_mode="floor")


def _rremainder(self, other):
    return ops.remainder(other, self)


def _softmax(self, dim: int, dtype=None):
    from engine.nn.functional import softmax

    return softmax(self, dim, dtype=dtype) if dtype is not None else softmax(self, dim)


def _log_softmax(self, dim: int, dtype=None):
    from engine.nn.functional import log_softmax

    return log_softmax(self, dim, dtype=dtype) if dtype is not None else log_softmax(self, dim)


def _where(self, condition, other):
    return ops.where(condition, self, other)


def _operator(fn):
    """A binary operator: NotImplemented for operands torch does not accept (str, list, None,
    ...), so Python tries the other operand and then raises its usual TypeError."""
    from engine.tensor import Tensor

    accepted = (Tensor, np.ndarray, np.generic, complex)

    def method(self, other):
        c = other.__class__
        if c is Tensor or c is float or c is int or c is bool or isinstance(other, accepted):
            return fn(self, other)
        return NotImplemented

    method.__name__ = getattr(fn, "__name__", "operator")
    return method


# ---------------------------------------------------------------- in-place variants

def _check_inplace(self) -> None:
    if STATE.enabled and self._rg:
        fn = self.grad_fn
        if fn is None:
            raise RuntimeError(LEAF_INPLACE_MESSAGE)
        while fn.name() in _VIEW_NODES:  # a chain of views down to a leaf that requires grad
            fn = fn._next[0]
            if fn.__class__ is AccumulateGrad:
                raise RuntimeError(VIEW_OF_LEAF_INPLACE_MESSAGE)
            if fn is None:
                break
    if 0 in self._data.strides and any(
            st == 0 and n > 1 for st, n in zip(self._data.strides, self._data.shape)):
        raise RuntimeError(
            "unsupported operation: more than one element of the written-to tensor refers to a "
            "single memory location. Please clone() the tensor before performing the operation.")


# Nodes of ops whose result is a view of their input (in PyTorch's sense: same storage).
_VIEW_NODES = frozenset((
    "ViewBackward0", "TransposeBackward0", "TransposeBackward1", "TBackward0", "PermuteBackward0",
    "SqueezeBackward0", "SqueezeBackward1", "SqueezeBackward2", "SqueezeBackward3",
    "SqueezeBackward4", "UnsqueezeBackward0", "ExpandBackward0", "SelectBackward0",
    "SliceBackward0", "AsStridedBackward0", "AliasBackward0", "UnfoldBackward0",
    "SplitBackward0", "SplitWithSizesBackward0", "UnbindBackward0", "DiagonalBackward0"))


def _write(self, r):
    """Store result `r` into `self`: in place when no graph is involved, else rebind `self`
    to the recorded result (no version counters: saved tensors are not checked)."""
    nd = self._data.dtype
    rd = r._data
    if dtypes._category(rd.dtype) > dtypes._category(nd):
        raise RuntimeError(
            f"result type {_type_name(rd.dtype)} can't be cast to the desired output type "
            f"{_type_name(nd)}"
        )
    bump_version(self)
    if r._rg and STATE.enabled:
        base = self._view_base
        if (base is not None and rd.shape == self._data.shape and self._data.flags.writeable
                and np.shares_memory(self._data, base._data) and write_through_view(self, r)):
            return self
        self._data = rd.astype(nd, copy=False) if rd.dtype != nd else rd
        if self._data.shape != rd.shape:
            raise _shape_error(self, rd)
        self.grad_fn = r.grad_fn if rd.dtype == nd else ops.cast(r, nd).grad_fn
        self._rg = True
        return self
    if rd.shape != self._data.shape:
        try:
            rd = np.broadcast_to(rd, self._data.shape)
        except ValueError:
            raise _shape_error(self, rd) from None
    if not self._data.flags.writeable:
        self._data = self._data.copy()
    np.copyto(self._data, rd, casting="unsafe")
    return self


def _shape_error(self, rd) -> RuntimeError:
    return RuntimeError(
        f"output with shape {list(self._data.shape)} doesn't match the broadcast shape "
        f"{list(np.broadcast_shapes(self._data.shape, rd.shape))}"
        if _broadcastable(self._data.shape, rd.shape) else
        f"The size of tensor a ({self._data.shape}) must match the size of tensor b ({rd.shape})"
    )


def _broadcastable(a, b) -> bool:
    try:
        np.broadcast_shapes(a, b)
        return True
    except ValueError:
        return False


def _type_name(nd: np.dtype) -> str:
    return {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long",
            "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte",
            "bool": "Bool"}[nd.name]


def _inplace(fn):
    def method(self, *args, **kwargs):
        _check_inplace(self)
        if STATE.enabled and self._rg:
            # The op may save its inputs for backward: give it a stand-in for the old value,
            # since `self` is about to be rebound to the result.
            old = _alias(self)
            args = tuple(old if a is self else a for a in args)
            return _write(self, fn(old, *args, **kwargs))
        return _write(self, fn(self, *args, **kwargs))

    method.__name__ = fn.__name__ + "_"
    return method


def _alias(t):
    from engine.tensor import wrap

    # a view's new values are written into its memory (see ops.index.write_through_view): the
    # stand-in keeps a copy of the old ones
    a = wrap(t._data if t._view_base is None else t._data.copy())
    a.grad_fn, a._rg = t.grad_fn, t._rg
    return a


def _linalg_method(name: str):
    def method(self):
        import engine  # defined after Tensor: looked up at call time

        return getattr(engine, name)(self)

    method.__name__ = name
    return method


def polygamma(self, n: int):
    """x.polygamma(n) is torch.polygamma(n, x): the order comes first in the function."""
    return ops.polygamma(n, self)


class ZeroBackward0(Node):
    """zero_() of a tensor in a graph: its old values get no gradient."""

    def backward(self, g):
        return (zero_grad(g),)


class FillBackward2(ZeroBackward0):
    """fill_(number)."""


def zero_(self):
    return _fill(self, 0, ZeroBackward0)


def fill_(self, value):
    return _fill(self, value, FillBackward2)


def _fill(self, value, node_cls):
    _check_inplace(self)
    if hasattr(value, "_data") and value._data.ndim:
        raise RuntimeError("fill_ only supports 0-dimension value tensor but got tensor with "
                           f"{value._data.ndim} dimensions.")
    d = self._data
    if STATE.enabled and (self._rg or getattr(value, "_rg", False)):
        if hasattr(value, "_data"):  # a 0-dim tensor: it receives the summed gradient
            r = record(FillBackward3, np.full(d.shape, value._data, dtype=d.dtype),
                       (self, value), None, _whole(d))
        else:
            r = record(node_cls, np.full(d.shape, value, dtype=d.dtype), (self,))
        return _write(self, r)
    if not d.flags.writeable:
        self._data = d = d.copy()
    d[...] = value._data if hasattr(value, "_data") else value
    bump_version(self)
    return self


def _whole(d: np.ndarray) -> tuple:
    """CopySlices' arguments for a write over the whole tensor (every old value replaced)."""
    return d.shape, (Ellipsis,), False, np.zeros(d.shape, dtype=d.dtype), False


def copy_(self, src, non_blocking: bool = False):
    _check_inplace(self)
    src = tensor_of(src)
    with no_grad():  # torch's broadcast check and message; the copy is recorded below
        r = ops.expand(ops.cast(src, self._data.dtype), self._data.shape)
    if STATE.enabled and (self._rg or src._rg):
        r = record(CopyBackwards, np.array(r._data), (self, src), None, _whole(self._data))
    return _write(self, r)


def normal_(self, mean: float = 0.0, std: float = 1.0, *, generator=None):
    from engine.random import normal_array

    _check_inplace(self)
    return _write_random(self, normal_array(self._data.shape, mean, std, self._data.dtype,
                                            generator))


def uniform_(self, a: float = 0.0, b: float = 1.0, *, generator=None):
    from engine.random import uniform_array

    _check_inplace(self)
    return _write_random(self, uniform_array(self._data.shape, a, b, self._data.dtype, generator))


def bernoulli_(self, p=0.5, *, generator=None):
    from engine.random import bernoulli_array, draws, resolve

    _check_inplace(self)
    if hasattr(p, "_data"):  # a tensor of probabilities
        return _write_random(self, draws.bernoulli_tensor(resolve(generator), np.broadcast_to(
            p._data, self._data.shape)))
    return _write_random(self, bernoulli_array(self._data.shape, float(p), generator))


def exponential_(self, lambd: float = 1.0, *, generator=None):
    from engine.random import draws, resolve

    _check_inplace(self)
    values = draws.exponential(resolve(generator), self._data.size, float(lambd))
    return _write_random(self, values.reshape(self._data.shape))


def _multinomial(self, num_samples: int, replacement: bool = False, *, generator=None):
    from engine.random import multinomial

    return multinomial(self, num_samples, replacement, generator=generator)


def random_(self, low: int = 0, high=None, *, generator=None):
    """Integers in [low, high); random_(high) draws from [0, high); random_() from 0 to the
    largest value the dtype holds exactly."""
    from engine.random import draws, resolve

    _check_inplace(self)
    gen = resolve(generator)
    if high is None and low == 0:
        values = draws.dtype_range(gen, self._data.size, self._data.dtype)
    else:
        low, high = (0, low) if high is None else (low, high)
        values = draws.integers(gen, self._data.size, int(low), int(high))
    return _write_random(self, values.reshape(self._data.shape))


def _bernoulli(self, p=None, *, generator=None):
    from engine.random import bernoulli

    if p is None:
        return bernoulli(self, generator=generator)
    return ops.clone(self).detach().bernoulli_(p, generator=generator)


def _write_random(self, arr):
    from engine.tensor import wrap

    with no_grad():
        return _write(self, wrap(arr.astype(self._data.dtype)))


def select(self, dim: int, index: int) -> "Tensor":
    """x.select(dim, i): x indexed by the integer i at `dim` (a SelectBackward0 view)."""
    from engine.tensor import _wrap_dim

    return ops.getitem(self, (slice(None),) * _wrap_dim(dim, self._data.ndim) + (index,))


def _new_factory(kind: str):
    def method(self, *args, dtype=None, device=None, requires_grad: bool = False, **kw):
        from engine import creation

        dt = self.dtype if dtype is None else dtype
        if kind == "tensor":
            return creation.tensor(args[0], dtype=dt, requires_grad=requires_grad)
        fn = getattr(creation, kind)
        return fn(*args, dtype=dt, requires_grad=requires_grad, **kw)

    method.__name__ = "new_" + kind
    return method


def install(cls) -> dict:
    """Attach operators and methods to Tensor; return numpy-ufunc-name -> op for __array_ufunc__."""
    for name in _METHODS:
        setattr(cls, name, getattr(ops, name))
    for alias, name in _ALIASES.items():
        setattr(cls, alias, getattr(ops, name))
    cls.T = property(ops.T)
    cls.mT = property(ops.mT)
    cls.where = _where
    for name in ("det", "inverse", "logdet", "slogdet"):  # torch.linalg's, as methods
        setattr(cls, name, _linalg_method(name))
    cls.softmax = _softmax
    cls.log_softmax = _log_softmax
    cls.__add__ = _operator(ops.add)
    # commutative: PyTorch records the tensor as the first input
    cls.__radd__ = _operator(ops.add)
    cls.__sub__ = _operator(ops.sub)
    cls.__rsub__ = _operator(_rsub)
    cls.__mul__ = _operator(ops.mul)
    cls.__rmul__ = _operator(ops.mul)
    cls.__truediv__ = _operator(ops.div)
    cls.__rtruediv__ = _operator(_rdiv)
    cls.__floordiv__ = _operator(_floordiv)
    cls.__rfloordiv__ = _operator(_rfloordiv)
    cls.__mod__ = _operator(ops.remainder)
    cls.__rmod__ = _operator(_rremainder)
    cls.__pow__ = _operator(ops.pow)
    cls.__rpow__ = _operator(ops.rpow)
    cls.__matmul__ = _operator(ops.matmul)
    cls.__rmatmul__ = _operator(lambda self, other: ops.matmul(other, self))
    cls.__neg__ = ops.neg
    cls.__pos__ = lambda self: self
    cls.__abs__ = ops.abs
    cls.__invert__ = ops.bitwise_not
    cls.__and__ = _operator(ops.bitwise_and)
    cls.__rand__ = _operator(lambda self, other: ops.bitwise_and(other, self))
    cls.__or__ = _operator(ops.bitwise_or)
    cls.__ror__ = _operator(lambda self, other: ops.bitwise_or(other, self))
    cls.__xor__ = _operator(ops.bitwise_xor)
    cls.__rxor__ = _operator(lambda self, other: ops.bitwise_xor(other, self))
    cls.__eq__ = _operator(ops.eq)  # other operands (None, str, ...) compare by identity
    cls.__ne__ = _operator(ops.ne)
    cls.__lt__ = _operator(ops.lt)
    cls.__le__ = _operator(ops.le)
    cls.__gt__ = _operator(ops.gt)
    cls.__ge__ = _operator(ops.ge)
    cls.__getitem__ = ops.getitem
    cls.__setitem__ = ops.setitem

    for name in ("add", "sub", "mul", "div", "pow", "neg", "abs", "exp", "log", "sqrt", "sin",
                 "cos", "tanh", "sigmoid", "relu", "clamp", "clamp_min", "clamp_max",
                 "masked_fill", "reciprocal", "floor", "ceil", "round", "sign", "square",
                 "log1p", "expm1", "trunc", "nan_to_num"):
        setattr(cls, name + "_", _inplace(getattr(ops, name)))
    cls.true_divide_ = cls.div_
    cls.clip_ = cls.clamp_
    cls.remainder_ = _inplace(ops.remainder)
    cls.fmod_ = _inplace(ops.fmod)
    cls.scatter_ = _inplace(ops.scatter)
    cls.scatter_add_ = _inplace(ops.scatter_add)
    for name in ("logit", "cumprod", "lerp", "atan2", "addmm"):
        setattr(cls, name + "_", _inplace(getattr(ops, name)))
    for name in ("acosh", "asinh", "atanh", "arccosh", "arcsinh", "arctanh", "exp2", "erfc",
                 "deg2rad", "rad2deg", "sinc", "hypot", "xlogy", "copysign", "heaviside",
                 "addcmul", "addcdiv", "addmv", "addr", "addbmm", "baddbmm"):
        setattr(cls, name + "_", _inplace(getattr(ops, name)))
    for name in ("lgamma", "digamma", "erfinv", "i0", "mvlgamma"):
        setattr(cls, name + "_", _inplace(getattr(ops, name)))
    cls.polygamma = polygamma
    cls.polygamma_ = _inplace(polygamma)
    cls.float_power_ = float_power_
    cls.arctan2_ = cls.atan2_
    cls.__iadd__ = cls.add_
    cls.__isub__ = cls.sub_
    cls.__imul__ = cls.mul_
    cls.__itruediv__ = cls.div_
    cls.__ipow__ = cls.pow_
    cls.__imatmul__ = _inplace(ops.matmul)
    cls.zero_ = zero_
    cls.fill_ = fill_
    cls.copy_ = copy_
    for name in ("unsqueeze_", "squeeze_", "t_", "transpose_", "resize_"):
        setattr(cls, name, getattr(more_functions, name))
    cls.normal_ = normal_
    cls.select = select
    cls.quantile = quantile
    cls.nanquantile = nanquantile
    cls.mode = mode
    cls.unfold = unfold
    cls.cummin = cummin
    cls.logcumsumexp = logcumsumexp
    for fn in (index_add, index_copy, index_fill, masked_scatter):
        setattr(cls, fn.__name__, fn)
        setattr(cls, fn.__name__ + "_", _inplace(fn))
    cls.uniform_ = uniform_
    cls.bernoulli_ = bernoulli_
    cls.random_ = random_
    cls.exponential_ = exponential_
    cls.multinomial = _multinomial
    cls.bernoulli = _bernoulli
    for kind in ("tensor", "zeros", "ones", "full", "empty"):
        setattr(cls, "new_" + kind, _new_factory(kind))

    return {
        "add": ops.add, "subtract": ops.sub, "multiply": ops.mul, "true_divide": ops.div,
        "divide": ops.div, "power": ops.pow, "matmul": ops.matmul, "negative": ops.neg,
        "absolute": ops.abs, "exp": ops.exp, "log": ops.log, "sqrt": ops.sqrt, "sin": ops.sin,
        "cos": ops.cos, "tan": ops.tan, "tanh": ops.tanh, "log1p": ops.log1p,
        "expm1": ops.expm1, "maximum": ops.maximum, "minimum": ops.minimum, "equal": ops.eq,
        "not_equal": ops.ne, "less": ops.lt, "less_equal": ops.le, "greater": ops.gt,
        "greater_equal": ops.ge, "floor_divide": lambda a, b: ops.div(a, b, rounding_mode="floor"),
    }
