"""Runs untrusted submissions: a warm fork server, OS isolation layers, limits, a strict result channel.

    from sandbox import run, Job, Probe
    outcome = run(Job(source="x = 2 * inputs['a']", probes=(Probe("x", "x"),), inputs={"a": a}))

`run` uses a lazily started module-level zygote; `Sandbox(workers=N)` is a pool for parallel
grading, `Sandbox(require_strict=True)` refuses to run without every strict layer, and `doctor()`
lists the layers this machine enforces.
"""
from .job import Job, Limits, Outcome, Probe, ProbeValue, Status
from .layers import Layer, StrictModeError
from .server import Sandbox, doctor, run

__all__ = ["run", "doctor", "Sandbox", "Job", "Probe", "Limits", "Outcome", "Status", "ProbeValue",
           "Layer", "StrictModeError"]
