"""The isolation layers, and which of them this machine can enforce (what `judge doctor` prints)."""
from __future__ import annotations

from dataclasses import dataclass

# name -> what it enforces. Order is the order the child applies them.
DESCRIPTIONS = {
    "non-dumpable": "the zygote is PR_SET_DUMPABLE 0: no ptrace or /proc/<pid>/mem of the supervisor",
    "pid-namespace": "the zygote is init of its own pid namespace: children see no host process, "
                     "and every run ends by killing everything left in it",
    "cgroup": "memory and pids limits per child, exact peak memory, OOM detection",
    "rlimits": "CPU time, address space, file size 0, open files, core 0",
    "uid": "the child runs as nobody",
    "namespaces": "new user, net, mount, ipc and uts namespaces per child (no network at all)",
    "landlock": "read-only access to the Python install, numpy and the engine; nothing else",
    "seccomp": "no sockets, exec, new processes, ptrace, signals to others, mount, bpf, io_uring, ...",
}
ORDER = tuple(DESCRIPTIONS)
# A server refuses to grade without these unless told otherwise; "uid" is best-effort because a
# Python installed under a 0700 home directory is unreadable for nobody.
STRICT = frozenset({"pid-namespace", "cgroup", "rlimits", "namespaces", "landlock", "seccomp"})
# Switch layers off (tests of the degrade path, or debugging): GRADJUDGE_SANDBOX_DISABLE=seccomp,uid
DISABLE_ENV = "GRADJUDGE_SANDBOX_DISABLE"


@dataclass(frozen=True)
class Layer:
    name: str
    active: bool
    detail: str          # what it enforces when active, why it is not otherwise
    strict: bool = False  # required by Sandbox(require_strict=True)


class StrictModeError(RuntimeError):
    """Raised by Sandbox(require_strict=True) when a strict layer is unavailable."""


def check_names(names: set[str]) -> None:
    unknown = names - set(ORDER)
    if unknown:
        raise ValueError(f"unknown sandbox layer(s) {sorted(unknown)}; known: {', '.join(ORDER)}")


def from_report(report: list[dict]) -> list[Layer]:
    return [Layer(r["name"], bool(r["active"]), str(r["detail"]), r["name"] in STRICT) for r in report]


def notices(layers: list[Layer]) -> tuple[str, ...]:
    """What a result says about weaker isolation: strict layers only (best-effort ones that are
    off are listed by `judge doctor`, not repeated on every run)."""
    return tuple(f"sandbox layer {layer.name} inactive: {layer.detail}"
                 for layer in layers if layer.strict and not layer.active)
