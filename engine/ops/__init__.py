"""The op table: every differentiable function, by topic. Each module keeps an op's forward
next to its backward rule."""
import warnings

# PyTorch produces inf/nan silently where numpy warns (log(0), 1/0, overflow). Silence numpy's
# floating-point warnings raised from engine code only: students' own numpy keeps its warnings,
# and no per-op np.errstate context is paid on the hot path.
warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"engine\.")
from engine.ops.arith import (  # noqa: F401
    add, atan2, div, floor_divide, fmod, lerp, mul, neg, pow, pow_scalar, pow_tensor, rdiv,
    reciprocal, remainder, rpow, rsub, square, sub,
)
from engine.ops.index import (  # noqa: F401
    argsort, cummax, gather, getitem, index_select, kthvalue, masked_select, median, msort,
    nonzero, scatter, scatter_add, setitem, sort, take, topk, unique,
)
from engine.ops.join import (  # noqa: F401
    cat, chunk, concat, concatenate, hstack, split, stack, unbind, vstack,
)
from engine.ops.linalg import (  # noqa: F401
    addmm, bmm, cdist, dot, einsum, inner, matmul, mm, mv, outer,
)
from engine.ops.reduce import (  # noqa: F401
    all, amax, amin, aminmax, any, argmax, argmin, bincount, count_nonzero, cumprod, cumsum, dist,
    histc, logsumexp, max, mean, min, nansum, norm, prod, std, std_mean, sum, trace, var, var_mean,
)
from engine.ops.select import (  # noqa: F401
    allclose, bitwise_and, bitwise_not, bitwise_or, bitwise_xor, clamp, clamp_max, clamp_min,
    eq, equal, ge, gt, isclose, le, logical_and, logical_not, logical_or, logical_xor, lt,
    masked_fill, maximum, minimum, ne, tril, triu, where,
)
from engine.ops.shape import (  # noqa: F401
    T, broadcast_to, cast, clone, contiguous, diag, diagonal, repeat, expand, expand_as, flatten,
    flip, mT, permute, reshape, roll, squeeze, sum_to_size, t, transpose, unflatten, unsqueeze,
    view, view_as,
)
from engine.ops.unary import (  # noqa: F401
    abs, acos, asin, atan, ceil, cos, cosh, erf, exp, expm1, floor, frac, isfinite, isinf,
    isnan, log, log1p, log2, log10, logit, nan_to_num, relu, round, rsqrt, sigmoid, sign, sin, sinh,
    sqrt, tan,
    tanh, trunc,
)
from engine.ops.unary import (  # noqa: F401
    acosh, addcdiv, addcmul, arccosh, arcsinh, arctanh, asinh, atanh, copysign, deg2rad, erfc,
    exp2, float_power, fmax, fmin, heaviside, hypot, logaddexp, logaddexp2, rad2deg, sinc, xlogy,
)
from engine.ops.products import (  # noqa: F401
    addbmm, addmv, addr, argwhere, baddbmm, broadcast_shapes, broadcast_tensors, corrcoef, cov,
    cross, isin, linalg_cross, matrix_power, reshape_as, split_with_sizes, take_along_dim,
    torch_range, unique_consecutive, vdot,
)
from engine.ops.composite import (  # noqa: F401
    diff, meshgrid, movedim, nanmean, narrow, repeat_interleave, tile,
)
from engine.ops.special_functions import (  # noqa: F401
    digamma, erfinv, i0, lgamma, mvlgamma, polygamma,
)
from engine.ops.more_functions import (  # noqa: F401
    block_diag, cartesian_prod, cumulative_trapezoid, kron, nanmedian, renorm, rot90,
    tensor_split, trapezoid, trapz, vander,
)
