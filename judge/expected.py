"""Expected answers: the reference solution run through the sandbox (float64), cached on disk.

The cache key is a content hash of everything that determines the answer: the reference
source, the answer spec (probes, parse mode), the case's inputs and stdin, the dtype and the
source of the code that computes it (the engine, and the sandbox that carries inputs in and answers
out). Entries are JSON (numbers only; never pickle), under $GRADJUDGE_CACHE or
~/.cache/gradjudge.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from judge.grading.runs import AnswerError, Named, build_job, outcome_failure, read_answers
from judge.problem.schema import Case, Problem
from judge.runner import Runner
from sandbox.job import Status

FORMAT = 2          # 2: a function's returned tuple of plain numbers is that many answers


class ReferenceFailure(RuntimeError):
    """The problem's own reference did not produce an answer: the problem is broken."""

    def __init__(self, problem: Problem, case: Case, reason: str, detail: str = ""):
        where = f"test '{case.name}'" + (f" (line {case.line})" if case.line else "")
        shapes = ", ".join(f"{k} {_shape(v)}" for k, v in case.inputs.items())
        head = f"{problem.id}: the reference solution failed on {where}" + (f", input shapes {shapes}"
                                                                             if shapes else "")
        super().__init__(f"{head}: {reason}" + (f"; {detail}" if detail else ""))
        self.case = case
        # For students (an IE): the same without `detail`, which may hold a hidden case's values.
        self.brief = f"{head}: {reason}"


def _shape(value) -> str:
    shape = np.shape(value)
    return "scalar" if shape == () else str(tuple(shape))


def _nonfinite_detail(problem: Problem, case: Case) -> str:
    """Which inputs made the reference's answer nan/inf, and where generated ones come from."""
    values = ", ".join(f"{k} = {np.array2string(np.asarray(v), precision=4, threshold=12)}"
                       for k, v in case.inputs.items())
    if not values:
        return "look for a division by zero or a log/sqrt of a non-positive number"
    test = next((t for t in problem.tests if t.name == case.test), None)
    source = ""
    if test is not None and test.generate is not None:
        from judge.problem.cases import describe_generate
        source = f" (generated: {describe_generate(test.generate).split('; ', 1)[1]})"
    return (f"at {values}{source}: keep the inputs inside the function's domain" +
            (" (narrow the generator's range)" if source else ""))


def default_cache_dir() -> Path:
    env = os.environ.get("GRADJUDGE_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "gradjudge"


_RUNTIME_HASH: list[str] = []


def runtime_fingerprint() -> str:
    """A hash of the engine's and the sandbox's source: expected values are recomputed when
    either changes (a fix in how inputs travel changes answers as surely as one in an op)."""
    if not _RUNTIME_HASH:
        digest = hashlib.sha256()
        for package in ("engine", "sandbox"):
            spec = importlib.util.find_spec(package)
            if spec and spec.submodule_search_locations:
                root = Path(next(iter(spec.submodule_search_locations)))
                for path in sorted(root.rglob("*.py")):
                    digest.update(f"{package}/{path.relative_to(root)}".encode())
                    digest.update(path.read_bytes())
        _RUNTIME_HASH.append(digest.hexdigest())
    return _RUNTIME_HASH[0]


def named_output_empty(problem: Problem, answers: list[Named]) -> bool:
    """A stdout answer with no numbers: a student printing nothing would be accepted."""
    return any(a.name == "output" and a.value.size == 0 for a in answers)


class ExpectedStore:
    def __init__(self, runner: Runner, cache_dir: str | Path | None = None):
        self.runner = runner
        self.directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.memory: dict[str, list[Named]] = {}

    def answers(self, problem: Problem, cases: Sequence[Case], dtype: str = "float64") -> list[list[Named]]:
        """The reference's answers for each case; raises ReferenceFailure on the first that fails."""
        jobs = [build_job(problem, case, problem.reference, dtype=dtype, filename="reference.py")
                for case in cases]
        keys = [self._key(problem, job) for job in jobs]
        first = {key: i for i, key in reversed(list(enumerate(keys)))}   # identical cases run once
        missing = sorted(i for key, i in first.items() if self._lookup(key) is None)
        outcomes = self.runner.map([jobs[i] for i in missing]) if missing else []
        for i, outcome in zip(missing, outcomes):
            if outcome.status is not Status.OK:
                raise ReferenceFailure(problem, cases[i], outcome_failure(outcome))
            try:
                answers = read_answers(problem, outcome)
            except AnswerError as exc:
                raise ReferenceFailure(problem, cases[i], str(exc)) from None
            for named in answers:
                if not np.all(np.isfinite(named.value)):
                    raise ReferenceFailure(problem, cases[i], f"{named.name} is not finite",
                                           _nonfinite_detail(problem, cases[i]))
            if named_output_empty(problem, answers):
                raise ReferenceFailure(problem, cases[i], "the reference printed no numbers (print the answer, "
                                       "e.g. print(x.grad.item()))")
            self._store(keys[i], answers)
        return [self._lookup(key) for key in keys]

    def _key(self, problem: Problem, job) -> str:
        blob = json.dumps({
            "format": FORMAT, "runtime": runtime_fingerprint(), "source": job.source,
            "answer": repr(problem.answer), "stdin": job.stdin, "dtype": job.default_dtype,
            "inputs": {k: [list(v.shape), np.asarray(v).ravel().tolist()] for k, v in sorted(job.inputs.items())},
        }, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / "expected" / key[:2] / f"{key}.json"

    def _lookup(self, key: str) -> list[Named] | None:
        if key in self.memory:
            return self.memory[key]
        try:
            data = json.loads(self._path(key).read_text())
            answers = [Named(str(name), np.array(flat, dtype=np.float64).reshape(shape))
                       for name, shape, flat in data["answers"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None                       # absent or damaged: recompute
        self.memory[key] = answers
        return answers

    def _store(self, key: str, answers: list[Named]) -> None:
        self.memory[key] = answers
        data = {"format": FORMAT, "answers": [[a.name, list(a.value.shape), a.value.ravel().tolist()]
                                             for a in answers]}
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")   # atomic publish
            tmp.write_text(json.dumps(data))
            tmp.replace(path)
        except OSError:
            pass                              # a read-only cache only costs speed
