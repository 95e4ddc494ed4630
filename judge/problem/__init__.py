"""Problems: the dataclasses (schema), the YAML loader, generated cases and the bank."""
from judge.problem.schema import (Answer, Case, GenerateSpec, GradientOf, Problem, ProblemError,
                                  TestSpec, Tolerance, Wrong)
from judge.problem.load import load_problem, parse_problem
from judge.problem.cases import expand_cases
from judge.problem.bank import Bank, default_bank_dir

__all__ = ["Answer", "Bank", "Case", "GenerateSpec", "GradientOf", "Problem", "ProblemError",
           "TestSpec", "Tolerance", "Wrong", "default_bank_dir", "expand_cases", "load_problem",
           "parse_problem"]
