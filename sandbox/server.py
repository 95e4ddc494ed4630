"""Host side: a pool of warm zygotes, and the module-level `run()` / `doctor()`.

    with Sandbox(workers=2) as box:
        outcomes = box.map(jobs)

Each worker is one zygote process running one job at a time; `map` spreads jobs over the workers.
A zygote that dies is replaced on the next job, and the job it was running is reported as IE.
"""
from __future__ import annotations

import atexit
import compileall
import functools
import json
import os
import queue
import select
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Iterable, Optional

from . import protocol
from .job import Job, Outcome, Status
from .layers import DISABLE_ENV, Layer, StrictModeError, check_names, from_report, notices
from .verdict import decide

_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Extra seconds the host waits for a zygote beyond the job's wall limit before declaring it hung.
_GRACE_S = 10.0


@functools.cache
def _byte_compile_packages() -> None:
    """Write the .pyc files of the packages the zygote imports, once per judge process. Zygotes
    run with PYTHONDONTWRITEBYTECODE (a child never writes into the install, which Landlock makes
    read-only for it), and an editable install has no .pyc: each zygote start would recompile
    the engine (~170 ms). Up-to-date files cost ~1 ms; an install the judge cannot write to
    keeps compiling in every zygote, as before."""
    for package in ("engine", "sandbox"):
        compileall.compile_dir(os.path.join(_PACKAGE_ROOT, package), quiet=2)


class _Worker:
    """One zygote process and its control pipes."""

    def __init__(self, disable: frozenset[str]) -> None:
        # A minimal environment: the child must not see the judge's (tokens, paths, database URLs).
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        env.update({k: v for k, v in os.environ.items() if k.startswith("GRADJUDGE_SANDBOX_")})  # test hooks
        env.update({"PYTHONPATH": _PACKAGE_ROOT, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0",
                    "PYTHONSAFEPATH": "1", DISABLE_ENV: ",".join(sorted(disable))})
        self.exiting = False  # the zygote said it stops after this run
        self.proc = subprocess.Popen(
            [sys.executable, "-s", "-m", "sandbox.zygote"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd="/", env=env, close_fds=True)
        self.layers: list[Layer] = []
        self.notices: tuple[str, ...] = ()

    def wait_ready(self) -> None:
        """Read the zygote's layer report (it imports numpy and the engine first: ~0.3 s)."""
        hello = protocol.recv(self.proc.stdout.fileno())
        if hello is None:
            code = self.proc.wait()
            raise RuntimeError(f"the sandbox zygote exited with status {code} before it was ready; "
                               f"run `python3 -m sandbox.zygote` to see its error")
        report = json.loads(hello)
        self.layers = from_report(report["layers"])
        self.notices = tuple(report["notices"]) + notices(self.layers)

    def run(self, job: Job) -> Outcome:
        header, body = protocol.encode_job(job)
        protocol.send(self.proc.stdin.fileno(), header)
        protocol.write_all(self.proc.stdin.fileno(), body)
        ready, _, _ = select.select([self.proc.stdout], [], [], job.limits.wall_time_s + _GRACE_S)
        if not ready:
            self.proc.kill()
            raise EOFError(f"the sandbox zygote did not answer within {job.limits.wall_time_s + _GRACE_S:.0f} s")
        frames = []
        for _ in range(4):
            frame = protocol.recv(self.proc.stdout.fileno())
            if frame is None:
                raise EOFError("the sandbox zygote exited during the run")
            frames.append(frame)
        facts = json.loads(frames[0])
        self.exiting = facts["restart"]
        outcome = decide(job, facts, frames[1], frames[2], frames[3])
        outcome.notices = self.notices + outcome.notices
        return outcome

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()


class Sandbox:
    """A pool of warm zygotes. `require_strict=True` refuses to start unless every strict layer is
    active on this machine; `disable` switches layers off (for tests of the degraded paths);
    `warm=False` is the cold path: every job gets a freshly started zygote (~0.3 s per job), for
    when a long-lived process is not wanted. `.layers` is what `doctor()` reports, for this pool."""

    def __init__(self, workers: int = 1, *, require_strict: bool = False,
                 disable: Iterable[str] = (), warm: bool = True) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self._disable = frozenset(disable) | frozenset(n for n in os.environ.get(DISABLE_ENV, "").split(",") if n)
        check_names(set(self._disable))
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False
        self._warm = warm
        _byte_compile_packages()
        try:
            started = [_Worker(self._disable) for _ in range(workers)]  # start-ups overlap
            self._all.extend(started)
            for worker in started:
                worker.wait_ready()
                self._idle.put(worker)
        except BaseException:
            self.close()
            raise
        self.layers = self._all[0].layers
        missing = [layer for layer in self.layers if layer.strict and not layer.active]
        if require_strict and missing:
            self.close()
            raise StrictModeError(
                "strict sandbox refused: these layers are unavailable on this machine: "
                + "; ".join(f"{layer.name} ({layer.detail})" for layer in missing)
                + ". Fix them (see `judge doctor`) or run without strict mode to grade with fewer layers.")

    def _add_worker(self) -> None:
        worker = _Worker(self._disable)
        worker.wait_ready()
        with self._lock:
            self._all.append(worker)
        self._idle.put(worker)

    def run(self, job: Job) -> Outcome:
        if self._closed:
            raise RuntimeError("this Sandbox is closed")
        worker = self._idle.get()
        try:
            return worker.run(job)
        except (EOFError, OSError, ValueError) as exc:
            worker.exiting = True
            return Outcome(Status.IE, error=f"the sandbox failed during the run: {exc}")
        finally:
            if worker.exiting or not self._warm:
                self._replace(worker)
            else:
                self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.close()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        if not self._closed:
            self._add_worker()

    def map(self, jobs: Iterable[Job]) -> list[Outcome]:
        jobs = list(jobs)
        with ThreadPoolExecutor(max_workers=max(1, len(self._all))) as pool:
            return list(pool.map(self.run, jobs))

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.close()

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_default: Optional[Sandbox] = None
_default_lock = threading.Lock()


def _default_sandbox() -> Sandbox:
    global _default
    with _default_lock:
        if _default is None:
            _default = Sandbox(workers=1)
            atexit.register(_default.close)
        return _default


def run(job: Job) -> Outcome:
    """Run one job on a lazily started module-level zygote (best-effort layers, with notices)."""
    return _default_sandbox().run(job)


def doctor() -> list[Layer]:
    """Every isolation layer, whether it is active on this machine, and why not."""
    return list(_default_sandbox().layers)
