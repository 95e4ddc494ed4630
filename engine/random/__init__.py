"""Random tensors with PyTorch's numbers: `torch.manual_seed(0); torch.randn(3)` gives what
PyTorch 2.13 gives, as do rand, randint, randperm, normal, bernoulli, dropout masks, shuffles
and the default initialisation of layers. `generator.py` is the engine (mt19937), `draws.py`
the transformations from its words to numbers; this module makes tensors of them.
"""
from __future__ import annotations

import contextlib
import math
from typing import Iterator, Optional

import numpy as np

from engine import dtypes
from engine.creation import size_arg
from engine.random import draws
from engine.random.generator import DEFAULT_SEED, Generator, default_generator, resolve
from engine.tensor import FACTORY_INT_GRAD_MESSAGE, Tensor, wrap

__all__ = [
    "DEFAULT_SEED", "Generator", "bernoulli", "default_generator", "fork_rng", "get_rng_state",
    "initial_seed", "manual_seed", "multinomial", "normal", "rand", "rand_like", "randint",
    "randint_like",
    "randn", "randn_like", "randperm", "seed", "set_rng_state",
]


# ---- the default generator -----------------------------------------------------------------

def manual_seed(seed: int) -> Generator:
    return default_generator.manual_seed(seed)


def seed() -> int:
    return default_generator.seed()


def initial_seed() -> int:
    return default_generator.initial_seed()


def get_rng_state() -> Tensor:
    return default_generator.get_state()


def set_rng_state(new_state: Tensor) -> None:
    default_generator.set_state(new_state)


@contextlib.contextmanager
def fork_rng(devices=None, enabled: bool = True, **unused) -> Iterator[None]:
    """Run a block and put the default generator back as it was."""
    if not enabled:
        yield
        return
    state = get_rng_state()
    try:
        yield
    finally:
        set_rng_state(state)


# ---- filling arrays (also used by Tensor.uniform_/normal_/bernoulli_ and nn.init) -----------

def uniform_array(shape: tuple, low: float = 0.0, high: float = 1.0, dtype=None,
                  generator: Optional[Generator] = None) -> np.ndarray:
    nd = _float_dtype(dtype)
    n = math.prod(shape)
    return draws.uniform(resolve(generator), n, low, high, nd).reshape(shape)


def normal_array(shape: tuple, mean: float = 0.0, std: float = 1.0, dtype=None,
                 generator: Optional[Generator] = None) -> np.ndarray:
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std}")
    nd = _float_dtype(dtype)
    return draws.normal(resolve(generator), math.prod(shape), mean, std, nd).reshape(shape)


def bernoulli_array(shape: tuple, p: float, generator: Optional[Generator] = None) -> np.ndarray:
    if not 0 <= p <= 1:
        raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={p}")
    return draws.bernoulli_scalar(resolve(generator), math.prod(shape), p).reshape(shape)


def _float_dtype(dtype) -> np.dtype:
    if dtype is None:
        return dtypes.default_float()
    nd = dtypes.to_numpy_dtype(dtype) if not isinstance(dtype, np.dtype) else dtype
    return nd if nd.kind == "f" else dtypes.default_float()


# ---- factories -----------------------------------------------------------------------------

def _finish(arr: np.ndarray, requires_grad: bool) -> Tensor:
    t = wrap(arr)
    if requires_grad:
        t._set_requires_grad(True, FACTORY_INT_GRAD_MESSAGE)
    return t


def _check_float(dtype, fn: str) -> np.dtype:
    nd = dtypes.default_float() if dtype is None else dtypes.to_numpy_dtype(dtype)
    if nd.kind != "f":
        raise NotImplementedError(f'"{fn}" not implemented for \'{_type_name(nd)}\'')
    return nd


def _type_name(nd: np.dtype) -> str:
    return {"int64": "Long", "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte",
            "bool": "Bool"}.get(nd.name, nd.name)


def rand(*size, dtype=None, device=None, requires_grad: bool = False,
         generator: Optional[Generator] = None, **unused) -> Tensor:
    nd = _check_float(dtype, "check_uniform_bounds")
    return _finish(uniform_array(size_arg(size, "rand"), 0.0, 1.0, nd, generator), requires_grad)


def randn(*size, dtype=None, device=None, requires_grad: bool = False,
          generator: Optional[Generator] = None, **unused) -> Tensor:
    nd = _check_float(dtype, "normal_kernel_cpu")
    return _finish(normal_array(size_arg(size, "randn"), 0.0, 1.0, nd, generator), requires_grad)


def rand_like(x: Tensor, dtype=None, requires_grad: bool = False, **unused) -> Tensor:
    return rand(x._data.shape, dtype=dtype or x.dtype, requires_grad=requires_grad)


def randn_like(x: Tensor, dtype=None, requires_grad: bool = False, **unused) -> Tensor:
    return randn(x._data.shape, dtype=dtype or x.dtype, requires_grad=requires_grad)


_RANDINT_REST = ("Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, "
                 "torch.device device = None, bool pin_memory = False, bool requires_grad = False)")
_RANDINT_OVERLOADS = (
    "randint() received an invalid combination of arguments - got (int, int, int), but expected "
    "one of:\n" + "".join(
        f" * ({args}, *, {gen}{_RANDINT_REST}\n"
        for args in ("int high, tuple of ints size", "int low, int high, tuple of ints size")
        for gen in ("torch.Generator generator, ", "")))


def randint(low, high=None, size=None, *, dtype=None, device=None, requires_grad: bool = False,
            generator: Optional[Generator] = None, **unused) -> Tensor:
    """randint(high, size) or randint(low, high, size): integers in [low, high), int64."""
    three = size is not None
    if size is None:
        low, high, size = 0, low, high
    if size is None:
        raise TypeError("randint() missing 1 required positional arguments: \"size\"")
    if isinstance(size, int):  # torch's parser wants a tuple of ints
        if not three:
            raise TypeError("randint(): argument 'size' (position 2) must be tuple of ints, "
                            "not int")
        raise TypeError(_RANDINT_OVERLOADS)
    low, high = int(low), int(high)
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= "
                           f"to={high}")
    shape = size_arg((size,), "randint")
    values = draws.integers(resolve(generator), math.prod(shape), low, high).reshape(shape)
    nd = dtypes.I64 if dtype is None else dtypes.to_numpy_dtype(dtype)
    return _finish(values.astype(nd), requires_grad)


def randint_like(x: Tensor, low: int, high: Optional[int] = None, *, dtype=None,
                 **unused) -> Tensor:
    if high is None:
        low, high = 0, low
    return randint(low, high, x._data.shape, dtype=dtype or x.dtype)


def randperm(n: int, *, generator: Optional[Generator] = None, dtype=None, device=None,
             requires_grad: bool = False, **unused) -> Tensor:
    n = int(n)
    if n < 0:
        raise RuntimeError(f"Trying to create tensor with negative dimension {n}: [{n}]")
    nd = dtypes.I64 if dtype is None else dtypes.to_numpy_dtype(dtype)
    return _finish(draws.permutation(resolve(generator), n).astype(nd), requires_grad)


def normal(mean, std=1.0, size=None, *, generator: Optional[Generator] = None,
           requires_grad: bool = False, **unused) -> Tensor:
    """torch.normal: numbers give a tensor of `size`; tensors a draw per element, made as
    PyTorch does (standard normals, then `* std + mean` in the tensors' dtype)."""
    from engine.ops import add, mul

    if not isinstance(mean, Tensor) and not isinstance(std, Tensor):
        if size is None:
            raise TypeError("normal() received an invalid combination of arguments: a size is "
                            "needed when mean and std are numbers")
        shape = size_arg((size,), "normal")
        return _finish(normal_array(shape, float(mean), float(std), None, generator),
                       requires_grad)
    like = mean if isinstance(mean, Tensor) else std
    shape = np.broadcast_shapes(np.shape(getattr(mean, "_data", mean)),
                                np.shape(getattr(std, "_data", std)))
    nd = like._data.dtype
    if not isinstance(std, Tensor):  # a tensor mean and a number std: N(0, std) + mean
        out = wrap(normal_array(shape, 0.0, float(std), nd, generator))
        return add(out, mean.detach())
    if (std._data < 0).any():
        raise RuntimeError("normal expects all elements of std >= 0.0")
    out = mul(wrap(normal_array(shape, 0.0, 1.0, nd, generator)), std.detach())
    return add(out, mean.detach() if isinstance(mean, Tensor) else mean)


def bernoulli(p: Tensor, *, generator: Optional[Generator] = None, **unused) -> Tensor:
    """torch.bernoulli(p): 1 with probability p per element, in p's dtype."""
    d = p._data
    if ((d < 0) | (d > 1)).any():
        raise RuntimeError("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could "
                           "this error message be improved?  If so, please report an enhancement "
                           "request to PyTorch.)")
    return wrap(draws.bernoulli_tensor(resolve(generator), d).astype(d.dtype))


def multinomial(input: Tensor, num_samples: int, replacement: bool = False, *,
                generator: Optional[Generator] = None, **unused) -> Tensor:
    """Category indices drawn from each row of (unnormalised) probabilities, as PyTorch draws
    them: several with replacement by inverting the cumulative distribution, otherwise as the
    top `num_samples` of p / Exp(1) (the exponential race)."""
    d = input._data
    if d.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if d.dtype.kind != "f":
        raise RuntimeError(f"multinomial only supports floating-point dtypes for input, got: "
                           f"{_type_name(d.dtype)}")
    if not replacement and num_samples > d.shape[-1]:
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without "
                           "replacement")
    if num_samples <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    rows = d.reshape(-1, d.shape[-1])
    if not np.isfinite(rows).all() or (rows < 0).any():
        raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
    if (rows.sum(-1) <= 0).any():
        raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
    gen = resolve(generator)
    if replacement and num_samples > 1:  # one sample takes PyTorch's fast path: the race
        out = draws.categories_with_replacement(gen, rows, int(num_samples))
    else:
        race = rows / draws.exponential(gen, rows.size, 1.0).astype(d.dtype).reshape(rows.shape)
        out = np.argsort(-race, axis=-1, kind="stable")[:, :num_samples]
    return wrap(out.reshape(d.shape[:-1] + (int(num_samples),)))
