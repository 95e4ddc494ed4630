"""Sandbox speed: a warm sandboxed run against starting a fresh Python, and pool throughput.

    python3 tests/benchmarks/bench_sandbox.py [--runs 200] [--workers 2]

Goals (issue 4): <= 10 ms median per warm run end to end, >= 100 runs/s on 2 cores.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)

from sandbox import Job, Probe, Sandbox, Status  # noqa: E402

TRIVIAL = Job(source="x = 2 * 3\n", probes=(Probe("x", "x"),))
# What a graded submission looks like when the engine is complete; plain numpy otherwise.
TYPICAL = Job(source="import numpy as np\nx = np.arange(3.0)\ng = 2 * x + 1\n", probes=(Probe("g", "g"),))


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def fresh(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO,
                   env={**os.environ, "PYTHONPATH": REPO, "OPENBLAS_NUM_THREADS": "1"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()

    start = time.perf_counter()
    with Sandbox(workers=1) as box:
        startup_ms = (time.perf_counter() - start) * 1000
        for _ in range(10):
            box.run(TRIVIAL)
        outcomes = []
        warm = timed(lambda: outcomes.append(box.run(TRIVIAL)), args.runs)
        typical = timed(lambda: box.run(TYPICAL), args.runs // 2)
        assert all(o.status is Status.OK for o in outcomes), outcomes[-1]
        layers = outcomes[-1].layers
        child_wall = statistics.median(o.time_ms for o in outcomes)
        child_mem = statistics.median(o.memory_kib for o in outcomes)
    numpy_cold = timed(lambda: fresh("import numpy"), 10)
    engine_cold = timed(lambda: fresh("import engine"), 10)

    with Sandbox(workers=args.workers) as pool:
        pool.map([TRIVIAL] * 20)
        jobs = [TRIVIAL] * (args.runs * 2)
        start = time.perf_counter()
        results = pool.map(jobs)
        elapsed = time.perf_counter() - start
    assert all(o.status is Status.OK for o in results)

    w_med, w_p95 = summary(warm)
    rows = [
        ("warm sandboxed run, trivial (end to end)", *summary(warm)),
        ("warm sandboxed run, numpy program", *summary(typical)),
        ("fresh python3 -c 'import numpy'", *summary(numpy_cold)),
        ("fresh python3 -c 'import engine'", *summary(engine_cold)),
    ]
    print(f"layers active: {', '.join(layers)}")
    print(f"zygote start-up: {startup_ms:.0f} ms (once per worker)\n")
    print(f"{'':44s} {'median ms':>10s} {'p95 ms':>10s} {'vs warm':>8s}")
    for name, med, p95 in rows:
        print(f"{name:44s} {med:10.2f} {p95:10.2f} {med / w_med:7.1f}x")
    print(f"\nchild wall time (fork to exit), median: {child_wall:.2f} ms")
    print(f"peak memory per child (cgroup when active, else ru_maxrss), median: {child_mem / 1024:.1f} MiB")
    print(f"throughput, {args.workers} workers, {len(jobs)} runs: {len(jobs) / elapsed:.0f} runs/s")
    print(f"goals: median <= 10 ms: {'met' if w_med <= 10 else 'MISSED'}; "
          f">= 100 runs/s: {'met' if len(jobs) / elapsed >= 100 else 'MISSED'}")


if __name__ == "__main__":
    main()
