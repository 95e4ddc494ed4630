"""nn.RNN / LSTM / GRU and their cells: values, grad_fn names and every gradient against PyTorch
(float32, torch's weights copied in), gradcheck in float64, parameter names and order, reprs,
torch's error messages, dropout between layers, and a short Adam training loop."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

import engine
import engine.nn as nn
from engine.gradcheck import gradcheck, gradgradcheck

RNG = np.random.default_rng(410)
RTOL, ATOL = 1e-5, 1e-6


def _arr(*shape, dtype=np.float32):
    return RNG.standard_normal(shape).astype(dtype)


def _name(t) -> str:
    return type(t.grad_fn).__name__


def _flat(out) -> list:
    """(output, h_n) / (output, (h_n, c_n)) / (h, c) / h as a flat list of tensors."""
    if isinstance(out, tuple):
        return [t for part in out for t in _flat(part)]
    return [out]


def _copy_from_torch(module, torch_module) -> None:
    names = [n for n, _ in module.named_parameters()]
    assert names == [n for n, _ in torch_module.named_parameters()]
    for p, tp in zip(module.parameters(), torch_module.parameters()):
        p.data = engine.tensor(tp.detach().numpy().copy())


def _close(e, t) -> None:
    np.testing.assert_allclose(np.asarray(e.detach().numpy()), t.detach().numpy(),
                               rtol=RTOL, atol=ATOL)


def _compare(torch, cls: str, args: tuple, kwargs: dict, input_shape: tuple, hidden=None,
             dtype=np.float32) -> tuple[list[str], list[str]]:
    """Run the engine's and torch's module on the same input (and optional initial state) with
    the same weights; check outputs, input/state/parameter gradients. Returns the grad_fn names
    (engine, torch) of the flattened outputs."""
    tdtype = torch.float64 if dtype == np.float64 else torch.float32
    tm = getattr(torch.nn, cls)(*args, **kwargs).to(tdtype)
    em = getattr(nn, cls)(*args, **kwargs).to(engine.float64 if dtype == np.float64
                                              else engine.float32)
    _copy_from_torch(em, tm)
    a = _arr(*input_shape, dtype=dtype)
    xe, xt = engine.tensor(a, requires_grad=True), torch.tensor(a, requires_grad=True)
    he = ht = None
    if hidden is not None:
        arrays = [_arr(*s, dtype=dtype) for s in hidden]
        he = [engine.tensor(h, requires_grad=True) for h in arrays]
        ht = [torch.tensor(h, requires_grad=True) for h in arrays]
    call_e = (xe,) if he is None else (xe, he[0] if len(he) == 1 else tuple(he))
    call_t = (xt,) if ht is None else (xt, ht[0] if len(ht) == 1 else tuple(ht))
    oe, ot = _flat(em(*call_e)), _flat(tm(*call_t))
    assert [tuple(o.shape) for o in oe] == [tuple(o.shape) for o in ot]
    for e, t in zip(oe, ot):
        _close(e, t)
        assert e.is_contiguous() == t.is_contiguous()
    weights = [_arr(*o.shape, dtype=dtype) for o in ot]
    sum((o * torch.tensor(w)).sum() for o, w in zip(ot, weights)).backward()
    total = (oe[0] * engine.tensor(weights[0])).sum()
    for o, w in zip(oe[1:], weights[1:]):
        total = total + (o * engine.tensor(w)).sum()
    total.backward()
    _close(xe.grad, xt.grad)
    for e, t in zip(he or [], ht or []):
        _close(e.grad, t.grad)
    for (name, p), tp in zip(em.named_parameters(), tm.parameters()):
        assert p.grad is not None, name
        _close(p.grad, tp.grad)
    return [_name(o) for o in oe], [_name(o) for o in ot]


# ---------------------------------------------------------------------------------------------
# Sequence modules against PyTorch
# ---------------------------------------------------------------------------------------------
CONFIGS = [
    ("1layer", {}),
    ("2layers", {"num_layers": 2}),
    ("bidirectional", {"bidirectional": True}),
    ("batch_first", {"batch_first": True}),
    ("2layers_bi_bf", {"num_layers": 2, "bidirectional": True, "batch_first": True}),
    ("no_bias", {"bias": False, "num_layers": 2}),
]


def _expected_output_node(cls: str, kwargs: dict, batched: bool) -> str:
    if not batched:
        return "SqueezeBackward1"
    if kwargs.get("batch_first"):
        # torch's RNN/GRU kernels transpose the result in place (transpose_), its LSTM does not
        return "TransposeBackward0" if cls == "LSTM" else "TransposeBackward1"
    return "CatBackward0" if kwargs.get("bidirectional") else "StackBackward0"


@pytest.mark.parametrize("cls", ["RNN", "LSTM", "GRU"])
@pytest.mark.parametrize("config,kwargs", CONFIGS, ids=[c[0] for c in CONFIGS])
@pytest.mark.parametrize("batched", [True, False], ids=["batched", "unbatched"])
def test_sequence_module_matches_torch(cls, config, kwargs, batched):
    torch = pytest.importorskip("torch")
    shape = ((2, 5, 3) if kwargs.get("batch_first") else (5, 2, 3)) if batched else (5, 3)
    names_e, names_t = _compare(torch, cls, (3, 4), kwargs, shape)
    out_node = _expected_output_node(cls, kwargs, batched)
    state_node = "StackBackward0" if batched else "SqueezeBackward1"
    assert names_e == [out_node] + [state_node] * (len(names_e) - 1)
    # torch runs float32 LSTMs through oneDNN: a single-direction time-major output reports
    # its fused MkldnnRnnLayerBackward0 there (see test_lstm_float64_names_match_torch)
    fused = cls == "LSTM" and out_node == "StackBackward0"
    assert names_t[1:] == names_e[1:]
    assert names_t[0] == ("MkldnnRnnLayerBackward0" if fused else out_node)


def test_lstm_float64_names_match_torch():
    torch = pytest.importorskip("torch")
    names_e, names_t = _compare(torch, "LSTM", (3, 4), {"num_layers": 2}, (5, 2, 3),
                                dtype=np.float64)
    assert names_e == names_t == ["StackBackward0"] * 3


@pytest.mark.parametrize("cls,kwargs", [("RNN", {"nonlinearity": "relu", "num_layers": 2}),
                                        ("RNN", {"bidirectional": True}),
                                        ("GRU", {"num_layers": 2, "batch_first": True}),
                                        ("LSTM", {"bidirectional": True, "num_layers": 2})])
@pytest.mark.parametrize("batched", [True, False], ids=["batched", "unbatched"])
def test_initial_state_matches_torch(cls, kwargs, batched):
    torch = pytest.importorskip("torch")
    d = (2 if kwargs.get("bidirectional") else 1) * kwargs.get("num_layers", 1)
    state = (d, 2, 4) if batched else (d, 4)
    shape = ((2, 5, 3) if kwargs.get("batch_first") else (5, 2, 3)) if batched else (5, 3)
    hidden = [state, state] if cls == "LSTM" else [state]
    _compare(torch, cls, (3, 4), kwargs, shape, hidden=hidden)


def test_lstm_projection_matches_torch():
    torch = pytest.importorskip("torch")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch: projections are not supported with oneDNN
        names_e, names_t = _compare(torch, "LSTM", (3, 4), {"proj_size": 2, "num_layers": 2},
                                    (5, 2, 3), hidden=[(2, 2, 2), (2, 2, 4)])
    assert names_e == names_t


# ---------------------------------------------------------------------------------------------
# Cells against PyTorch
# ---------------------------------------------------------------------------------------------
CELLS = [("RNNCell", {}, "TanhBackward0"), ("RNNCell", {"nonlinearity": "relu"}, "ReluBackward0"),
         ("LSTMCell", {}, "MulBackward0"), ("GRUCell", {}, "AddBackward0"),
         ("GRUCell", {"bias": False}, "AddBackward0")]


@pytest.mark.parametrize("cls,kwargs,node", CELLS, ids=[f"{c[0]}{c[1]}" for c in CELLS])
@pytest.mark.parametrize("with_state", [False, True], ids=["zero_state", "given_state"])
@pytest.mark.parametrize("batched", [True, False], ids=["batched", "unbatched"])
def test_cell_matches_torch(cls, kwargs, node, with_state, batched):
    torch = pytest.importorskip("torch")
    shape, state = ((3, 5), (3, 4)) if batched else ((5,), (4,))
    hidden = None
    if with_state:
        hidden = [state, state] if cls == "LSTMCell" else [state]
    names_e, names_t = _compare(torch, cls, (5, 4), kwargs, shape, hidden=hidden)
    assert names_e == names_t
    if batched:
        assert names_e[0] == node
        if cls == "LSTMCell":
            assert names_e[1] == "AddBackward0"
    else:
        assert set(names_e) == {"SqueezeBackward1"}


# ---------------------------------------------------------------------------------------------
# gradcheck (float64)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("cls,kwargs", [("RNNCell", {}), ("RNNCell", {"nonlinearity": "relu"}),
                                        ("LSTMCell", {}), ("GRUCell", {})])
def test_cell_gradcheck(cls, kwargs):
    engine.manual_seed(0)
    cell = getattr(nn, cls)(3, 4, dtype=engine.float64, **kwargs)
    x = engine.tensor(_arr(2, 3, dtype=np.float64), requires_grad=True)
    h = engine.tensor(_arr(2, 4, dtype=np.float64), requires_grad=True)
    params = tuple(cell.parameters())
    if cls == "LSTMCell":
        c = engine.tensor(_arr(2, 4, dtype=np.float64), requires_grad=True)
        assert gradcheck(lambda x, h, c, *ps: cell(x, (h, c)), (x, h, c) + params)
    else:
        assert gradcheck(lambda x, h, *ps: cell(x, h), (x, h) + params)


def test_gru_cell_gradgradcheck():
    engine.manual_seed(0)
    cell = nn.GRUCell(2, 3, dtype=engine.float64)
    x = engine.tensor(_arr(2, 2, dtype=np.float64), requires_grad=True)
    h = engine.tensor(_arr(2, 3, dtype=np.float64), requires_grad=True)
    assert gradgradcheck(lambda x, h: cell(x, h), (x, h))


@pytest.mark.parametrize("cls", ["RNN", "LSTM", "GRU"])
def test_sequence_module_gradcheck(cls):
    engine.manual_seed(0)
    m = getattr(nn, cls)(2, 3, num_layers=2, bidirectional=True, dtype=engine.float64)
    x = engine.tensor(_arr(3, 1, 2, dtype=np.float64), requires_grad=True)
    first = (m.weight_ih_l0, m.weight_hh_l1_reverse, m.bias_hh_l0_reverse)
    assert gradcheck(lambda x, *ps: tuple(_flat(m(x))), (x,) + first)


# ---------------------------------------------------------------------------------------------
# Parameters, reprs, init
# ---------------------------------------------------------------------------------------------
def test_parameter_names_and_shapes():
    m = nn.GRU(3, 4, num_layers=2, bidirectional=True)
    names = [n for n, _ in m.named_parameters()]
    assert names == [f"{kind}_{ih}_l{layer}{suffix}"
                     for layer in range(2) for suffix in ("", "_reverse")
                     for kind, ih in (("weight", "ih"), ("weight", "hh"), ("bias", "ih"),
                                      ("bias", "hh"))]
    assert tuple(m.weight_ih_l0.shape) == (12, 3)
    assert tuple(m.weight_ih_l1_reverse.shape) == (12, 8)
    assert tuple(m.weight_hh_l1.shape) == (12, 4)
    assert list(m.state_dict()) == names
    assert [len(ws) for ws in m.all_weights] == [4, 4, 4, 4]
    lstm = nn.LSTM(3, 4, bias=False, proj_size=2)
    assert [(n, tuple(p.shape)) for n, p in lstm.named_parameters()] == [
        ("weight_ih_l0", (16, 3)), ("weight_hh_l0", (16, 2)), ("weight_hr_l0", (2, 4))]
    cell = nn.LSTMCell(3, 4, bias=False)
    assert [n for n, _ in cell.named_parameters()] == ["weight_ih", "weight_hh"]
    assert cell.bias_ih is None


def test_init_is_uniform_within_one_over_sqrt_hidden():
    engine.manual_seed(0)
    for m in (nn.LSTM(3, 16, num_layers=2), nn.GRUCell(5, 16), nn.RNN(2, 16)):
        values = np.concatenate([p.detach().numpy().ravel() for p in m.parameters()])
        assert np.abs(values).max() <= 0.25
        assert np.abs(values).max() > 0.2 and values.std() > 0.1  # spread, not constant


REPRS = [
    ("LSTM", (10, 20), {"num_layers": 2, "batch_first": True},
     "LSTM(10, 20, num_layers=2, batch_first=True)"),
    ("RNN", (3, 4), {"nonlinearity": "relu"}, "RNN(3, 4)"),
    ("RNN", (3, 4), {"num_layers": 2, "bias": False, "dropout": 0.5},
     "RNN(3, 4, num_layers=2, bias=False, dropout=0.5)"),
    ("GRU", (3, 4), {"bidirectional": True}, "GRU(3, 4, bidirectional=True)"),
    ("LSTM", (3, 4), {"proj_size": 2}, "LSTM(3, 4, proj_size=2)"),
    ("RNNCell", (4, 8), {}, "RNNCell(4, 8)"),
    ("RNNCell", (3, 4), {"bias": False, "nonlinearity": "relu"},
     "RNNCell(3, 4, bias=False, nonlinearity=relu)"),
    ("LSTMCell", (3, 4), {}, "LSTMCell(3, 4)"),
    ("GRUCell", (3, 4), {"bias": False}, "GRUCell(3, 4, bias=False)"),
]


@pytest.mark.parametrize("cls,args,kwargs,text", REPRS, ids=[r[3] for r in REPRS])
def test_repr(cls, args, kwargs, text):
    assert repr(getattr(nn, cls)(*args, **kwargs)) == text


def test_repr_matches_torch():
    torch = pytest.importorskip("torch")
    for cls, args, kwargs, _ in REPRS:
        assert repr(getattr(nn, cls)(*args, **kwargs)) == repr(
            getattr(torch.nn, cls)(*args, **kwargs))
    model_e = nn.Sequential(nn.LSTM(1, 8, batch_first=True))
    assert repr(model_e) == repr(torch.nn.Sequential(torch.nn.LSTM(1, 8, batch_first=True)))


def test_classes_print_torch_names_under_the_alias(fresh_python):
    proc = fresh_python("""
        import engine.torch_alias as alias
        alias.install()
        import torch, torch.nn as nn
        out, h = nn.GRU(2, 3, batch_first=True)(torch.ones(1, 4, 2))
        print(type(nn.LSTM(2, 3)), type(nn.GRUCell(2, 3)), type(out.grad_fn))
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["<class", "'torch.nn.modules.rnn.LSTM'>", "<class",
                                   "'torch.nn.modules.rnn.GRUCell'>", "<class",
                                   "'TransposeBackward1'>"]


# ---------------------------------------------------------------------------------------------
# Errors, with torch's messages
# ---------------------------------------------------------------------------------------------
ERRORS = [
    (lambda nn, z: nn.LSTM(10, 20)(z(5, 3, 5)), RuntimeError,
     "input.size(-1) must be equal to input_size. Expected 10, got 5"),
    (lambda nn, z: nn.RNN(10, 20)(z(5, 3, 10), z(1, 2, 20)), RuntimeError,
     "Expected hidden size (1, 3, 20), got [1, 2, 20]"),
    (lambda nn, z: nn.GRU(10, 20, batch_first=True)(z(3, 5, 10), z(1, 5, 20)), RuntimeError,
     "Expected hidden size (1, 3, 20), got [1, 5, 20]"),
    (lambda nn, z: nn.LSTM(10, 20)(z(5, 3, 10), (z(1, 2, 20), z(1, 3, 20))), RuntimeError,
     "Expected hidden[0] size (1, 3, 20), got [1, 2, 20]"),
    (lambda nn, z: nn.LSTM(10, 20)(z(5, 3, 10), (z(1, 3, 20), z(1, 3, 2))), RuntimeError,
     "Expected hidden[1] size (1, 3, 20), got [1, 3, 2]"),
    (lambda nn, z: nn.LSTM(10, 20)(z(5, 3, 10), (z(3, 20), z(1, 3, 20))), RuntimeError,
     "For batched 3-D input, hx and cx should also be 3-D but got (2-D, 3-D) tensors"),
    (lambda nn, z: nn.LSTM(10, 20)(z(5, 10), (z(1, 3, 20), z(1, 20))), RuntimeError,
     "For unbatched 2-D input, hx and cx should also be 2-D but got (3-D, 2-D) tensors"),
    (lambda nn, z: nn.RNN(10, 20)(z(5, 10), z(1, 2, 20)), RuntimeError,
     "For unbatched 2-D input, hx should also be 2-D but got 3-D tensor"),
    (lambda nn, z: nn.GRU(10, 20)(z(5, 3, 10), z(2, 20)), RuntimeError,
     "For batched 3-D input, hx should also be 3-D but got 2-D tensor"),
    (lambda nn, z: nn.RNN(10, 20)(z(2, 5, 3, 10)), ValueError,
     "RNN: Expected input to be 2D or 3D, got 4D tensor instead"),
    (lambda nn, z: nn.LSTM(10, 20)(z(2, 5, 3, 10)), ValueError,
     "LSTM: Expected input to be 2D or 3D, got 4D instead"),
    (lambda nn, z: nn.GRU(10, 20)(z(10)), ValueError,
     "GRU: Expected input to be 2D or 3D, got 1D instead"),
    (lambda nn, z: nn.LSTM(10, 20)(z(5, 3, 10).double()), ValueError,
     "RNN input dtype (torch.float64) does not match weight dtype (torch.float32). Convert "
     "input: input.to(torch.float32), or convert model: model.to(torch.float64)"),
    (lambda nn, z: nn.RNN(10, 20)(z(0, 3, 10)), RuntimeError,
     "Expected sequence length to be larger than 0 in RNN"),
    (lambda nn, z: nn.RNN(10, 20, nonlinearity="sigmoid"), ValueError,
     "Unknown nonlinearity 'sigmoid'. Select from 'tanh' or 'relu'."),
    (lambda nn, z: nn.GRU(10, 20, proj_size=2), ValueError,
     "proj_size argument is only supported for LSTM, not RNN or GRU"),
    (lambda nn, z: nn.LSTM(10, 20, proj_size=20), ValueError,
     "proj_size has to be smaller than hidden_size"),
    (lambda nn, z: nn.LSTM(10, 20, dropout=2), ValueError,
     "dropout should be a number in range [0, 1] representing the probability of an element "
     "being zeroed"),
    (lambda nn, z: nn.LSTM(10, 0), ValueError, "hidden_size must be greater than zero"),
    (lambda nn, z: nn.LSTM(10, 20, num_layers=0), ValueError,
     "num_layers must be greater than zero"),
    (lambda nn, z: nn.LSTM(10.0, 20), TypeError, "input_size should be of type int, got: float"),
    (lambda nn, z: nn.RNNCell(3, 4)(z(2, 5)), RuntimeError,
     "input has inconsistent input_size: got 5 expected 3"),
    (lambda nn, z: nn.RNNCell(3, 4)(z(2, 3), z(3, 4)), RuntimeError,
     "Input batch size 2 doesn't match hidden0 batch size 3"),
    (lambda nn, z: nn.GRUCell(3, 4)(z(2, 3), z(2, 5)), RuntimeError,
     "hidden0 has inconsistent hidden_size: got 5, expected 4"),
    (lambda nn, z: nn.LSTMCell(3, 4)(z(2, 3), (z(2, 4), z(2, 5))), RuntimeError,
     "hidden1 has inconsistent hidden_size: got 5, expected 4"),
    (lambda nn, z: nn.RNNCell(3, 4)(z(3), z(2, 4)), RuntimeError,
     "hidden0 has inconsistent hidden_size: got 2, expected 4"),
    (lambda nn, z: nn.GRUCell(3, 4)(z(2, 2, 3)), ValueError,
     "GRUCell: Expected input to be 1D or 2D, got 3D instead"),
    (lambda nn, z: nn.RNNCell(3, 4)(z(2, 3), z(1, 2, 4)), ValueError,
     "RNNCell: Expected hidden to be 1D or 2D, got 3D instead"),
    (lambda nn, z: nn.LSTMCell(3, 4)(z(2, 3), (z(2, 4), z(1, 2, 4))), ValueError,
     "LSTMCell: Expected hx[1] to be 1D or 2D, got 3D instead"),
    (lambda nn, z: nn.LSTMCell(3, 4)(z(2, 3), z(2, 4)), TypeError,
     "lstm_cell(): argument 'hx' (position 2) must be tuple of Tensors, not Tensor"),
    (lambda nn, z: nn.RNNCell(3, 4)(z(2, 3).double()), RuntimeError,
     "mat1 and mat2 must have the same dtype, but got Double and Float"),
]


@pytest.mark.parametrize("make,exc,message", ERRORS, ids=[e[2][:50] for e in ERRORS])
def test_error_messages(make, exc, message):
    with pytest.raises(exc) as info:
        make(nn, engine.zeros)
    assert str(info.value) == message


def test_error_messages_match_torch():
    """The same calls on real torch raise the same exception types and texts."""
    torch = pytest.importorskip("torch")
    for make, exc, message in ERRORS:
        with pytest.raises(exc) as info:
            make(torch.nn, torch.zeros)
        assert str(info.value) == message


def test_dropout_with_one_layer_warns():
    with pytest.warns(UserWarning, match="non-zero dropout expects num_layers greater than 1, "
                                         "but got dropout=0.3 and num_layers=1"):
        nn.LSTM(3, 4, dropout=0.3)


# ---------------------------------------------------------------------------------------------
# Dropout between layers, train/eval, dtype moves
# ---------------------------------------------------------------------------------------------
def test_dropout_only_between_layers_and_only_in_training():
    engine.manual_seed(0)
    m = nn.GRU(3, 4, num_layers=2, dropout=0.5)
    x = engine.tensor(_arr(6, 2, 3))
    m.eval()
    out1, h1 = m(x)
    out2, h2 = m(x)
    assert np.array_equal(out1.detach().numpy(), out2.detach().numpy())
    ref = nn.GRU(3, 4, num_layers=2)
    ref.load_state_dict(m.state_dict())
    assert np.allclose(ref(x)[0].detach().numpy(), out1.detach().numpy())
    m.train()
    outs = {m(x)[0].detach().numpy().tobytes() for _ in range(3)}
    assert len(outs) > 1  # fresh masks each call
    # the first layer's final state is computed before any dropout
    assert np.allclose(m(x)[1][0].detach().numpy(), h1[0].detach().numpy())


def test_full_dropout_matches_torch():
    """dropout=1 zeroes the second layer's input: deterministic, so comparable with torch."""
    torch = pytest.importorskip("torch")
    tm = torch.nn.LSTM(3, 4, num_layers=2, dropout=1.0)
    em = nn.LSTM(3, 4, num_layers=2, dropout=1.0)
    _copy_from_torch(em, tm)
    a = _arr(5, 2, 3)
    oe, (he, ce) = em(engine.tensor(a))
    ot, (ht, ct) = tm(torch.tensor(a))
    for e, t in ((oe, ot), (he, ht), (ce, ct)):
        _close(e, t)


def test_double_moves_parameters():
    m = nn.LSTM(3, 4).double()
    out, (h, c) = m(engine.tensor(_arr(2, 1, 3, dtype=np.float64)))
    assert out.dtype == h.dtype == c.dtype == engine.float64


def test_no_grad_outputs_do_not_require_grad():
    m = nn.RNN(3, 4)
    with engine.no_grad():
        out, h = m(engine.tensor(_arr(2, 1, 3)))
    assert not out.requires_grad and out.grad_fn is None and h.grad_fn is None


# ---------------------------------------------------------------------------------------------
# A short training loop: LSTM + Linear regression, 5 Adam steps
# ---------------------------------------------------------------------------------------------
def _train(lib, nn_mod, state=None, steps: int = 5) -> tuple[list[float], object]:
    class Regressor(nn_mod.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn_mod.LSTM(1, 6, num_layers=2, batch_first=True)
            self.head = nn_mod.Linear(6, 1)

        def forward(self, x):
            out, _ = self.lstm(x)
            return self.head(out[:, -1, :])

    model = Regressor()
    if state is not None:
        for p, value in zip(model.parameters(), state):
            p.data = lib.tensor(value.copy())
    t = lib.linspace(0, 4, 48)
    x = lib.sin(t).reshape(8, 6, 1)
    y = lib.cos(t[5::6]).reshape(8, 1)
    opt = lib.optim.Adam(model.parameters(), lr=0.01)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = nn_mod.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses, model


def test_lstm_training_loop_matches_torch():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    _, model_t = _train(torch, torch.nn, steps=0)
    state = [p.detach().numpy().copy() for p in model_t.parameters()]
    losses_t, model_t = _train(torch, torch.nn, state)
    losses_e, model_e = _train(engine, nn, state)
    np.testing.assert_allclose(losses_e, losses_t, rtol=0, atol=1e-5)
    assert losses_e[-1] < losses_e[0]
    for pe, pt in zip(model_e.parameters(), model_t.parameters()):
        np.testing.assert_allclose(pe.detach().numpy(), pt.detach().numpy(), rtol=1e-4,
                                   atol=1e-5)
