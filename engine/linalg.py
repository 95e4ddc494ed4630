"""`torch.linalg` subset: norms, inverse, determinant and linear solves, with gradients."""
from __future__ import annotations

import numpy as np

from engine.autograd.node import Node
from engine.ops import linalg as _products
from engine.ops._core import Tensor, record, tensor_of, wrap
from engine.ops.reduce import norm as _norm
from engine.ops.shape import mT


def vector_norm(x, ord=2, dim=None, keepdim: bool = False, dtype=None):
    """The `ord`-norm of all entries (or along `dim`)."""
    return _norm(x, p=ord, dim=dim, keepdim=keepdim)


def norm(x, ord=None, dim=None, keepdim: bool = False, dtype=None):
    """Vector 2-norm, or the Frobenius norm of a matrix when `ord` is None or 'fro'."""
    x = tensor_of(x)
    if ord is None or ord == "fro":
        return _norm(x, p=2, dim=dim, keepdim=keepdim)
    if x._data.ndim == 1 or isinstance(dim, int):
        return _norm(x, p=ord, dim=dim, keepdim=keepdim)
    raise NotImplementedError(
        f"linalg.norm with ord={ord!r} on matrices is not supported by the engine; use ord=None "
        "(Frobenius) or linalg.vector_norm"
    )


def matrix_norm(x, ord="fro", dim=(-2, -1), keepdim: bool = False):
    if ord != "fro":
        raise NotImplementedError("only the Frobenius matrix norm (ord='fro') is supported")
    return _norm(x, p=2, dim=dim, keepdim=keepdim)


def matrix_rank(x, *, atol=None, rtol=None, hermitian: bool = False):
    """The number of singular values above max(atol, rtol * the largest); by default rtol is
    the dtype's eps times the larger matrix dimension, and 0 once atol > 0 is given (torch)."""
    d = tensor_of(x)._data
    if d.dtype.kind != "f":
        raise RuntimeError("linalg.matrix_rank: Expected a floating point or complex tensor as "
                           f"input. Got {x.dtype.name.capitalize()}")
    s = np.abs(np.linalg.eigvalsh(d)) if hermitian else np.linalg.svd(d, compute_uv=False)
    if rtol is None:
        rtol = 0.0 if atol is not None and atol > 0 else np.finfo(d.dtype).eps * max(d.shape[-2:])
    largest = s.max(axis=-1, keepdims=True) if s.shape[-1] else np.zeros(s.shape[:-1] + (1,))
    tol = np.maximum(0.0 if atol is None else atol, rtol * largest)
    return wrap(np.asarray((s > tol).sum(axis=-1), dtype=np.int64))


class _LinAlgError(RuntimeError):
    """torch.linalg.LinAlgError (torch._C._LinAlgError): a RuntimeError for singular input."""


_LinAlgError.__module__ = "torch._C"
LinAlgError = _LinAlgError


def _first_zero_pivot(a: np.ndarray) -> int:
    """LAPACK getrf's `info` for one square matrix: the 1-based index of the first exactly zero
    diagonal element of U under partial pivoting (the largest |entry|, first on ties), or 0."""
    u = np.array(a, copy=True)
    n = u.shape[0]
    for k in range(n):
        p = k + int(np.argmax(np.abs(u[k:, k])))
        if u[p, k] == 0:
            return k + 1
        if p != k:
            u[[k, p]] = u[[p, k]]
        u[k + 1:, k:] -= np.outer(u[k + 1:, k] / u[k, k], u[k, k:])
    return 0


def _singular_error(d: np.ndarray) -> _LinAlgError:
    batch = d.reshape((-1,) + d.shape[-2:])
    for i, m in enumerate(batch):
        info = _first_zero_pivot(m)
        if info:
            where = f"(Batch element {i}): " if d.ndim > 2 else ""
            return _LinAlgError(
                f"linalg.inv: {where}The diagonal element {info} is zero, the inversion could not "
                "be completed because the input matrix is singular.")
    return _LinAlgError("linalg.inv: The inversion could not be completed because the input "
                        "matrix is singular.")


def _square(x, name: str):
    x = tensor_of(x)
    d = x._data
    if d.ndim < 2 or d.shape[-1] != d.shape[-2]:
        raise RuntimeError(
            f"linalg.{name}: A must be batches of square matrices, but they are "
            f"{d.shape[-2] if d.ndim >= 2 else 1} by {d.shape[-1] if d.ndim else 1} matrices"
        )
    return x


class LinalgInvExBackward0(Node):
    def backward(self, g):
        (r,) = self.saved
        rt = mT(r)
        return (-_products.matmul(_products.matmul(rt, g), rt),)


def inv(x):
    x = _square(x, "inv")
    try:
        out = np.linalg.inv(x._data)
    except np.linalg.LinAlgError:
        raise _singular_error(x._data) from None
    t = record(LinalgInvExBackward0, out, (x,))
    if t.grad_fn is not None:
        t.grad_fn.save(t)
    return t


class LinalgDetBackward0(Node):
    def backward(self, g):
        x, r = self.saved
        # d det(A) / dA = det(A) * inv(A)^T
        scale = (g * r).unsqueeze(-1).unsqueeze(-1)
        return (scale * mT(inv(x)),)


def det(x):
    x = _square(x, "det")
    t = record(LinalgDetBackward0, np.asarray(np.linalg.det(x._data)), (x,))
    if t.grad_fn is not None:
        t.grad_fn.save(x, t)
    return t


class LinalgSolveExBackward0(Node):
    def backward(self, g):
        a, r = self.saved
        vector = self.args
        gb = solve(mT(a), g)
        if vector:
            ga = -_products.outer(gb, r) if gb._data.ndim == 1 else \
                -_products.matmul(gb.unsqueeze(-1), r.unsqueeze(-2))
        else:
            ga = -_products.matmul(gb, mT(r))
        return (ga if self._next[0] is not None else None,
                gb if self._next[1] is not None else None)


def solve(a, b):
    """X with A @ X = B (B a vector or a matrix of right-hand sides)."""
    a = _square(a, "solve")
    b = tensor_of(b)
    vector = b._data.ndim == a._data.ndim - 1
    bd = b._data[..., None] if vector else b._data
    try:
        out = np.linalg.solve(a._data, bd)
    except np.linalg.LinAlgError:
        raise _LinAlgError(
            "torch.linalg.solve: The solver failed because the input matrix is singular."
        ) from None
    if vector:
        out = out[..., 0]
    t = record(LinalgSolveExBackward0, out, (a, b), None, vector)
    if t.grad_fn is not None:
        t.grad_fn.save(a, t)
    return t


class LinalgEighBackward0(Node):
    def backward(self, g):
        (v,) = self.saved
        # d(lambda_k) = v_k^T dA v_k, so the gradient is V diag(g) V^T
        return (_products.matmul(v * g.unsqueeze(-2), mT(v)),)


def eigvalsh(x, UPLO: str = "L") -> Tensor:
    """The eigenvalues of a symmetric matrix (only its `UPLO` triangle is read), ascending."""
    x = _square(x, "eigh")
    if UPLO not in ("L", "U"):
        raise RuntimeError(f"Expected UPLO argument to be 'L' or 'U', but got {UPLO}")
    values, vectors = np.linalg.eigh(x._data, UPLO=UPLO)
    t = record(LinalgEighBackward0, values, (x,))
    if t.grad_fn is not None:
        t.grad_fn.save(wrap(vectors))
    return t
