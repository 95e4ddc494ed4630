"""Run every bank problem's reference solution on real PyTorch (float64) and print its answers.

Used by test_bank_vs_torch.py in a subprocess, so real PyTorch never shares a process with the
engine's `torch` alias. Prints one JSON object: {problem id: [[answer, ...] per case]}, each answer
a nested list of numbers (or {"error": message}). Mirrors how judge/grading/runs.py reads answers.
"""
from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

import numpy as np
import torch

from judge.grading.stdout_parse import parse_numbers
from judge.problem.cases import expand_cases
from judge.problem.load import load_problem


def _numbers(value) -> list:
    if isinstance(value, (tuple, list)):
        return [_numbers(v) for v in value]
    if isinstance(value, torch.Tensor):
        value = value.detach().numpy()
    return np.asarray(value, dtype=np.float64).tolist()


def answers(problem, case) -> list:
    torch.set_default_dtype(torch.float64)
    torch.manual_seed(0)
    inputs = dict(case.inputs)
    namespace = {"__name__": "__main__", "inputs": inputs}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(problem.reference, "reference.py", "exec"), namespace)
    answer = problem.answer
    if answer.kind == "stdout":
        return [parse_numbers(out.getvalue(), answer.parse).tolist()]
    if answer.kind == "variables":
        return [_numbers(eval(f"({expr}).grad" if what == "grad" and not expr.endswith(".grad") else expr,
                              namespace)) for expr, what in answer.read]
    if answer.kind == "function":
        def arg(name: str):
            if answer.arg_type == "tensor":
                return torch.tensor(inputs[name].tolist())
            return float(inputs[name]) if answer.arg_type == "float" else inputs[name].copy()
        result = namespace[answer.name](*[arg(name) for name in answer.args])
        return [_numbers(r) for r in result] if isinstance(result, tuple) else [_numbers(result)]
    return [_numbers(eval(answer.point, namespace))]


def main(paths: list[str]) -> None:
    report = {}
    for path in paths:
        problem = load_problem(path)
        per_case = []
        for case in expand_cases(problem, student="judge-check"):
            try:
                per_case.append(answers(problem, case))
            except Exception as exc:  # reported per case, so one broken problem doesn't hide the rest
                per_case.append({"error": f"{type(exc).__name__}: {exc}"})
        report[problem.id] = per_case
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:] or sorted(str(p) for p in (Path(__file__).resolve().parents[2] / "problems").glob("*.yaml")))
