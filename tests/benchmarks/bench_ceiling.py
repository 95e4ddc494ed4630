"""How fast the engine's design can be at all, on the lecture's scalar gradient descent (run:
python3 tests/benchmarks/bench_ceiling.py).

The issue asks for the 10001-step scalar gradient descent to run 3x faster than PyTorch eager.
This script runs, side by side and interleaved, the engine, PyTorch (when installed) and a
*ceiling*: the smallest autograd built the way the engine is built (numpy 0-dim arrays, a node
object per operation holding its inputs' nodes and saved values, a backward pass ordered by
sequence number through a heap) that still computes PyTorch's bits, but with none of PyTorch's
semantics around it: no type promotion, no operand checks, no grad-mode or version tracking, no
hooks, no broadcasting reduction, no errors. Only the operations of this one loop exist. What
the ceiling reaches is what any engine of this design can reach; the engine pays for PyTorch's
semantics on top of it.
"""
from __future__ import annotations

import heapq
import importlib.util
import itertools
import math
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

F32 = np.dtype(np.float32)
_new = object.__new__
_sequence = itertools.count().__next__


class T:
    """A tensor: its 0-dim array, the node that made it, whether it needs a gradient."""
    __slots__ = ("data", "node", "rg", "leaf_node", "grad")


class Node:
    __slots__ = ("inputs", "seq", "saved", "args")


class Leaf(Node):
    __slots__ = ("tensor",)


def _edge(t: T):
    if t.node is not None or not t.rg:
        return t.node
    if t.leaf_node is None:
        leaf = t.leaf_node = _new(Leaf)
        leaf.tensor, leaf.seq = t, _sequence()
    return t.leaf_node


def _record(cls, out: np.ndarray, a: T, b=None, saved=None, args=None) -> T:
    t = _new(T)
    t.data, t.node, t.rg = out, None, False
    inputs = (_edge(a),) if b is None else (_edge(a), _edge(b))
    if any(n is not None for n in inputs):
        n = _new(cls)
        n.inputs, n.seq, n.saved, n.args = inputs, _sequence(), saved, args
        t.node, t.rg = n, True
    return t


def _scalar(t: T):
    return t.data[()]


class Add(Node):
    def rule(self, g):
        return g, g


class AddNumber(Node):
    def rule(self, g):
        return (g,)


class Mul(Node):
    def rule(self, g):
        a, b = self.saved
        return g * b, g * a


class MulNumber(Node):
    def rule(self, g):
        return (g * self.args,)


class Div(Node):
    def rule(self, g):
        a, b = self.saved
        return g / b, -g * ((a / b) / b)


class Neg(Node):
    def rule(self, g):
        return (-g,)


class Exp(Node):
    def rule(self, g):
        return (g * self.saved,)


class Log(Node):
    def rule(self, g):
        return (g / self.saved,)


class Reciprocal(Node):
    def rule(self, g):
        r = self.saved
        return (-g * (r * r),)


class Square(Node):
    def rule(self, g):
        return (g * (2 * self.saved),)


def _add(a: T, b) -> T:
    if b.__class__ is T:
        return _record(Add, np.add(a.data, b.data, out=...), a, b)
    return _record(AddNumber, np.add(a.data, b, out=...), a)


def _mul(a: T, b) -> T:
    if b.__class__ is T:
        return _record(Mul, np.multiply(a.data, b.data, out=...), a, b, (_scalar(a), _scalar(b)))
    return _record(MulNumber, np.multiply(a.data, b, out=...), a, None, None, b)


def _div(a: T, b: T) -> T:
    return _record(Div, np.true_divide(a.data, b.data, out=...), a, b, (_scalar(a), _scalar(b)))


def _neg(a: T) -> T:
    return _record(Neg, np.negative(a.data, out=...), a)


def _exp(a: T) -> T:  # float64 exp rounded to float32: PyTorch's bits for a 0-dim tensor
    out = np.array(math.exp(float(a.data)), F32)
    return _record(Exp, out, a, None, out[()])


def _log(a: T) -> T:
    return _record(Log, np.array(math.log(float(a.data)), F32), a, None, _scalar(a))


def _rdiv(a: T, number) -> T:  # number / a is reciprocal(a) * number, as in PyTorch
    out = np.reciprocal(a.data, out=...)
    return _mul(_record(Reciprocal, out, a, None, out[()]), number)


def _square(a: T, exponent) -> T:  # x ** 2 is x * x, as in PyTorch
    return _record(Square, np.multiply(a.data, a.data, out=...), a, None, _scalar(a))


T.__add__ = T.__radd__ = _add
T.__mul__ = T.__rmul__ = _mul
T.__truediv__, T.__rtruediv__, T.__neg__, T.__pow__ = _div, _rdiv, _neg, _square


def _backward(root: T) -> None:
    pending = {root.node: np.float32(1.0)}
    heap = [(-root.node.seq, root.node)]
    while heap:
        n = heapq.heappop(heap)[1]
        g = pending.pop(n)
        if n.__class__ is Leaf:
            t = n.tensor
            if t.grad is None:
                t.grad = np.array(g)
            else:
                np.add(t.grad, g, out=t.grad)
            continue
        grads = n.rule(g)
        n.saved = None
        for m, gi in zip(n.inputs, grads):
            if m is not None:
                old = pending.get(m)
                if old is None:
                    pending[m] = gi
                    heapq.heappush(heap, (-m.seq, m))
                else:
                    pending[m] = old + gi


def ceiling_gd(steps: int = 10001) -> float:
    x = _new(T)
    x.data, x.node, x.rg, x.leaf_node, x.grad = np.array(3.0, F32), None, True, None, None
    for _ in range(steps):
        y = -_log(1 / (1 + _exp(-x)) + 1) / (x ** 2 + 1)
        _backward(y)
        x.data = x.data - np.float32(0.01) * x.grad
        x.grad[...] = 0
    return float(x.data)


def library_gd(lib, steps: int = 10001) -> float:
    x = lib.tensor(3.0, requires_grad=True)
    for _ in range(steps):
        y = -lib.log(1 / (1 + lib.exp(-x)) + 1) / (x ** 2 + 1)
        y.backward()
        x.data = x.data - 0.01 * x.grad
        x.grad.zero_()
    return x.item()


def main(repeats: int = 7) -> None:
    import engine

    runs = {"ceiling": ceiling_gd, "engine": lambda: library_gd(engine)}
    if importlib.util.find_spec("torch") is not None:
        import torch

        runs["torch"] = lambda: library_gd(torch)
    times: dict[str, list[float]] = {name: [] for name in runs}
    finals = {}
    for _ in range(repeats):
        for name, run in runs.items():
            t0 = time.perf_counter()
            finals[name] = run()
            times[name].append(time.perf_counter() - t0)
    print(f"10001-step scalar gradient descent, median of {repeats} interleaved runs")
    for name in runs:
        median = statistics.median(times[name])
        line = f"  {name:<8} {median / 10001 * 1e6:6.1f} us/step   final x {finals[name]!r}"
        if "torch" in times:
            line += f"   torch/{name} {statistics.median(times['torch']) / median:4.2f}x"
        print(line)


if __name__ == "__main__":
    main()
