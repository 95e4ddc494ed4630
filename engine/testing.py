"""`torch.testing`: assert_close (and the deprecated assert_allclose) with PyTorch's tolerances,
pairing rules and failure messages, which students use to compare their gradients with a
reference."""
from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Callable, Optional, Union

import numpy as np

from engine import dtypes
from engine.tensor import Tensor

# (rtol, atol) by dtype; integers and bools compare exactly.
_PRECISIONS = {np.dtype(np.float16): (1e-3, 1e-5), dtypes.F32: (1.3e-6, 1e-5),
               dtypes.F64: (1e-7, 1e-7)}

Message = Union[str, Callable[[str], str], None]


def assert_close(actual: Any, expected: Any, *, allow_subclasses: bool = True,
                 rtol: Optional[float] = None, atol: Optional[float] = None,
                 equal_nan: bool = False, check_device: bool = True, check_dtype: bool = True,
                 check_layout: bool = True, check_stride: bool = False,
                 msg: Message = None) -> None:
    """Raise AssertionError unless `actual` and `expected` (tensors, ndarrays, numbers, or
    sequences/mappings of them) match within |a - e| <= atol + rtol * |e|, elementwise."""
    if (rtol is None) != (atol is None):
        raise ValueError("Both 'rtol' and 'atol' must be either specified or omitted, but got no "
                         f"{'atol' if atol is None else 'rtol'}.")
    _compare(actual, expected, rtol, atol, equal_nan, check_dtype, msg, path="")


def assert_allclose(actual: Any, expected: Any, rtol: Optional[float] = None,
                    atol: Optional[float] = None, equal_nan: bool = True,
                    msg: str = "") -> None:
    """Deprecated since PyTorch 1.12: assert_close without dtype checks, with its old defaults."""
    warnings.warn("`torch.testing.assert_allclose()` is deprecated since 1.12 and will be removed "
                  "in a future release. Please use `torch.testing.assert_close()` instead. You can "
                  "find detailed upgrade instructions in "
                  "https://github.com/pytorch/pytorch/issues/61844.", FutureWarning, stacklevel=2)
    from engine.creation import as_tensor

    actual, expected = as_tensor(actual), as_tensor(expected)
    if rtol is None and atol is None:
        rtol, atol = _OLD_DEFAULTS.get(dtypes.result_type(actual._data, expected._data), (0, 0))
    assert_close(actual, expected, rtol=rtol, atol=atol, equal_nan=equal_nan,
                 check_dtype=False, msg=msg or None)


_OLD_DEFAULTS = {np.dtype(np.float16): (1e-3, 1e-3), dtypes.F32: (1e-4, 1e-5),
                 dtypes.F64: (1e-7, 1e-7)}


def _compare(actual, expected, rtol, atol, equal_nan, check_dtype, msg, path: str) -> None:
    tensor_like = (Tensor, np.ndarray)
    if isinstance(actual, tensor_like) and isinstance(expected, tensor_like):
        if isinstance(actual, Tensor) != isinstance(expected, Tensor):
            raise _no_pair(actual, expected)
        a = actual._data if isinstance(actual, Tensor) else actual
        e = expected._data if isinstance(expected, Tensor) else expected
        _compare_arrays(a, e, rtol, atol, equal_nan, check_dtype, msg, path)
    elif _is_number(actual) and _is_number(expected):
        _compare_numbers(actual, expected, rtol, atol, equal_nan, msg, path)
    elif isinstance(actual, Mapping) and isinstance(expected, Mapping):
        if set(actual) != set(expected):
            _fail(f"The keys of the mappings do not match:\nMissing keys in the actual mapping: "
                  f"{sorted(set(expected) - set(actual))}\nExtra keys in the actual mapping: "
                  f"{sorted(set(actual) - set(expected))}", None, path)
        for key in expected:
            _compare(actual[key], expected[key], rtol, atol, equal_nan, check_dtype, msg,
                     f"{path}[{key!r}]")
    elif _is_sequence(actual) and _is_sequence(expected):
        if len(actual) != len(expected):
            _fail(f"The length of the sequences mismatch: {len(actual)} != {len(expected)}",
                  None, path)
        for i, (a, e) in enumerate(zip(actual, expected)):
            _compare(a, e, rtol, atol, equal_nan, check_dtype, msg, f"{path}[{i}]")
    else:
        raise _no_pair(actual, expected)


def _no_pair(actual, expected) -> TypeError:
    return TypeError(f"No comparison pair was able to handle inputs of type {_type_of(actual)} "
                     f"and {_type_of(expected)}.")


def _type_of(x) -> str:
    return "<class 'torch.Tensor'>" if isinstance(x, Tensor) else str(type(x))


def _is_number(x) -> bool:
    return isinstance(x, (bool, int, float)) and not isinstance(x, np.generic) or \
        isinstance(x, np.number)


def _is_sequence(x) -> bool:
    return isinstance(x, Sequence) and not isinstance(x, str)


def _fail(text: str, msg: Message, path: str) -> None:
    if isinstance(msg, str):
        text = msg
    elif callable(msg):
        text = msg(text)
    if path and not isinstance(msg, str):
        text += f"\n\nThe failure occurred for item {path}"
    raise AssertionError(text)


def _tolerances(rtol, atol, *dts: np.dtype) -> tuple[float, float]:
    if rtol is not None:
        return rtol, atol
    pairs = [_PRECISIONS.get(dt, (0.0, 0.0)) for dt in dts]
    return max(p[0] for p in pairs), max(p[1] for p in pairs)


def _compare_arrays(a: np.ndarray, e: np.ndarray, rtol, atol, equal_nan, check_dtype, msg,
                    path: str) -> None:
    if a.shape != e.shape:
        _fail(f"The values for attribute 'shape' do not match: torch.Size({list(a.shape)}) != "
              f"torch.Size({list(e.shape)}).", msg, path)
    if a.dtype != e.dtype:
        if check_dtype:
            _fail(f"The values for attribute 'dtype' do not match: {_dtype_name(a.dtype)} != "
                  f"{_dtype_name(e.dtype)}.", msg, path)
        rtol, atol = _tolerances(rtol, atol, a.dtype, e.dtype)
        common = dtypes.result_type(a, e)
        a, e = a.astype(common), e.astype(common)
    else:
        rtol, atol = _tolerances(rtol, atol, a.dtype)
    matches = _isclose(a, e, rtol, atol, equal_nan)
    if matches.all():
        return
    if a.ndim == 0:
        _fail(_scalar_message(a.item(), e.item(), rtol, atol), msg, path)
    _fail(_tensor_message(a, e, matches, rtol, atol), msg, path)


def _isclose(a: np.ndarray, e: np.ndarray, rtol: float, atol: float,
             equal_nan: bool) -> np.ndarray:
    if a.dtype.kind not in "fc":
        return a == e if rtol == 0 and atol == 0 else \
            np.abs(a.astype(np.float64) - e) <= atol + rtol * np.abs(e.astype(np.float64))
    with np.errstate(invalid="ignore", over="ignore"):
        close = (a == e) | (np.abs(a - e) <= atol + rtol * np.abs(e))  # in the tensors' dtype
    if equal_nan:
        close |= np.isnan(a) & np.isnan(e)
    return close


def _tensor_message(a: np.ndarray, e: np.ndarray, matches: np.ndarray, rtol: float,
                    atol: float) -> str:
    total = matches.size
    wrong = total - int(matches.sum())
    if a.dtype.kind not in "fc":
        a, e = a.astype(np.int64), e.astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        abs_diff = np.abs(a - e).reshape(-1)
        abs_diff[matches.reshape(-1)] = 0
        rel_type = abs_diff.dtype if abs_diff.dtype.kind == "f" else dtypes.default_float()
        rel_diff = abs_diff.astype(rel_type) / np.abs(e).reshape(-1).astype(rel_type)
    rel_diff[matches.reshape(-1)] = 0
    i, j = _argmax_nan_first(abs_diff), _argmax_nan_first(rel_diff)
    return _mismatch_message(
        "Tensor-likes", f"Mismatched elements: {wrong} / {total} ({wrong / total:.1%})",
        [("absolute", abs_diff[i].item(), np.unravel_index(i, a.shape), atol),
         ("relative", rel_diff[j].item(), np.unravel_index(j, a.shape), rtol)],
        rtol, atol)


def _argmax_nan_first(x: np.ndarray) -> int:
    """torch.max's index: the first nan, else the first maximum."""
    nans = np.flatnonzero(np.isnan(x)) if x.dtype.kind == "f" else ()
    return int(nans[0]) if len(nans) else int(np.argmax(x))


def _scalar_message(actual, expected, rtol: float, atol: float) -> str:
    abs_diff = abs(actual - expected)
    rel_diff = float("inf") if expected == 0 else abs_diff / abs(expected)
    return _mismatch_message("Scalars", f"Expected {expected} but got {actual}.",
                             [("absolute", abs_diff, None, atol),
                              ("relative", rel_diff, None, rtol)],
                             rtol, atol)


def _mismatch_message(what: str, extra: str, diffs: list, rtol: float, atol: float) -> str:
    equality = rtol == 0 and atol == 0
    text = f"{what} are not {'equal' if equality else 'close'}!\n\n{extra}\n"
    for kind, diff, index, tol in diffs:
        if index is None:
            text += f"{kind.title()} difference: {diff}"
        else:
            text += f"Greatest {kind} difference: {diff} at index {tuple(int(i) for i in index)}"
        text += "" if equality else f" (up to {tol} allowed)"
        text += "\n"
    return text.strip()


def _compare_numbers(actual, expected, rtol, atol, equal_nan, msg, path: str) -> None:
    actual = actual.item() if isinstance(actual, np.generic) else actual
    expected = expected.item() if isinstance(expected, np.generic) else expected
    if type(actual) is not type(expected):
        _fail(f"The (d)types do not match: {type(actual)} != {type(expected)}.", msg, path)
    if rtol is None:
        rtol, atol = (1e-7, 1e-7) if isinstance(actual, float) else (0.0, 0.0)
    if actual == expected or (equal_nan and actual != actual and expected != expected):
        return
    if abs(actual - expected) <= atol + rtol * abs(expected):
        return
    _fail(_scalar_message(actual, expected, rtol, atol), msg, path)


def _dtype_name(nd: np.dtype) -> str:
    return repr(dtypes.from_numpy_dtype(nd))
