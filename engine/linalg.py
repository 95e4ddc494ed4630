"""`torch.linalg` subset: norms, inverse, determinant and linear solves, with gradients."""
from __future__ import annotations

import numpy as np

from engine.autograd.node import Node
from engine.ops import linalg as _products, vector_math
from engine.ops._core import Tensor, record, return_type, tensor_of, wrap
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


def _lu(a: np.ndarray) -> tuple[np.ndarray, float, int]:
    """LAPACK getrf on one square matrix, in its arithmetic: partial pivoting (the largest
    |entry|, first on ties), the column below the pivot scaled by the pivot's reciprocal, the
    trailing update fused (one rounding per entry). Returns U (L below it), the permutation's
    sign and getrf's `info`: the 1-based index of the first exactly zero pivot, or 0."""
    u = np.array(a, copy=True)
    n = u.shape[0]
    fused = vector_math.fma64 if u.dtype == np.float64 else vector_math.fma
    sign, info = 1.0, 0
    for k in range(n):
        p = k + int(np.argmax(np.abs(u[k:, k])))
        if p != k:
            u[[k, p]] = u[[p, k]]
            sign = -sign
        if u[k, k] == 0:
            info = info or k + 1
            continue
        col = u[k + 1:, k] * (u.dtype.type(1) / u[k, k])
        u[k + 1:, k] = col
        rows, row = np.broadcast_arrays(col[:, None], u[k, k + 1:])
        u[k + 1:, k + 1:] = np.asarray(fused(-rows, row, u[k + 1:, k + 1:]), dtype=u.dtype)
    return u, sign, info


def _first_zero_pivot(a: np.ndarray) -> int:
    return _lu(a)[2]


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
    if d.dtype.kind != "f" or d.dtype.itemsize < 4:
        from engine.nn.functional import _type_name

        if name == "eigh":
            raise NotImplementedError(
                f'"linalg_eigh_cpu" not implemented for \'{_type_name(x)}\'')
        if d.dtype.kind == "f":
            raise RuntimeError(f"linalg.{name}: Low precision dtypes not supported. Got "
                               f"{_type_name(x)}")
        raise RuntimeError(f"linalg.{name}: Expected a floating point or complex tensor as "
                           f"input. Got {_type_name(x)}")
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


def _pivots(d: np.ndarray):
    """For each matrix of the batch `d`: U's diagonal from getrf and the permutation's sign.
    torch's column-major LAPACK on row-major memory factors the transpose, so this does too."""
    for m in d.reshape((-1,) + d.shape[-2:]):
        u, sign, _ = _lu(m.T)
        yield np.diagonal(u), sign


def _det(d: np.ndarray) -> np.ndarray:
    """torch's det: the product of getrf's pivots, in order (numpy's det goes through logs and
    rounds otherwise: 5.000000000000001 for a det of 5)."""
    out = []
    for diagonal, sign in _pivots(d):
        value = diagonal[0] if len(diagonal) else d.dtype.type(1)
        for v in diagonal[1:]:
            value = value * v
        out.append(value * d.dtype.type(sign))
    return np.array(out, dtype=d.dtype).reshape(d.shape[:-2])


def det(x):
    x = _square(x, "det")
    t = record(LinalgDetBackward0, _det(x._data), (x,))
    if t.grad_fn is not None:
        t.grad_fn.save(x, t)
    return t


class LinalgSlogdetBackward0(Node):
    def backward(self, g):
        if self.args == "sign":  # piecewise constant
            return (None,)
        (x,) = self.saved
        return (g.unsqueeze(-1).unsqueeze(-1) * mT(inv(x)),)


_slogdet_result = return_type("linalg_slogdet", ("sign", "logabsdet"))
_torch_slogdet_result = return_type("slogdet", ("sign", "logabsdet"))


def slogdet(x, _result=_slogdet_result):
    """(sign, log|det|) from the same LU factors as det."""
    x = _square(x, "slogdet")
    d = x._data
    signs, logs = [], []
    for diagonal, sign in _pivots(d):
        signs.append(np.prod(np.sign(diagonal)) * sign)
        with np.errstate(divide="ignore"):
            logs.append(np.sum(np.log(np.abs(diagonal))))
    shape = d.shape[:-2]
    sign_t = record(LinalgSlogdetBackward0, np.array(signs, d.dtype).reshape(shape), (x,), None,
                    "sign")
    logabsdet = record(LinalgSlogdetBackward0, np.array(logs, d.dtype).reshape(shape), (x,), (x,))
    return _result(sign_t, logabsdet)


def logdet(x) -> Tensor:
    """log(det(x)): nan for a negative determinant, as torch's where over slogdet."""
    from engine.ops.select import where

    sign, logabsdet = slogdet(x)
    return where(sign == -1, float("nan"), logabsdet)


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
    if b._data.dtype != a._data.dtype:
        from engine.nn.functional import _type_name

        raise RuntimeError(f"linalg.solve: Expected A and B to have the same dtype, but found A of "
                           f"type {_type_name(a)} and B of type {_type_name(b)} instead")
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


class EighVectorsBackward(Node):
    def backward(self, g):
        from engine.creation import eye
        from engine.ops.select import where

        values, v = self.saved
        # torch's linalg_eig_backward (hermitian): V (skew(V^T gV) / E) V^T, E_ij = L_j - L_i
        vtg = _products.matmul(mT(v), g)
        gaps = values.unsqueeze(-2) - values.unsqueeze(-1)
        gaps = where(eye(gaps.shape[-1], dtype=gaps.dtype) == 1, 1.0, gaps)
        inner = (vtg - mT(vtg)) * 0.5 / gaps
        return (_products.matmul(_products.matmul(v, inner), mT(v)),)


EighVectorsBackward.__name__ = EighVectorsBackward.__qualname__ = "LinalgEighBackward0"
_eigh_result = return_type("linalg_eigh", ("eigenvalues", "eigenvectors"))


def _eigh(x, UPLO: str) -> tuple:
    x = _square(x, "eigh")
    if UPLO not in ("L", "U"):
        raise RuntimeError(f"Expected UPLO argument to be 'L' or 'U', but got {UPLO}")
    values, vectors = np.linalg.eigh(x._data, UPLO=UPLO)
    t = record(LinalgEighBackward0, values, (x,))
    if t.grad_fn is not None:
        t.grad_fn.save(wrap(vectors))
    return x, t, vectors


def eigvalsh(x, UPLO: str = "L") -> Tensor:
    """The eigenvalues of a symmetric matrix (only its `UPLO` triangle is read), ascending."""
    return _eigh(x, UPLO)[1]


def eigh(x, UPLO: str = "L"):
    """(eigenvalues ascending, eigenvectors as columns) of a symmetric matrix. The vectors'
    signs are LAPACK's (numpy's); torch's MKL may flip some columns."""
    x, values, vectors = _eigh(x, UPLO)
    v = record(EighVectorsBackward, vectors, (x,), (wrap(values._data), wrap(vectors)))
    return _eigh_result(values, v)
