"""Strict parser of the result channel: the only bytes from the child the judge interprets.

Accepted: exactly the schema harness.py writes, ASCII JSON, no NaN/Infinity literals (non-finite
numbers come as the strings "nan", "inf", "-inf", accepted only in number positions), no duplicate
keys, shapes consistent with data, sizes capped. Everything else raises ChannelError, which the
parent reports as SV. No pickle, no eval: json.loads with hooks, then explicit checks.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import numpy as np

from .job import ProbeValue

CHILD_STATUSES = ("OK", "CE", "RE", "MLE")
MAX_TEXT = 20_000      # characters of any error text
MAX_NDIM = 64          # numpy 2's limit
_NONFINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


class ChannelError(ValueError):
    """The result channel does not hold a well-formed answer."""


@dataclass
class ChildResult:
    status: str
    error: str = ""
    values: dict[str, ProbeValue] = field(default_factory=dict)
    probe_errors: dict[str, str] = field(default_factory=dict)


def parse(data: bytes, probe_names: set[str]) -> ChildResult:
    try:
        text = data.decode("ascii")
        obj = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ChannelError(f"result channel is not valid JSON ({type(exc).__name__}: {str(exc)[:200]})") from None
    _keys(obj, {"status", "error", "probes", "probe_errors"}, "result")
    status = obj["status"]
    if status not in CHILD_STATUSES:
        raise ChannelError(f"unknown status {str(status)[:40]!r}")
    result = ChildResult(status=status, error=_text(obj["error"], "error"))
    probes, errors = obj["probes"], obj["probe_errors"]
    if not isinstance(probes, dict) or not isinstance(errors, dict):
        raise ChannelError("probes and probe_errors must be objects")
    for name, value in probes.items():
        _known(name, probe_names)
        result.values[name] = _probe_value(value, name)
    for name, message in errors.items():
        _known(name, probe_names)
        if name in result.values:
            raise ChannelError(f"probe {name!r} has both a value and an error")
        result.probe_errors[name] = _text(message, f"probe_errors[{name!r}]")
    return result


def _no_duplicates(pairs: list) -> dict:
    out = {}
    for key, value in pairs:
        if key in out:
            raise ChannelError(f"duplicate key {key[:40]!r}")
        out[key] = value
    return out


def _reject_constant(name: str) -> float:
    raise ChannelError(f"bare {name} is not allowed (non-finite numbers are sent as strings)")


def _keys(obj: object, expected: set[str], where: str) -> None:
    if not isinstance(obj, dict) or set(obj) != expected:
        got = sorted(obj)[:10] if isinstance(obj, dict) else type(obj).__name__
        raise ChannelError(f"{where} must have exactly the keys {sorted(expected)}, got {got}")


def _known(name: str, probe_names: set[str]) -> None:
    if name not in probe_names:
        raise ChannelError(f"answer for a probe that was not asked: {name[:40]!r}")


def _text(value: object, where: str) -> str:
    """The text, with lone surrogates (valid in JSON escapes, not in UTF-8) made printable: a
    program can raise NameError("\\ud800"), and the judge must still write it out."""
    if not isinstance(value, str):
        raise ChannelError(f"{where} must be a string")
    return value[:MAX_TEXT].encode("utf-8", "backslashreplace").decode("utf-8")


def _probe_value(value: object, name: str) -> ProbeValue:
    if isinstance(value, dict) and set(value) == {"tuple"}:
        items = value["tuple"]
        if not isinstance(items, list) or not items:
            raise ChannelError(f"probe {name!r}: tuple must be a non-empty list")
        return tuple(_array(item, name) for item in items)
    return _array(value, name)


def _array(value: object, name: str) -> np.ndarray:
    _keys(value, {"shape", "data"}, f"probe {name!r}")
    shape, data = value["shape"], value["data"]
    if (not isinstance(shape, list) or len(shape) > MAX_NDIM
            or not all(type(n) is int and n >= 0 for n in shape)):
        raise ChannelError(f"probe {name!r}: shape must be a list of at most {MAX_NDIM} non-negative ints")
    if not isinstance(data, list) or len(data) != math.prod(shape):
        raise ChannelError(f"probe {name!r}: data must be a list of {math.prod(shape)} numbers for shape {shape}")
    numbers = []
    for x in data:
        if type(x) is float or type(x) is int:
            numbers.append(x)
        elif type(x) is str and x in _NONFINITE:
            numbers.append(_NONFINITE[x])
        else:
            raise ChannelError(f"probe {name!r}: data holds a non-number ({type(x).__name__})")
    try:
        return np.array(numbers, dtype=np.float64).reshape(shape)
    except OverflowError:
        raise ChannelError(f"probe {name!r}: an integer is too large for float64") from None
    except ValueError:  # an empty array with dimensions numpy cannot index (2**63 - 1)
        raise ChannelError(f"probe {name!r}: shape {shape[:8]} is not a valid array shape") from None
