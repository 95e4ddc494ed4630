"""Make `import torch` (and torch.nn, torch.nn.functional, torch.optim, torch.autograd, torchviz)
resolve to the engine, so PyTorch course code runs unchanged.

`install()` puts the engine's modules into `sys.modules` under torch's names; entries there win
over any real PyTorch in site-packages, because the import system looks in `sys.modules` before it
searches paths. A meta-path finder maps the remaining `torch.X` names to `engine.X`, so a name the
engine lacks fails with a message naming what it does provide. `uninstall()` restores the
previous entries (tests run it in the same process as a real torch).
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
from typing import Optional, Sequence

# torch name -> engine module; the package `torch` itself is the engine package.
_ALIASES = {
    "torch": "engine",
    "torch.nn": "engine.nn",
    "torch.nn.functional": "engine.nn.functional",
    "torch.nn.init": "engine.nn.init",
    "torch.optim": "engine.optim",
    "torch.autograd": "engine.autograd",
}

_saved: dict[str, Optional[types.ModuleType]] = {}
_finder: Optional["_TorchFinder"] = None


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, module: types.ModuleType) -> None:
        self._module = module

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return self._module

    def exec_module(self, module: types.ModuleType) -> None:
        pass  # already executed under its engine name


class _TorchFinder(importlib.abc.MetaPathFinder):
    """Serve `torch.X.Y` as `engine.X.Y` for submodules not listed in `_ALIASES`."""

    def find_spec(self, fullname: str, path: Optional[Sequence[str]] = None,
                  target: Optional[types.ModuleType] = None
                  ) -> Optional[importlib.machinery.ModuleSpec]:
        if fullname != "torch" and not fullname.startswith("torch."):
            return None
        engine_name = "engine" + fullname[len("torch"):]
        try:
            module = importlib.import_module(engine_name)
        except ModuleNotFoundError:
            provided = ", ".join(sorted(_ALIASES)) + ", torchviz"
            raise ModuleNotFoundError(
                f"No module named '{fullname}': this judge runs PyTorch code on its bundled "
                f"engine, which provides {provided}", name=fullname) from None
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(module))


def _torchviz_module() -> types.ModuleType:
    from . import graphviz

    module = types.ModuleType("torchviz", "torchviz.make_dot on the gradjudge engine")
    module.make_dot = graphviz.make_dot  # type: ignore[attr-defined]
    return module


def install() -> None:
    """Route `import torch` and friends to the engine. Idempotent."""
    global _finder
    if _finder is not None:
        return
    import engine.autograd  # noqa: F401  (binds the submodules as attributes of `engine`)
    import engine.nn.functional  # noqa: F401
    import engine.nn.init  # noqa: F401
    import engine.optim  # noqa: F401

    modules = {name: sys.modules[target] for name, target in _ALIASES.items()}
    modules["torchviz"] = _torchviz_module()
    for name, module in modules.items():
        _saved[name] = sys.modules.get(name)
        sys.modules[name] = module
    # Real torch's own submodules (torch._C, torch.cuda...) must not mix with the engine.
    for name in [n for n in sys.modules if n.startswith("torch.") and n not in modules]:
        _saved[name] = sys.modules.pop(name)
    _finder = _TorchFinder()
    sys.meta_path.insert(0, _finder)


def uninstall() -> None:
    """Undo `install()`: restore whatever `torch` modules were there before. Idempotent."""
    global _finder
    if _finder is None:
        return
    sys.meta_path.remove(_finder)
    _finder = None
    for name in [n for n in sys.modules if n == "torch" or n.startswith("torch.") or n == "torchviz"]:
        if sys.modules[name].__name__.startswith("engine") or name == "torchviz":
            del sys.modules[name]
    for name, module in _saved.items():
        if module is not None:
            sys.modules[name] = module
    _saved.clear()


def installed() -> bool:
    return _finder is not None
