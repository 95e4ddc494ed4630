"""`torch.func` for the engine: composable function transforms (grad, vmap, jacrev, jacfwd,
hessian, vjp, jvp, functional_call) built on the engine's autograd."""
from engine.func.functional_call import functional_call
from engine.func.grad import grad, grad_and_value, jvp, vjp
from engine.func.jacobian import hessian, jacfwd, jacrev
from engine.func.vmap import vmap

__all__ = ["functional_call", "grad", "grad_and_value", "hessian", "jacfwd", "jacrev", "jvp",
           "vjp", "vmap"]
