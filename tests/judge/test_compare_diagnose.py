"""Tolerance rules and the diagnoses students see for wrong gradients."""
import numpy as np
import pytest

from judge.grading.compare import compare
from judge.grading.diagnose import diagnose
from judge.problem.schema import Tolerance

TOL = Tolerance(atol=1e-4, rtol=1e-4)
W = np.array([[1.0, 2.0], [3.0, 4.0]])


def test_scalar_rule_is_absolute_or_relative():
    assert compare(np.array(8.00005), np.array(8.0), TOL).ok
    assert not compare(np.array(8.01), np.array(8.0), TOL).ok
    assert compare(np.array(4104.3), np.array(4104.0), TOL).ok          # rtol * 4104 = 0.41
    assert compare(np.array(-0.0), np.array(0.0), TOL).ok


def test_shapes_must_match_exactly():
    c = compare(np.array([8.0]), np.array(8.0), TOL)
    assert not c.ok and c.reason == "shape"
    assert not compare(np.ones((2, 1)), np.ones(2), TOL).ok


def test_non_finite_is_wrong_even_when_expected_is_too_large_to_matter():
    c = compare(np.array([1.0, np.nan]), np.array([1.0, 2.0]), TOL)
    assert not c.ok and c.reason == "nonfinite" and c.index == (1,)


def test_norm_mode_forgives_float32_noise_in_tiny_entries_elementwise_does_not():
    expected = np.array([1000.0, 1e-6])
    got = np.array([1000.0, 3e-6 + 0.05])
    assert compare(got, expected, TOL).ok                          # bound 0.1 from max|r|
    c = compare(got, expected, Tolerance(atol=1e-4, rtol=1e-4, mode="elementwise"))
    assert not c.ok and c.index == (1,)


def test_worst_index_and_relative_error():
    c = compare(np.array([[1.0, 2.0], [3.0, 4.5]]), W, TOL)
    assert not c.ok and c.index == (1, 1) and c.expected == 4.0 and c.got == 4.5
    assert c.rel_error == pytest.approx(0.125)


@pytest.mark.parametrize("got, words", [
    (-W, "sign looks flipped"),
    (2 * W, "2x the expected one: a missing 1/2 (a sum instead of a mean?), or gradients accumulated over 2 backward() calls without zero_grad()?"),
    (3 * W, "3x the expected one"),
    (W / 2, "constant factor 1/2"),
    (1.7 * W, "constant factor of about 1.7"),
    (W.T, "looks transposed"),
    (np.zeros_like(W), "all zeros: is the graph detached"),
    (W.ravel(), "expected shape (2, 2), got (4,) (same numbers of entries"),
    (np.ones(3), "expected shape (2, 2), got (3,)"),
    (np.array([[np.inf, 1.0], [1.0, 1.0]]), "nan/inf"),
])
def test_diagnoses(got, words):
    assert words in diagnose(got, W, TOL)


def test_transposed_non_square_is_diagnosed_from_the_shape():
    r = np.arange(6.0).reshape(2, 3) + 1
    assert "looks transposed" in diagnose(r.T, r, TOL)


def test_no_diagnosis_for_an_unrelated_wrong_answer():
    assert diagnose(W + 1, W, TOL) == ""
