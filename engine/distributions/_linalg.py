"""The two factorisation ops the multivariate normal needs and engine.linalg lacks: Cholesky
and triangular solves, with PyTorch's backward rules (torch.linalg.cholesky, solve_triangular).
Computed in float64 and rounded to the dtype, where LAPACK's float32 result may differ in the
last bit."""
from __future__ import annotations

import numpy as np

from engine.autograd.node import Node
from engine.ops._core import F64, Tensor, record, tensor_of
from engine.ops.linalg import matmul
from engine.ops.shape import mT


def cholesky_info(a: np.ndarray) -> np.ndarray:
    """linalg.cholesky_ex's `info` per matrix of a batch: 0 when positive-definite, else the
    order of the first leading minor that is not."""
    flat = np.asarray(a, dtype=F64).reshape((-1,) + a.shape[-2:])
    info = np.zeros(len(flat), dtype=np.int32)
    for i, m in enumerate(flat):
        try:
            np.linalg.cholesky(m)
        except np.linalg.LinAlgError:
            order = next(k for k in range(1, m.shape[0] + 1)
                         if not _is_positive_definite(m[:k, :k]))
            info[i] = order
    return info.reshape(a.shape[:-2])


def _is_positive_definite(m: np.ndarray) -> bool:
    try:
        np.linalg.cholesky(m)
    except np.linalg.LinAlgError:
        return False
    return True


class LinalgCholeskyExBackward0(Node):
    def backward(self, g):
        (L,) = self.saved
        # A = L L^T: gA = sym(L^-T phi L^-1), phi = tril(L^T gL) with its diagonal halved
        phi = matmul(mT(L), g.tril()).tril()
        n = L._data.shape[-1]
        half_diag = tensor_of(np.where(np.eye(n, dtype=bool), 0.5, 1.0).astype(L._data.dtype))
        phi = phi * half_diag
        ga = solve_triangular(mT(L), mT(solve_triangular(mT(L), mT(phi), upper=True)), upper=True)
        return ((ga + mT(ga)) * 0.5,)


def cholesky(a) -> Tensor:
    """The lower Cholesky factor L of a symmetric positive-definite A = L L^T."""
    a = tensor_of(a)
    d = a._data
    info = cholesky_info(d)
    if info.any():
        k = int(info.reshape(-1)[np.flatnonzero(info.reshape(-1))[0]])
        where = ""
        if d.ndim > 2:
            where = f"(Batch element {int(np.flatnonzero(info.reshape(-1))[0])}): "
        from engine.linalg import LinAlgError

        raise LinAlgError(
            f"linalg.cholesky: {where}The factorization could not be completed because the input "
            f"is not positive-definite (the leading minor of order {k} is not positive-definite).")
    out = np.linalg.cholesky(d.astype(F64)).astype(d.dtype)
    t = record(LinalgCholeskyExBackward0, out, (a,))
    if t.grad_fn is not None:
        t.grad_fn.save(t)
    return t


class LinalgSolveTriangularBackward0(Node):
    def backward(self, g):
        a, x = self.saved
        upper, b_shape = self.args
        gb = solve_triangular(mT(a), g, upper=not upper)
        ga = None
        if self._next[0] is not None:
            ga = -matmul(gb, mT(x))
            ga = ga.triu() if upper else ga.tril()
        # the solve broadcast A's and B's batch dims: sum them out here, as matmul's rule does
        # (the engine would add an unreduced gradient to one of the input's own shape)
        if ga is not None and ga._data.shape != a._data.shape:
            ga = ga.sum_to_size(a._data.shape)
        if self._next[1] is None:
            gb = None
        elif gb._data.shape != b_shape:
            gb = gb.sum_to_size(b_shape)
        return ga, gb


def solve_triangular(a, b, *, upper: bool) -> Tensor:
    """X with A @ X = B for a triangular A (only its `upper` or lower triangle is read)."""
    a, b = tensor_of(a), tensor_of(b)
    ad = a._data
    tri = np.triu(ad) if upper else np.tril(ad)
    rt = np.result_type(ad.dtype, b._data.dtype)
    shape = np.broadcast_shapes(tri.shape[:-2], b._data.shape[:-2])
    lhs = np.broadcast_to(tri.astype(F64), shape + tri.shape[-2:])
    rhs = np.broadcast_to(b._data.astype(F64), shape + b._data.shape[-2:])
    out = np.linalg.solve(lhs, rhs).astype(rt)
    t = record(LinalgSolveTriangularBackward0, out, (a, b), None, (upper, b._data.shape))
    if t.grad_fn is not None:
        t.grad_fn.save(a, t)
    return t
