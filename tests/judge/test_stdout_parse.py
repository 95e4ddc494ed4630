"""Reading numbers from printed output: strict by default, lenient when a problem asks."""
import numpy as np
import pytest

from judge.grading.stdout_parse import OutputError, parse_numbers


@pytest.mark.parametrize("text, numbers", [
    ("8.0\n", [8.0]),
    ("2 4 6", [2, 4, 6]),
    ("2.0\n4.0\n6.0\n", [2, 4, 6]),
    ("tensor(8.)", [8.0]),
    ("tensor([2., 3., 4.])", [2, 3, 4]),
    ("tensor(4., grad_fn=<AddBackward0>)", [4.0]),
    ("tensor(8., requires_grad=True)", [8.0]),
    ("tensor([[1., 2.],\n        [3., 4.]], dtype=torch.float64)", [1, 2, 3, 4]),
    ("tensor([-218.4625])", [-218.4625]),
    ("[2. 4. 6.]", [2, 4, 6]),
    ("[1.0, 2.0]", [1, 2]),
    ("array([1., 2.])", [1, 2]),
    ("1e-3 -2.5E+2 .5", [1e-3, -250, 0.5]),
    ("tensor(4104.) tensor(6156.)", [4104, 6156]),
    ("", []),
])
def test_strict_accepts_numbers_and_printouts(text, numbers):
    np.testing.assert_array_equal(parse_numbers(text), np.array(numbers, dtype=float))


def test_strict_keeps_nan_and_inf_for_the_grader_to_reject():
    out = parse_numbers("nan inf -inf")
    assert np.isnan(out[0]) and out[1] == np.inf and out[2] == -np.inf


@pytest.mark.parametrize("text, message", [
    ("Gradient of f_y with respect to a:\ntensor(8.)", r"line 1: 'Gradient' is not a number"),
    ("8.0\nx.grad = 8.0", r"line 2: 'x.grad' is not a number"),
    ("8.0abc", r"'8.0abc' is not a number"),
    ("tensor([1., ..., 3.])", r"summarised"),
    ("tensor(8.", r"cut off"),
])
def test_strict_rejects_other_text_saying_where(text, message):
    with pytest.raises(OutputError, match=message):
        parse_numbers(text)


def test_lenient_picks_numbers_out_of_labels():
    text = "Gradient of f_y with respect to a:\ntensor(4104.)\nx1 grad: 6156.0, grad_fn=<AddBackward0>"
    np.testing.assert_array_equal(parse_numbers(text, "lenient"), [4104.0, 6156.0])
