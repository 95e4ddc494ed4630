"""torch.nn.utils.rnn (pad/pack/unpack of variable-length sequences), RNN / LSTM / GRU over a
PackedSequence, and nn.init.orthogonal_ / sparse_: values, printed forms, grad_fn names,
gradients and error messages against PyTorch; gradcheck in float64 for every conversion."""
from __future__ import annotations

import numpy as np
import pytest

import engine
import engine.nn as nn
from engine.gradcheck import gradcheck
from engine.nn.utils import rnn as ernn

RNG = np.random.default_rng(650)


def _arr(*shape, dtype=np.float32):
    return RNG.standard_normal(shape).astype(dtype)


def _name(t) -> str:
    return type(t.grad_fn).__name__


def _pair(torch, *shape, dtype=np.float32):
    """The same random values as an engine and a torch tensor, both requiring grad."""
    a = _arr(*shape, dtype=dtype)
    return engine.tensor(a, requires_grad=True), torch.tensor(a, requires_grad=True)


def _close(e, t, tol: float = 1e-6) -> None:
    np.testing.assert_allclose(np.asarray(e.detach().numpy()), t.detach().numpy(), rtol=tol,
                               atol=tol)


def _backward_both(e, t, torch) -> None:
    """Backpropagate the same random weighting of e and t."""
    w = _arr(*t.shape, dtype=t.detach().numpy().dtype)
    (e * engine.tensor(w)).sum().backward()
    (t * torch.tensor(w)).sum().backward()


# ---- pad_sequence ----------------------------------------------------------------------------
@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("padding_side", ["right", "left"])
def test_pad_sequence_matches_torch(batch_first, padding_side):
    torch = pytest.importorskip("torch")
    pairs = [_pair(torch, n, 2) for n in (3, 5, 1)]
    kwargs = dict(batch_first=batch_first, padding_value=-1.5, padding_side=padding_side)
    e = ernn.pad_sequence([p[0] for p in pairs], **kwargs)
    t = torch.nn.utils.rnn.pad_sequence([p[1] for p in pairs], **kwargs)
    assert str(e) == str(t)
    assert _name(e) == type(t.grad_fn).__name__ == "CopySlices"
    _backward_both(e, t, torch)
    for pe, pt in pairs:
        _close(pe.grad, pt.grad)


def test_pad_sequence_of_integers_and_of_a_tensor():
    torch = pytest.importorskip("torch")
    seqs = [[1, 2, 3], [4], [5, 6]]
    e = ernn.pad_sequence([engine.tensor(s) for s in seqs], batch_first=True, padding_value=-1)
    t = torch.nn.utils.rnn.pad_sequence([torch.tensor(s) for s in seqs], batch_first=True,
                                        padding_value=-1)
    assert str(e) == str(t)
    a = _arr(3, 2)
    assert str(ernn.pad_sequence(engine.tensor(a))) == str(
        torch.nn.utils.rnn.pad_sequence(torch.tensor(a)))


# ---- pack_padded_sequence / pad_packed_sequence -------------------------------------------------
@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("lengths,enforce_sorted", [([4, 3, 3, 1], True), ([2, 4, 1, 3], False),
                                                    ([3, 1, 3, 2], False)])
@pytest.mark.parametrize("as_tensor", [False, True])
def test_pack_and_pad_packed_match_torch(batch_first, lengths, enforce_sorted, as_tensor):
    torch = pytest.importorskip("torch")
    shape = (len(lengths), 4, 3) if batch_first else (4, len(lengths), 3)
    xe, xt = _pair(torch, *shape)
    le = engine.tensor(lengths) if as_tensor else lengths
    lt = torch.tensor(lengths) if as_tensor else lengths
    pe = ernn.pack_padded_sequence(xe, le, batch_first=batch_first, enforce_sorted=enforce_sorted)
    pt = torch.nn.utils.rnn.pack_padded_sequence(xt, lt, batch_first=batch_first,
                                                 enforce_sorted=enforce_sorted)
    assert repr(pe) == repr(pt)
    assert _name(pe.data) == "PackPaddedSequenceBackward0"
    for total_length in (None, 6):
        oe, lens_e = ernn.pad_packed_sequence(pe, batch_first=batch_first, padding_value=9.0,
                                              total_length=total_length)
        ot, lens_t = torch.nn.utils.rnn.pad_packed_sequence(
            pt, batch_first=batch_first, padding_value=9.0, total_length=total_length)
        assert str(oe) == str(ot) and str(lens_e) == str(lens_t)
        assert _name(oe) == type(ot.grad_fn).__name__
    _backward_both(oe, ot, torch)
    _close(xe.grad, xt.grad)


def test_pack_sequence_unpack_and_unpad_match_torch():
    torch = pytest.importorskip("torch")
    pairs = [_pair(torch, n, 2) for n in (2, 4, 1)]
    pe = ernn.pack_sequence([p[0] for p in pairs], enforce_sorted=False)
    pt = torch.nn.utils.rnn.pack_sequence([p[1] for p in pairs], enforce_sorted=False)
    assert repr(pe) == repr(pt)
    ue, ut = ernn.unpack_sequence(pe), torch.nn.utils.rnn.unpack_sequence(pt)
    assert str(ue) == str(ut)
    sum((u * (i + 1)).sum() for i, u in enumerate(ue)).backward()
    sum((u * (i + 1)).sum() for i, u in enumerate(ut)).backward()
    for p_e, p_t in pairs:
        _close(p_e.grad, p_t.grad)
    # unpad_sequence transposes a time-major batch in place, as torch does
    padded_e = ernn.pad_sequence([p[0] for p in pairs]) * 1
    padded_t = torch.nn.utils.rnn.pad_sequence([p[1] for p in pairs]) * 1
    ue = ernn.unpad_sequence(padded_e, engine.tensor([2, 4, 1]))
    ut = torch.nn.utils.rnn.unpad_sequence(padded_t, torch.tensor([2, 4, 1]))
    assert str(ue) == str(ut)
    assert tuple(padded_e.shape) == tuple(padded_t.shape) == (3, 4, 2)
    assert _name(padded_e) == type(padded_t.grad_fn).__name__ == "TransposeBackward1"
    assert padded_e.is_contiguous() == padded_t.is_contiguous()


def test_packed_sequence_is_a_named_tuple_with_torchs_conversions():
    torch = pytest.importorskip("torch")
    data = _arr(3, 2)
    pe = ernn.PackedSequence(engine.tensor(data), engine.tensor([2, 1]), engine.tensor([1, 0]))
    pt = torch.nn.utils.rnn.PackedSequence(torch.tensor(data), torch.tensor([2, 1]),
                                           torch.tensor([1, 0]))
    assert repr(pe) == repr(pt)
    assert repr(pe.double()) == repr(pt.double())
    assert pe.to(engine.float32) is pe
    data_e, sizes_e, sorted_e, unsorted_e = pe
    assert data_e is pe.data and sizes_e is pe.batch_sizes
    assert str(ernn.invert_permutation(engine.tensor([2, 0, 1]))) == "tensor([1, 2, 0])"
    assert ernn.invert_permutation(None) is None


def _errors(fn) -> tuple[str, str]:
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the type and message are what is compared
        return type(e).__name__, str(e)
    return "", ""


def test_error_messages_match_torch():
    torch = pytest.importorskip("torch")
    tr = torch.nn.utils.rnn
    a, b = _arr(3, 2), _arr(2, 2)
    cases = [
        lambda m, t: m.pack_padded_sequence(t.zeros(3, 3, 2), [2, 3, 1]),
        lambda m, t: m.pack_padded_sequence(t.zeros(3, 3, 2), [3, 2, 0]),
        lambda m, t: m.pack_padded_sequence(t.zeros(3, 3, 2), [3, 2]),
        lambda m, t: m.pack_padded_sequence(t.zeros(0, 3), []),
        lambda m, t: m.pack_sequence([t.tensor(b), t.tensor(a)]),
        lambda m, t: m.pad_packed_sequence(m.pack_sequence([t.tensor(a)]), total_length=2),
        lambda m, t: m.pad_sequence([t.tensor(a), t.zeros(2, 3)]),
        lambda m, t: m.pad_sequence([t.tensor(a)], padding_side="middle"),
        lambda m, t: m.pad_sequence([]),
        lambda m, t: m.pad_sequence(3),
        lambda m, t: m.unpad_sequence(t.zeros(3, 2, 2), [3, 1]),
        lambda m, t: m.unpad_sequence(t.zeros(3, 2, 2, requires_grad=True), t.tensor([3, 1])),
    ]
    for case in cases:
        assert _errors(lambda: case(ernn, engine)) == _errors(lambda: case(tr, torch))
        assert _errors(lambda: case(ernn, engine))[0]


def test_lengths_beyond_the_padded_length_are_refused():
    with pytest.raises(RuntimeError, match="at most the padded length 3, but got 4"):
        ernn.pack_padded_sequence(engine.zeros(3, 2, 1), [4, 2])


# ---- gradcheck -----------------------------------------------------------------------------------
def _f64(*shape):
    return engine.tensor(_arr(*shape, dtype=np.float64), requires_grad=True)


@pytest.mark.parametrize("batch_first", [False, True])
def test_gradcheck_pack_and_pad(batch_first):
    x = _f64(3, 4, 2) if batch_first else _f64(4, 3, 2)

    def round_trip(x):
        packed = ernn.pack_padded_sequence(x, [2, 4, 1], batch_first=batch_first,
                                           enforce_sorted=False)
        padded, _ = ernn.pad_packed_sequence(packed, batch_first=batch_first, padding_value=2.0,
                                             total_length=5)
        return padded

    assert gradcheck(lambda x: ernn.pack_padded_sequence(x, [4, 2, 1],
                                                         batch_first=batch_first).data, (x,))
    assert gradcheck(round_trip, (x,))


def test_gradcheck_pad_sequence_and_unpad():
    a, b, c = _f64(3, 2), _f64(1, 2), _f64(2, 2)
    assert gradcheck(lambda a, b, c: ernn.pad_sequence([a, b, c], padding_side="left"), (a, b, c))
    assert gradcheck(lambda a, b, c: ernn.unpad_sequence(
        ernn.pad_sequence([a, b, c]) * 1, engine.tensor([3, 1, 2]))[2], (a, b, c))
    assert gradcheck(lambda a, b, c: ernn.unpack_sequence(
        ernn.pack_sequence([a, b, c], enforce_sorted=False))[0], (a, b, c))


def test_pack_gradient_is_itself_differentiable():
    x = _f64(3, 2)
    data = ernn.pack_padded_sequence(x, [3, 1]).data
    (g,) = engine.autograd.grad((data ** 2).sum(), x, create_graph=True)
    (gg,) = engine.autograd.grad(g.sum(), x)
    expected = np.zeros((3, 2))
    expected[[0, 1, 2, 0], [0, 0, 0, 1]] = 2
    np.testing.assert_allclose(gg.numpy(), expected)


@pytest.mark.parametrize("cls", ["RNN", "GRU", "LSTM"])
def test_gradcheck_packed_recurrent_layers(cls):
    engine.manual_seed(0)
    module = getattr(nn, cls)(2, 3, num_layers=2, bidirectional=True).double()
    x = _f64(4, 3, 2)

    def run(x):
        packed = ernn.pack_padded_sequence(x, [2, 4, 1], enforce_sorted=False)
        output, hidden = module(packed)
        h_n = hidden[0] if cls == "LSTM" else hidden
        return output.data, h_n

    assert gradcheck(run, (x,))


# ---- recurrent layers over a PackedSequence ------------------------------------------------------
def _copy_from_torch(module, torch_module) -> None:
    for p, tp in zip(module.parameters(), torch_module.parameters()):
        p.data = engine.tensor(tp.detach().numpy().copy())


@pytest.mark.parametrize("cls", ["RNN", "GRU", "LSTM"])
@pytest.mark.parametrize("layers,bidirectional", [(1, False), (2, False), (1, True), (2, True)])
@pytest.mark.parametrize("lengths,enforce_sorted,batch_first,with_hx",
                         [([5, 3, 3, 1], True, False, False), ([2, 5, 1, 3], False, False, True),
                          ([2, 5, 1, 3], False, True, True)])
def test_packed_layers_match_torch(cls, layers, bidirectional, lengths, enforce_sorted,
                                   batch_first, with_hx):
    torch = pytest.importorskip("torch")
    kwargs = dict(num_layers=layers, bidirectional=bidirectional, batch_first=batch_first)
    tm = getattr(torch.nn, cls)(3, 4, **kwargs)
    em = getattr(nn, cls)(3, 4, **kwargs)
    _copy_from_torch(em, tm)
    batch, steps = len(lengths), max(lengths)
    xe, xt = _pair(torch, *((batch, steps, 3) if batch_first else (steps, batch, 3)))
    pe = ernn.pack_padded_sequence(xe, lengths, batch_first, enforce_sorted)
    pt = torch.nn.utils.rnn.pack_padded_sequence(xt, lengths, batch_first, enforce_sorted)
    state_e, state_t = [], []
    if with_hx:
        count = 2 if cls == "LSTM" else 1
        pairs = [_pair(torch, layers * (2 if bidirectional else 1), batch, 4) for _ in range(count)]
        state_e, state_t = [p[0] for p in pairs], [p[1] for p in pairs]
        oe, he = em(pe, tuple(state_e) if cls == "LSTM" else state_e[0])
        ot, ht = tm(pt, tuple(state_t) if cls == "LSTM" else state_t[0])
    else:
        (oe, he), (ot, ht) = em(pe), tm(pt)
    assert type(oe).__name__ == "PackedSequence"
    assert repr(oe.batch_sizes) == repr(ot.batch_sizes)
    assert repr(oe.unsorted_indices) == repr(ot.unsorted_indices)
    outs_e = [oe.data, *(he if cls == "LSTM" else [he])]
    outs_t = [ot.data, *(ht if cls == "LSTM" else [ht])]
    assert [_name(e) for e in outs_e] == [type(t.grad_fn).__name__ for t in outs_t]
    for e, t in zip(outs_e, outs_t):
        _close(e, t, 1e-5)
    weights = [_arr(*t.shape) for t in outs_t]
    sum((t * torch.tensor(w)).sum() for t, w in zip(outs_t, weights)).backward()
    total = sum(((e * engine.tensor(w)).sum() for e, w in zip(outs_e[1:], weights[1:])),
                (outs_e[0] * engine.tensor(weights[0])).sum())
    total.backward()
    _close(xe.grad, xt.grad, 1e-5)
    for e, t in zip(state_e, state_t):
        _close(e.grad, t.grad, 1e-5)
    for (name, p), tp in zip(em.named_parameters(), tm.parameters()):
        np.testing.assert_allclose(p.grad.numpy(), tp.grad.numpy(), rtol=1e-4, atol=1e-5,
                                   err_msg=name)


def test_packed_lstm_with_projection_matches_torch():
    torch = pytest.importorskip("torch")
    tm = torch.nn.LSTM(3, 4, proj_size=2, bidirectional=True)
    em = nn.LSTM(3, 4, proj_size=2, bidirectional=True)
    _copy_from_torch(em, tm)
    xe, xt = _pair(torch, 4, 3, 3)
    oe, (he, ce) = em(ernn.pack_padded_sequence(xe, [4, 2, 3], enforce_sorted=False))
    ot, (ht, ct) = tm(torch.nn.utils.rnn.pack_padded_sequence(xt, [4, 2, 3], enforce_sorted=False))
    for e, t in ((oe.data, ot.data), (he, ht), (ce, ct)):
        _close(e, t, 1e-5)


def test_packed_output_pads_back_to_the_unpacked_run_of_each_sequence():
    """Each sequence's packed result equals running the layer on that sequence alone."""
    engine.manual_seed(1)
    lstm = nn.LSTM(2, 3, bidirectional=True)
    seqs = [engine.randn(n, 2) for n in (2, 4, 1)]
    out, (h_n, _) = lstm(ernn.pack_sequence(seqs, enforce_sorted=False))
    padded, lengths = ernn.pad_packed_sequence(out)
    assert lengths.tolist() == [2, 4, 1]
    for b, seq in enumerate(seqs):
        alone, (h_alone, _) = lstm(seq.unsqueeze(1))
        np.testing.assert_allclose(padded[:len(seq), b].detach().numpy(),
                                   alone[:, 0].detach().numpy(), rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(h_n[:, b].detach().numpy(), h_alone[:, 0].detach().numpy(),
                                   rtol=1e-6, atol=1e-6)
        assert (padded[len(seq):, b] == 0).all()


def test_packed_input_checks_match_torch():
    torch = pytest.importorskip("torch")
    cases = [
        lambda m, t: m.nn.GRU(3, 4)(m.nn.utils.rnn.pack_sequence([t.zeros(2, 2)])),
        lambda m, t: m.nn.RNN(3, 4)(m.nn.utils.rnn.pack_sequence([t.zeros(2, 3)]),
                                    t.zeros(1, 2, 4)),
        lambda m, t: m.nn.GRU(3, 4)(m.nn.utils.rnn.pack_sequence([t.zeros(2, 3)]).double()),
    ]
    for case in cases:
        expected = _errors(lambda: case(torch, torch))
        assert expected[0]
        assert _errors(lambda: case(engine, engine)) == expected


# ---- nn.init.orthogonal_ / sparse_ ---------------------------------------------------------------
@pytest.mark.parametrize("shape", [(4, 6), (6, 4), (3, 3), (2, 3, 4)])
def test_orthogonal_matches_torch_after_manual_seed(shape):
    torch = pytest.importorskip("torch")
    torch.manual_seed(5)
    engine.manual_seed(5)
    t = torch.nn.init.orthogonal_(torch.empty(*shape), gain=1.5)
    e = nn.init.orthogonal_(engine.empty(*shape), gain=1.5)
    assert str(e) == str(t)
    _close(e, t, 1e-5)
    flat = e.detach().numpy().reshape(shape[0], -1) / 1.5
    gram = flat @ flat.T if flat.shape[0] <= flat.shape[1] else flat.T @ flat
    np.testing.assert_allclose(gram, np.eye(min(flat.shape)), atol=1e-5)
    assert str(engine.randn(3)) == str(torch.randn(3))  # the same number of draws was used


def test_orthogonal_with_generator_and_errors():
    torch = pytest.importorskip("torch")
    e = nn.init.orthogonal_(engine.empty(3, 2), generator=engine.Generator().manual_seed(3))
    t = torch.nn.init.orthogonal_(torch.empty(3, 2), generator=torch.Generator().manual_seed(3))
    assert str(e) == str(t)
    with pytest.raises(ValueError, match="Only tensors with 2 or more dimensions are supported"):
        nn.init.orthogonal_(engine.empty(3))
    assert nn.init.orthogonal_(engine.empty(0, 3)).shape == (0, 3)


def test_sparse_matches_torch_after_manual_seed():
    torch = pytest.importorskip("torch")
    for seed, sparsity, std in ((0, 0.5, 0.01), (1, 0.1, 1.0)):
        torch.manual_seed(seed)
        engine.manual_seed(seed)
        t = torch.nn.init.sparse_(torch.empty(6, 4), sparsity, std=std)
        e = nn.init.sparse_(engine.empty(6, 4), sparsity, std=std)
        assert str(e) == str(t)
    with pytest.raises(ValueError, match="Only tensors with 2 dimensions are supported"):
        nn.init.sparse_(engine.empty(2, 2, 2), 0.5)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("kwargs", [dict(std=0.02, a=-0.04, b=0.04), dict(),
                                    dict(mean=0.5, a=1.5, b=3.0), dict(std=0.5, a=-0.1, b=0.1)])
def test_trunc_normal_matches_torch_after_manual_seed(dtype, kwargs):
    """Both of torch 2.13's samplers: redrawn normals (wide [a, b]) and rejection sampling of
    uniform candidates (narrow [a, b]); the values and the generator state afterwards."""
    torch = pytest.importorskip("torch")
    torch.manual_seed(7)
    engine.manual_seed(7)
    t = torch.nn.init.trunc_normal_(torch.empty(500, dtype=getattr(torch, dtype)), **kwargs)
    e = nn.init.trunc_normal_(engine.empty(500, dtype=getattr(engine, dtype)), **kwargs)
    np.testing.assert_array_equal(e.numpy(), t.numpy())
    assert str(engine.randn(3)) == str(torch.randn(3))


def test_trunc_normal_warns_when_the_mean_is_far_from_the_interval():
    with pytest.warns(UserWarning, match="mean is more than 2 std from"):
        e = nn.init.trunc_normal_(engine.empty(50), mean=0.0, std=1.0, a=2.5, b=4.0)
    assert float(e.min()) >= 2.5 and float(e.max()) <= 4.0


def test_init_of_a_parameter_records_no_graph():
    lstm = nn.LSTM(2, 3)
    w = nn.init.orthogonal_(lstm.weight_hh_l0)
    assert w is lstm.weight_hh_l0 and w.grad_fn is None and w.requires_grad
    nn.init.sparse_(lstm.weight_ih_l0, 0.5)
    assert lstm.weight_ih_l0.grad_fn is None
    assert (lstm.weight_ih_l0 == 0).sum(0).tolist() == [6, 6]


# ---- the torch alias -----------------------------------------------------------------------------
def test_torch_nn_utils_rnn_through_the_alias(fresh_python):
    proc = fresh_python("""
        import engine.torch_alias as alias
        alias.install()
        import torch
        import torch.nn.utils
        import torch.nn.utils.rnn as rnn_utils
        from torch.nn.utils import clip_grad_norm_, parameters_to_vector
        from torch.nn.utils.rnn import PackedSequence, pack_sequence
        packed = pack_sequence([torch.ones(2, 1), torch.ones(1, 1)])
        print(type(packed), rnn_utils is torch.nn.utils.rnn, clip_grad_norm_ is
              torch.nn.utils.clip_grad_norm_, callable(parameters_to_vector))
        print(isinstance(packed, PackedSequence), type(torch.nn.LSTM(1, 2)(packed)[0]))
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ("<class 'torch.nn.utils.rnn.PackedSequence'> True True True\n"
                           "True <class 'torch.nn.utils.rnn.PackedSequence'>\n")
