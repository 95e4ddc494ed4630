"""`judge new ID`: a commented problem template that passes `judge check` as written."""
from __future__ import annotations

from pathlib import Path

from judge.problem.load import ID_RE

TEMPLATE = '''\
# A gradjudge problem. Edit, then prove it with:  judge check {id}
id: {id}                              # equals the file name
title: Gradient of a cubic            # one line
points: 100                           # split evenly over the tests unless a test sets `points`
tags: [autograd, function]
statement: |                          # Markdown with $math$
  Write a function `grad_f(x)` that returns $\\frac{{df}}{{dx}}$ for
  $f(x) = \\sum_i x_i^3 + 2 x_i$, computed with autograd
  (`requires_grad=True`, `backward()`, `x.grad`).
limits: {{time: 2s, memory: 256MiB}}
answer:
  kind: function                      # stdout | variables | function | minimize
  name: grad_f
  args: [x]                           # each is taken from the test's inputs
  arg_type: tensor                    # tensor | float | numpy
tolerance: {{atol: 1.0e-4, rtol: 1.0e-4, mode: norm}}
reference: |                          # a correct solution; runs in float64 in the sandbox
  import torch

  def grad_f(x):
      x = x.clone().requires_grad_(True)
      (x ** 3 + 2 * x).sum().backward()
      return x.grad
wrong:                                # mistakes `judge check` must see rejected
  - name: forgot the chain of the power rule
    code: |
      def grad_f(x):
          return x ** 2 + 2
  - name: hard-coded the sample
    code: |
      import torch

      def grad_f(x):
          return torch.tensor([5.0, 14.0])
gradient_of:                          # the function differentiated: finite-difference check
  f: |
    def f(x):
        return (x ** 3 + 2 * x).sum()
  answers: [x]                        # no `at:` for kind function: each test's inputs are used
tests:
  - name: sample
    public: true                      # public tests show expected vs got
    inputs: {{x: [1.0, 2.0]}}
    expected: [5.0, 14.0]             # optional literal; must equal the reference's answer
  - name: hidden
    generate:
      count: 5
      seed: 1
      inputs:
        x: {{uniform: [-2.0, 2.0], shape: [4]}}
'''


def write_template(problem_id: str, directory: Path) -> Path:
    if not ID_RE.match(problem_id):
        raise ValueError(f"'{problem_id}' is not a valid id: use lowercase letters, digits and '-'")
    path = directory / f"{problem_id}.yaml"
    if path.exists():
        raise FileExistsError(f"{path} already exists; pick another id or edit it")
    directory.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(id=problem_id), encoding="utf-8")
    return path
