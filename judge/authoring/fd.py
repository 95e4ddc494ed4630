"""Central finite differences of a problem's `gradient_of.f`, run in the sandbox in float64.

`FD_HELPER` is appended to the author's `f` source; the probe `fd_probe(...)` then returns the
numerical gradient for each named argument. It runs in the child like any other trusted code.
"""
from __future__ import annotations

import numpy as np

from sandbox.job import Job, Limits, Probe

FD_HELPER = '''

def _gradjudge_fd(_f, _values, _names):
    import inspect
    import numpy as _np
    _torch = __import__("torch")
    _params = list(inspect.signature(_f).parameters)
    _base = {k: _np.array(_values[k], dtype=_np.float64) for k in _params}

    def _call(point):
        out = _f(**{k: _torch.tensor(v.tolist()) for k, v in point.items()})
        out = out.sum() if hasattr(out, "sum") else out
        return float(out)

    grads = []
    for name in _names:
        x = _base[name]
        g = _np.zeros_like(x)
        for i in _np.ndindex(*x.shape):
            h = 1e-6 * max(1.0, abs(float(x[i])))
            up = {k: v.copy() for k, v in _base.items()}
            down = {k: v.copy() for k, v in _base.items()}
            up[name][i] += h
            down[name][i] -= h
            g[i] = (_call(up) - _call(down)) / (2 * h)
        grads.append(g)
    return tuple(grads)
'''


def fd_job(f_source: str, values: dict, names: tuple[str, ...]) -> Job:
    inputs = {k: np.asarray(v, dtype=np.float64) for k, v in values.items()}
    probe = Probe("fd", f"_gradjudge_fd(f, inputs, {list(names)!r})")
    return Job(source=f_source + FD_HELPER, filename="gradient_of.py", probes=(probe,), inputs=inputs,
               default_dtype="float64", limits=Limits(wall_time_s=20.0, cpu_time_s=20.0))
