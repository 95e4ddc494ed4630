"""gradcheck and gradgradcheck: autograd's Jacobians against central finite differences, with
torch.autograd's signature, Jacobian layout (input elements x output elements) and messages."""
from __future__ import annotations

import warnings

import numpy as np

from engine.autograd.functional_api import grad as autograd_grad
from engine.tensor import Tensor, wrap


class GradcheckError(RuntimeError):
    pass


def _outputs(fn, inputs) -> list[Tensor]:
    out = fn(*inputs)
    return list(out) if isinstance(out, (tuple, list)) else [out]


def _numerical_jacobian(fn, inputs: tuple, i: int, out_index: int, eps: float) -> np.ndarray:
    """d out / d inputs[i], shaped (inputs[i].numel(), out.numel())."""
    flat = inputs[i]._data.reshape(-1)
    out = _outputs(fn, inputs)[out_index]._data
    # in the output's dtype, as torch: a float32 check shows float32 Jacobians (and their error)
    jac = np.zeros((flat.size, out.size), dtype=_jacobian_dtype(out))
    for k in range(flat.size):
        orig = flat[k]
        flat[k] = orig + eps
        plus = _outputs(fn, inputs)[out_index]._data.astype(jac.dtype).reshape(-1)
        flat[k] = orig - eps
        minus = _outputs(fn, inputs)[out_index]._data.astype(jac.dtype).reshape(-1)
        flat[k] = orig
        jac[k] = (plus - minus) / (2 * eps)
    return jac


def _jacobian_dtype(out: np.ndarray) -> np.dtype:
    return out.dtype if out.dtype.kind == "f" else np.dtype(np.float64)


def _analytical_jacobian(fn, inputs: tuple, i: int, out_index: int) -> np.ndarray:
    """The same Jacobian from backward passes, one per output element."""
    out = _outputs(fn, inputs)[out_index]
    jac = np.zeros((inputs[i]._data.size, out._data.size), dtype=_jacobian_dtype(out._data))
    if not out.requires_grad:
        return jac  # the output does not depend on anything differentiable
    for k in range(out._data.size):
        seed = np.zeros(out._data.size, dtype=out._data.dtype)
        seed[k] = 1
        (g,) = autograd_grad(out, inputs[i], wrap(seed.reshape(out._data.shape)),
                             retain_graph=True, allow_unused=True)
        if g is not None:
            jac[:, k] = g._data.astype(jac.dtype).reshape(-1)
    return jac


def gradcheck(func, inputs, *, eps: float = 1e-6, atol: float = 1e-5, rtol: float = 1e-3,
              raise_exception: bool = True, **unused) -> bool:
    """True when every analytical Jacobian matches central differences of `func` at `inputs`.

    Inputs that require grad should be float64, as with torch.autograd.gradcheck.
    """
    inputs = tuple(inputs) if isinstance(inputs, (tuple, list)) else (inputs,)
    diff = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    if not diff:
        raise ValueError("gradcheck expects at least one input tensor to require gradient, but "
                         "none of them have requires_grad=True.")
    for i in diff:
        if inputs[i]._data.dtype != np.float64:
            warnings.warn(
                f"Input #{i} requires gradient and is not a double precision floating point or "
                "complex. This check will likely fail if all the inputs are not of double "
                "precision floating point or complex. ", UserWarning, stacklevel=2,
            )
    for o in range(len(_outputs(func, inputs))):
        for i in diff:
            num = _numerical_jacobian(func, inputs, i, o, eps)
            ana = _analytical_jacobian(func, inputs, i, o)
            if not np.allclose(ana, num, rtol=rtol, atol=atol):
                if not raise_exception:
                    return False
                raise GradcheckError(
                    f"Jacobian mismatch for output {o} with respect to input {i},\n"
                    f"numerical:{wrap(num)!r}\nanalytical:{wrap(ana)!r}\n"
                )
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps: float = 1e-6, atol: float = 1e-5,
                  rtol: float = 1e-3, raise_exception: bool = True, **unused) -> bool:
    """gradcheck of the vector-Jacobian product v -> v^T J(inputs), with respect to the inputs
    and to v (random float64 cotangents unless `grad_outputs` is given), as PyTorch checks
    second derivatives: a rule's backward must itself be differentiable."""
    inputs = tuple(inputs) if isinstance(inputs, (tuple, list)) else (inputs,)
    diff = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    if not diff:
        raise ValueError("gradcheck expects at least one input tensor to require gradient, but "
                         "none of them have requires_grad=True.")
    outs = _outputs(func, inputs)
    if grad_outputs is None:
        rng = np.random.default_rng(0)
        cotangents = tuple(wrap(rng.standard_normal(o._data.shape)).requires_grad_(True)
                           for o in outs)
    else:
        given = grad_outputs if isinstance(grad_outputs, (tuple, list)) else (grad_outputs,)
        cotangents = tuple(g.detach().requires_grad_(True) for g in given)
    n = len(inputs)

    def vjp(*xs):
        out = [o for o in _outputs(func, xs[:n])]
        pairs = [(o, v) for o, v in zip(out, xs[n:]) if o.requires_grad]
        wrt = [xs[i] for i in diff]
        if not pairs:
            return tuple(wrap(np.zeros(x._data.shape)) for x in wrt)
        return tuple(autograd_grad([o for o, _ in pairs], wrt, [v for _, v in pairs],
                                   create_graph=True, allow_unused=True, materialize_grads=True))

    return gradcheck(vjp, inputs + cotangents, eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception)
