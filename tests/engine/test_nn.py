"""engine.nn: Module registration and traversal, Parameter, layers, reprs like torch, state_dict."""
from __future__ import annotations

import copy
import math
import re
from collections import OrderedDict

import numpy as np
import pytest

import engine
import engine.nn as nn
import engine.nn.functional as F


class TwoLayer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.act = nn.CELU()
        self.fc2 = nn.Linear(4, 1, bias=False)
        self.scale = nn.Parameter(engine.tensor(2.0))
        self.note = "plain attribute"

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x))) * self.scale


def test_parameter_is_a_leaf_tensor_that_requires_grad_and_prints_like_torch():
    p = nn.Parameter(engine.ones(2))
    assert isinstance(p, engine.Tensor) and p.requires_grad and p.is_leaf
    assert repr(p) == "Parameter containing:\ntensor([1., 1.], requires_grad=True)"
    assert repr(nn.Parameter(engine.tensor(1.0))) == (
        "Parameter containing:\ntensor(1., requires_grad=True)")
    frozen = nn.Parameter(engine.zeros(1), requires_grad=False)
    assert not frozen.requires_grad
    assert (p * 2).grad_fn is not None  # ops on parameters record a graph


def test_attribute_assignment_registers_parameters_and_children():
    net = TwoLayer()
    names = [n for n, _ in net.named_parameters()]
    assert names == ["scale", "fc1.weight", "fc1.bias", "fc2.weight"]
    assert [n for n, _ in net.named_children()] == ["fc1", "act", "fc2"]
    assert len(list(net.modules())) == 4
    assert net.note == "plain attribute"
    assert net.fc2.bias is None
    assert sum(p.numel() for p in net.parameters()) == 1 + 12 + 4 + 4
    with pytest.raises(AttributeError, match="'TwoLayer' object has no attribute 'missing'"):
        net.missing


def test_assigning_before_init_and_missing_forward_fail_like_torch():
    class Early(nn.Module):
        def __init__(self):
            self.fc = nn.Linear(1, 1)

    with pytest.raises(AttributeError, match=r"cannot assign module before Module.__init__\(\) call"):
        Early()

    class NoForward(nn.Module):
        pass

    with pytest.raises(NotImplementedError, match=r'Module \[NoForward\] is missing the required '
                                                  r'"forward" function'):
        NoForward()(engine.zeros(1))


def test_shared_parameter_is_listed_once():
    lin = nn.Linear(2, 2)
    seq = nn.Sequential(lin, nn.ReLU(), lin)
    assert len(list(seq.parameters())) == 2


def test_linear_default_init_bounds_and_forward():
    engine.manual_seed(0)
    lin = nn.Linear(16, 8)
    bound = 1 / math.sqrt(16)  # kaiming_uniform(a=sqrt(5)) gives the same bound as the bias
    w, b = lin.weight.detach().numpy(), lin.bias.detach().numpy()
    assert w.shape == (8, 16) and b.shape == (8,)
    assert w.dtype == np.float32
    assert np.abs(w).max() <= bound and np.abs(b).max() <= bound
    assert np.abs(w).max() > 0.5 * bound  # actually spread over the range, not zeros
    x = engine.randn(5, 16)
    np.testing.assert_allclose(lin(x).detach().numpy(), x.numpy() @ w.T + b, rtol=1e-5, atol=1e-6)
    assert lin(x).grad_fn.name() == "AddmmBackward0"


def test_module_reprs_match_torch():
    seq = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
    assert repr(seq) == ("Sequential(\n  (0): Linear(in_features=3, out_features=4, bias=True)\n"
                         "  (1): ReLU()\n  (2): Linear(in_features=4, out_features=1, bias=True)\n)")
    assert repr(TwoLayer()) == (
        "TwoLayer(\n  (fc1): Linear(in_features=3, out_features=4, bias=True)\n"
        "  (act): CELU(alpha=1.0)\n  (fc2): Linear(in_features=4, out_features=1, bias=False)\n)")
    expected = {
        nn.ELU(): "ELU(alpha=1.0)", nn.LeakyReLU(): "LeakyReLU(negative_slope=0.01)",
        nn.GELU(): "GELU(approximate='none')", nn.Softplus(): "Softplus(beta=1.0, threshold=20.0)",
        nn.Softmax(dim=1): "Softmax(dim=1)", nn.LogSoftmax(dim=1): "LogSoftmax(dim=1)",
        nn.Identity(): "Identity()", nn.Flatten(): "Flatten(start_dim=1, end_dim=-1)",
        nn.MSELoss(): "MSELoss()", nn.CrossEntropyLoss(): "CrossEntropyLoss()",
        nn.Sigmoid(): "Sigmoid()", nn.Tanh(): "Tanh()", nn.ReLU(inplace=True): "ReLU(inplace=True)",
    }
    for module, text in expected.items():
        assert repr(module) == text


def test_sequential_indexing_and_training_end_to_end():
    engine.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 1))
    assert isinstance(model[0], nn.Linear) and len(model) == 3 and len(model[1:]) == 2
    x = engine.randn(64, 2)
    y = (x[:, :1] * 2 - x[:, 1:]) ** 2
    loss_fn = nn.MSELoss()
    first = loss_fn(model(x), y).item()
    for _ in range(200):
        model.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        with engine.no_grad():
            for p in model.parameters():
                p -= 0.05 * p.grad
    assert loss.item() < 0.3 * first


def test_zero_grad_sets_none_by_default_or_zeros():
    lin = nn.Linear(2, 1)
    lin(engine.ones(1, 2)).sum().backward()
    assert lin.weight.grad is not None
    lin.zero_grad(set_to_none=False)
    assert np.all(lin.weight.grad.numpy() == 0)
    lin.zero_grad()
    assert lin.weight.grad is None


def test_train_eval_flags_propagate():
    net = TwoLayer()
    assert net.training and net.fc1.training
    assert net.eval() is net
    assert not net.training and not net.fc1.training and not net.act.training
    net.train()
    assert net.fc2.training


def test_state_dict_round_trip_and_errors():
    a, b = TwoLayer(), TwoLayer()
    state = a.state_dict()
    assert isinstance(state, OrderedDict)
    assert list(state) == ["scale", "fc1.weight", "fc1.bias", "fc2.weight"]
    assert not state["fc1.weight"].requires_grad
    assert repr(b.load_state_dict(state)) == "<All keys matched successfully>"
    for k, v in b.state_dict().items():
        np.testing.assert_array_equal(v.numpy(), state[k].numpy())
    # plain numpy arrays load too, and loading copies (later updates do not alias)
    numpy_state = {k: v.numpy() * 0 for k, v in state.items()}
    b.load_state_dict(numpy_state)
    assert np.all(b.fc1.weight.detach().numpy() == 0) and b.fc1.weight.requires_grad
    numpy_state["fc1.bias"][:] = 7
    assert np.all(b.fc1.bias.detach().numpy() == 0)
    with pytest.raises(RuntimeError, match='Missing key\\(s\\) in state_dict: "fc2.weight"'):
        b.load_state_dict({k: v for k, v in state.items() if k != "fc2.weight"})
    bad = dict(state, **{"fc1.bias": engine.zeros(3)})
    with pytest.raises(RuntimeError, match=r"size mismatch for fc1.bias: copying a param with "
                                           r"shape torch.Size\(\[3\]\)"):
        b.load_state_dict(bad)
    result = b.load_state_dict(dict(state, extra=engine.zeros(1)), strict=False)
    assert result.unexpected_keys == ["extra"]


def test_deepcopy_gives_independent_parameters():
    net = TwoLayer()
    twin = copy.deepcopy(net)
    with engine.no_grad():
        twin.fc1.weight.fill_(0.0)
    assert not np.all(net.fc1.weight.detach().numpy() == 0)
    assert isinstance(twin.fc1.weight, nn.Parameter)


def test_double_and_float_convert_parameters():
    lin = nn.Linear(2, 2).double()
    assert lin.weight.dtype == engine.float64 and lin.weight.requires_grad
    assert lin(engine.ones(1, 2, dtype=engine.float64)).dtype == engine.float64
    assert lin.float().bias.dtype == engine.float32


@pytest.mark.parametrize("module, fn", [
    (nn.ReLU(), F.relu), (nn.Sigmoid(), F.sigmoid), (nn.Tanh(), F.tanh), (nn.CELU(), F.celu),
    (nn.ELU(), F.elu), (nn.LeakyReLU(), F.leaky_relu), (nn.GELU(), F.gelu),
    (nn.Softplus(), F.softplus), (nn.Softmax(dim=1), lambda x: F.softmax(x, 1)),
    (nn.LogSoftmax(dim=1), lambda x: F.log_softmax(x, 1)), (nn.Identity(), lambda x: x),
])
def test_activation_modules_apply_their_function(module, fn):
    x = engine.randn(3, 4)
    np.testing.assert_array_equal(module(x).numpy(), fn(x).numpy())


def test_flatten_and_loss_modules():
    x = engine.randn(2, 3, 4)
    assert nn.Flatten()(x).shape == (2, 12)
    logits, target = engine.randn(4, 3), engine.tensor([0, 2, 1, 1])
    assert nn.CrossEntropyLoss()(logits, target).item() == F.cross_entropy(logits, target).item()
    assert nn.CrossEntropyLoss(reduction="sum")(logits, target).item() == pytest.approx(
        F.cross_entropy(logits, target, reduction="sum").item())
    assert nn.NLLLoss()(F.log_softmax(logits, 1), target).item() == pytest.approx(
        F.cross_entropy(logits, target).item())
    p, t = engine.rand(5), engine.rand(5)
    assert nn.BCELoss()(p, t).item() == F.binary_cross_entropy(p, t).item()
    assert nn.BCEWithLogitsLoss()(p, t).item() == F.binary_cross_entropy_with_logits(p, t).item()
    assert nn.L1Loss()(p, t).item() == pytest.approx(float(np.abs(p.numpy() - t.numpy()).mean()))
    assert nn.MSELoss(reduction="none")(p, t).shape == (5,)


def test_init_functions():
    w = engine.empty(30, 20)
    nn.init.zeros_(w)
    assert np.all(w.numpy() == 0)
    nn.init.ones_(w)
    assert np.all(w.numpy() == 1)
    nn.init.constant_(w, 0.5)
    assert np.all(w.numpy() == 0.5)
    nn.init.xavier_uniform_(w)
    bound = math.sqrt(6 / 50)
    assert np.abs(w.numpy()).max() <= bound and w.numpy().std() > bound / 3
    nn.init.normal_(w, 1.0, 0.01)
    assert abs(w.numpy().mean() - 1.0) < 0.01
    nn.init.uniform_(w, -2, -1)
    assert w.numpy().min() >= -2 and w.numpy().max() <= -1
    with pytest.raises(ValueError, match="Fan in and fan out can not be computed"):
        nn.init.xavier_uniform_(engine.empty(3))


def test_assigning_a_plain_tensor_over_a_parameter_is_refused_like_torch():
    lin = nn.Linear(2, 1)
    with pytest.raises(TypeError, match=r"cannot assign 'torch.FloatTensor' as parameter 'weight' "
                                        r"\(torch.nn.Parameter or None expected\)"):
        lin.weight = engine.zeros(1, 2)
    lin.weight = nn.Parameter(engine.zeros(1, 2))
    assert [n for n, _ in lin.named_parameters()] == ["weight", "bias"]
    lin.bias = None
    assert [n for n, _ in lin.named_parameters()] == ["weight"]


def test_manual_update_patterns_from_courses_reach_the_parameters():
    lin = nn.Linear(2, 1)
    w0 = lin.weight.detach().numpy().copy()
    lin(engine.ones(1, 2)).sum().backward()  # d/dW = x = [1, 1]
    for p in lin.parameters():
        p.data -= 0.5 * p.grad.data
    np.testing.assert_allclose(lin.weight.detach().numpy(), w0 - 0.5, rtol=1e-6)
    for p in lin.parameters():
        p.data.sub_(0.5 * p.grad)
    np.testing.assert_allclose(lin.weight.detach().numpy(), w0 - 1.0, rtol=1e-6)


def test_module_list_registers_its_modules():
    class Stack(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)])

        def forward(self, x):
            for layer in self.layers:
                x = layer(x)
            return x

    net = Stack()
    assert len(list(net.parameters())) == 6 and len(net.layers) == 3
    assert [n for n, _ in net.named_parameters()][:2] == ["layers.0.weight", "layers.0.bias"]
    assert net(engine.ones(1, 2)).shape == (1, 2)
    assert repr(nn.ModuleList([nn.ReLU()])) == "ModuleList(\n  (0): ReLU()\n)"


def test_dropout_scales_kept_values_and_is_identity_in_eval():
    engine.manual_seed(0)
    drop = nn.Dropout(0.25)
    assert repr(drop) == "Dropout(p=0.25, inplace=False)"
    x = engine.ones(1000, requires_grad=True)
    y = drop(x)
    values = set(np.unique(y.detach().numpy()).tolist())
    assert values == {0.0, np.float32(1 / 0.75)}
    assert 0.18 < float((y.detach().numpy() == 0).mean()) < 0.32
    y.sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), y.detach().numpy())  # d/dx = the mask scale
    drop.eval()
    assert drop(x) is x
    with pytest.raises(ValueError, match="dropout probability has to be between 0 and 1, but got 1.5"):
        nn.Dropout(1.5)


def test_forward_hooks_run_around_forward_and_can_be_removed():
    lin = nn.Linear(2, 1)
    calls = []
    pre = lin.register_forward_pre_hook(lambda m, args: (args[0] * 0,))
    post = lin.register_forward_hook(lambda m, args, out: calls.append(args[0].sum().item()) or out + 1)
    out = lin(engine.ones(1, 2))
    assert calls == [0.0] and out.item() == pytest.approx(lin.bias.item() + 1)
    pre.remove()
    post.remove()
    lin(engine.ones(1, 2))
    assert calls == [0.0]


def test_modulelist_repr_groups_identical_neighbours():
    ml = nn.ModuleList([nn.Linear(3, 3), nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 3)])
    assert repr(ml) == (
        "ModuleList(\n  (0-1): 2 x Linear(in_features=3, out_features=3, bias=True)\n"
        "  (2): ReLU()\n  (3): Linear(in_features=3, out_features=3, bias=True)\n)")
    assert repr(nn.ModuleList()) == "ModuleList()"


def test_load_state_dict_reports_keys_in_torchs_order_and_still_copies_what_matches():
    src = nn.Sequential(nn.Linear(3, 6), nn.BatchNorm1d(6), nn.ReLU(), nn.Linear(6, 2))
    dst = nn.Sequential(nn.Linear(3, 6), nn.ReLU(), nn.Linear(6, 2))
    with pytest.raises(RuntimeError) as err:
        dst.load_state_dict(src.state_dict())
    assert str(err.value) == (
        "Error(s) in loading state_dict for Sequential:\n\t"
        'Missing key(s) in state_dict: "2.weight", "2.bias". \n\t'
        'Unexpected key(s) in state_dict: "3.weight", "3.bias", "1.weight", "1.bias", '
        '"1.running_mean", "1.running_var", "1.num_batches_tracked". ')
    assert dst[0].weight.tolist() == src[0].weight.tolist()  # copied before the error, as torch
    keys = dst.load_state_dict(src.state_dict(), strict=False)
    assert keys.missing_keys == ["2.weight", "2.bias"] and keys.unexpected_keys[0] == "3.weight"


def test_shape_mistakes_students_make_get_torchs_messages():
    with pytest.raises(RuntimeError, match="running_mean should contain 5 elements not 4"):
        nn.Sequential(nn.Linear(4, 5), nn.BatchNorm1d(4))(engine.randn(3, 4))
    with pytest.raises(ValueError, match=re.escape(
            "Target size (torch.Size([6])) must be the same as input size (torch.Size([6, 1]))")):
        nn.BCEWithLogitsLoss()(engine.randn(6, 1), engine.ones(6))


def test_a_numpy_batch_fed_to_a_linear_layer_gets_torchs_type_error():
    with pytest.raises(TypeError, match=re.escape(
            "linear(): argument 'input' (position 1) must be Tensor, not numpy.ndarray")):
        nn.Linear(3, 2)(np.ones((2, 3), np.float32))
