"""Grading a minimum: the judge's own evaluation of the objective at the student's point.

Pass when the value gap `f(x_s) - f(x_ref)` is within `max(f_atol, f_rtol*|f*|)`, the gradient
norm at x_s is under `grad_norm`, and (only for `minimizer: unique`) x_s is within `x_atol` of
the reference minimiser. With `partial: true` a point that fails earns a share that decreases
monotonically with the gap: 1/2 at the tolerance, then 1/2 / (1 + log10(gap / tolerance)), so
each factor 10 closer to the minimum earns more; never full marks.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from judge.problem.schema import Answer, Tolerance


@dataclass(frozen=True)
class MinimumResult:
    passed: bool
    fraction: float     # of the test's points
    message: str        # on hidden tests no numbers: a gap or distance would reveal f* or x*


def judge_minimum(answer: Answer, tol: Tolerance, x_student: np.ndarray, f_student: float,
                  grad_student: np.ndarray, x_reference: np.ndarray, f_reference: float,
                  public: bool) -> MinimumResult:
    if x_student.shape != x_reference.shape:
        return MinimumResult(False, 0.0, f"expected a point of shape {x_reference.shape}, got {x_student.shape}")
    if not np.all(np.isfinite(x_student)) or not np.isfinite(f_student):
        return MinimumResult(False, 0.0, "the point (or f there) is not finite: did the iteration diverge? "
                                         "try a smaller learning rate")
    gap = f_student - f_reference
    f_bound = max(tol.f_atol, tol.f_rtol * abs(f_reference))
    grad_norm = float(np.linalg.norm(grad_student)) if np.all(np.isfinite(grad_student)) else float("inf")
    distance = float(np.max(np.abs(x_student - x_reference))) if x_student.size else 0.0
    failed = []                 # (message on a public test, message on a hidden one)
    if gap > f_bound:
        failed.append((f"f at your point is {gap:.3g} above the minimum (tolerance {f_bound:.3g})",
                       "f at your point is above the minimum"))
    if grad_norm > tol.grad_norm:
        failed.append((f"the gradient norm there is {grad_norm:.3g} (must be under {tol.grad_norm:.3g}): "
                       "not a stationary point yet; iterate longer or check the update's sign",
                       "not a stationary point yet; iterate longer or check the update's sign"))
    if answer.minimizer == "unique" and distance > tol.x_atol:
        failed.append((f"your point is {distance:.3g} away from the minimiser (tolerance {tol.x_atol:.3g})",
                       "your point is not at the minimiser"))
    if not failed:
        return MinimumResult(True, 1.0, "")
    message = "; ".join(public_text if public else hidden_text for public_text, hidden_text in failed)
    if public:
        message += f" (your point: {_fmt(x_student)}, f = {f_student:.8g})"
    if not answer.partial:
        return MinimumResult(False, 0.0, message)
    # Optimisation progress is logarithmic (each step divides the gap), so the share is too.
    fraction = 0.5 / (1.0 + math.log10(gap / f_bound)) if gap > f_bound else 0.5
    return MinimumResult(False, fraction, message)


def scalar(value) -> float:
    """An objective's value: exactly one number (a 0-d or one-element array)."""
    array = np.asarray(value, dtype=np.float64)
    if array.size != 1:
        raise ValueError(f"the objective must return one number, got shape {array.shape}")
    return float(array.ravel()[0])


def _fmt(x: np.ndarray) -> str:
    return f"{float(x):.8g}" if x.ndim == 0 else np.array2string(x, precision=6, threshold=20)
