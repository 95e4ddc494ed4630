"""Speed of the judge: `judge check` on the bank, `judge grade` of 200 submissions, one
`judge submit` end to end against `python3 -c 'import torch'`.

Run:  python3 tests/benchmarks/bench_judge.py   (prints medians and ratios; not collected by pytest)
"""
from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROBLEM = "autograd-practice-1"
VARIANTS = ["print(8.0)\n", "print(-8.0)\n", "import torch\nx = torch.tensor(3.0, requires_grad=True)\n"
            "(x ** 2 + 2 * x + 1).backward()\nprint(x.grad.item())\n", "print(8.0\n", "raise ValueError\n"]


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    cache = tempfile.mkdtemp(prefix="gradjudge-bench-")
    env = dict(os.environ, GRADJUDGE_CACHE=cache)
    judge = [sys.executable, "-m", "judge.cli"]
    bank = sorted((REPO / "problems").glob("*.yaml"))

    cold = timed(judge + ["check"], env)
    warm = timed(judge + ["check"], env)
    print(f"judge check, whole bank ({len(bank)} problems): {cold:.2f} s cold cache, {warm:.2f} s warm cache")

    with tempfile.TemporaryDirectory() as folder:
        for i in range(200):
            Path(folder, f"student{i:03d}.py").write_text(VARIANTS[i % len(VARIANTS)])
        total = timed(judge + ["grade", folder, "-p", PROBLEM, "--out", str(Path(folder, "scores.csv"))], env)
    print(f"judge grade, 200 submissions: {total:.2f} s total, {1000 * total / 200:.1f} ms per submission")

    sys.path.insert(0, str(REPO))
    from judge.expected import ExpectedStore
    from judge.grading.grade import Grader, Submission
    from judge.problem.bank import Bank
    from judge.runner import open_pool
    problem = Bank(REPO / "problems").get(PROBLEM)
    with open_pool(1) as pool:
        grader = Grader(pool, ExpectedStore(pool, cache))
        latencies = []
        for i in range(200):
            start = time.perf_counter()
            grader.grade(problem, Submission(VARIANTS[i % len(VARIANTS)]))
            latencies.append(time.perf_counter() - start)
    latencies.sort()
    print(f"one submission on a warm pool: median {1000 * statistics.median(latencies):.1f} ms, "
          f"p95 {1000 * latencies[189]:.1f} ms")

    example = str(REPO / "problems" / "examples" / f"{PROBLEM}.py")
    submit = statistics.median(timed(judge + ["submit", example, "-p", PROBLEM], env) for _ in range(5))
    line = f"judge submit end to end (cold process): median {1000 * submit:.0f} ms"
    if importlib.util.find_spec("torch") is not None:
        torch = statistics.median(timed([sys.executable, "-c", "import torch"], env) for _ in range(5))
        line += f"; python3 -c 'import torch': {1000 * torch:.0f} ms; ratio {submit / torch:.2f}x"
    print(line)


if __name__ == "__main__":
    main()
