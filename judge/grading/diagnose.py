"""Name the mistake behind a wrong gradient, when one fits.

Each diagnosis is a transformation of the expected answer that, applied, makes the student's
answer pass within the problem's own tolerance: negation, a constant factor (an integer one
is also what never-zeroed gradients give after n backward() calls), transposition, zero.
Diagnoses never contain expected values; on hidden tests they also leave out whatever the
program could choose to encode (its answer's shape, a measured factor).
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np

from judge.grading.compare import compare
from judge.problem.schema import Tolerance


def diagnose(got: np.ndarray, expected: np.ndarray, tol: Tolerance, gradient: bool = True,
             hidden: bool = False) -> str:
    """`gradient` False: the answer is a value (a loss), which backward() calls do not accumulate.
    `hidden`: the program chose `got` knowing the hidden inputs, so nothing it could encode in
    numbers (its shape, a measured factor) is quoted; only fixed diagnoses remain."""
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if got.shape != expected.shape:
        if hidden:
            return f"the answer's shape is not the expected {_fmt_shape(expected.shape)}"
        return _shape(got, expected, tol)
    if not np.all(np.isfinite(got)):
        return "the answer has nan/inf values: look for a division by zero or a log of 0 or a negative number"
    if not np.any(expected):
        return ""
    if not np.any(got):
        return ("all zeros: is the graph detached (.data, .detach(), .item() or numpy in the middle), "
                "or were the gradients zeroed before being read?")
    if compare(-got, expected, tol).ok:
        return "the sign looks flipped"
    if got.ndim == 2 and got.shape[0] == got.shape[1] and compare(got.T, expected, tol).ok:
        return "the answer looks transposed"
    return _factor(got, expected, tol, gradient, hidden)


def _shape(got: np.ndarray, expected: np.ndarray, tol: Tolerance) -> str:
    message = f"expected shape {_fmt_shape(expected.shape)}, got {_fmt_shape(got.shape)}"
    if got.ndim == 2 and got.T.shape == expected.shape and compare(got.T, expected, tol).ok:
        return message + "; the answer looks transposed"
    if got.size == expected.size:
        return message + " (same numbers of entries: was it reshaped, flattened or squeezed?)"
    return message


def _fmt_shape(shape: tuple[int, ...]) -> str:
    return "scalar ()" if shape == () else str(tuple(shape))


def _factor(got: np.ndarray, expected: np.ndarray, tol: Tolerance, gradient: bool = True,
            hidden: bool = False) -> str:
    k = float(np.vdot(got, expected) / np.vdot(expected, expected))
    if not np.isfinite(k) or abs(k) < 1e-12 or not compare(got, k * expected, tol).ok:
        return ""
    simple = Fraction(k).limit_denominator(4)
    if simple and abs(float(simple) - k) <= 1e-3 * abs(k):
        k_text = str(simple)
        if simple.denominator == 1 and simple.numerator >= 2 and not gradient:
            return f"the answer is {k_text}x the expected one: a missing 1/{k_text} (a sum instead of a mean?)"
        if simple.denominator == 1 and simple.numerator >= 2:
            return (f"the answer is {k_text}x the expected one: a missing 1/{k_text} (a sum instead of a "
                    f"mean?), or gradients accumulated over {k_text} backward() calls without zero_grad()?")
        return f"off by a constant factor {k_text}"
    if hidden or np.count_nonzero(expected) < 2:
        return ""  # a scalar's multiple is not a finding; a measured factor could carry inputs
    return f"off by a constant factor of about {k:.3g}"
