"""Generated cases: seeded, reproducible, per student when asked, with points split fairly."""
import numpy as np

from judge.problem import expand_cases, load_problem

from judge_helpers import QUADRATIC

GENERATED = QUADRATIC.format(id="g-1", expected="8.0") + """\
  - name: random
    points: 40
    generate:
      count: 4
      seed: 7
      inputs:
        x: {uniform: [-2.0, 2.0], shape: [3]}
        n: {integers: [1, 3]}
        w: [1.0, 2.0]
  - name: mine
    generate:
      count: 2
      seed: 7
      per_student: true
      inputs:
        x: {normal: [0.0, 1.0], shape: [2, 2]}
"""


def test_generated_cases_are_seeded_shaped_and_bounded(write_problem):
    p = load_problem(write_problem(GENERATED))
    cases = expand_cases(p)
    assert [c.name for c in cases] == ["sample", "random-1", "random-2", "random-3", "random-4", "mine-1", "mine-2"]
    random = cases[1:5]
    assert all(c.inputs["x"].shape == (3,) and np.all(np.abs(c.inputs["x"]) <= 2) for c in random)
    assert all(c.inputs["n"] in (1.0, 2.0, 3.0) and c.inputs["x"].dtype == np.float64 for c in random)
    np.testing.assert_array_equal(random[0].inputs["w"], [1.0, 2.0])
    assert not np.array_equal(random[0].inputs["x"], random[1].inputs["x"])
    again = expand_cases(p)
    np.testing.assert_array_equal(again[2].inputs["x"], cases[2].inputs["x"])
    assert not cases[1].inputs["x"].flags.writeable


def test_points_split_over_tests_then_cases(write_problem):
    cases = expand_cases(load_problem(write_problem(GENERATED)))
    assert cases[0].points == 30 and cases[1].points == 10 and cases[5].points == 15
    assert sum(c.points for c in cases) == 100


def test_per_student_seeds_differ_by_student_and_are_stable(write_problem):
    p = load_problem(write_problem(GENERATED))
    alice, bob = expand_cases(p, "alice"), expand_cases(p, "bob")
    assert not np.array_equal(alice[5].inputs["x"], bob[5].inputs["x"])
    np.testing.assert_array_equal(alice[5].inputs["x"], expand_cases(p, "alice")[5].inputs["x"])
    np.testing.assert_array_equal(alice[1].inputs["x"], bob[1].inputs["x"])   # not per_student
