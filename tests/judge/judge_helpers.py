"""Helpers for judge tests: a small problem template and a scripted runner (no sandbox)."""
from __future__ import annotations

import re
from typing import Callable

import numpy as np
from sandbox.job import Job, Outcome, Status

QUADRATIC = """\
id: {id}
title: Derivative of a quadratic
points: 100
tags: [autograd, scalar]
statement: |
  Print dy/dx for $y = x^2 + 2x + 1$ at $x = 3$.
answer:
  kind: stdout
reference: |
  import torch
  x = torch.tensor(3.0, requires_grad=True)
  y = x ** 2 + 2 * x + 1
  y.backward()
  print(x.grad.item())
wrong:
  - name: forgot the 2x term's factor
    code: |
      print(7.0)
gradient_of:
  f: |
    def f(x):
        return x ** 2 + 2 * x + 1
  at: {{x: 3.0}}
  answers: [x]
tests:
  - name: sample
    public: true
    expected: [{expected}]
"""

# Seed 000's program as a `variables` problem: the handout printed 8 and 12; the truth is 4104, 6156.
SEED_000 = """\
id: seed-000
title: a(bx^3)^3
statement: gradients of a and b
answer:
  kind: variables
  read: {a: grad, b: grad}
reference: |
  import torch
  a = torch.tensor(1.0, requires_grad=True)
  b = torch.tensor(2.0, requires_grad=True)
  x = torch.tensor([[1.0], [2.0]], requires_grad=True)
  f_y = a * (b * x ** 3) ** 3
  f_y.backward(torch.ones_like(f_y))
tests:
  - name: sample
    public: true
"""


def without_gradient_of(text: str) -> str:
    """QUADRATIC for kinds where `gradient_of` does not apply (minimize)."""
    return re.sub(r"gradient_of:\n(  .*\n)+", "", text)


class ScriptedRunner:
    """Answers jobs from a function instead of running them (no sandbox): for verdict logic."""

    def __init__(self, respond: Callable[[Job], Outcome]):
        self.respond = respond
        self.jobs: list[Job] = []

    def map(self, jobs):
        self.jobs.extend(jobs)
        return [self.respond(job) for job in jobs]


def ok(stdout: str = "", **values) -> Outcome:
    return Outcome(Status.OK, stdout=stdout, values={k: np.asarray(v, dtype=np.float64) for k, v in values.items()},
                   time_ms=3.0, memory_kib=1000)
