"""Matrix products. `matmul` dispatches like PyTorch (dot, mv, mm, batched) so grad_fn names and
shape-mismatch messages match; each product's backward rule sits next to it."""
from __future__ import annotations

import numpy as np

from engine.autograd.node import Node
from engine.ops._core import Tensor, record, tensor_of
from engine.ops.shape import SqueezeBackward4, expand, mT, reshape, squeeze, unsqueeze


def _shape_str(s: tuple) -> str:
    return "x".join(str(v) for v in s)


def _same_dtype(a, b, op: str):
    a, b = tensor_of(a), tensor_of(b)
    if a._data.dtype != b._data.dtype:
        raise RuntimeError(_DTYPE_MESSAGES.get(op, _DTYPE_MESSAGES["bmm"]).format(
            a=_dt_name(a), b=_dt_name(b), A=_dt_name(a, True), B=_dt_name(b, True)))
    return a, b


# PyTorch's wording per kernel (mv goes through addmv, whose output takes the vector's dtype)
_DTYPE_MESSAGES = {
    "mm": "expected m1 and m2 to have the same dtype, but got: {a} != {b}",
    "dot": "dot : expected both vectors to have same dtype, but found {A} and {B}",
    "mv": "addmv input tensors must have the same dtype, but got {B}, {A}, and {B}",
    "bmm": "expected scalar type {A} but found {B}",
}


def _dt_name(t, cap: bool = False) -> str:
    n = t.dtype.name
    if not cap:
        return {"float32": "float", "float64": "double", "int64": "long int"}.get(n, n)
    return {"float32": "Float", "float64": "Double", "int64": "Long"}.get(n, n.capitalize())


class DotBackward0(Node):
    saved_for = (1, 0)

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
    saved_for = (1, 0)

    def backward(self, g):
        a, b = self.saved
        nxt = self._next
        return (mm(g, mT(b)) if nxt[0] is not None else None,
                mm(mT(a), g) if nxt[1] is not None else None)


def mm(a, b):
    a, b = _checked_mm_operands(a, b)
    return record(MmBackward0, np.matmul(a._data, b._data), (a, b), (a, b))


def _checked_mm_operands(a, b) -> tuple:
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
    return _same_dtype(a, b, "mm")


class MvBackward0(Node):
    saved_for = (1, 0)

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
    saved_for = (1, 0)

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
    a, b = _same_dtype(a, b, "bmm")
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
            letters = "".join(dict.fromkeys(subs[i]))  # a repeated letter (a diagonal) once
            present = "".join(c for c in letters
                              if c in out_sub or any(c in s for s, _ in others))
            spec = ",".join([out_sub] + [s for s, _ in others]) + "->" + present
            gi = einsum(spec, g, *[t for _, t in others])
            # Letters only in this operand were summed out: broadcast the gradient back over them.
            shape = ops_[i]._data.shape
            sizes = {c: shape[k] for k, c in enumerate(subs[i])}
            gi = reshape(gi, tuple(sizes[c] if c in present else 1 for c in letters))
            gi = expand(gi, tuple(sizes[c] for c in letters))
            grads.append(gi if letters == subs[i] else _diagonal_scatter(gi, letters, subs[i]))
        return tuple(grads)


class DiagonalBackwardBackward0(Node):
    def backward(self, g):
        letters, sub = self.args
        return (einsum(sub + "->" + letters, g),)


def _diagonal_scatter(g, letters: str, sub: str):
    """Zeros shaped as the operand `sub` (which repeats letters), with `g` (indexed by the
    distinct `letters`) written on the diagonals the repeats describe."""
    gd = g._data
    sizes = dict(zip(letters, gd.shape))
    out = np.zeros(tuple(sizes[c] for c in sub), dtype=gd.dtype)
    np.einsum(sub + "->" + letters, out)[...] = gd  # einsum's diagonal of `out` is a view
    return record(DiagonalBackwardBackward0, out, (g,), None, (letters, sub))


def _implicit_output(lhs: str) -> str:
    """The output numpy and torch give an equation without '->': the letters used once, sorted."""
    counts: dict = {}
    for c in lhs.replace(",", ""):
        counts[c] = counts.get(c, 0) + 1
    return "".join(sorted(c for c, k in counts.items() if k == 1))


def _spell_out_ellipsis(subs: list, rhs: str | None, ts: tuple) -> tuple:
    """Replace '...' by letters the equation does not use (right-aligned, as numpy broadcasts
    it), expanding operands whose broadcast dimensions have size 1, so that the backward rule
    only sees letters. Returns (subs, rhs or None, operands, the letters '...' stands for)."""
    used = set("".join(subs) + (rhs or ""))
    free = [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" if c not in used]
    counts = [t._data.ndim - (len(s) - 3) if "..." in s else 0 for s, t in zip(subs, ts)]
    n = max(counts)
    letters = "".join(free[:n])
    sizes = [1] * n
    for s, t, k in zip(subs, ts, counts):
        lead = t._data.shape[s.index("..."):s.index("...") + k] if k else ()
        for j, size in enumerate(lead):
            sizes[n - k + j] = max(sizes[n - k + j], size)
    new_subs, new_ts = [], []
    for s, t, k in zip(subs, ts, counts):
        if "..." in s:
            at = s.index("...")
            s = s.replace("...", letters[n - k:])
            want = t._data.shape[:at] + tuple(sizes[n - k:]) + t._data.shape[at + k:]
            if want != t._data.shape:
                t = expand(t, want)
        new_subs.append(s)
        new_ts.append(t)
    return new_subs, None if rhs is None else rhs.replace("...", letters), tuple(new_ts), letters


def einsum(equation: str, *operands):
    """numpy-style einsum ('ij,jk->ik', 'ii->i', '...ij,...jk->...ik', implicit 'ij,jk'),
    differentiable: the gradient of each operand is an einsum of the output's gradient with the
    other operands."""
    from engine.ops._core import tensor_of as _t

    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    ts = tuple(_t(o) for o in operands)
    eq = equation.replace(" ", "")
    out = np.einsum(eq, *[t._data for t in ts])
    lhs, arrow, rhs = eq.partition("->")
    subs = lhs.split(",")
    if "." in eq:
        subs, rhs, ts, ell = _spell_out_ellipsis(subs, rhs if arrow else None, ts)
        if not arrow:  # numpy's implicit output puts the broadcast dimensions first
            rhs = ell + "".join(c for c in _implicit_output(",".join(subs)) if c not in ell)
    elif not arrow:
        rhs = _implicit_output(lhs)
    return record(_einsum_node(subs, rhs), np.asarray(out), ts, ts, (subs, rhs))


# torch's einsum is a composite: its result's grad_fn is the last op it ran. One operand is
# permuted into the output's order, then summed if letters are summed out; several operands are
# multiplied pairwise, through bmm and a final view when any letter is contracted or summed.
class _EinsumSum(EinsumBackward0):
    pass


class _EinsumPermute(EinsumBackward0):
    pass


class _EinsumView(EinsumBackward0):
    pass


class _EinsumMul(EinsumBackward0):
    pass


for _cls, _name in ((_EinsumSum, "SumBackward1"), (_EinsumPermute, "PermuteBackward0"),
                    (_EinsumView, "ViewBackward0"), (_EinsumMul, "MulBackward0")):
    _cls.__name__ = _cls.__qualname__ = _name


def _einsum_node(subs: list, out_sub: str) -> type:
    summed = any(c not in out_sub for s in subs for c in s)
    if len(subs) == 1:
        return _EinsumSum if summed else _EinsumPermute
    return _EinsumView if summed else _EinsumMul


class AddmmBackward0(Node):
    saved_for = (2, 1)

    def backward(self, g):
        m1, m2 = self.saved
        beta, alpha = self.args
        nxt = self._next
        gi = (g if beta == 1 else g * beta) if nxt[0] is not None else None
        g1 = _scaled(mm(g, mT(m2)), alpha) if nxt[1] is not None else None
        g2 = _scaled(mm(mT(m1), g), alpha) if nxt[2] is not None else None
        return gi, g1, g2


def _scaled(t, s):
    return t if s == 1 else t * s


def _add_scaled(product: np.ndarray, input: Tensor, beta, alpha) -> np.ndarray:
    """alpha * product + beta * input in the product's dtype, input broadcast to the product's
    shape; beta = 0 ignores input (nan included), as torch."""
    target = product.shape
    try:
        idata = np.broadcast_to(input._data, target)
    except ValueError:
        raise RuntimeError(
            f"The expanded size of the tensor ({target[-1]}) must match the existing size "
            f"({input._data.shape[-1]}) at non-singleton dimension {len(target) - 1}.  Target "
            f"sizes: {list(target)}.  Tensor sizes: {list(input._data.shape)}") from None
    out = _scaled(product, alpha)
    if beta != 0:
        out = out + _scaled(idata, beta)
    return np.asarray(out, dtype=product.dtype)


def addmm(input, mat1, mat2, *, beta=1, alpha=1) -> Tensor:  # noqa: A002 - torch's name
    """beta * input + alpha * (mat1 @ mat2), input broadcast to the product's shape (beta = 0
    ignores input, nan included)."""
    inp = tensor_of(input)
    m1, m2 = _checked_mm_operands(mat1, mat2)
    out = _add_scaled(np.matmul(m1._data, m2._data), inp, beta, alpha)
    return record(AddmmBackward0, out, (inp, m1, m2), (m1, m2), (beta, alpha))


class CdistBackward0(Node):
    def backward(self, g):
        from engine.ops.reduce import sum as _sum

        x1, x2, r = self.saved
        p = self.args
        pair = _cdist_pair_grad(unsqueeze(x1, -2) - unsqueeze(x2, -3), unsqueeze(r, -1), p)
        w = unsqueeze(g, -1) * pair  # (..., P, R, M)
        nxt = self._next
        return (_sum(w, -2) if nxt[0] is not None else None,
                -_sum(w, -3) if nxt[1] is not None else None)


def _cdist_pair_grad(diff, dist, p: float):
    """d dist / d x1 for each pair, as torch's _cdist_backward (0 where the distance is 0)."""
    from engine.ops.select import where
    from engine.ops.unary import abs as _abs, sign

    if p == 0:
        return diff * 0
    if p == 1:
        return sign(diff)
    zero = dist == 0
    safe = where(zero, 1.0, dist)
    if p == 2:
        return where(zero, 0.0, diff / safe)
    if p == float("inf"):
        return sign(diff) * (_abs(diff) == dist)
    a = _abs(diff)
    # |d|^(p-1) sign(d) / dist^(p-1), with |d| = 0 kept out of negative powers (p < 1)
    ratio = where(a == 0, 0.0, sign(diff) * (where(a == 0, 1.0, a) / safe) ** (p - 1))
    return where(zero, 0.0, ratio)


def cdist(x1, x2, p: float = 2.0,
          compute_mode: str = "use_mm_for_euclid_dist_if_necessary") -> Tensor:
    """Distances between the rows of x1 (..., P, M) and of x2 (..., R, M): (..., P, R)."""
    x1, x2 = tensor_of(x1), tensor_of(x2)
    _check_cdist(x1._data, x2._data, p)
    big = x1._data.shape[-2] > 25 or x2._data.shape[-2] > 25
    if p == 2 and (compute_mode == "use_mm_for_euclid_dist" or
                   (big and compute_mode == "use_mm_for_euclid_dist_if_necessary")):
        return _euclidean_dist_mm(x1, x2)
    diff = x1._data[..., :, None, :] - x2._data[..., None, :, :]
    a = np.abs(diff)
    if p == 0:
        out = np.sum(diff != 0, axis=-1).astype(diff.dtype)
    elif p == 1:
        out = np.sum(a, axis=-1)
    elif p == 2:
        out = np.sqrt(np.sum(diff * diff, axis=-1))
    elif p == float("inf"):
        out = np.max(a, axis=-1, initial=0)
    else:
        out = np.sum(a ** p, axis=-1) ** (1 / p)
    t = record(CdistBackward0, np.asarray(out, dtype=diff.dtype), (x1, x2), None, p)
    if t.grad_fn is not None:
        t.grad_fn.save(x1, x2, t)
    return t


def _check_cdist(d1: np.ndarray, d2: np.ndarray, p: float) -> None:
    for name, d in (("X1", d1), ("X2", d2)):
        if d.dtype.kind != "f":
            raise RuntimeError(f"cdist only supports floating-point dtypes, {name} got: "
                               f"{_dt_name_of(d.dtype)}")
    for name, d in (("X1", d1), ("X2", d2)):
        if d.ndim < 2:
            raise RuntimeError(f"cdist only supports at least 2D tensors, {name} got: {d.ndim}D")
    if d1.dtype != d2.dtype:
        raise RuntimeError(f"expected scalar type {_dt_name_of(d1.dtype)} but found "
                           f"{_dt_name_of(d2.dtype)}")
    if d1.shape[-1] != d2.shape[-1]:
        raise RuntimeError(f"X1 and X2 must have the same number of columns. X1: "
                           f"{d1.shape[-1]} X2: {d2.shape[-1]}")
    if p < 0:
        raise RuntimeError("cdist only supports non-negative p values")


def _dt_name_of(nd: np.dtype) -> str:
    return {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long",
            "int32": "Int", "bool": "Bool"}.get(nd.name, nd.name.capitalize())


def _euclidean_dist_mm(x1, x2):
    """torch's fast Euclidean path for more than 25 rows: |a|^2 + |b|^2 - 2ab through one matmul
    (its result and grad_fn, ViewBackward0, differ from the direct computation's)."""
    from engine.ops.join import cat
    from engine.ops.reduce import sum as _sum
    from engine.ops.select import clamp_min
    from engine.ops.unary import sqrt

    n1 = _sum(x1 * x1, -1, keepdim=True)
    n2 = _sum(x2 * x2, -1, keepdim=True)
    one1 = tensor_of(np.ones(n1._data.shape, dtype=n1._data.dtype))
    one2 = tensor_of(np.ones(n2._data.shape, dtype=n2._data.dtype))
    a = cat([x1 * -2, n1, one1], -1)
    b = cat([x2, one2, n2], -1)
    result = sqrt(clamp_min(matmul(a, mT(b)), 1e-30))
    return reshape(result, result._data.shape)
