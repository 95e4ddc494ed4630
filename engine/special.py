"""torch.special: the special-function namespace, mostly the engine's ops under scipy-style
names (expit is sigmoid, gammaln is lgamma, psi is digamma), plus the functions only
torch.special has (entr, ndtr, log_ndtr, ndtri, xlog1py, i1, gammainc, gammaincc), from ops.special_functions."""
from __future__ import annotations

from engine.ops import (  # noqa: F401
    erf, erfc, exp2, expm1, log1p, logit, logsumexp, round, sinc, xlogy,
)
from engine.ops.special_functions import (  # noqa: F401
    digamma, entr, erfinv, gammainc, gammaincc, i0, i1, lgamma as gammaln, log_ndtr,
    mvlgamma as multigammaln, ndtr, ndtri, polygamma, xlog1py,
)
from engine.ops.unary import sigmoid as expit  # noqa: F401
from engine.tensor import Tensor

psi = digamma

__all__ = [
    "digamma", "entr", "erf", "erfc", "erfinv", "exp2", "expit", "expm1", "gammainc", "gammaincc",
    "gammaln", "i0", "i1",
    "log1p", "log_ndtr", "log_softmax", "logit", "logsumexp", "multigammaln", "ndtr", "ndtri",
    "polygamma", "psi", "round", "sinc", "softmax", "xlog1py", "xlogy",
]


def softmax(input: Tensor, dim: int, *, dtype: object = None) -> Tensor:
    """Softmax along `dim` (required here, unlike nn.functional.softmax)."""
    from engine.nn.functional import softmax as _softmax

    return _softmax(input, dim, dtype=dtype)


def log_softmax(input: Tensor, dim: int, *, dtype: object = None) -> Tensor:
    """Log-softmax along `dim` (required here, unlike nn.functional.log_softmax)."""
    from engine.nn.functional import log_softmax as _log_softmax

    return _log_softmax(input, dim, dtype=dtype)
