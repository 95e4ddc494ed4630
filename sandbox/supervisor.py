"""Inside the zygote: prepare the layers once, then fork, watch and clean up one child per job.

The supervisor only observes (exit status, signal, time, memory, bytes on the pipes, whether it had
to kill); the host turns those facts into a Status. After every run nothing of the child survives:
in the zygote's pid namespace `kill(-1, SIGKILL)` ends every process but the zygote itself, and the
cgroup is emptied as well.
"""
from __future__ import annotations

import fcntl
import importlib.abc
import json
import os
import resource
import select
import signal
import sys
import time
import types
from typing import Optional

import numpy as np

from . import cgroup, child, harness, landlock, plotting, protocol, seccomp
from .layers import DESCRIPTIONS, DISABLE_ENV, ORDER

MAX_PIDS = 32
NO_PIDFD_ENV = "GRADJUDGE_SANDBOX_NO_PIDFD"  # test hook: take the pre-5.3 kernel path


def _import_engine() -> tuple[Optional[types.ModuleType], str]:
    """Import the engine and route `import torch` to it, once, before any fork."""
    try:
        import engine
        from engine import torch_alias
        torch_alias.install()
        plotting.install_if_missing()
    except Exception as exc:  # noqa: BLE001 - the sandbox still runs plain Python without it
        notice = f"the engine could not be imported ({type(exc).__name__}: {exc}); `import torch` will fail"
        block_torch(f"{notice} - a fault of the judge, not of the program")
        return None, notice
    return engine, ""


class _TorchBlocker(importlib.abc.MetaPathFinder):
    """Fails `import torch` with the judge's own error, so a real PyTorch on the machine is never
    imported in its place (it would be slow, different, and outside what the judge vouches for)."""

    def __init__(self, message: str) -> None:
        self.message = message

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".")[0] in ("torch", "torchviz"):
            raise ModuleNotFoundError(f"No module named {name!r}: {self.message}", name=name)
        return None


def block_torch(message: str) -> _TorchBlocker:
    blocker = _TorchBlocker(message)
    sys.meta_path.insert(0, blocker)
    return blocker


class Supervisor:
    def __init__(self, name: str, disabled: set[str], report: dict[str, tuple[bool, str]]) -> None:
        self.engine, engine_notice = _import_engine()
        self.notices = [engine_notice] if engine_notice else []
        # Warm what every child touches (numpy.random is lazy in numpy 2: 12 ms per child otherwise)
        # and the modules submissions commonly import, so children find them already loaded.
        import collections, functools, itertools, math, random, statistics  # noqa: F401,E401
        import numpy.random
        numpy.random.seed(0)
        self.report = dict(report)
        self.plan = child.Plan(base_vm_bytes=_vm_bytes())
        for layer in ORDER:
            if layer in self.report:
                continue
            if layer in disabled:
                self.report[layer] = (False, f"disabled by {DISABLE_ENV}")
            else:
                self.report[layer] = self._prepare(layer, name)
        self.plan.layers = {n for n, (ok, _) in self.report.items() if ok}
        self._probe()
        self.pid_namespace = self.report["pid-namespace"][0] and os.getpid() == 1
        self._buffers: dict[str, bytearray] = {}
        self._state = _process_state()
        self._used: dict[str, int] = {}

    def _prepare(self, layer: str, name: str) -> tuple[bool, str]:
        """Zygote-side preparation of a child layer; the probe child then confirms it applies."""
        try:
            if layer == "cgroup":
                self.plan.cgroup = cgroup.create(name)
                return True, f"cgroup v{self.plan.cgroup.version}: {DESCRIPTIONS['cgroup']}"
            if layer == "landlock":
                version = landlock.abi()
                self.plan.ruleset_fd = landlock.build_ruleset(version, landlock.readable_paths())
                os.set_inheritable(self.plan.ruleset_fd, False)
                return True, f"ABI {version}: " + ", ".join(landlock.features(version))
            if layer == "seccomp" and not seccomp.supported():
                return False, f"no syscall table for architecture {os.uname().machine}"
            if layer == "uid" and os.geteuid() != 0:
                return False, "not running as root: nothing to drop to"
            return True, ""
        except OSError as exc:
            return False, str(exc)

    def _probe(self) -> None:
        """Apply the prepared layers, in the real order, in throwaway children; keep what held."""
        candidates = [n for n in ("cgroup", "rlimits", "uid", "namespaces", "landlock", "seccomp")
                      if n in self.plan.layers]
        failures: dict[str, str] = {}
        if "uid" in candidates:  # nobody may be unable to read the Python install at all
            failures = self._probe_child(["uid"], check_reads=True)
            if failures:
                candidates.remove("uid")
        rest = self._probe_child(candidates, check_reads=False)
        if "uid" in candidates and set(rest) - {"uid"}:
            # e.g. no unprivileged user namespaces: the strict layer wins over the best-effort one
            without = self._probe_child([c for c in candidates if c != "uid"], check_reads=False)
            if len(without) < len(rest):
                failures["uid"] = "running as nobody stops " + ", ".join(sorted(set(rest) - set(without))) + " from applying"
                rest = without
        failures.update(rest)
        for layer, error in failures.items():
            self.report[layer] = (False, error)
            self.plan.layers.discard(layer)

    def _probe_child(self, layers: list[str], check_reads: bool) -> dict[str, str]:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read_fd)
                plan = child.Plan(set(layers), self.plan.cgroup, self.plan.ruleset_fd, self.plan.base_vm_bytes)
                if plan.ruleset_fd is not None:
                    os.dup2(plan.ruleset_fd, child.RULESET_FD)
                limits = {"cpu_time_s": 5, "memory_mib": 256}
                failures = child.apply(plan, limits, best_effort=True)
                if check_reads and "uid" not in failures:
                    for path in (harness.__file__, np.__file__, os.__file__):
                        if not os.access(path, os.R_OK):
                            failures["uid"] = f"nobody cannot read {path} (is it under a 0700 home directory?)"
                            break
                os.write(write_fd, json.dumps(failures).encode())
            finally:
                os._exit(0)
        os.close(write_fd)
        data = b""
        while chunk := os.read(read_fd, 65536):
            data += chunk
        os.close(read_fd)
        os.waitpid(pid, 0)
        if self.plan.cgroup is not None:
            self.plan.cgroup.kill_all()
        try:
            return json.loads(data)
        except ValueError:
            return {layer: "the probe child died while applying it" for layer in layers}

    def hello(self) -> bytes:
        layers = [{"name": n, "active": self.report[n][0],
                   "detail": self.report[n][1] or DESCRIPTIONS[n]} for n in ORDER]
        return json.dumps({"layers": layers, "notices": self.notices}).encode()

    # ----- one job -------------------------------------------------------------------------

    def run(self, header: bytes, ctl_in: int) -> tuple[bool, tuple]:
        """Run one job; returns (whether the zygote must exit, the reply frames)."""
        spec = json.loads(header)
        limits = spec["limits"]
        if self.plan.cgroup is not None:
            self.plan.cgroup.prepare(limits["memory_mib"] << 20, MAX_PIDS)
            oom_before = self.plan.cgroup.oom_kills()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        res_r, res_w = os.pipe()
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            self._child(ctl_in, spec["body"], out_w, err_w, res_w)
        for fd in (out_w, err_w, res_w):
            os.close(fd)
        caps = {"stdout": limits["output_bytes"], "stderr": limits["output_bytes"],
                "result": limits["result_bytes"] + len(harness.READY)}
        facts, used = self._watch(pid, start, limits["wall_time_s"],
                                  {out_r: "stdout", err_r: "stderr", res_r: "result"}, caps)
        self._cleanup(pid)
        if self.plan.cgroup is not None:
            facts["memory_kib"] = self.plan.cgroup.peak_bytes() // 1024
            facts["oom"] = self.plan.cgroup.oom_kills() > oom_before
        facts["layers"] = sorted(self.plan.layers | {n for n in ("non-dumpable", "pid-namespace")
                                                     if self.report[n][0]})
        # A child that died before its ready marker may have left part of the job body unread in
        # the control pipe: this zygote cannot find the next frame, so it answers and exits.
        facts["restart"] = bytes(self._buffers["result"][:len(harness.READY)]) != harness.READY
        # A child shares the zygote's uid: where seccomp cannot stop it from lowering the zygote's
        # limits or priority, the next child would inherit them. A changed zygote is replaced.
        facts["restart"] = facts["restart"] or _process_state() != self._state
        self._used = used
        frames = (json.dumps(facts).encode(),) + tuple(
            memoryview(self._buffers[name])[:used[name]] for name in ("stdout", "stderr", "result"))
        return facts["restart"], frames

    def scrub(self) -> None:
        """Zero the output buffers after they were sent: the next child is a fork of this process."""
        for name, n in self._used.items():
            self._buffers[name][:n] = bytes(n)

    def _child(self, ctl_in: int, body_length: int, stdout: int, stderr: int, result: int) -> None:
        """The child's side of fork(): set up, then run the harness, which ends with os._exit."""
        try:
            job = protocol.decode_job(protocol.read_body(ctl_in, body_length))
            stdin = _stdin_pipe(job["stdin"].encode())
            child.setup_fds(stdin, stdout, stderr, result, self.plan.ruleset_fd)
            out, err = child.std_streams()
            child.apply(self.plan, job["limits"])
            os.chdir("/")
            # Python ignores SIGXFSZ; restored, a write past RLIMIT_FSIZE ends the run (reported SV).
            signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
            for module in [m for m in sys.modules if m == "sandbox" or m.startswith("sandbox.")]:
                del sys.modules[module]
        except BaseException as exc:  # noqa: B036 - before the ready marker: the host reports IE
            os.write(2, f"{type(exc).__name__}: {exc}\n".encode())
            os._exit(child.SETUP_FAILED)
        try:
            harness.run(job, self.engine, out, err)
        finally:
            os._exit(child.SETUP_FAILED)  # only if the harness itself broke (e.g. a patched os._exit)

    def _watch(self, pid: int, start: float, wall_s: float, fds: dict[int, str],
               caps: dict[str, int]) -> tuple[dict, dict[str, int]]:
        """Collect the child's output into the reused buffers until it exits, overflows or times out."""
        for name, cap in caps.items():
            if len(self._buffers.get(name, b"")) < cap + 1:
                self._buffers[name] = bytearray(cap + 1)
        used = {name: 0 for name in caps}
        facts = {"timed_out": False, "over": ""}
        pidfd = _pidfd_open(pid)
        poller = select.poll()
        for fd in (*fds, *([pidfd] if pidfd is not None else [])):
            poller.register(fd, select.POLLIN)
        deadline = start + wall_s
        exited = False
        while not exited and not facts["over"]:
            timeout = deadline - time.monotonic()
            if timeout <= 0:
                facts["timed_out"] = True
                self._kill(pid)
                break
            if pidfd is None:  # no pidfd: look at the child every 5 ms (WNOWAIT keeps it for wait4)
                timeout = min(timeout, 0.005)
                exited = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
            for fd, _event in poller.poll(timeout * 1000):
                if fd == pidfd:
                    exited = True
                elif not self._read(fd, fds[fd], caps, used):
                    poller.unregister(fd)
                elif used[fds[fd]] > caps[fds[fd]] and not facts["over"]:
                    facts["over"] = fds[fd]
                    self._kill(pid)
        _, status, usage = os.wait4(pid, 0)
        facts["wall_ms"] = (time.monotonic() - start) * 1000
        for fd, name in fds.items():  # what the child wrote before it died, without waiting for more
            os.set_blocking(fd, False)
            try:
                while used[name] <= caps[name] and self._read(fd, name, caps, used):
                    pass
            except BlockingIOError:
                pass
            os.close(fd)
        if pidfd is not None:
            os.close(pidfd)
        facts["exit_code"] = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        facts["signal"] = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        facts["cpu_ms"] = (usage.ru_utime + usage.ru_stime) * 1000
        facts["memory_kib"] = usage.ru_maxrss
        return facts, used

    def _read(self, fd: int, name: str, caps: dict[str, int], used: dict[str, int]) -> bool:
        """Read into the buffer (never into a fresh bytes object); False at end of stream."""
        room = memoryview(self._buffers[name])[used[name]:caps[name] + 1]
        if not room:
            return True
        n = os.readv(fd, [room])
        used[name] += n
        return n > 0

    def _kill(self, pid: int) -> None:
        for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
            try:
                target()
            except ProcessLookupError:
                pass

    def _cleanup(self, pid: int) -> None:
        """Leave nothing behind: every process in our pid namespace (or the child's group and
        cgroup without one) is killed and reaped before the next job."""
        if self.pid_namespace and os.getpid() == 1:
            try:
                os.kill(-1, signal.SIGKILL)  # as init of the namespace: everyone but us
            except ProcessLookupError:
                pass
        else:
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self.plan.cgroup is not None:
            self.plan.cgroup.kill_all()
        flags = 0 if self.pid_namespace else os.WNOHANG
        while True:
            try:
                reaped, _ = os.waitpid(-1, flags)
            except ChildProcessError:
                break
            if reaped == 0:
                break

    def close(self) -> None:
        if self.plan.cgroup is not None:
            self.plan.cgroup.kill_all()
            self.plan.cgroup.remove()


def _pidfd_open(pid: int) -> Optional[int]:
    """A descriptor that becomes readable when the child exits (Linux >= 5.3), else None."""
    if os.environ.get(NO_PIDFD_ENV):
        return None
    try:
        return os.pidfd_open(pid)
    except (OSError, AttributeError):
        return None


def _stdin_pipe(data: bytes) -> int:
    """A pipe already holding all of stdin and closed for writing (grown to fit, up to the kernel's
    pipe-max-size; beyond that the program sees the first part)."""
    read_fd, write_fd = os.pipe()
    if len(data) > 65536:
        try:
            fcntl.fcntl(write_fd, fcntl.F_SETPIPE_SZ, len(data))
        except OSError:
            pass
    os.set_blocking(write_fd, False)
    try:
        os.write(write_fd, data)
    except BlockingIOError:
        pass
    os.close(write_fd)
    return read_fd


def _process_state() -> tuple:
    """What a fork inherits and another process of the same uid could change: resource limits,
    priority, CPU affinity, scheduling policy."""
    limits = tuple(resource.getrlimit(getattr(resource, name))
                   for name in sorted(dir(resource)) if name.startswith("RLIMIT_"))
    return (limits, os.getpriority(os.PRIO_PROCESS, 0), frozenset(os.sched_getaffinity(0)),
            os.sched_getscheduler(0))


def _vm_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0
