# Week 9 exercise: REINFORCE on a 3-armed bandit and a tiny grid policy. Actions and rewards
# are fixed in the exercise (no sampling in what is printed), so the gradients are exact.
import torch
import torch.nn as nn
from torch.distributions import Bernoulli, Categorical, OneHotCategorical

torch.manual_seed(0)

# softmax policy over 3 arms
logits = torch.zeros(3, requires_grad=True)
opt = torch.optim.SGD([logits], lr=0.5)
actions = torch.tensor([0, 2, 2, 1, 2, 0, 2, 2])
rewards = torch.tensor([0.1, 1.0, 0.9, 0.2, 1.1, 0.0, 0.8, 1.0])
for epoch in range(6):
    policy = Categorical(logits=logits)
    log_probs = policy.log_prob(actions)
    baseline = 0.5  # a fixed baseline: the mean would cancel the softmax term exactly
    loss = -((rewards - baseline) * log_probs).mean()
    opt.zero_grad()
    loss.backward()
    print(f"epoch {epoch}  loss {loss.item():.4f}  grad {[round(g, 4) for g in logits.grad.tolist()]}")
    opt.step()
print("probs:", policy.probs)
print("entropy:", policy.entropy(), "perplexity:", policy.perplexity())
print(policy, policy.batch_shape, policy.event_shape, type(log_probs.grad_fn).__name__)
print("support:", policy.support, "enumerate:", policy.enumerate_support())
print("mode:", policy.mode, "param_shape:", policy.param_shape)

# a small policy network on fixed states, with an entropy bonus
net = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 4))
with torch.no_grad():
    for i, p in enumerate(net.parameters()):
        p.copy_(torch.linspace(-0.6, 0.6, p.numel()).reshape(p.shape) * (1 - 0.2 * i))
states = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [0.5, 0.5]])
taken = torch.tensor([1, 3, 0, 2, 1])
returns = torch.tensor([1.0, -0.5, 2.0, 0.3, -1.0])
optim = torch.optim.Adam(net.parameters(), lr=0.05)
for step in range(4):
    dist = Categorical(logits=net(states))
    objective = (returns * dist.log_prob(taken)).sum() + 0.01 * dist.entropy().sum()
    optim.zero_grad()
    (-objective).backward()
    optim.step()
    print(f"step {step}  objective {objective.item():.4f}")
print("final probs:\n", Categorical(logits=net(states)).probs.detach())
print("last layer grad:\n", net[2].weight.grad)

# the same with one-hot actions and probabilities given directly
probs = torch.tensor([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]], requires_grad=True)
onehot = OneHotCategorical(probs=probs)
acts = torch.tensor([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
lp = onehot.log_prob(acts)
print(onehot, "log_prob:", lp)
lp.sum().backward()
print("d/d probs:", probs.grad)

# binary actions: a Bernoulli policy on logits
theta = torch.tensor([0.3, -0.8, 1.2], requires_grad=True)
pol = Bernoulli(logits=theta)
a = torch.tensor([1.0, 0.0, 1.0])
r = torch.tensor([2.0, 1.0, -1.0])
surrogate = (r * pol.log_prob(a)).sum()
surrogate.backward()
print(pol, "probs:", pol.probs, "log_prob:", pol.log_prob(a))
print("policy gradient:", theta.grad)
print("entropy:", pol.entropy(), "mean:", pol.mean, "variance:", pol.variance)

# score function equals the analytic gradient of the expected reward here
q = torch.tensor(0.35, requires_grad=True)
coin = Bernoulli(probs=q)
expected = sum(coin.log_prob(torch.tensor(float(k))).exp() * rk for k, rk in [(0, -1.0), (1, 2.0)])
expected.backward()
print(f"d E[r] / dq = {q.grad.item():.4f}")

try:
    Categorical(probs=torch.tensor([0.5, 0.7, -0.2]))
except ValueError as e:
    print("ValueError:", e)
try:
    policy.log_prob(torch.tensor([3]))
except ValueError as e:
    print("ValueError:", e)
try:
    Categorical()
except ValueError as e:
    print("ValueError:", e)
