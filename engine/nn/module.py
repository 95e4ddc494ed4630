"""`nn.Module`: a container that registers Parameters and submodules by attribute assignment.

Assigning a `Parameter` or a `Module` to an attribute files it in `_parameters` / `_modules`
(PyTorch's rule), so `parameters()`, `state_dict()`, `zero_grad()` and `repr` find them without
the subclass listing anything.
"""
from __future__ import annotations

import warnings
from collections import OrderedDict
from typing import Any, Iterator, Mapping

import numpy as np

from .. import Tensor, dtypes, no_grad
from ..autograd.function import Function
from ..autograd.grad_mode import is_grad_enabled
from .parameter import Parameter


class Module:
    training: bool

    def __init__(self) -> None:
        # object.__setattr__: our own __setattr__ needs these dicts to exist already.
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "_forward_pre_hooks", [])
        object.__setattr__(self, "_forward_hooks", [])

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            f'Module [{type(self).__name__}] is missing the required "forward" function')

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        d = self.__dict__
        pre, post = d.get("_forward_pre_hooks"), d.get("_forward_hooks")
        backward_hooks = d.get("_backward_hooks")
        if backward_hooks is not None and not (backward_hooks[0] or backward_hooks[1]):
            backward_hooks = None  # all removed
        if not pre and not post and not backward_hooks:
            return self.forward(*args, **kwargs)
        for hook in list(pre or ()):
            result = hook(self, args)
            if result is not None:
                args = result if isinstance(result, tuple) else (result,)
        bw = None
        if backward_hooks:
            bw = _BackwardHook(self, list(backward_hooks[0]), list(backward_hooks[1]))
            args = bw.setup_input_hook(args)
        out = self.forward(*args, **kwargs)
        for hook in list(post or ()):
            result = hook(self, args, out)
            if result is not None:
                out = result
        if bw is not None:
            out = bw.setup_output_hook(out)
        return out

    def register_forward_pre_hook(self, hook):
        """hook(module, args) before forward; a returned value replaces the arguments."""
        from engine.tensor import _HookHandle

        self._forward_pre_hooks.append(hook)
        return _HookHandle(self._forward_pre_hooks, hook)

    def register_forward_hook(self, hook):
        """hook(module, args, output) after forward; a returned value replaces the output."""
        from engine.tensor import _HookHandle

        self._forward_hooks.append(hook)
        return _HookHandle(self._forward_hooks, hook)

    def register_full_backward_hook(self, hook: Any, prepend: bool = False):
        """hook(module, grad_input, grad_output) once the gradients w.r.t. the module's
        positional tensor inputs are known (None for the others); a returned tuple replaces
        grad_input."""
        return self._add_backward_hook(0, hook, prepend)

    def register_full_backward_pre_hook(self, hook: Any, prepend: bool = False):
        """hook(module, grad_output) when the gradients w.r.t. the module's outputs are known;
        a returned tuple replaces grad_output."""
        return self._add_backward_hook(1, hook, prepend)

    def _add_backward_hook(self, kind: int, hook: Any, prepend: bool):
        from engine.tensor import _HookHandle

        if "_backward_hooks" not in self.__dict__:
            object.__setattr__(self, "_backward_hooks", ([], []))  # (full hooks, pre-hooks)
        hooks = self._backward_hooks[kind]
        if prepend:
            hooks.insert(0, hook)
        else:
            hooks.append(hook)
        return _HookHandle(hooks, hook)

    # ---- attribute registration -------------------------------------------------------------
    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, (Parameter, Module)) and "_parameters" not in self.__dict__:
            kind = "parameter" if isinstance(value, Parameter) else "module"
            raise AttributeError(f"cannot assign {kind} before Module.__init__() call")
        params = self.__dict__.get("_parameters")
        if isinstance(value, Parameter):
            if name not in params:  # re-assigning keeps the parameter's place in the order
                self._forget(name)
            params[name] = value
        elif isinstance(value, Module):
            if name not in self._modules:
                self._forget(name)
            self._modules[name] = value
        elif params is not None and name in params:
            if value is not None:
                raise TypeError(f"cannot assign '{_typename(value)}' as parameter '{name}' "
                                "(torch.nn.Parameter or None expected)")
            params[name] = None
        elif params is not None and name in self._modules:
            if value is not None:
                raise TypeError(f"cannot assign '{_typename(value)}' as child module '{name}' "
                                "(torch.nn.Module or None expected)")
            self._modules[name] = None
        elif params is not None and name in self._buffers:
            self._buffers[name] = value
        else:
            object.__setattr__(self, name, value)

    def _forget(self, name: str) -> None:
        self.__dict__.pop(name, None)
        for table in (self._parameters, self._buffers, self._modules):
            table.pop(name, None)

    def __getattr__(self, name: str) -> Any:
        # Only called when normal lookup failed: look in the registries.
        d = self.__dict__
        for table in ("_parameters", "_buffers", "_modules"):
            if table in d and name in d[table]:
                return d[table][name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name: str) -> None:
        for table in (self._parameters, self._buffers, self._modules):
            if name in table:
                del table[name]
                return
        object.__delattr__(self, name)

    def register_parameter(self, name: str, param: Parameter | None) -> None:
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(f"cannot assign '{type(param).__name__}' object to parameter "
                            f"'{name}' (torch.nn.Parameter or None required)")
        self._forget(name)
        self._parameters[name] = param

    def register_buffer(self, name: str, tensor: Tensor | None, persistent: bool = True) -> None:
        self._forget(name)
        self._buffers[name] = tensor
        if "_non_persistent_buffers_set" not in self.__dict__:
            object.__setattr__(self, "_non_persistent_buffers_set", set())
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name: str, module: "Module | None") -> None:
        self._forget(name)
        self._modules[name] = module

    def register_module(self, name: str, module: "Module | None") -> None:
        """Alias of add_module."""
        self.add_module(name, module)

    def get_submodule(self, target: str) -> "Module":
        """The submodule at dotted path `target` ("" is self), with torch's errors."""
        mod = self
        if target == "":
            return mod
        for item in target.split("."):
            if not hasattr(mod, item):
                raise AttributeError(f"{type(mod).__name__} has no attribute `{item}`")
            mod = getattr(mod, item)
            if not isinstance(mod, Module):
                raise AttributeError(f"`{item}` is not an nn.Module")
        return mod

    def get_parameter(self, target: str) -> Parameter:
        """The parameter at dotted path `target` ("fc.weight"), with torch's errors."""
        module_path, _, param_name = target.rpartition(".")
        mod = self.get_submodule(module_path)
        if not hasattr(mod, param_name):
            raise AttributeError(f"{type(mod).__name__} has no attribute `{param_name}`")
        param = getattr(mod, param_name)
        if not isinstance(param, Parameter):
            raise AttributeError(f"`{param_name}` is not an nn.Parameter")
        return param

    # ---- traversal ----------------------------------------------------------------------------
    def named_modules(self, prefix: str = "") -> Iterator[tuple[str, "Module"]]:
        seen: set[int] = set()
        stack = [(prefix, self)]
        while stack:
            name, module = stack.pop()
            if id(module) in seen:
                continue
            seen.add(id(module))
            yield name, module
            children = [(f"{name}.{n}" if name else n, m)
                        for n, m in module._modules.items() if m is not None]
            stack.extend(reversed(children))

    def modules(self) -> Iterator["Module"]:
        for _, module in self.named_modules():
            yield module

    def named_children(self) -> Iterator[tuple[str, "Module"]]:
        """Direct submodules; one registered under two names is yielded once (as torch), so
        apply() visits it once."""
        seen: set[int] = set()
        for name, module in self._modules.items():
            if module is not None and id(module) not in seen:
                seen.add(id(module))
                yield name, module

    def children(self) -> Iterator["Module"]:
        for _, module in self.named_children():
            yield module

    def named_parameters(self, prefix: str = "", recurse: bool = True
                         ) -> Iterator[tuple[str, Parameter]]:
        seen: set[int] = set()
        modules = self.named_modules(prefix) if recurse else [(prefix, self)]
        for module_name, module in modules:
            for name, param in module._parameters.items():
                if param is None or id(param) in seen:
                    continue  # a shared parameter is reported once, like torch
                seen.add(id(param))
                yield (f"{module_name}.{name}" if module_name else name), param

    def parameters(self, recurse: bool = True) -> Iterator[Parameter]:
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(self, prefix: str = "") -> Iterator[tuple[str, Tensor]]:
        for module_name, module in self.named_modules(prefix):
            for name, buf in module._buffers.items():
                if buf is not None:
                    yield (f"{module_name}.{name}" if module_name else name), buf

    def buffers(self) -> Iterator[Tensor]:
        for _, buf in self.named_buffers():
            yield buf

    # ---- modes and gradients -------------------------------------------------------------------
    def train(self, mode: bool = True) -> "Module":
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        for module in self.modules():
            object.__setattr__(module, "training", mode)
        return self

    def eval(self) -> "Module":
        return self.train(False)

    def requires_grad_(self, requires_grad: bool = True) -> "Module":
        for param in self.parameters():
            param.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none: bool = True) -> None:
        for param in self.parameters():
            if param.grad is None:
                continue
            if set_to_none:
                param.grad = None
            else:
                param.grad.zero_()

    def apply(self, fn: Any) -> "Module":
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # Device and dtype moves: the engine is CPU only; float()/double() convert parameters.
    def to(self, *args: Any, **kwargs: Any) -> "Module":
        from engine.tensor import _check_device, device

        dtype = kwargs.get("dtype")
        for arg in (*args, kwargs.get("device")):
            if isinstance(arg, dtypes.dtype):
                dtype = arg
            elif isinstance(arg, (str, device)):
                _check_device(arg)  # as PyTorch's CPU build: 'cuda' raises
        if dtype is not None:
            self._cast(lambda t: t.to(dtype))
        return self

    def cpu(self) -> "Module":
        return self

    def cuda(self, device: Any = None) -> "Module":
        from engine.tensor import _check_device

        _check_device("cuda")
        return self

    def float(self) -> "Module":
        return self._cast(lambda t: t.float())

    def double(self) -> "Module":
        return self._cast(lambda t: t.double())

    def half(self) -> "Module":
        return self._cast(lambda t: t.half())

    def type(self, dst_type: Any) -> "Module":
        return self._cast(lambda t: t.type(dst_type))

    def _cast(self, convert: Any) -> "Module":
        """Floating parameters and buffers (running statistics too), as torch's _apply."""
        with no_grad():
            for param in self.parameters():
                if param.is_floating_point():
                    param.data = convert(param.data)
            for module in self.modules():
                for name, buf in list(module._buffers.items()):
                    if buf is not None and buf.is_floating_point():
                        module._buffers[name] = convert(buf)
        return self

    # ---- state -----------------------------------------------------------------------------------
    def state_dict(self, *args: Any, destination: Any = None, prefix: str = "",
                   keep_vars: bool = False) -> "OrderedDict[str, Tensor]":
        """torch's order: each module's own parameters, then its own buffers, then its children
        (depth first); a shared parameter appears under every name."""
        if args:  # the deprecated positional form state_dict(destination, prefix, keep_vars)
            destination, prefix, keep_vars = (list(args) + [destination, prefix, keep_vars]
                                              [len(args):])[:3]
        state: OrderedDict[str, Tensor] = OrderedDict() if destination is None else destination
        for name, param in self._parameters.items():
            if param is not None:
                state[prefix + name] = param if keep_vars else param.detach()
        non_persistent = self.__dict__.get("_non_persistent_buffers_set", ())
        for name, buf in self._buffers.items():
            if buf is not None and name not in non_persistent:
                state[prefix + name] = buf if keep_vars else buf.detach()
        for name, module in self._modules.items():
            if module is not None:
                module.state_dict(destination=state, prefix=prefix + name + ".",
                                  keep_vars=keep_vars)
        return state

    def load_state_dict(self, state_dict: Mapping[str, Any], strict: bool = True) -> "_Keys":
        """Copy matching entries into this module's parameters and buffers. Keys are matched
        module by module as torch walks them (each module claims its own entries and the
        leftovers under its prefix), so missing and unexpected keys come in torch's order."""
        missing: list[str] = []
        unexpected: list[str] = []
        errors: list[str] = []
        arrays: list[tuple[Tensor, np.ndarray]] = []
        pending = [(self, "", dict(state_dict))]
        while pending:
            module, prefix, local = pending.pop()
            module._load_own(local, prefix, missing, unexpected, errors, arrays)
            children = [(child, prefix + name + ".") for name, child in module._modules.items()
                        if child is not None]
            pending.extend((child, p, {k: v for k, v in local.items() if k.startswith(p)})
                           for child, p in reversed(children))
        if strict:
            if unexpected:
                errors.insert(0, "Unexpected key(s) in state_dict: "
                              + ", ".join(f'"{k}"' for k in unexpected) + ". ")
            if missing:
                errors.insert(0, "Missing key(s) in state_dict: "
                              + ", ".join(f'"{k}"' for k in missing) + ". ")
        with no_grad():  # torch copies what matches even when it then raises
            for target, array in arrays:
                # a copy in the target's dtype: later in-place updates must not reach the source
                target.data = array.astype(target._data.dtype, copy=True)
        if errors:
            raise RuntimeError(f"Error(s) in loading state_dict for {type(self).__name__}:\n\t"
                               + "\n\t".join(errors))
        return _Keys(missing, unexpected)

    def _load_own(self, local: dict, prefix: str, missing: list, unexpected: list,
                  errors: list, arrays: list) -> None:
        """torch's _load_from_state_dict for this module's own parameters and buffers."""
        non_persistent = self.__dict__.get("_non_persistent_buffers_set", ())
        own = {name: t for name, t in self._parameters.items() if t is not None}
        own.update((name, t) for name, t in self._buffers.items()
                   if t is not None and name not in non_persistent)
        for name, target in own.items():
            key = prefix + name
            if key not in local:
                missing.append(key)
                continue
            value = local[key]
            array = value._data if isinstance(value, Tensor) else np.asarray(value)
            if tuple(array.shape) != tuple(target.shape):
                errors.append(
                    f"size mismatch for {key}: copying a param with shape "
                    f"torch.Size({list(array.shape)}) from checkpoint, the shape in current "
                    f"model is torch.Size({list(target.shape)}).")
                continue
            arrays.append((target, array))
        for key in local:
            if key.startswith(prefix):
                head, *rest = key[len(prefix):].split(".", 1)
                if (head not in self._modules) if rest else (head not in own):
                    unexpected.append(key)

    # ---- printing ----------------------------------------------------------------------------------
    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        lines = []
        extra = self.extra_repr()
        if extra:
            lines = extra.split("\n")
        for name, module in self._modules.items():
            child = repr(module).replace("\n", "\n  ")
            lines.append(f"({name}): {child}")
        head = type(self).__name__ + "("
        if not lines:
            return head + ")"
        if len(lines) == 1 and not self._modules:
            return head + lines[0] + ")"
        return head + "\n  " + "\n  ".join(lines) + "\n)"

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._parameters) | set(self._modules)
                      | set(self._buffers))


class BackwardHookFunction(Function):
    """Identity on the tensors it is given; its node is where a module's backward hooks see
    the gradients of the module's inputs and outputs (torch's, same grad_fn name)."""

    @staticmethod
    def forward(ctx: Any, *args: Any) -> tuple:
        ctx.mark_non_differentiable(*[a for a in args if not a.requires_grad])
        return args

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> tuple:
        return grads


class _BackwardHook:
    """One call's wiring of a module's full backward hooks (torch.utils.hooks.BackwardHook):
    the outputs' gradients are captured when they reach the module's output, and the hooks run
    when the inputs' gradients are computed."""

    def __init__(self, module: Module, hooks: list, pre_hooks: list) -> None:
        self.module, self.hooks, self.pre_hooks = module, hooks, pre_hooks
        self.grad_outputs: tuple | None = None
        self.input_index: list | None = None
        self.output_index: list | None = None
        self.n_inputs = self.n_outputs = 0

    @staticmethod
    def _wrap(args: tuple, register: Any) -> tuple[tuple, list | None]:
        """Pass the tensors in `args` through one BackwardHookFunction (when any needs grad)
        and let `register` hook its node; returns the new args and the tensors' positions."""
        index = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
        if not (is_grad_enabled() and any(args[i].requires_grad for i in index)):
            return args, None
        new = BackwardHookFunction.apply(*[args[i] for i in index])
        register(next(t.grad_fn for t in new if t.grad_fn is not None))
        out = list(args)
        for i, t in zip(index, new):
            out[i] = t
        return tuple(out), index

    @staticmethod
    def _pack(index: list, values: tuple, size: int) -> tuple:
        res = [None] * size
        for i, v in zip(index, values):
            res[i] = v
        return tuple(res)

    def setup_input_hook(self, args: tuple) -> tuple:
        args, self.input_index = self._wrap(args, lambda fn: fn.register_hook(self._input_hook))
        self.n_inputs = len(args)
        return args

    def setup_output_hook(self, out: Any) -> Any:
        is_tuple = isinstance(out, tuple)
        outs, self.output_index = self._wrap(out if is_tuple else (out,),
                                             lambda fn: fn.register_hook(self._output_hook))
        self.n_outputs = len(outs)
        return outs if is_tuple else outs[0]

    def _output_hook(self, grad_inputs: tuple, grad_outputs: tuple) -> tuple:
        self.grad_outputs = self._pack(self.output_index, grad_outputs, self.n_outputs)
        for hook in self.pre_hooks:
            res = hook(self.module, self.grad_outputs)
            if res is None:
                continue
            if len(res) != len(self.grad_outputs):
                raise RuntimeError("Backward pre hook returned an invalid number of grad_output, "
                                   f"got {len(res)}, but expected {len(self.grad_outputs)}")
            self.grad_outputs = res
        local = self.grad_outputs
        if self.input_index is None:  # no input needs grad: the hooks run now
            warnings.warn("Full backward hook is firing when gradients are computed with respect "
                          "to module outputs since no inputs require gradients. See "
                          "https://docs.pytorch.org/docs/main/generated/torch.nn.Module.html#torch"
                          ".nn.Module.register_full_backward_hook for more details.", stacklevel=5)
            grad_inputs = (None,) * self.n_inputs
            for hook in self.hooks:
                res = hook(self.module, grad_inputs, self.grad_outputs)
                if res is not None and not (isinstance(res, tuple)
                                            and all(r is None for r in res)):
                    raise RuntimeError("Backward hook for Modules where no input requires "
                                       "gradient should always return None or None for all "
                                       "gradients.")
            self.grad_outputs = None
        return tuple(local[i] for i in self.output_index)

    def _input_hook(self, grad_inputs: tuple, grad_outputs: tuple) -> tuple | None:
        if self.grad_outputs is None:
            return None  # reached without passing through the module's output
        res = self._pack(self.input_index, grad_inputs, self.n_inputs)
        for hook in self.hooks:
            out = hook(self.module, res, self.grad_outputs)
            if out is None:
                continue
            if len(out) != len(res):
                raise RuntimeError("Backward hook returned an invalid number of grad_input, got "
                                   f"{len(out)}, but expected {len(res)}")
            res = out
        self.grad_outputs = None
        return tuple(res[i] for i in self.input_index)


def _typename(value: Any) -> str:
    """How torch names a value in messages: tensors by their legacy type (torch.FloatTensor)."""
    return value.type() if isinstance(value, Tensor) else type(value).__name__


class _Keys:
    """What load_state_dict returns: the keys it did not match (prints like torch's)."""

    def __init__(self, missing: list[str], unexpected: list[str]) -> None:
        self.missing_keys = missing
        self.unexpected_keys = unexpected

    def __repr__(self) -> str:
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return (f"_IncompatibleKeys(missing_keys={self.missing_keys}, "
                f"unexpected_keys={self.unexpected_keys})")
