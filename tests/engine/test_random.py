"""Random numbers are PyTorch's: the same seed gives the same tensors, layer initialisations,
dropout masks and permutations as PyTorch 2.13 (recorded values below; the whole catalogue is
compared with a live PyTorch when it is installed)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import engine as torch
from engine.random import draws
from engine.random.generator import DEFAULT_SEED, Generator

REPO = Path(__file__).resolve().parents[2]


def test_recorded_pytorch_values():
    torch.manual_seed(0)
    assert torch.rand(3).tolist() == [0.49625658988952637, 0.7682217955589294, 0.08847743272781372]
    torch.manual_seed(0)
    assert torch.randn(3).tolist() == [1.5409960746765137, -0.293428897857666, -2.1787893772125244]
    torch.manual_seed(0)  # 16 values or more: Box-Muller on AVX2 blocks, the last one redrawn
    assert torch.randn(17).tolist()[-3:] == [0.946298360824585, -0.843676745891571,
                                             0.9318265914916992]
    torch.manual_seed(0)
    assert torch.randint(0, 10, (6,)).tolist() == [4, 9, 3, 0, 3, 9]
    assert torch.randperm(6).tolist() == [1, 4, 3, 2, 5, 0]
    torch.manual_seed(0)
    layer = torch.nn.Linear(2, 1)
    assert layer.weight.tolist() == [[-0.005293981172144413, 0.37932288646698]]
    assert layer.bias.tolist() == [-0.5819807648658752]
    torch.manual_seed(0)
    assert torch.multinomial(torch.tensor([.1, .6, .3]), 8, True).tolist() == [2, 2, 1, 2, 1, 2, 1, 1]


def test_seeds_wrap_as_pytorch_and_generators_are_independent():
    g = Generator()
    assert g.initial_seed() == DEFAULT_SEED
    a = torch.rand(2, generator=Generator().manual_seed(-1))
    b = torch.rand(2, generator=Generator().manual_seed(2**64 - 1))
    assert torch.equal(a, b)
    with pytest.raises(ValueError, match="Overflow when unpacking long long"):
        torch.manual_seed(2**64)
    g1, g2 = Generator().manual_seed(5), Generator().manual_seed(5)
    torch.rand(10)  # the default generator moving does not move the others
    assert torch.equal(torch.randn(4, generator=g1), torch.randn(4, generator=g2))


def test_state_round_trip_keeps_the_cached_normal():
    torch.manual_seed(1)
    torch.randn(1)  # leaves Box-Muller's second value cached
    state = torch.get_rng_state()
    first = torch.randn(5)
    torch.set_rng_state(state)
    assert torch.equal(torch.randn(5), first)
    with torch.random.fork_rng():
        torch.randn(100)
    torch.set_rng_state(state)
    assert torch.equal(torch.randn(5), first)


def test_fused_multiply_add_emulation_is_exact():
    rng = np.random.default_rng(3)
    a = rng.standard_normal(10_000)
    from fractions import Fraction

    b, c = 1.2800000000000002, -0.37
    got = draws.fma64(a, b, c)
    want = [float(Fraction(x) * Fraction(b) + Fraction(c)) for x in a[:2000]]
    assert got[:2000].tolist() == want


def test_errors_are_pytorchs():
    with pytest.raises(RuntimeError, match="random_ expects 'from' to be less than 'to'"):
        torch.randint(5, 3, (2,))
    with pytest.raises(NotImplementedError, match='"normal_kernel_cpu" not implemented for \'Long\''):
        torch.randn(2, dtype=torch.int64)
    with pytest.raises(RuntimeError, match="normal expects std >= 0.0"):
        torch.empty(2).normal_(0, -1)
    with pytest.raises(RuntimeError, match="bernoulli_ expects p to be in"):
        torch.empty(2).bernoulli_(1.5)


CATALOGUE = '''
import torch
out = []
def rec(name, t):
    out.append(f"{name}: {t.tolist() if hasattr(t, 'tolist') else t}")
torch.manual_seed(0)
rec("rand", torch.rand(5))
rec("randn", torch.randn(5))
rec("randn20", torch.randn(20))
rec("randn4x5", torch.randn(4, 5))
rec("rand64", torch.rand(3, dtype=torch.float64))
rec("randn64", torch.randn(40, dtype=torch.float64))
rec("randint", torch.randint(0, 10, (8,)))
rec("randint big", torch.randint(-5, 2**31, (3,)))
rec("randperm", torch.randperm(12))
rec("normal", torch.normal(2.0, 3.0, size=(3,)))
rec("normal big", torch.normal(2.0, 3.0, size=(20,)))
rec("normal t", torch.normal(torch.arange(4.), torch.ones(4) * 0.5))
rec("normal t,s", torch.normal(torch.arange(4.), 0.5))
rec("bern", torch.bernoulli(torch.full((10,), 0.3)))
rec("bern_", torch.empty(10).bernoulli_(0.7))
rec("uniform_", torch.empty(6).uniform_(-2, 3))
rec("uniform_64", torch.empty(6, dtype=torch.float64).uniform_(-2, 3))
rec("normal_", torch.empty(5).normal_(1.0, 0.5))
rec("normal_ big", torch.empty(33).normal_(1.0, 0.5))
rec("linear", [p.tolist() for p in torch.nn.Linear(4, 3).parameters()])
seq = torch.nn.Sequential(torch.nn.Linear(3, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))
rec("seq", [p.tolist() for p in seq.parameters()])
rec("dropout", torch.nn.functional.dropout(torch.linspace(-1, 1, 40), 0.25))
rec("dropout module", torch.nn.Dropout(0.1)(torch.ones(20)))
rec("rand_like", torch.rand_like(torch.ones(3)))
rec("randn_like", torch.randn_like(torch.ones(2, 2)))
rec("random_", torch.empty(4, dtype=torch.int64).random_(0, 100))
g = torch.Generator().manual_seed(42)
rec("gen", torch.rand(3, generator=g))
rec("gen perm", torch.randperm(5, generator=g))
rec("xavier", torch.nn.init.xavier_uniform_(torch.empty(3, 4)))
rec("kaiming_n", torch.nn.init.kaiming_normal_(torch.empty(4, 5)))
rec("normal_init", torch.nn.init.normal_(torch.empty(20), 0, 0.02))
p = torch.tensor([.1, .6, .3])
rec("multinomial", torch.multinomial(p, 8, True))
rec("multinomial race", [torch.multinomial(p, 2), torch.multinomial(p, 1, True)])
rec("multinomial rows", torch.multinomial(torch.tensor([[.2, .8], [.5, .5]]), 3, True))
rec("exponential", torch.empty(4).exponential_(0.5))
from torch.distributions import Categorical
rec("categorical", [Categorical(logits=torch.tensor([1., 2., .5])).sample((10,)),
                    Categorical(probs=torch.tensor([.25, .25, .5])).sample()])
for seed in range(5):
    torch.manual_seed(seed)
    rec(f"randn seed {seed}", torch.randn(1000).sum().item())
print("\\n".join(out))
'''


def test_catalogue_matches_pytorch():
    pytest.importorskip("torch")
    run = lambda code: subprocess.run([sys.executable, "-c", code], capture_output=True,  # noqa: E731
                                      text=True, cwd=REPO, timeout=120,
                                      env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    expected = run(CATALOGUE)
    ours = run("import engine.torch_alias as a; a.install()\n" + CATALOGUE)
    assert expected.returncode == 0 and ours.returncode == 0, expected.stderr + ours.stderr
    assert ours.stdout == expected.stdout
