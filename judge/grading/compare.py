"""Tolerance rules: exact shapes, finite values, norm-wise or element-wise closeness.

A scalar is a 0-d array, so `max|s - r| <= max(atol, rtol*max|r|)` reduces to the scalar rule
`|s - r| <= max(atol, rtol*|r|)`. -0.0 equals 0.0 because the arithmetic does.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from judge.problem.schema import Tolerance


@dataclass(frozen=True)
class Comparison:
    ok: bool
    reason: str = ""                  # "", "shape", "nonfinite", "value"
    index: tuple[int, ...] = ()       # the worst entry (or the first non-finite one)
    got: float = 0.0
    expected: float = 0.0
    error: float = 0.0                # |s - r| at the worst entry
    bound: float = 0.0                # what that error had to stay under

    @property
    def rel_error(self) -> float:
        return self.error / abs(self.expected) if self.expected else float("inf")


def compare(got: np.ndarray, expected: np.ndarray, tol: Tolerance) -> Comparison:
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if got.shape != expected.shape:
        return Comparison(False, "shape")
    bad = ~np.isfinite(got)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        return Comparison(False, "nonfinite", index, float(got[index]), float(expected[index]))
    if got.size == 0:
        return Comparison(True)
    diff = np.abs(got - expected)
    if tol.mode == "elementwise":
        bounds = np.maximum(tol.atol, tol.rtol * np.abs(expected))
        excess = diff / bounds
    else:
        bounds = np.full(expected.shape, max(tol.atol, tol.rtol * float(np.max(np.abs(expected)))))
        excess = diff
    index = np.unravel_index(int(np.argmax(excess)), expected.shape)
    index = tuple(int(i) for i in index)
    ok = bool(np.all(diff <= bounds))
    return Comparison(ok, "" if ok else "value", index, float(got[index]), float(expected[index]),
                      float(diff[index]), float(bounds[index]))
