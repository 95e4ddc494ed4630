"""torch.distributions: parameterised probability distributions with differentiable log_prob,
entropy and KL divergence, and reparameterised (rsample) or plain samples.

Samples come from the engine's default generator, drawn the way PyTorch draws them where the
engine reproduces PyTorch's random numbers (normal, uniform, bernoulli); gamma, Poisson,
binomial, multinomial and exponential draws have PyTorch's distributions, not its numbers.
Everything computed from parameters follows PyTorch's formulas op for op, so values,
gradients, reprs and validation messages match its."""
from engine.distributions import constraints
from engine.distributions.bernoulli import Bernoulli
from engine.distributions.beta import Beta
from engine.distributions.binomial import Binomial
from engine.distributions.categorical import Categorical
from engine.distributions.dirichlet import Dirichlet
from engine.distributions.distribution import Distribution
from engine.distributions.exp_family import ExponentialFamily
from engine.distributions.exponential import Exponential
from engine.distributions.gamma import Gamma
from engine.distributions.independent import Independent
from engine.distributions.kl import kl_divergence, register_kl
from engine.distributions.laplace import Laplace
from engine.distributions.log_normal import LogNormal
from engine.distributions.multivariate_normal import MultivariateNormal
from engine.distributions.normal import Normal
from engine.distributions.one_hot_categorical import OneHotCategorical
from engine.distributions.poisson import Poisson
from engine.distributions.uniform import Uniform

__all__ = [
    "Bernoulli", "Beta", "Binomial", "Categorical", "Dirichlet", "Distribution",
    "ExponentialFamily", "Exponential", "Gamma", "Independent", "Laplace", "LogNormal",
    "MultivariateNormal", "Normal", "OneHotCategorical", "Poisson", "Uniform", "constraints",
    "kl_divergence", "register_kl",
]


def _show_torch_module_names() -> None:
    # Imported after `import torch` was routed to the engine (torch.distributions is loaded
    # lazily): give these classes torch's module names now, as install() did for the others.
    from engine import torch_alias

    if torch_alias.installed():
        torch_alias.rename_classes()


_show_torch_module_names()
