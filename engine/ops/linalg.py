"""Matrix products. `matmul` dispatches like PyTorch (dot, mv, mm, batched) so grad_fn names and
shape-mismatch messages match; each product's backward rule sits next to it."""
from __future__ import annotations

import numpy as np

from engine.autograd.node import Node
from engine.ops._core import record, tensor_of
from engine.ops.shape import SqueezeBackward4, expand, mT, reshape, squeeze, unsqueeze


def _shape_str(s: tuple) -> str:
    return "x".join(str(v) for v in s)


def _same_dtype(a, b, op: str):
    a, b = tensor_of(a), tensor_of(b)
    if a._data.dtype != b._data.dtype:
        raise RuntimeError(
            f"expected m1 and m2 to have the same dtype, but got: {_dt_name(a)} != {_dt_name(b)}"
            if op == "mm" else
            f"expected scalar type {_dt_name(a, True)} but found {_dt_name(b, True)}"
        )
    return a, b


def _dt_name(t, cap: bool = False) -> str:
    n = t.dtype.name
    if not cap:
        return {"float32": "float", "float64": "double", "int64": "long int"}.get(n, n)
    return {"float32": "Float", "float64": "Double", "int64": "Long"}.get(n, n.capitalize())


class DotBackward0(Node):
    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        return (g * b if nxt[0] is not None else None, g * a if nxt[1] is not None else None)


def dot(a, b):
    a, b = _same_dtype(a, b, "dot")
    ad, bd = a._data, b._data
    if ad.ndim != 1 or bd.ndim != 1:
        raise RuntimeError(
            f"1D tensors expected, but got {ad.ndim}D and {bd.ndim}D tensors"
        )
    if ad.shape != bd.shape:
        raise RuntimeError(
            f"inconsistent tensor size, expected tensor [{ad.shape[0]}] and src [{bd.shape[0]}] "
            f"to have the same number of elements, but got {ad.shape[0]} and {bd.shape[0]} "
            "elements respectively"
        )
    return record(DotBackward0, np.asarray(np.dot(ad, bd)), (a, b), (a, b))



class MmBackward0(Node):
    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        return (mm(g, mT(b)) if nxt[0] is not None else None,
                mm(mT(a), g) if nxt[1] is not None else None)


def mm(a, b):
    a, b = tensor_of(a), tensor_of(b)
    ad, bd = a._data, b._data
    if ad.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if bd.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    if ad.shape[1] != bd.shape[0]:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({_shape_str(ad.shape)} and "
            f"{_shape_str(bd.shape)})"
        )
    a, b = _same_dtype(a, b, "mm")
    return record(MmBackward0, np.matmul(ad, bd), (a, b), (a, b))


class MvBackward0(Node):
    def backward(self, g):
        m, v = self.saved
        nxt = self._next
        gm = mm(unsqueeze(g, 1), unsqueeze(v, 0)) if nxt[0] is not None else None
        gv = mv(mT(m), g) if nxt[1] is not None else None
        return gm, gv


def mv(m, v):
    m, v = tensor_of(m), tensor_of(v)
    md, vd = m._data, v._data
    if md.ndim != 2 or vd.ndim != 1:
        raise RuntimeError(
            f"vector + matrix @ vector expected, got {vd.ndim}, {md.ndim}, {vd.ndim}"
        )
    if md.shape[1] != vd.shape[0]:
        raise RuntimeError(
            f"size mismatch, got input ({md.shape[0]}), mat ({_shape_str(md.shape)}), "
            f"vec ({vd.shape[0]})"
        )
    m, v = _same_dtype(m, v, "mv")
    return record(MvBackward0, np.matmul(md, vd), (m, v), (m, v))


class BmmBackward0(Node):
    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        return (bmm(g, mT(b)) if nxt[0] is not None else None,
                bmm(mT(a), g) if nxt[1] is not None else None)


def bmm(a, b):
    a, b = tensor_of(a), tensor_of(b)
    ad, bd = a._data, b._data
    if ad.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    if bd.ndim != 3:
        raise RuntimeError("batch2 must be a 3D tensor")
    if ad.shape[0] != bd.shape[0] or ad.shape[2] != bd.shape[1]:
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: "
            f"[{ad.shape[0]}, {ad.shape[2]}] but got: [{bd.shape[0]}, {bd.shape[1]}]."
        )
    a, b = _same_dtype(a, b, "mm")
    return record(BmmBackward0, np.matmul(ad, bd), (a, b), (a, b))


class UnsafeViewBackward0(Node):
    """Broadcast batched matmul (PyTorch expands, bmm's, then views; the result's node is this)."""

    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        # Broadcast batch dimensions are summed back by the engine's central reduction.
        return (matmul(g, mT(b)) if nxt[0] is not None else None,
                matmul(mT(a), g) if nxt[1] is not None else None)


def matmul(a, b):
    """a @ b for every shape combination, dispatched as PyTorch does."""
    a, b = tensor_of(a), tensor_of(b)
    na, nb = a._data.ndim, b._data.ndim
    if na == 0 or nb == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {na}D and {nb}D"
        )
    if na == 1 and nb == 1:
        return dot(a, b)
    if na == 2 and nb == 1:
        return mv(a, b)
    if na == 1 and nb == 2:
        # PyTorch: unsqueeze(0) @ b then squeeze: the node is SqueezeBackward4 in torch.
        return squeeze(mm(unsqueeze(a, 0), b), 0, _node=SqueezeBackward4)
    if na == 2 and nb == 2:
        return mm(a, b)
    return _batched(a, b)


def _batched(a, b):
    ad, bd = a._data, b._data
    if ad.ndim == 1:
        return squeeze(_batched(unsqueeze(a, 0), b), -2)
    if bd.ndim == 1:
        return squeeze(_batched(a, unsqueeze(b, 1)), -1)
    if ad.shape[-1] != bd.shape[-2]:
        sa = (int(np.prod(ad.shape[:-1])), ad.shape[-1]) if bd.ndim == 2 else ad.shape
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({_shape_str(sa[-2:])} and "
            f"{_shape_str(bd.shape[-2:])})"
            if bd.ndim == 2 else
            f"Expected size for first two dimensions of batch2 tensor to be: "
            f"[{ad.shape[0]}, {ad.shape[-1]}] but got: [{bd.shape[0]}, {bd.shape[-2]}]."
        )
    try:
        np.broadcast_shapes(ad.shape[:-2], bd.shape[:-2])
    except ValueError:
        from engine.ops._core import broadcast_error

        raise broadcast_error(ad.shape[:-2], bd.shape[:-2]) from None
    a, b = _same_dtype(a, b, "mm")
    return record(UnsafeViewBackward0, np.matmul(ad, bd), (a, b), (a, b))


def outer(a, b):
    a, b = tensor_of(a), tensor_of(b)
    return reshape(a, (-1, 1)) * reshape(b, (1, -1))


def inner(a, b):
    a, b = tensor_of(a), tensor_of(b)
    if a._data.ndim == 1 and b._data.ndim == 1:
        return dot(a, b)
    return matmul(a, mT(b)) if b._data.ndim > 1 else matmul(a, b)



class EinsumBackward0(Node):
    def backward(self, g):
        subs, out_sub = self.args
        ops_ = self.saved
        grads = []
        for i, n in enumerate(self._next):
            if n is None:
                grads.append(None)
                continue
            others = [(s, t) for j, (s, t) in enumerate(zip(subs, ops_)) if j != i]
            present = "".join(c for c in subs[i]
                              if c in out_sub or any(c in s for s, _ in others))
            spec = ",".join([out_sub] + [s for s, _ in others]) + "->" + present
            gi = einsum(spec, g, *[t for _, t in others])
            # Letters only in this operand were summed out: broadcast the gradient back over them.
            shape = ops_[i]._data.shape
            gi = reshape(gi, tuple(shape[k] if c in present else 1 for k, c in enumerate(subs[i])))
            grads.append(expand(gi, shape))
        return tuple(grads)


def einsum(equation: str, *operands):
    """numpy-style einsum with explicit output ('ij,jk->ik'); differentiable when no operand
    repeats a letter and no '...' is used."""
    from engine.ops._core import tensor_of as _t

    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    ts = tuple(_t(o) for o in operands)
    eq = equation.replace(" ", "")
    out = np.einsum(eq, *[t._data for t in ts])
    lhs, _, rhs = eq.partition("->")
    subs = lhs.split(",")
    if not _ or "." in eq or any(len(set(s)) != len(s) for s in subs):
        from engine.tensor import wrap

        if any(t.requires_grad for t in ts):
            raise NotImplementedError(
                "einsum gradients need an explicit '->' output, no '...', and no letter repeated "
                "within one operand"
            )
        return wrap(np.asarray(out))
    return record(EinsumBackward0, np.asarray(out), ts, ts, (subs, rhs))
