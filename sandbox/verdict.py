"""Turn what the zygote observed into an Outcome. The child's own words count only as numbers or as
an admission of failure: it can report CE, RE or MLE about itself, never success beyond its values.
"""
from __future__ import annotations

import signal

from .child import SETUP_FAILED
from .harness import READY
from .job import Job, Outcome, Status
from .result import ChannelError, parse

_TAIL = 2000  # characters of stderr quoted when the exit status is all there is to go on


def decide(job: Job, facts: dict, stdout: bytes, stderr: bytes, channel: bytes) -> Outcome:
    limits = job.limits
    outcome = Outcome(
        Status.OK,
        stdout=stdout[: limits.output_bytes].decode("utf-8", "replace"),
        stderr=stderr[: limits.output_bytes].decode("utf-8", "replace"),
        time_ms=round(facts["wall_ms"], 3), cpu_ms=round(facts["cpu_ms"], 3),
        memory_kib=int(facts["memory_kib"]), layers=tuple(facts["layers"]))
    started = channel.startswith(READY)
    sig, code = facts["signal"], facts["exit_code"]

    def done(status: Status, error: str) -> Outcome:
        outcome.status, outcome.error = status, error
        return outcome

    if facts["timed_out"]:
        return done(Status.TLE, f"wall time limit of {limits.wall_time_s:g} s exceeded")
    if facts["over"] in ("stdout", "stderr") or len(stdout) > limits.output_bytes or len(stderr) > limits.output_bytes:
        return done(Status.OLE, f"output limit of {limits.output_bytes} bytes per stream exceeded")
    if facts["over"] == "result" or len(channel) > limits.result_bytes + len(READY):
        return done(Status.SV, f"result channel over {limits.result_bytes} bytes")
    if facts.get("oom"):
        return done(Status.MLE, f"memory limit of {limits.memory_mib} MiB exceeded")
    if not started:
        if sig is None and code == SETUP_FAILED:
            return done(Status.IE, "sandbox setup failed: " + outcome.stderr.strip()[-_TAIL:])
        return done(Status.IE, f"the child died before the program started ({_how(sig, code)})")
    if sig is not None:
        if sig == signal.SIGSYS:
            return done(Status.SV, "blocked system call (seccomp): the program tried something the "
                                   "sandbox forbids (sockets, exec, new processes, signals to others, ...)")
        if sig == signal.SIGXFSZ:
            return done(Status.SV, "tried to write a file")
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and facts["cpu_ms"] >= limits.cpu_time_s * 1000):
            return done(Status.TLE, f"CPU time limit of {limits.cpu_time_s:g} s exceeded")
        return done(Status.RE, f"killed by {_signame(sig)}\n" + outcome.stderr[-_TAIL:])
    if code != 0:
        return done(Status.RE, f"exited with status {code}\n" + outcome.stderr[-_TAIL:])
    body = channel[len(READY):]
    if not body:
        if job.probes:
            return done(Status.RE, "the program ended (os._exit?) before its answers could be read")
        return outcome
    try:
        result = parse(body, {p.name for p in job.probes})
    except ChannelError as exc:
        return done(Status.SV, f"malformed result channel: {exc}")
    outcome.values, outcome.probe_errors = result.values, result.probe_errors
    return done(Status(result.status), result.error)


def _how(sig: int | None, code: int | None) -> str:
    return f"killed by {_signame(sig)}" if sig is not None else f"exit status {code}"


def _signame(sig: int) -> str:
    try:
        return signal.Signals(sig).name
    except ValueError:
        return f"signal {sig}"
