"""Status mapping from what the zygote observed (facts) to an Outcome, without running anything."""
import signal

import pytest

from sandbox import Job, Limits, Probe, Status
from sandbox.child import SETUP_FAILED
from sandbox.verdict import decide

RESULT = b'R\n{"status":"OK","error":"","probes":{"x":{"shape":[],"data":[2]}},"probe_errors":{}}'


def facts(**overrides):
    base = {"timed_out": False, "over": "", "wall_ms": 5.0, "cpu_ms": 4.0, "memory_kib": 3000,
            "layers": ["seccomp"], "exit_code": 0, "signal": None, "oom": False, "restart": False}
    base.update(overrides)
    return base


JOB = Job(source="x = 2", probes=(Probe("x", "x"),), limits=Limits(cpu_time_s=2))


@pytest.mark.parametrize("observed, channel, status, message", [
    (facts(), RESULT, Status.OK, ""),
    (facts(timed_out=True, signal=signal.SIGKILL, exit_code=None), b"R\n", Status.TLE, "wall time"),
    (facts(over="stdout", signal=signal.SIGKILL, exit_code=None), b"R\n", Status.OLE, "output limit"),
    (facts(over="result", signal=signal.SIGKILL, exit_code=None), b"R\n", Status.SV, "result channel over"),
    (facts(oom=True, signal=signal.SIGKILL, exit_code=None), b"R\n", Status.MLE, "memory limit"),
    (facts(signal=signal.SIGSYS, exit_code=None), b"R\n", Status.SV, "seccomp"),
    (facts(signal=signal.SIGXFSZ, exit_code=None), b"R\n", Status.SV, "write a file"),
    (facts(signal=signal.SIGXCPU, exit_code=None), b"R\n", Status.TLE, "CPU time"),
    (facts(signal=signal.SIGKILL, exit_code=None, cpu_ms=2500), b"R\n", Status.TLE, "CPU time"),
    (facts(signal=signal.SIGKILL, exit_code=None), b"R\n", Status.RE, "killed by SIGKILL"),
    (facts(signal=signal.SIGSEGV, exit_code=None), b"R\n", Status.RE, "killed by SIGSEGV"),
    (facts(exit_code=3), RESULT, Status.RE, "exited with status 3"),
    (facts(exit_code=SETUP_FAILED), b"", Status.IE, "sandbox setup failed"),
    (facts(signal=signal.SIGKILL, exit_code=None), b"", Status.IE, "before the program started"),
    (facts(), b"R\n", Status.RE, "before its answers"),
    (facts(), b"R\n{garbage", Status.SV, "malformed result channel"),
    (facts(), b'R\n{"status":"CE","error":"SyntaxError","probes":{},"probe_errors":{}}', Status.CE, "SyntaxError"),
])
def test_mapping(observed, channel, status, message):
    out = decide(JOB, observed, b"", b"", channel)
    assert out.status is status and message in out.error
    assert out.time_ms == 5.0 and out.memory_kib == 3000 and out.layers == ("seccomp",)


def test_values_only_on_a_clean_end():
    assert decide(JOB, facts(), b"", b"", RESULT).values["x"] == 2.0
    assert decide(JOB, facts(exit_code=3), b"", b"", RESULT).values == {}


def test_output_is_decoded_and_capped():
    job = Job(source="", limits=Limits(output_bytes=4))
    out = decide(job, facts(), b"ab\xff", b"", b"R\n")
    assert out.status is Status.OK and out.stdout == "ab\ufffd"
    assert decide(job, facts(), b"abcde", b"", b"R\n").status is Status.OLE
