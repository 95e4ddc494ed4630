"""engine.torch_alias: `import torch` and friends resolve to the engine, even with a real PyTorch
installed, and uninstall() restores them. Run in child processes so this process's torch stays."""
from __future__ import annotations


def test_every_torch_import_form_resolves_to_the_engine(fresh_python):
    proc = fresh_python("""
        import engine, engine.torch_alias as alias
        alias.install()
        alias.install()  # idempotent
        import torch
        import torch.nn as nn
        import torch.nn.functional as F
        import torch.optim
        import torch.autograd
        from torch import optim
        from torch.autograd import grad
        from torch.nn import init
        import torchviz
        assert torch is engine, torch
        assert nn is engine.nn and F is engine.nn.functional and init is engine.nn.init
        assert optim is engine.optim and torch.optim is engine.optim
        assert torch.autograd is engine.autograd and grad is engine.autograd.grad
        assert torch.nn.Linear is engine.nn.Linear  # attribute access without importing torch.nn
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        (F.softmax(x, 0)[0]).backward()
        assert torchviz.make_dot(x * 2).source.startswith("digraph")
        assert type(x) is engine.Tensor
        print("ok", type(x).__module__)
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["ok", "torch"]


def test_classes_print_torch_names_while_installed_and_engine_names_after(fresh_python):
    proc = fresh_python("""
        import engine, engine.torch_alias as alias
        alias.install()
        import torch, torch.nn as nn
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        print(type(x), type(x.shape), type(x.dtype), type((x * 2).grad_fn))
        print(type(nn.Linear(1, 1)), type(nn.ReLU()), type(nn.MSELoss()), type(nn.Sequential()))
        print(type(nn.Parameter(torch.ones(1))), type(torch.optim.SGD([x], lr=0.1)))
        print(type(torch.optim.AdamW([x])), type(x.max(0)), type(torch.no_grad()))
        alias.uninstall()
        print(type(x), type(engine.nn.Linear(1, 1)))
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "<class 'torch.Tensor'> <class 'torch.Size'> <class 'torch.dtype'> <class 'MulBackward0'>",
        "<class 'torch.nn.modules.linear.Linear'> <class 'torch.nn.modules.activation.ReLU'> "
        "<class 'torch.nn.modules.loss.MSELoss'> <class 'torch.nn.modules.container.Sequential'>",
        "<class 'torch.nn.parameter.Parameter'> <class 'torch.optim.sgd.SGD'>",
        "<class 'torch.optim.adamw.AdamW'> <class 'torch.return_types.max'> "
        "<class 'torch.autograd.grad_mode.no_grad'>",
        "<class 'engine.tensor.Tensor'> <class 'engine.nn.linear.Linear'>",
    ]


def test_alias_wins_over_an_already_imported_real_torch_and_uninstall_restores_it(fresh_python):
    proc = fresh_python("""
        import importlib.util, sys
        real = None
        if importlib.util.find_spec("torch") is not None:
            import torch as real
        import engine, engine.torch_alias as alias
        alias.install()
        import torch
        assert torch is engine
        import torch.nn.functional as F
        assert F is engine.nn.functional
        alias.uninstall()
        alias.uninstall()
        if real is not None:
            import torch
            assert torch is real and sys.modules["torch.nn"] is real.nn
        else:
            assert "torch" not in sys.modules
        print("ok")
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_missing_torch_submodule_names_what_the_engine_provides(fresh_python):
    proc = fresh_python("""
        import engine.torch_alias as alias
        alias.install()
        try:
            import torch.jit
        except ModuleNotFoundError as e:
            print(e)
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(
        "No module named 'torch.jit': this judge runs PyTorch code on its bundled "
        "engine, which provides torch, torch.autograd")
    assert "torch.utils.data" in proc.stdout


def test_layers_print_torch_module_paths(fresh_python):
    proc = fresh_python("""
        import engine.torch_alias as alias
        alias.install()
        import torch.nn as nn
        for m in (nn.BatchNorm1d(2), nn.LayerNorm(2), nn.Embedding(3, 2), nn.ModuleDict(),
                  nn.ParameterList(), nn.Conv2d(1, 1, 3), nn.LSTM(2, 2), nn.GroupNorm(1, 2)):
            print(type(m).__module__)
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [
        "torch.nn.modules.batchnorm", "torch.nn.modules.normalization", "torch.nn.modules.sparse",
        "torch.nn.modules.container", "torch.nn.modules.container", "torch.nn.modules.conv",
        "torch.nn.modules.rnn", "torch.nn.modules.normalization"]
