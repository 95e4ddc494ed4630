"""A memory and pids cgroup per zygote, reused run after run (v1 or v2, whichever the machine has).

The zygote creates `gradjudge/z<pid>` (pid of the zygote process as the host sees it) under the memory and pids hierarchies, sets the limits and
resets the peak counter before each run; the child writes itself into it as its first act, so the
peak memory is exactly what the child allocated (pages shared with the zygote stay charged to the
zygote). Reusing one cgroup avoids a mkdir/rmdir per run, which costs more than the run itself.
Root only: without write access to the hierarchy the layer is reported inactive.
"""
from __future__ import annotations

import os
import signal
import time

CGROUP_ROOT = "/sys/fs/cgroup"
PARENT = "gradjudge"


def _write(path: str, value: str) -> None:
    with open(path, "w") as f:
        f.write(value)


def _read(path: str) -> str:
    with open(path) as f:
        return f.read()


class Cgroup:
    """Interface shared by the v1 and v2 implementations."""

    version = 0
    procs_files: list[str]
    _limits: tuple[int, int] = (-1, -1)

    def prepare(self, memory_bytes: int, pids: int) -> None:
        """Set the limits (only when they changed: most jobs share them) and reset the peak."""
        if (memory_bytes, pids) != self._limits:
            self._set_limits(memory_bytes, pids)
            self._limits = (memory_bytes, pids)
        self._reset_peak()

    def _set_limits(self, memory_bytes: int, pids: int) -> None:
        raise NotImplementedError

    def _reset_peak(self) -> None:
        raise NotImplementedError

    def peak_bytes(self) -> int:
        raise NotImplementedError

    def oom_kills(self) -> int:
        raise NotImplementedError

    def dirs(self) -> list[str]:
        raise NotImplementedError

    def kill_all(self, timeout_s: float = 2.0) -> bool:
        """SIGKILL whatever is still in the cgroup (a process that outlived the child, e.g. a
        daemon that left its session) and wait until it is gone. False if something survived."""
        deadline = time.monotonic() + timeout_s
        while True:
            pids = {int(pid) for path in self.procs_files for pid in _read(path).split()}
            if not pids:
                return True
            if time.monotonic() > deadline:
                return False
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.001)

    def join(self) -> None:
        """Called by the child itself, before it allocates anything."""
        for path in self.procs_files:
            _write(path, "0")

    def remove(self) -> None:
        for path in self.dirs():
            try:
                os.rmdir(path)
            except OSError:
                pass


class CgroupV1(Cgroup):
    version = 1

    def __init__(self, name: str) -> None:
        self.memory = os.path.join(CGROUP_ROOT, "memory", PARENT, name)
        self.pids = os.path.join(CGROUP_ROOT, "pids", PARENT, name)
        for path in (self.memory, self.pids):
            os.makedirs(path, exist_ok=True)
        self.procs_files = [os.path.join(self.memory, "cgroup.procs"), os.path.join(self.pids, "cgroup.procs")]
        self._has_memsw = os.path.exists(os.path.join(self.memory, "memory.memsw.limit_in_bytes"))

    def dirs(self) -> list[str]:
        return [self.memory, self.pids]

    def _set_limits(self, memory_bytes: int, pids: int) -> None:
        mem = lambda f: os.path.join(self.memory, f)  # noqa: E731
        # memsw must stay >= the memory limit: order the two writes by direction of change.
        if self._has_memsw and memory_bytes < int(_read(mem("memory.limit_in_bytes"))):
            _write(mem("memory.limit_in_bytes"), str(memory_bytes))
            _write(mem("memory.memsw.limit_in_bytes"), str(memory_bytes))
        elif self._has_memsw:
            _write(mem("memory.memsw.limit_in_bytes"), str(memory_bytes))
            _write(mem("memory.limit_in_bytes"), str(memory_bytes))
        else:
            _write(mem("memory.limit_in_bytes"), str(memory_bytes))
        _write(os.path.join(self.pids, "pids.max"), str(pids))

    def _reset_peak(self) -> None:
        _write(os.path.join(self.memory, "memory.max_usage_in_bytes"), "0")

    def peak_bytes(self) -> int:
        return int(_read(os.path.join(self.memory, "memory.max_usage_in_bytes")))

    def oom_kills(self) -> int:
        for line in _read(os.path.join(self.memory, "memory.oom_control")).splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill":
                return int(value)
        return int(_read(os.path.join(self.memory, "memory.failcnt")))


class CgroupV2(Cgroup):
    version = 2

    def __init__(self, name: str) -> None:
        parent = os.path.join(CGROUP_ROOT, PARENT)
        os.makedirs(parent, exist_ok=True)
        _write(os.path.join(CGROUP_ROOT, "cgroup.subtree_control"), "+memory +pids")
        _write(os.path.join(parent, "cgroup.subtree_control"), "+memory +pids")
        self.path = os.path.join(parent, name)
        os.makedirs(self.path, exist_ok=True)
        self.procs_files = [os.path.join(self.path, "cgroup.procs")]

    def dirs(self) -> list[str]:
        return [self.path]

    def _set_limits(self, memory_bytes: int, pids: int) -> None:
        _write(os.path.join(self.path, "memory.max"), str(memory_bytes))
        if os.path.exists(os.path.join(self.path, "memory.swap.max")):
            _write(os.path.join(self.path, "memory.swap.max"), "0")
        _write(os.path.join(self.path, "pids.max"), str(pids))

    def _reset_peak(self) -> None:
        # Since Linux 6.12 a write resets the peak *as seen through that open file*, so the file
        # stays open from the reset to the read. Older kernels: the peak covers the cgroup's life.
        if getattr(self, "_peak_fd", None) is not None:
            os.close(self._peak_fd)
        self._peak_fd = os.open(os.path.join(self.path, "memory.peak"), os.O_RDWR)
        try:
            os.write(self._peak_fd, b"reset")
        except OSError:
            pass

    def peak_bytes(self) -> int:
        return int(os.pread(self._peak_fd, 64, 0))

    def oom_kills(self) -> int:
        for line in _read(os.path.join(self.path, "memory.events")).splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill":
                return int(value)
        return 0


def create(name: str) -> Cgroup:
    """Create this zygote's cgroup; raises OSError saying why when the machine cannot."""
    if os.geteuid() != 0:
        raise OSError("not running as root: the cgroup hierarchy is not writable")
    if os.path.isdir(os.path.join(CGROUP_ROOT, "memory")) and os.path.isdir(os.path.join(CGROUP_ROOT, "pids")):
        _remove_stale(os.path.join(CGROUP_ROOT, "memory", PARENT), os.path.join(CGROUP_ROOT, "pids", PARENT))
        return CgroupV1(name)
    controllers = os.path.join(CGROUP_ROOT, "cgroup.controllers")
    if os.path.exists(controllers) and {"memory", "pids"} <= set(_read(controllers).split()):
        _remove_stale(os.path.join(CGROUP_ROOT, PARENT))
        try:
            return CgroupV2(name)
        except OSError as exc:
            # Typically EBUSY: v2 lets a cgroup that holds processes enable no controllers for
            # its children, which is the case at the root of a container's cgroup namespace.
            raise OSError(f"cgroup v2: cannot enable the memory and pids controllers under "
                          f"{CGROUP_ROOT} ({exc.strerror or exc}); run the judge in a delegated "
                          "cgroup (e.g. systemd-run --scope -p Delegate=yes judge ...)") from None
    raise OSError("no cgroup v1 memory+pids hierarchy and no cgroup v2 with memory and pids controllers")


def _remove_stale(*parents: str) -> None:
    """Remove cgroups left by zygotes that died without cleaning up (empty ones only)."""
    for parent in parents:
        if not os.path.isdir(parent):
            continue
        for name in os.listdir(parent):
            owner = name[1:]
            if name.startswith("z") and owner.isdigit() and not os.path.exists(f"/proc/{owner}"):
                try:
                    os.rmdir(os.path.join(parent, name))
                except OSError:
                    pass
