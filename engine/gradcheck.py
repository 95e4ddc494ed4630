"""gradcheck: compare autograd's gradients with central finite differences (as torch's)."""
from __future__ import annotations

import numpy as np

from engine.autograd.functional_api import grad as autograd_grad
from engine.tensor import Tensor, wrap


class GradcheckError(RuntimeError):
    pass


def _outputs(fn, inputs) -> list[Tensor]:
    out = fn(*inputs)
    return list(out) if isinstance(out, (tuple, list)) else [out]


def _numerical_jacobian(fn, inputs: tuple, i: int, out_index: int, eps: float) -> np.ndarray:
    x = inputs[i]
    flat = x._data.reshape(-1)
    cols = []
    for k in range(flat.size):
        orig = flat[k]
        flat[k] = orig + eps
        plus = _outputs(fn, inputs)[out_index]._data.astype(np.float64).reshape(-1)
        flat[k] = orig - eps
        minus = _outputs(fn, inputs)[out_index]._data.astype(np.float64).reshape(-1)
        flat[k] = orig
        cols.append((plus - minus) / (2 * eps))
    return np.stack(cols, axis=1) if cols else np.zeros((0, 0))


def _analytical_jacobian(fn, inputs: tuple, i: int, out_index: int) -> np.ndarray:
    out = _outputs(fn, inputs)[out_index]
    rows = []
    for k in range(out._data.size):
        seed = np.zeros(out._data.size, dtype=out._data.dtype)
        seed[k] = 1
        (g,) = autograd_grad(out, inputs[i], wrap(seed.reshape(out._data.shape)),
                             retain_graph=True, allow_unused=True)
        rows.append(np.zeros(inputs[i]._data.size) if g is None
                    else g._data.astype(np.float64).reshape(-1))
    return np.stack(rows, axis=0) if rows else np.zeros((0, 0))


def gradcheck(func, inputs, *, eps: float = 1e-6, atol: float = 1e-5, rtol: float = 1e-3,
              raise_exception: bool = True, **unused) -> bool:
    """True when every analytical Jacobian matches central differences of `func` at `inputs`.

    Inputs that require grad should be float64, as with torch.autograd.gradcheck.
    """
    inputs = tuple(inputs) if isinstance(inputs, (tuple, list)) else (inputs,)
    diff = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    if not diff:
        raise ValueError("gradcheck expects at least one input tensor to require gradient")
    for i in diff:
        if inputs[i]._data.dtype != np.float64:
            import warnings

            warnings.warn(
                f"Input #{i} requires gradient and is not a double precision floating point. "
                "This check will likely fail if all the inputs are not of double precision "
                "floating point.", UserWarning, stacklevel=2,
            )
    n_out = len(_outputs(func, inputs))
    for o in range(n_out):
        for i in diff:
            num = _numerical_jacobian(func, inputs, i, o, eps)
            ana = _analytical_jacobian(func, inputs, i, o)
            if not np.allclose(ana, num, rtol=rtol, atol=atol):
                if not raise_exception:
                    return False
                raise GradcheckError(
                    f"Jacobian mismatch for output {o} with respect to input {i},\n"
                    f"numerical:{num}\nanalytical:{ana}\n"
                )
    return True


def gradgradcheck(func, inputs, *, eps: float = 1e-6, atol: float = 1e-5, rtol: float = 1e-3,
                  raise_exception: bool = True, **unused) -> bool:
    """gradcheck of the gradient itself (second derivatives through create_graph=True)."""
    inputs = tuple(inputs) if isinstance(inputs, (tuple, list)) else (inputs,)
    diff = [x for x in inputs if isinstance(x, Tensor) and x.requires_grad]

    def first_grads(*xs):
        out = _outputs(func, xs)
        total = out[0].sum()
        for extra in out[1:]:
            total = total + extra.sum()
        gs = autograd_grad(total, [x for x in xs if x.requires_grad], create_graph=True,
                           allow_unused=True, materialize_grads=True)
        return tuple(gs)

    return gradcheck(first_grads, inputs, eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception) if diff else True
