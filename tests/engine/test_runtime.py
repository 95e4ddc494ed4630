"""The boilerplate around a training script: torch.backends, thread and determinism switches,
RNG state, torch.save/load, torch.compile, torch.__version__, legacy type conversions."""
from __future__ import annotations

import io

import pytest

import engine as torch


def test_accelerators_report_unavailable_and_flags_are_settable():
    assert not torch.cuda.is_available() and not torch.backends.mps.is_available()
    device = torch.device("cuda" if torch.cuda.is_available() else
                          "mps" if torch.backends.mps.is_available() else "cpu")
    assert str(device) == "cpu"
    torch.backends.cudnn.deterministic = True
    assert torch.backends.cudnn.deterministic is True


def test_thread_and_determinism_switches_remember_what_was_asked():
    torch.set_num_threads(2)
    assert torch.get_num_threads() == 2
    with pytest.raises(RuntimeError):
        torch.set_num_threads(0)
    torch.use_deterministic_algorithms(True)
    assert torch.are_deterministic_algorithms_enabled()
    torch.use_deterministic_algorithms(False)
    torch.set_num_threads(1)
    with pytest.raises(RuntimeError, match="only a CPU"):
        torch.set_default_device("cuda")
    assert str(torch.get_default_device()) == "cpu"


def test_rng_state_round_trip_replays_the_stream():
    torch.manual_seed(3)
    state = torch.get_rng_state()
    first = torch.rand(4)
    torch.rand(2)
    torch.set_rng_state(state)
    assert torch.equal(torch.rand(4), first)
    with pytest.raises(RuntimeError, match="from get_state"):
        torch.set_rng_state(torch.zeros(3, dtype=torch.uint8))


def test_save_and_load_a_checkpoint_through_a_buffer():
    model = torch.nn.Linear(3, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    model(torch.ones(1, 3)).sum().backward()
    opt.step()
    buf = io.BytesIO()
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "epoch": 7}, buf)
    buf.seek(0)
    checkpoint = torch.load(buf, weights_only=True)
    fresh = torch.nn.Linear(3, 2)
    fresh.load_state_dict(checkpoint["model"])
    assert checkpoint["epoch"] == 7 and torch.equal(fresh.weight, model.weight)
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    buf = io.BytesIO()
    torch.save(x, buf)
    buf.seek(0)
    y = torch.load(buf)
    assert y.requires_grad and y.is_leaf and y.tolist() == [1.0, 2.0]


def test_small_helpers():
    assert torch.is_nonzero(torch.tensor([2]))
    with pytest.raises(RuntimeError, match="more than one value is ambiguous"):
        torch.is_nonzero(torch.ones(2))
    assert torch.typename(torch.ones(2, dtype=torch.int64)) == "torch.LongTensor"
    assert torch.typename(3) == "int"
    fn = torch.compile(lambda t: t * 2)
    assert fn(torch.tensor(1.0)).item() == 2.0
    model = torch.nn.Linear(1, 1)
    assert torch.compile(model) is model
    assert torch.__version__.startswith("2.") and torch.version.cuda is None
    assert torch.tensor([1, 2]).type(torch.FloatTensor).dtype == torch.float32
    assert torch.tensor([1.5]).type() == "torch.FloatTensor"


def test_save_and_load_through_a_file(tmp_path):
    path = tmp_path / "model.pt"
    torch.save({"w": torch.ones(2)}, path)
    assert path.exists() and torch.load(path)["w"].tolist() == [1.0, 1.0]


class _Payload:
    def __reduce__(self):
        return (print, ("a payload ran",))


def test_weights_only_load_refuses_other_objects(capsys):
    buf = io.BytesIO()
    torch.save({"x": _Payload()}, buf)
    buf.seek(0)
    import pickle

    with pytest.raises(pickle.UnpicklingError, match="GLOBAL builtins.print was not an allowed"):
        torch.load(buf)
    assert "a payload ran" not in capsys.readouterr().out


def test_whole_modules_pickle_under_torch_names_and_need_weights_only_false():
    import pickle

    from engine import torch_alias

    torch_alias.install()
    try:
        model = torch.nn.Sequential(torch.nn.Linear(2, 1), torch.nn.ReLU())
        buf = io.BytesIO()
        torch.save(model, buf)
        buf.seek(0)
        with pytest.raises(pickle.UnpicklingError, match=(
                r"GLOBAL torch.nn.modules.container.Sequential was not an allowed global")):
            torch.load(buf)
        buf.seek(0)
        loaded = torch.load(buf, weights_only=False)
        assert repr(loaded) == repr(model) and loaded[0].weight.tolist() == model[0].weight.tolist()
        buf.seek(0)
        with torch.serialization.safe_globals([torch.nn.Sequential, torch.nn.Linear,
                                               torch.nn.ReLU]):
            assert repr(torch.load(buf)) == repr(model)
    finally:
        torch_alias.uninstall()
