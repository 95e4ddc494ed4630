"""engine: a numpy autograd engine with a PyTorch-compatible API (`import engine as torch`)."""
import math as _math

from engine import autograd  # noqa: F401
from engine.autograd.anomaly_mode import is_anomaly_enabled  # noqa: F401
from engine.autograd.grad_mode import (  # noqa: F401
    enable_grad, inference_mode, is_grad_enabled, is_inference_mode_enabled, no_grad,
    set_grad_enabled,
)
from engine.creation import (  # noqa: F401
    arange, as_tensor, empty, empty_like, eye, from_numpy, full, full_like, linspace, logspace,
    ones, ones_like, scalar_tensor, tensor, zeros, zeros_like,
)
from engine.dtypes import (  # noqa: F401
    bool, double, dtype, finfo, float, float16, float32, float64, get_default_dtype, half, iinfo,
    int, int8, int16, int32, int64, long, promote_types, set_default_dtype, short, uint8,
)
from engine.gradcheck import gradcheck, gradgradcheck  # noqa: F401
from engine.ops import (  # noqa: F401
    abs, acos, add, all, allclose, amax, amin, aminmax, any, argmax, argmin, argsort, asin, atan,
    bincount, dist, histc,
    bitwise_and,
    bitwise_not, bitwise_or, bitwise_xor, bmm, broadcast_to, cat, ceil, clamp, clamp_max,
    chunk, clamp_min, clone, concat, concatenate, cos, cummax, diag, einsum, kthvalue, median,
    msort, nonzero, sort, split, topk, tril,
    triu, unbind, cosh, count_nonzero, cumsum, div, dot, eq,
    equal, erf, exp, expm1, flatten, flip, floor, floor_divide, fmod, frac, remainder, gather, ge, gt, hstack, index_select,
    inner, isclose, isfinite, isinf, isnan, nan_to_num, le, log, log1p, log2, log10, logical_and,
    logical_not, logical_or, logical_xor, logsumexp, lt, masked_fill, matmul, max, maximum,
    mean, min, minimum, mm, mul, mv, ne, neg, norm, outer, permute, pow, prod, reciprocal, relu,
    reshape, round, rsqrt, sigmoid, sign, sin, sinh, sqrt, square, squeeze, stack, std, sub,
    sum, t, tan, tanh, transpose, trunc, unflatten, unique, unsqueeze, var, vstack, where,
)
from engine.ops import (  # noqa: F401
    addmm, atan2, cdist, cumprod, diagonal, diff, lerp, logit, masked_select, meshgrid, movedim,
    nanmean, nansum, narrow, repeat_interleave, roll, scatter, scatter_add, std_mean, take, tile,
    trace, var_mean,
)
from engine.ops import (  # noqa: F401
    acosh, addcdiv, addcmul, arccosh, arcsinh, arctanh, asinh, atanh, copysign, deg2rad, erfc,
    exp2, float_power, fmax, fmin, heaviside, hypot, logaddexp, logaddexp2, rad2deg, sinc, xlogy,
)
from engine.ops import (  # noqa: F401
    addbmm, addmv, addr, argwhere, baddbmm, broadcast_shapes, broadcast_tensors, corrcoef, cov,
    cross, isin, matrix_power, take_along_dim, unique_consecutive, vdot,
)
from engine.ops import torch_range as range  # noqa: F401,A001 - torch.range
from engine.ops.quantile import nanquantile, quantile  # noqa: F401
from engine.ops.special_functions import (  # noqa: F401
    digamma, erfinv, i0, lgamma, mvlgamma, polygamma,
)
from engine.ops.more_functions import (  # noqa: F401
    block_diag, cartesian_prod, cumulative_trapezoid, kron, nanmedian, renorm, rot90,
    tensor_split, trapezoid, trapz, vander,
)
from engine.ops.reduce import logcumsumexp, mode  # noqa: F401
from engine.ops.index import (  # noqa: F401
    bucketize, cummin, index_add, index_copy, index_fill, masked_scatter, searchsorted,
)
from engine.random import (  # noqa: F401
    Generator, bernoulli, get_rng_state, initial_seed, manual_seed, multinomial, normal, rand,
    rand_like, randint, randint_like, randn, randn_like, randperm, seed, set_rng_state,
)
from engine.tensor import Size, Tensor, device  # noqa: F401

# The PyTorch release whose behaviour the engine reproduces: `print(torch.__version__)` in course
# code, and version checks such as `torch.__version__ >= "2"`.
__version__ = "2.13.0+cpu"

# Constants PyTorch exposes (torch.nan in a mask, torch.pi in a formula).
nan, inf, pi, e = _math.nan, _math.inf, _math.pi, _math.e
newaxis = None

# Aliases PyTorch also exposes at top level.
clip = clamp
absolute = abs
negative = neg
multiply = mul
divide = true_divide = div
subtract = sub
arcsin, arccos, arctan, arctan2 = asin, acos, atan, atan2
moveaxis = movedim
swapaxes = transpose
greater, less, greater_equal, less_equal, not_equal = gt, lt, ge, le, ne


def is_tensor(obj) -> bool:
    return isinstance(obj, Tensor)


def result_type(tensor, other) -> dtype:
    """The dtype an operation on these two operands (tensors or numbers) computes in."""
    from engine import dtypes

    return dtypes.from_numpy_dtype(dtypes.result_type(tensor, other))


def numel(x: Tensor) -> int:
    return x.numel()


def is_floating_point(x: Tensor) -> bool:
    return x.is_floating_point()


def detach(x: Tensor) -> Tensor:
    return x.detach()


class cuda:
    """No GPU: `torch.cuda.is_available()` is False so course code picks the CPU."""

    @staticmethod
    def is_available() -> bool:
        return False

    @staticmethod
    def device_count() -> int:
        return 0

    @staticmethod
    def manual_seed(seed: int) -> None:
        pass

    manual_seed_all = manual_seed


def _legacy_tensor_type(nd):
    class _Legacy(Tensor):
        """torch.FloatTensor([1, 2]) etc.: a constructor returning a plain Tensor of one dtype."""

        legacy_dtype = nd

        def __new__(cls, *args):
            return Tensor(*args, dtype=nd)

    return _Legacy


FloatTensor = _legacy_tensor_type(float32)
DoubleTensor = _legacy_tensor_type(float64)
LongTensor = _legacy_tensor_type(int64)
IntTensor = _legacy_tensor_type(int32)
BoolTensor = _legacy_tensor_type(bool)


# Loaded on first use so `import engine` stays fast for scalar exercises: submodules, and
# names defined in a module that is not needed to run ops (name -> defining module).
_LAZY_SUBMODULES = ("nn", "optim", "linalg", "printing", "graphviz", "utils", "func", "testing", "backends", "version",
                     "special", "distributions")
_LAZY_NAMES = {
    "softmax": "engine.nn.functional",  # torch.softmax is nn.functional's, also top level
    "log_softmax": "engine.nn.functional",
    "set_printoptions": "engine.printing",
    # convolution and pooling functions torch also exposes at top level
    "conv1d": "engine.ops.conv", "conv2d": "engine.ops.conv", "max_pool1d": "engine.ops.conv",
    "max_pool2d": "engine.ops.conv", "avg_pool1d": "engine.ops.conv",
    "adaptive_avg_pool1d": "engine.ops.conv",
    "vmap": "engine.func",
    "save": "engine.serialization",
    "load": "engine.serialization",
    **dict.fromkeys(("get_num_threads", "set_num_threads", "get_num_interop_threads",
                     "set_num_interop_threads", "use_deterministic_algorithms",
                     "are_deterministic_algorithms_enabled", "set_float32_matmul_precision",
                     "get_float32_matmul_precision", "set_default_device", "get_default_device",
                     "is_nonzero", "is_complex", "typename", "compile"), "engine.runtime"),
}


def __getattr__(name: str):
    import importlib

    if name in _LAZY_NAMES:
        value = getattr(importlib.import_module(_LAZY_NAMES[name]), name)
        globals()[name] = value  # later lookups (torch.softmax in a loop) skip this hook: ~2 us
        return value
    if name in _LAZY_SUBMODULES:
        return importlib.import_module("engine." + name)
    raise AttributeError(f"module 'engine' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | set(_LAZY_NAMES) | set(_LAZY_SUBMODULES))


def inverse(x: Tensor) -> Tensor:
    from engine import linalg

    return linalg.inv(x)


def det(x: Tensor) -> Tensor:
    from engine import linalg

    return linalg.det(x)


def logdet(x: Tensor) -> Tensor:
    from engine import linalg

    return linalg.logdet(x)


def slogdet(x: Tensor):
    from engine import linalg

    return linalg.slogdet(x, linalg._torch_slogdet_result)
