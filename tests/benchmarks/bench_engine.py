"""Engine speed against PyTorch, side by side (run: python3 tests/benchmarks/bench_engine.py;
`--parts c` runs only the import timing).

(a) the seed lecture's 10001-step scalar gradient descent on
    f(x) = -log(1/(1+e^-x) + 1) / (x^2 + 1) from x = 3, lr = 0.01 (goal: engine >= 3x faster);
(b) a 2-layer MLP training loop, batch 64, width 256, SGD (goal: engine within 1.5x of torch,
    single-threaded torch and torch's default threads);
(c) a fresh `python3 -c 'import X'` for engine, numpy and torch (goal: engine < 150 ms).
    engine/ is byte-compiled first, as `pip install .` does: an editable install run with
    PYTHONDONTWRITEBYTECODE=1 never writes .pyc files and recompiles the engine's ~7,800 lines
    (~50 ms) on every import. The modules are timed in interleaved rounds so load drift on the
    machine hits them alike.
Each figure is the median of several repeats. PyTorch columns are skipped when it is absent.
"""
from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

# The sandbox runs numpy with single-threaded BLAS; OpenBLAS threads fighting over 2 busy cores
# cost 10x. Must be set before numpy loads. (torch's threads are set with set_num_threads.)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

HAVE_TORCH = importlib.util.find_spec("torch") is not None


def median_times(fns: dict[str, Callable[[], Any]], repeats: int) -> dict[str, tuple[float, Any]]:
    """Median wall time (and last result) of each function, run in interleaved rounds so that
    drift in the machine's load hits them alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    results: dict[str, Any] = {}
    for _ in range(repeats):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            results[name] = fn()
            times[name].append(time.perf_counter() - t0)
    return {name: (statistics.median(times[name]), results[name]) for name in fns}


def with_threads(torch: Any, n: int, fn: Callable[[], Any]) -> Any:
    default = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        return fn()
    finally:
        torch.set_num_threads(default)


def gd(lib: Any, steps: int = 10001) -> float:
    """The lecture's loop, verbatim in style: x.data = x.data - lr * x.grad; x.grad.zero_()."""
    x = lib.tensor(3.0, requires_grad=True)
    lr = 0.01
    for _ in range(steps):
        y = -lib.log(1 / (1 + lib.exp(-x)) + 1) / (x ** 2 + 1)
        y.backward()
        x.data = x.data - lr * x.grad
        x.grad.zero_()
    return x.item()


def mlp(lib: Any, steps: int, batch: int = 64, width: int = 256, features: int = 32) -> float:
    lib.manual_seed(0)
    model = lib.nn.Sequential(lib.nn.Linear(features, width), lib.nn.ReLU(),
                              lib.nn.Linear(width, width), lib.nn.ReLU(),
                              lib.nn.Linear(width, 1))
    opt = lib.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = lib.nn.MSELoss()
    x = lib.randn(batch, features)
    y = lib.randn(batch, 1)
    loss = None
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    return loss.item()


def import_times(modules: tuple[str, ...], repeats: int) -> dict[str, float]:
    """Median wall time of `python3 -c 'import M'` per module, measured round-robin."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    times: dict[str, list[float]] = {module: [] for module in modules}
    for _ in range(repeats):
        for module in modules:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", f"import {module}"], check=True, env=env,
                           cwd=REPO)
            times[module].append(time.perf_counter() - t0)
    return {module: statistics.median(t) for module, t in times.items()}


def row(label: str, engine_s: float, torch_s: float | None, unit: float = 1.0,
        suffix: str = "s") -> None:
    e = f"{engine_s * unit:10.3f} {suffix}"
    if torch_s is None:
        print(f"  {label:<34} engine {e}   torch        n/a")
        return
    print(f"  {label:<34} engine {e}   torch {torch_s * unit:10.3f} {suffix}   "
          f"torch/engine {torch_s / engine_s:6.2f}x")


def load_libraries() -> tuple[Any, Any]:
    import engine
    import engine.nn  # noqa: F401
    import engine.optim  # noqa: F401
    torch = importlib.import_module("torch") if HAVE_TORCH else None
    return engine, torch


def part_a(engine: Any, torch: Any, repeats: int) -> None:
    print(f"(a) scalar gradient descent, 10001 steps (median of {repeats}, interleaved)")
    fns = {"engine": lambda: gd(engine)}
    if torch:
        fns["torch"] = lambda: gd(torch)
    times = median_times(fns, repeats)
    e_t, e_x = times["engine"]
    t_t, t_x = times.get("torch", (None, None))
    row("time", e_t, t_t)
    per_step = f"engine {e_t / 10001 * 1e6:.1f} us" + (f", torch {t_t / 10001 * 1e6:.1f} us"
                                                        if t_t is not None else "")
    print(f"  per step: {per_step}")
    print(f"  final x: engine {e_x!r}   torch {t_x!r}   (lecture value 0.1900096833705902)")


def part_b(engine: Any, torch: Any, repeats: int, steps: int) -> None:
    print(f"(b) MLP 32-256-256-1, batch 64, {steps} SGD steps (median of {repeats}, interleaved)")
    fns = {"engine": lambda: mlp(engine, steps)}
    if torch:
        threads = torch.get_num_threads()
        fns["torch1"] = lambda: with_threads(torch, 1, lambda: mlp(torch, steps))
        fns["torch"] = lambda: mlp(torch, steps)
    times = median_times(fns, repeats)
    e_t, e_loss = times["engine"]
    if torch:
        row("torch 1 thread", e_t, times["torch1"][0])
        row(f"torch default ({threads} threads)", e_t, times["torch"][0])
        print(f"  final loss: engine {e_loss!r}   torch {times['torch'][1]!r} "
              "(same seed, same initial weights and data)")
    else:
        row("time", e_t, None)


def part_c(repeats: int) -> None:
    # compileall writes .pyc even under PYTHONDONTWRITEBYTECODE; up-to-date files are skipped.
    compileall.compile_dir(REPO / "engine", quiet=1)
    print(f"(c) fresh interpreter import, engine/ byte-compiled first "
          f"(median of {repeats}, interleaved)")
    times = import_times(("sys", "engine", "numpy"), repeats)
    if HAVE_TORCH:  # ~2 s each, for reference only: a few runs, not interleaved
        times.update(import_times(("torch",), min(repeats, 5)))
    for module in list(times)[1:]:
        print(f"  python3 -c 'import {module}':{'':<{10 - len(module)}} "
              f"{times[module] * 1e3:8.1f} ms  (bare interpreter {times['sys'] * 1e3:.1f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="abc", help="the parts to run, e.g. c (default: abc)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--import-repeats", type=int, default=21,
                        help="fresh interpreters per module in (c), ~0.1 s each (default: 21)")
    parser.add_argument("--mlp-steps", type=int, default=200)
    args = parser.parse_args()
    if not args.parts or not set(args.parts) <= set("abc"):
        parser.error("--parts takes letters from abc")

    if "a" in args.parts or "b" in args.parts:
        engine, torch = load_libraries()
        if "a" in args.parts:
            part_a(engine, torch, args.repeats)
        if "b" in args.parts:
            part_b(engine, torch, args.repeats, args.mlp_steps)
    if "c" in args.parts:
        part_c(args.import_repeats)


if __name__ == "__main__":
    main()
