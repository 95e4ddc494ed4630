"""What the judge asks the sandbox to run, and what it gets back.

This is the whole interface between `judge` and `sandbox`: plain data, no problem or grading
concepts. A job is a program plus *probes*: Python expressions evaluated in the program's
global namespace after it finished (``"a.grad"``, ``"grad_f(torch.tensor(inputs['x']))"``).
Each probe's value must reduce to numbers; the child sends them back as JSON and the parent
parses them strictly into float64 arrays. Nothing else crosses the boundary.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Mapping, Tuple, Union

import numpy as np


class Status(str, enum.Enum):
    """How the run ended, decided by the parent from what it observed."""

    OK = "OK"    # the program and its probes ran; probe errors are reported per probe
    CE = "CE"    # the source does not compile (SyntaxError)
    RE = "RE"    # the program raised or exited non-zero before the probes ran
    TLE = "TLE"  # wall or CPU time limit
    MLE = "MLE"  # memory limit
    OLE = "OLE"  # stdout/stderr over the output cap
    SV = "SV"    # a sandbox rule was violated (blocked syscall, forged/oversized result)
    IE = "IE"    # the sandbox itself failed


@dataclass(frozen=True)
class Limits:
    wall_time_s: float = 5.0
    cpu_time_s: float = 5.0
    memory_mib: int = 512
    output_bytes: int = 1 << 20     # stdout and stderr, each
    result_bytes: int = 8 << 20     # the result channel


@dataclass(frozen=True)
class Probe:
    name: str
    expr: str


@dataclass(frozen=True)
class Job:
    source: str
    filename: str = "submission.py"
    stdin: str = ""
    probes: tuple[Probe, ...] = ()
    # float64 arrays the probes (and the program) see as the read-only global `inputs`.
    inputs: Mapping[str, np.ndarray] = field(default_factory=dict)
    # "float32" for submissions (PyTorch's default); "float64" for reference solutions.
    default_dtype: str = "float32"
    seed: int = 0                   # torch.manual_seed / numpy seed set before the program runs
    limits: Limits = Limits()


# A probe's value: one array, or a tuple of arrays when the expression gave a tuple/list of tensors.
ProbeValue = Union[np.ndarray, Tuple[np.ndarray, ...]]


@dataclass
class Outcome:
    status: Status
    stdout: str = ""
    stderr: str = ""
    values: dict[str, ProbeValue] = field(default_factory=dict)
    probe_errors: dict[str, str] = field(default_factory=dict)  # name -> "TypeError: ..."
    error: str = ""          # traceback (trimmed of sandbox frames) for RE/CE, reason for the rest
    time_ms: float = 0.0     # wall time of the child
    cpu_ms: float = 0.0
    memory_kib: int = 0      # peak resident memory of the child
    layers: tuple[str, ...] = ()    # isolation layers that were active, e.g. ("seccomp", "landlock")
    notices: tuple[str, ...] = ()   # e.g. "no cgroup: memory limit enforced by RLIMIT_AS only"
