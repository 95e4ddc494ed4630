"""The warm zygote: imports numpy and the engine once, then forks one child per job and supervises it.

Started by the host as a fresh process (`python3 -m sandbox.zygote`), never forked from the judge,
so problems and expected values never exist in its memory. Talks to the host over its stdin/stdout
(see protocol.py). It never runs submission code itself; only its forked children do.
"""
from __future__ import annotations

import os
import signal
import sys

# Single-threaded BLAS: must be set before numpy is imported.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
             "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

from . import _sys  # noqa: E402
from .layers import DISABLE_ENV  # noqa: E402


def main() -> None:
    ctl_in, ctl_out = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)  # a stray print must never corrupt the protocol
    os.close(devnull)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # as pid 1, a SIGINT handler would be reachable
    disabled = {n for n in os.environ.get(DISABLE_ENV, "").split(",") if n}
    name = f"z{os.getpid()}"
    report: dict[str, tuple[bool, str]] = {}

    if "pid-namespace" in disabled:
        report["pid-namespace"] = (False, f"disabled by {DISABLE_ENV}")
    else:
        report["pid-namespace"] = _enter_pid_namespace(ctl_in, ctl_out)
    try:
        _sys.prctl(_sys.PR_SET_DUMPABLE, 0)
        report["non-dumpable"] = (True, "")
    except OSError as exc:
        report["non-dumpable"] = (False, str(exc))

    from . import protocol
    from .supervisor import Supervisor
    supervisor = Supervisor(name, disabled, report)
    try:
        protocol.send(ctl_out, supervisor.hello())
        while True:
            header = protocol.recv(ctl_in)
            if header is None:
                break
            must_exit, frames = supervisor.run(header, ctl_in)
            protocol.send(ctl_out, *frames)
            supervisor.scrub()
            if must_exit:
                break
    finally:
        supervisor.close()


def _enter_pid_namespace(ctl_in: int, ctl_out: int) -> tuple[bool, str]:
    """Become init of a new pid namespace: unshare, then fork; the outer process only waits."""
    try:
        _sys.unshare(_sys.CLONE_NEWPID)
    except OSError as root_error:
        try:  # unprivileged: a user namespace grants the right to make a pid namespace
            uid, gid = os.geteuid(), os.getegid()
            _sys.unshare(_sys.CLONE_NEWUSER | _sys.CLONE_NEWPID)
            for path, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
                with open(f"/proc/self/{path}", "w") as f:
                    f.write(text)
        except OSError as exc:
            return False, f"unshare(CLONE_NEWPID) failed: {root_error}; with a user namespace: {exc}"
    pid = os.fork()
    if pid:
        os.close(ctl_in)
        os.close(ctl_out)
        _, status = os.waitpid(pid, 0)
        os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
    _sys.prctl(_sys.PR_SET_PDEATHSIG, signal.SIGKILL)  # the host kills the outer process to stop us
    return True, ""


if __name__ == "__main__":
    sys.exit(main())
