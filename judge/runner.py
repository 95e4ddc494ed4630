"""How the judge reaches the sandbox: anything with `map(jobs) -> outcomes`.

`sandbox.Sandbox` is one; tests pass fakes to force the verdicts a real run rarely gives (IE).
"""
from __future__ import annotations

from typing import Protocol, Sequence

from sandbox.job import Job, Outcome


class Runner(Protocol):
    def map(self, jobs: Sequence[Job]) -> list[Outcome]: ...


def open_pool(workers: int | None = None, strict: bool = False):
    """A sandbox pool (a context manager with .map and .run); imported late so that loading
    and validating problems never starts the sandbox. `strict` refuses to start (StrictModeError)
    when an isolation layer this machine should have is missing."""
    import sandbox
    return sandbox.Sandbox(workers=workers or 1, require_strict=strict)
