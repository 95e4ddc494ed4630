"""A stand-in for matplotlib where it is not installed: course scripts plot their loss curves
(`plt.plot(losses); plt.show()`), and in the judge a plot is only a side effect. Every call
succeeds and draws nothing, so the program's numbers and printout are graded as they are; a
real matplotlib, when present, is used instead."""
from __future__ import annotations

import importlib.util
import sys
import types
from typing import Any

import numpy as np


class _Drawing:
    """Any matplotlib object (figure, axes, line, ...): attributes and calls give more of the
    same; iterating gives one (`line, = ax.plot(x, y)`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __call__(self, *args: Any, **kwargs: Any) -> "_Drawing":
        return _Drawing()

    def __getattr__(self, name: str) -> "_Drawing":
        if name.startswith("__"):
            raise AttributeError(name)
        return _Drawing()

    def __getitem__(self, index: Any) -> "_Drawing":
        return _Drawing()

    def __iter__(self):
        return iter((_Drawing(),))

    def __enter__(self) -> "_Drawing":
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def __repr__(self) -> str:
        return "<matplotlib stand-in: the judge draws no plots>"


def _subplots(nrows: int = 1, ncols: int = 1, *, squeeze: bool = True, **kwargs: Any):
    """(figure, axes) shaped as matplotlib returns them."""
    axes = np.empty((nrows, ncols), dtype=object)
    for index in np.ndindex(axes.shape):
        axes[index] = _Drawing()
    if squeeze:
        axes = axes.item() if axes.size == 1 else axes.reshape(-1) if 1 in axes.shape else axes
    return _Drawing(), axes


class _Module(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _Drawing()


def install_if_missing() -> None:
    if "matplotlib" in sys.modules or importlib.util.find_spec("matplotlib") is not None:
        return
    package = _Module("matplotlib", __doc__)
    package.__path__ = []  # a package, so `import matplotlib.pyplot` works
    package.use = lambda *args, **kwargs: None
    pyplot = _Module("matplotlib.pyplot", __doc__)
    pyplot.subplots = _subplots
    pyplot.show = pyplot.savefig = pyplot.close = lambda *args, **kwargs: None
    pyplot.plot = pyplot.scatter = lambda *args, **kwargs: [_Drawing()]
    package.pyplot = pyplot
    sys.modules["matplotlib"] = package
    sys.modules["matplotlib.pyplot"] = pyplot
