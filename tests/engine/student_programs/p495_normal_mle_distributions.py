# Week 9 exercise: fit a Normal to data by maximum likelihood with gradient descent, using
# torch.distributions; then compare families (log_prob, cdf, entropy, KL) and special functions.
import math

import torch
import torch.distributions as dist
from torch.distributions import Normal, kl_divergence

data = torch.tensor([2.1, 1.7, 2.9, 3.4, 2.2, 1.1, 2.8, 3.0, 2.5, 1.9, 2.6, 3.3])

mu = torch.tensor(0.0, requires_grad=True)
log_sigma = torch.tensor(0.0, requires_grad=True)
opt = torch.optim.Adam([mu, log_sigma], lr=0.1)
for step in range(201):
    model = Normal(mu, log_sigma.exp())
    nll = -model.log_prob(data).mean()
    opt.zero_grad()
    nll.backward()
    opt.step()
    if step % 40 == 0:
        print(f"step {step:3d}  nll {nll.item():.4f}  mu {mu.item():.4f}  "
              f"sigma {log_sigma.exp().item():.4f}")
print(f"closed form: mu {data.mean().item():.4f}  sigma {data.std(unbiased=False).item():.4f}")
print(type(model).__name__, model.batch_shape, model.event_shape, type(nll.grad_fn).__name__)

fitted = Normal(mu.detach(), log_sigma.exp().detach())
print(fitted)
print("cdf:", fitted.cdf(torch.tensor([1.5, 2.5, 3.5])))
print("icdf:", fitted.icdf(torch.tensor([0.05, 0.5, 0.95])))
print("entropy:", fitted.entropy(), "stddev:", fitted.stddev)
prior = Normal(torch.tensor(2.0), torch.tensor(1.0))
print("KL(fit || prior):", kl_divergence(fitted, prior))

# a batch of Normals and a diagonal Gaussian as one event
locs = torch.tensor([[0.0, 1.0, -1.0], [0.5, 0.5, 0.5]], requires_grad=True)
scales = torch.tensor([[1.0, 2.0, 0.5], [1.5, 1.0, 0.8]], requires_grad=True)
batch = Normal(locs, scales)
print(batch)
diag = dist.Independent(batch, 1)
print(diag, diag.batch_shape, diag.event_shape)
x = torch.tensor([0.3, 0.9, -0.2])
lp = diag.log_prob(x)
print("independent log_prob:", lp)
lp.sum().backward()
print("d/d locs:", locs.grad)
print("d/d scales:", scales.grad)

mvn = dist.MultivariateNormal(torch.zeros(2), covariance_matrix=torch.tensor([[2.0, 0.5], [0.5, 1.0]]))
print(mvn, mvn.scale_tril)
print("mvn log_prob:", mvn.log_prob(torch.tensor([[0.5, -0.5], [1.0, 1.0]])))
print("mvn entropy:", mvn.entropy())
other = dist.MultivariateNormal(torch.ones(2), scale_tril=torch.tensor([[1.0, 0.0], [0.3, 0.7]]))
print("mvn KL:", kl_divergence(mvn, other))

# other families
gamma = dist.Gamma(torch.tensor([2.0, 3.5]), torch.tensor([1.0, 0.5]))
beta = dist.Beta(torch.tensor(2.0), torch.tensor(5.0))
print(gamma, "mean", gamma.mean, "var", gamma.variance)
print("gamma log_prob:", gamma.log_prob(torch.tensor([1.5, 4.0])), "entropy:", gamma.entropy())
print("beta log_prob:", beta.log_prob(torch.tensor([0.1, 0.3, 0.9])), "mean:", beta.mean)
print("laplace:", dist.Laplace(0.0, 2.0).log_prob(torch.tensor([-1.0, 3.0])))
print("poisson:", dist.Poisson(torch.tensor(3.0)).log_prob(torch.tensor([0.0, 2.0, 5.0])))
print("binomial:", dist.Binomial(10, probs=torch.tensor(0.3)).log_prob(torch.tensor([0.0, 3.0, 10.0])))
print("exponential:", dist.Exponential(torch.tensor(2.0)).cdf(torch.tensor([0.1, 1.0])))
print("uniform:", dist.Uniform(-1.0, 3.0).entropy(), dist.Uniform(-1.0, 3.0).log_prob(torch.tensor(0.5)))
print("lognormal:", dist.LogNormal(0.0, 0.5).log_prob(torch.tensor([0.5, 1.0, 2.0])))

# special functions
z = torch.tensor([0.5, 1.0, 2.5, 7.0], requires_grad=True)
print("lgamma:", torch.lgamma(z))
print("digamma:", torch.digamma(z))
print("trigamma:", torch.polygamma(1, z))
print("multigammaln:", torch.special.multigammaln(z + 1, 2))
g = torch.special.gammaln(z).sum() + torch.special.i0(z).sum()
g.backward()
print("d/dz:", z.grad)
p = torch.tensor([0.025, 0.5, 0.975])
print("ndtri:", torch.special.ndtri(p), "erfinv:", torch.erfinv(2 * p - 1) * math.sqrt(2))
print("ndtr:", torch.special.ndtr(torch.tensor([-1.96, 0.0, 1.96])))
print("log_ndtr:", torch.special.log_ndtr(torch.tensor([-10.0, 0.0, 3.0])))
print("entr:", torch.special.entr(torch.tensor([0.0, 0.25, 1.0])))
print("xlog1py:", torch.special.xlog1py(torch.tensor([0.0, 2.0]), torch.tensor([-1.0, 1.0])))
print("expit/logit:", torch.special.expit(torch.tensor(0.3)), torch.special.logit(torch.tensor(0.3)))

try:
    Normal(torch.tensor([0.0, 1.0]), torch.tensor([1.0, -2.0]))
except ValueError as e:
    print("ValueError:", e)
try:
    fitted.log_prob(torch.tensor([1.0, 2.0]).unsqueeze(0).expand(2, 2).reshape(4))
    dist.Bernoulli(probs=torch.tensor([0.2, 0.5])).log_prob(torch.tensor([1.0, 0.5]))
except ValueError as e:
    print("ValueError:", e)
try:
    kl_divergence(fitted, dist.Categorical(probs=torch.tensor([0.5, 0.5])))
except NotImplementedError as e:
    print("NotImplementedError:", e)
