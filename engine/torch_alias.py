"""Make `import torch` (and torch.nn, torch.nn.functional, torch.optim, torch.autograd,
torch.utils.data, torchviz) resolve to the engine, so PyTorch course code runs unchanged.

`install()` puts the engine's modules into `sys.modules` under torch's names; entries there win
over any real PyTorch in site-packages, because the import system looks in `sys.modules` before it
searches paths. A meta-path finder maps the remaining `torch.X` names to `engine.X`, so a name the
engine lacks fails with a message naming what it does provide. `uninstall()` restores the
previous entries (tests run it in the same process as a real torch).

While installed, the engine's public classes also carry torch's module names, so
`print(type(x))` shows `<class 'torch.Tensor'>`, `type(model.fc)` shows
`<class 'torch.nn.modules.linear.Linear'>`, `type(y.grad_fn)` shows `<class 'MulBackward0'>`,
as course code printing them expects.
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
    "torch.nn.utils": "engine.nn.utils",
    "torch.nn.utils.rnn": "engine.nn.utils.rnn",
    "torch.optim": "engine.optim",
    "torch.autograd": "engine.autograd",
    "torch.utils": "engine.utils",
    "torch.utils.data": "engine.utils.data",
}

# Subpackages found on first import (not loaded by install(): they cost import time).
_LAZY = ("func", "testing", "backends", "distributions", "special", "random", "linalg", "version")

_saved: dict[str, Optional[types.ModuleType]] = {}
_finder: Optional["_TorchFinder"] = None
_saved_class_modules: dict[type, str] = {}
# torch module name -> the engine classes relabelled into it that no engine module provides
# under that name (torch.nn.modules.linear): served as modules so pickle finds them by name.
_class_homes: dict[str, dict[str, type]] = {}

# Where PyTorch defines the classes whose engine module name does not map by the plain
# engine.X -> torch.X rule (checked against torch 2.13).
_TORCH_MODULE = {
    "Tensor": "torch", "Size": "torch", "dtype": "torch", "device": "torch",
    "Generator": "torch._C",
    "Module": "torch.nn.modules.module", "Linear": "torch.nn.modules.linear",
    "Identity": "torch.nn.modules.linear", "Flatten": "torch.nn.modules.flatten",
    "Dropout": "torch.nn.modules.dropout", "Sequential": "torch.nn.modules.container",
    "ModuleList": "torch.nn.modules.container", "AdamW": "torch.optim.adamw",
    "GradcheckError": "torch.autograd.gradcheck",
    "Dropout2d": "torch.nn.modules.dropout", "BatchNorm2d": "torch.nn.modules.batchnorm",
    "BatchNorm1d": "torch.nn.modules.batchnorm",
    "Unflatten": "torch.nn.modules.flatten", "ParameterDict": "torch.nn.modules.container",
    "GroupNorm": "torch.nn.modules.normalization", "RMSNorm": "torch.nn.modules.normalization",
    "InstanceNorm1d": "torch.nn.modules.instancenorm",
    "InstanceNorm2d": "torch.nn.modules.instancenorm",
    "MultiheadAttention": "torch.nn.modules.activation",
    "ConvTranspose1d": "torch.nn.modules.conv", "ConvTranspose2d": "torch.nn.modules.conv",
    "Bilinear": "torch.nn.modules.linear",
    "Dropout1d": "torch.nn.modules.dropout", "AlphaDropout": "torch.nn.modules.dropout",
}
_TORCH_SUBPACKAGE = {"engine.nn.activation": "torch.nn.modules.activation",
                     "engine.nn.loss": "torch.nn.modules.loss",
                     "engine.nn.rnn": "torch.nn.modules.rnn",
                     "engine.nn.conv": "torch.nn.modules.conv",
                     "engine.nn.pooling": "torch.nn.modules.pooling",
                     "engine.nn.distance": "torch.nn.modules.distance",
                     "engine.nn.more_losses": "torch.nn.modules.loss",
                     "engine.nn.utils.rnn": "torch.nn.utils.rnn"}


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
            if any(home == fullname or home.startswith(fullname + ".") for home in _class_homes):
                return importlib.machinery.ModuleSpec(
                    fullname, _AliasLoader(_class_home_module(fullname)), is_package=True)
            provided = ", ".join(sorted(set(_ALIASES) | {f"torch.{name}" for name in _LAZY})) + ", torchviz"
            raise ModuleNotFoundError(
                f"No module named '{fullname}': this judge runs PyTorch code on its bundled "
                f"engine, which provides {provided}", name=fullname) from None
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(module))


def _class_home_module(fullname: str) -> types.ModuleType:
    """A stand-in for a torch module that only holds classes (torch.nn.modules.linear)."""
    module = types.ModuleType(fullname, "classes the gradjudge engine defines elsewhere")
    module.__path__ = []  # type: ignore[attr-defined]  # a package: its children import too
    for name, cls in _class_homes.get(fullname, {}).items():
        setattr(module, name, cls)
    return module


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
    import engine.nn.utils.rnn  # noqa: F401
    import engine.optim  # noqa: F401
    import engine.utils.data  # noqa: F401

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
    _rename_classes()


def _torch_module_name(cls: type) -> Optional[str]:
    module = cls.__module__
    if not module.startswith("engine") or "<locals>" in cls.__qualname__:
        return None
    if cls.__name__ in _TORCH_MODULE:
        return _TORCH_MODULE[cls.__name__]
    if module in _TORCH_SUBPACKAGE:
        return _TORCH_SUBPACKAGE[module]
    if module.startswith("engine.nn.") and module[len("engine.nn."):] not in _NN_NOT_MODULES:
        return "torch.nn.modules." + module[len("engine.nn."):]  # layers live in torch.nn.modules
    return "torch" + module[len("engine"):]


_NN_NOT_MODULES = {"functional", "init", "utils", "parameter"}
# Hand-written C++ nodes, printed like the generated ones: <class 'AccumulateGrad'>.
_CPP_NODES = {"AccumulateGrad", "CopySlices", "CopyBackwards", "Error", "NotImplemented"}


def _public_classes() -> list[type]:
    import inspect

    import engine

    found: dict[type, None] = {}
    # torch.distributions is imported lazily: scanned once loaded (it calls rename_classes)
    lazy = [sys.modules[name] for name in ("engine.distributions",
                                           "engine.distributions.constraints")
            if name in sys.modules]
    for package in (engine, engine.nn, engine.optim, engine.optim.lr_scheduler, engine.autograd,
                    engine.utils.data, sys.modules["engine.gradcheck"],
                    sys.modules["engine.nn.utils.rnn"], *lazy):
        for name in dir(package):
            obj = getattr(package, name, None)
            if inspect.isclass(obj) and obj.__module__.startswith("engine"):
                found[obj] = None
    return list(found)


def _rename_classes() -> None:
    from engine.autograd.node import Node

    renames: dict[type, str] = {}
    for cls in _public_classes():
        target = _torch_module_name(cls)
        if target is not None and cls is not Node:
            renames[cls] = target
    # Backward nodes are C classes in torch: `<class 'MulBackward0'>`.
    stack = list(Node.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("engine") and (cls.__name__.endswith(tuple("0123456789"))
                                                    or cls.__name__ in _CPP_NODES):
            renames[cls] = "builtins"
    # torch.return_types.max / min / sort / aminmax...: the engine's named tuples.
    from engine.ops._core import RETURN_TYPES

    for cls in RETURN_TYPES:
        renames[cls] = "torch.return_types"
    for cls, target in renames.items():
        _saved_class_modules.setdefault(cls, cls.__module__)
        cls.__module__ = target
        if target.startswith("torch.") and target not in _ALIASES:
            _class_homes.setdefault(target, {})[cls.__qualname__] = cls


def rename_classes() -> None:
    """Give classes of a submodule imported after install() their torch module names too."""
    _rename_classes()


def _restore_classes() -> None:
    for cls, module in _saved_class_modules.items():
        cls.__module__ = module
    _saved_class_modules.clear()
    _class_homes.clear()


def uninstall() -> None:
    """Undo `install()`: restore whatever `torch` modules were there before. Idempotent."""
    global _finder
    if _finder is None:
        return
    sys.meta_path.remove(_finder)
    _finder = None
    _restore_classes()
    for name in [n for n in sys.modules if n == "torch" or n.startswith("torch.") or n == "torchviz"]:
        if sys.modules[name].__name__.startswith("engine") or name == "torchviz":
            del sys.modules[name]
    for name, module in _saved.items():
        if module is not None:
            sys.modules[name] = module
    _saved.clear()


def installed() -> bool:
    return _finder is not None
