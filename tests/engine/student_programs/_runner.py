"""Run student programs on the engine (`import torch` is the engine) and print one JSON object
{program name: {"stdout", "error"}}.

    python3 tests/engine/student_programs/_runner.py FILE...

The engine is imported once; each program then runs in its own forked child, so programs are
isolated from each other exactly as separate `python3 file.py` runs would be (fresh module
globals, fresh RNG state, fresh print options), without paying interpreter start-up per program.
A program that raises is reported as the last traceback line ("ExcType: message"), the way
`python3 file.py` ends its stderr.
"""
from __future__ import annotations

import io
import json
import os
import runpy
import signal
import sys
import traceback
import warnings

TIMEOUT_S = 60


def _child(path: str, wfd: int) -> None:
    out = io.StringIO()
    error = None
    sys.stdout = out
    sys.argv = [path]
    signal.alarm(TIMEOUT_S)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            runpy.run_path(path, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (None, 0):
            error = f"SystemExit: {exc.code}"
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        error = traceback.format_exception_only(type(exc), exc)[-1].strip()
    data = json.dumps({"stdout": out.getvalue(), "error": error}).encode()
    with os.fdopen(wfd, "wb") as w:
        w.write(data)


def run_all(paths: list[str]) -> dict[str, dict]:
    results = {}
    for path in paths:
        name = os.path.splitext(os.path.basename(path))[0]
        r, w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            code = 0
            try:
                _child(path, w)
            except BaseException:  # noqa: BLE001
                code = 1
            finally:
                os._exit(code)
        os.close(w)
        with os.fdopen(r, "rb") as rf:
            raw = rf.read()
        _, status = os.waitpid(pid, 0)
        if raw:
            results[name] = json.loads(raw)
        else:
            results[name] = {"stdout": "", "error": f"child died (wait status {status})"}
    return results


def main() -> None:
    sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..")))
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import engine.torch_alias
    engine.torch_alias.install()
    # Load everything a program may import, once, before forking.
    import torch  # noqa: F401  (the engine)
    import torch.nn, torch.nn.functional, torch.optim, torch.autograd  # noqa: E401,F401
    import engine.autograd.functional  # noqa: F401
    real_stdout = sys.stdout
    results = run_all(sys.argv[1:])
    real_stdout.write(json.dumps(results))


if __name__ == "__main__":
    main()
