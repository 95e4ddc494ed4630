"""Fixtures shared by the engine tests."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_python() -> Callable[[str], subprocess.CompletedProcess]:
    """Run code (dedented) in a new interpreter with the repository importable: for what one
    process can check only once (what `import engine` loads, the `import torch` alias)."""
    def run(code: str) -> subprocess.CompletedProcess:
        env = dict(os.environ, PYTHONPATH=str(REPO))
        return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                              text=True, cwd=REPO, env=env, timeout=60)

    return run
