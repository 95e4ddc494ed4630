"""`import engine` loads only what running ops needs; every lazily loaded name still resolves, the
same object whichever way it is reached (`engine.X`, `from engine import X`, `import torch.X`).
Each test runs in a fresh interpreter, so what is in `sys.modules` is what `import engine` did."""
from __future__ import annotations


def test_import_engine_loads_no_heavy_module_beyond_numpy(fresh_python):
    proc = fresh_python("""
        import sys
        import numpy
        before = set(sys.modules)
        import engine
        extra = set(sys.modules) - before
        # numpy.random (~15 ms) and the rest of numpy load at first use; so do these stdlib
        # modules, each of which costs a scalar exercise time and is rarely needed.
        heavy = {"dataclasses", "decimal", "fractions", "json", "logging", "pathlib",
                 "subprocess", "tempfile", "unittest", "importlib.resources"}
        print(sorted(m for m in extra if m.startswith("numpy.") or m in heavy))
        print([m for m in ("engine.nn", "engine.optim", "engine.autograd.functional",
                           "engine.torch_alias") if m in sys.modules])
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["[]", "[]"]


def test_lazily_loaded_names_resolve_to_their_defining_modules(fresh_python):
    proc = fresh_python("""
        import sys
        import engine
        from engine import nn, optim
        import engine.nn.functional as F
        from engine.autograd.functional import jacobian
        import engine.gradcheck
        assert nn is engine.nn and optim is engine.optim and F is nn.functional
        assert engine.softmax is F.softmax and engine.log_softmax is F.log_softmax
        assert engine.autograd.functional.jacobian is jacobian
        # engine.gradcheck is the function, not the module of the same name.
        function = sys.modules["engine.gradcheck"].gradcheck
        assert engine.gradcheck is function and engine.autograd.gradcheck is function
        x = engine.tensor([1.0, 2.0], dtype=engine.float64, requires_grad=True)
        assert engine.gradcheck(lambda t: (t ** 3).sum(), (x,))
        assert jacobian(lambda t: t * t, x).tolist() == [[2.0, 0.0], [0.0, 4.0]]
        assert {"nn", "optim", "linalg", "softmax"} <= set(dir(engine))
        assert not hasattr(engine, "no_such_name")
        try:
            from engine import no_such_name
        except ImportError as exc:
            print(exc)
    """)
    assert proc.returncode == 0, proc.stderr
    assert "cannot import name 'no_such_name'" in proc.stdout


def test_torch_alias_reaches_the_lazily_loaded_parts(fresh_python):
    proc = fresh_python("""
        import engine.torch_alias as alias
        alias.install()
        import torch
        import torch.nn.functional as F
        from torch import nn, optim
        from torch.autograd import grad
        from torch.autograd.functional import hessian
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        model = nn.Linear(2, 1)
        optim.SGD(model.parameters(), lr=0.1)
        (g,) = torch.autograd.grad((x ** 2).sum(), x)
        assert g.tolist() == [2.0, 4.0] and grad is torch.autograd.grad
        assert torch.autograd.functional.hessian is hessian
        assert hessian(lambda t: (t ** 2).sum(), x).tolist() == [[2.0, 0.0], [0.0, 2.0]]
        assert torch.softmax is F.softmax and callable(torch.autograd.gradcheck)
        print(type(model).__module__)
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "torch.nn.modules.linear"


def test_lazily_loaded_parts_work_on_first_use(fresh_python):
    proc = fresh_python("""
        import engine
        engine.manual_seed(3)
        a = engine.randn(4).tolist()
        engine.manual_seed(3)
        assert a == engine.randn(4).tolist()
        assert a == [0.8032760620117188, 0.17483338713645935, 0.08897809684276581, -0.6137180328369141]
        assert engine.linalg.norm(engine.tensor([3.0, 4.0])).item() == 5.0
        assert engine.det(engine.eye(2)).item() == 1.0
        engine.set_printoptions(precision=2)
        print(engine.tensor(1.23456))
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "tensor(1.23)"
