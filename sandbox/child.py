"""The forked child: drop everything it can, then hand over to the harness. Never returns.

Order matters: join the cgroup first (so every page the child allocates is counted), then new
session and descriptors, rlimits, uid, namespaces, no_new_privs, Landlock, and seccomp last
(it would forbid the unshare and landlock calls before it).
"""
from __future__ import annotations

import fcntl
import io
import math
import os
import resource
import sys
from dataclasses import dataclass, field
from typing import Callable, Optional

from . import _sys, landlock, seccomp
from .cgroup import Cgroup

NOBODY = 65534
NAMESPACES = _sys.CLONE_NEWUSER | _sys.CLONE_NEWNET | _sys.CLONE_NEWNS | _sys.CLONE_NEWIPC | _sys.CLONE_NEWUTS
RULESET_FD = 4          # where the inherited Landlock ruleset sits until restrict_self
OPEN_FILES = 64
SETUP_FAILED = 121      # exit code of a child whose sandbox setup failed (before the ready marker)


@dataclass
class Plan:
    """Which layers a child applies; decided once per zygote by `Supervisor._probe`."""

    layers: set[str] = field(default_factory=set)
    cgroup: Optional[Cgroup] = None
    ruleset_fd: Optional[int] = None
    base_vm_bytes: int = 0      # the zygote's address space, added to the RLIMIT_AS budget


def apply(plan: Plan, limits: dict, *, best_effort: bool = False) -> dict[str, str]:
    """Apply the plan's layers in order. Returns {layer: error} for failures when best_effort;
    otherwise the first failure raises."""
    failures: dict[str, str] = {}
    steps: list[tuple[str, Callable[[], None]]] = [
        ("cgroup", lambda: plan.cgroup.join()),
        ("rlimits", lambda: _rlimits(limits, plan.base_vm_bytes)),
        ("uid", _drop_uid),
        ("namespaces", lambda: _sys.unshare(NAMESPACES)),
        ("landlock", lambda: (_sys.prctl(_sys.PR_SET_NO_NEW_PRIVS, 1), landlock.restrict_self(RULESET_FD))),
        ("seccomp", lambda: (_sys.prctl(_sys.PR_SET_NO_NEW_PRIVS, 1), seccomp.install(seccomp.build(os.getpid())))),
    ]
    for name, step in steps:
        if name not in plan.layers:
            continue
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - reported per layer
            if not best_effort:
                raise RuntimeError(f"sandbox layer {name} failed: {exc}") from exc
            failures[name] = str(exc)
    if plan.ruleset_fd is not None:
        _close(RULESET_FD)
    return failures


def setup_fds(stdin: int, stdout: int, stderr: int, result: int, ruleset_fd: Optional[int]) -> None:
    """New session; stdio and the result pipe on 0-3, the Landlock ruleset on 4, nothing else."""
    os.setsid()
    wanted = [stdin, stdout, stderr, result] + ([ruleset_fd] if ruleset_fd is not None else [])
    # Move every source above the targets first, so no dup2 overwrites a source still needed.
    high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in wanted]
    for target, fd in enumerate(high):
        os.dup2(fd, target, inheritable=False)
    os.closerange(len(wanted), resource.getrlimit(resource.RLIMIT_NOFILE)[0])


def std_streams() -> tuple[io.TextIOWrapper, io.TextIOWrapper]:
    """Fresh sys.stdin/stdout/stderr on the child's pipes (the zygote's stream objects may hold
    buffered state that is not ours)."""
    def stream(fd: int, mode: str) -> io.TextIOWrapper:
        raw = io.FileIO(fd, mode, closefd=False)
        buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
        return io.TextIOWrapper(buffered, encoding="utf-8", errors="backslashreplace",
                                line_buffering=False)
    sys.stdin, sys.stdout, sys.stderr = stream(0, "r"), stream(1, "w"), stream(2, "w")
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr
    return sys.stdout, sys.stderr


def _rlimits(limits: dict, base_vm_bytes: int) -> None:
    cpu = max(1, math.ceil(limits["cpu_time_s"]))
    memory = limits["memory_mib"] << 20
    # RLIMIT_AS counts the address space the zygote already mapped (numpy, the engine) as well.
    address_space = base_vm_bytes + memory + (64 << 20)
    for which, soft, hard in (
        (resource.RLIMIT_CPU, cpu, cpu + 1),
        (resource.RLIMIT_AS, address_space, address_space),
        (resource.RLIMIT_FSIZE, 0, 0),
        (resource.RLIMIT_CORE, 0, 0),
        (resource.RLIMIT_NOFILE, OPEN_FILES, OPEN_FILES),
        (resource.RLIMIT_MEMLOCK, 0, 0),
    ):
        resource.setrlimit(which, (soft, hard))
    if os.geteuid() != 0:  # root ignores RLIMIT_NPROC; the cgroup pids limit covers it there
        resource.setrlimit(resource.RLIMIT_NPROC, (64, 64))


def _drop_uid() -> None:
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass
