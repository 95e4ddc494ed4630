"""The judge-facing behaviour of `Sandbox.run`: programs, probes, value conversion, status mapping."""
import importlib
import importlib.util
from pathlib import Path

import numpy as np
import pytest

import sandbox
from sandbox import Job, Limits, Probe, Status


def run(box, source, *probes, **kw):
    return box.run(Job(source=source, probes=tuple(Probe(n, e) for n, e in probes), **kw))


def test_module_level_run_and_doctor():
    out = sandbox.run(Job(source="print(6 * 7)"))
    assert out.status is Status.OK and out.stdout == "42\n"
    names = [layer.name for layer in sandbox.doctor()]
    assert {"seccomp", "landlock", "namespaces", "cgroup", "rlimits", "pid-namespace"} <= set(names)


def test_stdout_stderr_and_stdin(box):
    out = run(box, "import sys\nname = input()\nprint('hello', name)\nprint('warn', file=sys.stderr)",
              stdin="ada\n")
    assert (out.status, out.stdout, out.stderr) == (Status.OK, "hello ada\n", "warn\n")


def test_large_stdin_is_delivered_whole(box):
    out = run(box, "import sys\ndata = sys.stdin.read()", ("n", "len(data)"), stdin="x" * 300_000)
    assert out.values["n"] == 300_000


def test_inputs_are_read_only_float64(box):
    src = "x = inputs['x']\ntry:\n    x[0] = 5\n    wrote = 1\nexcept ValueError:\n    wrote = 0\n"
    src += "try:\n    x.setflags(write=True)\n    flipped = 1\nexcept ValueError:\n    flipped = 0\n"
    out = run(box, src, ("wrote", "wrote"), ("flipped", "flipped"), ("dtype", "x.dtype == 'float64'"),
              ("x", "x"), inputs={"x": np.array([[1.0, 2.0], [3.0, 4.0]])})
    assert out.values["wrote"] == 0 and out.values["flipped"] == 0 and out.values["dtype"] == 1
    np.testing.assert_array_equal(out.values["x"], [[1.0, 2.0], [3.0, 4.0]])


def test_inputs_keep_their_shape_including_scalars(box):
    out = run(box, "", *[(k, f"inputs[{k!r}]") for k in "sve"],
              inputs={"s": np.float64(0.5), "v": np.array([1.0]), "e": np.zeros((0, 2))})
    assert [out.values[k].shape for k in "sve"] == [(), (1,), (0, 2)]


def test_probe_values_convert_to_float64_arrays(box):
    src = ("import numpy as np\na = 3\nb = 2.5\nc = True\nd = [[1, 2], [3, 4]]\ne = np.float32(0.1)\n"
           "f = np.arange(6, dtype=np.int32).reshape(2, 3)\ng = (np.zeros(2), 7.0)\nh = np.zeros((0, 3))\n")
    out = run(box, src, *[(n, n) for n in "abcdefgh"])
    assert out.status is Status.OK and not out.probe_errors
    v = out.values
    assert v["a"].shape == () and v["a"] == 3 and v["b"] == 2.5 and v["c"] == 1
    np.testing.assert_array_equal(v["d"], [[1, 2], [3, 4]])
    assert v["e"] == np.float64(np.float32(0.1))  # the float32 value, widened exactly
    assert v["f"].dtype == np.float64 and v["f"].shape == (2, 3)
    assert isinstance(v["g"], tuple) and v["g"][0].shape == (2,) and v["g"][1] == 7.0
    assert v["h"].shape == (0, 3)


def test_non_finite_values_come_through(box):
    out = run(box, "import numpy as np\nv = np.array([np.nan, np.inf, -np.inf, 1.0])", ("v", "v"))
    v = out.values["v"]
    assert np.isnan(v[0]) and v[1] == np.inf and v[2] == -np.inf and v[3] == 1.0


def test_float64_values_round_trip_exactly(box):
    out = run(box, "import numpy as np\nrng = np.random.default_rng(1)\nv = rng.normal(size=50) * 1e-300",
              ("v", "v"))
    np.testing.assert_array_equal(out.values["v"], np.random.default_rng(1).normal(size=50) * 1e-300)


def test_probe_errors(box):
    out = run(box, "def f(x):\n    return x / 0\nclass C: pass\nobj = C()\nz = 1j\n",
              ("missing", "grad_f"), ("raises", "f(1)"), ("object", "obj"), ("complex", "z"),
              ("ragged", "[[1, 2], [3]]"), ("ok", "2"))
    e = out.probe_errors
    assert out.status is Status.OK and out.values["ok"] == 2
    assert e["missing"] == "NameError: name 'grad_f' is not defined"
    assert e["raises"].startswith("ZeroDivisionError: division by zero")
    assert 'File "submission.py", line 2, in f' in e["raises"]
    assert e["object"] == "expected a tensor or number, got C"
    assert e["complex"] == "expected a tensor or number, got complex"
    assert e["ragged"].startswith("ValueError")


def test_syntax_error_is_ce_with_line(box):
    out = run(box, "x = 1\ny = (2 +\n", ("x", "x"))
    assert out.status is Status.CE
    assert 'File "submission.py", line 2' in out.error and "SyntaxError" in out.error


def test_exception_is_re_with_student_frames_only(box):
    out = run(box, "import numpy as np\ndef g():\n    return np.linalg.inv(np.zeros((2, 2)))\ng()\n")
    assert out.status is Status.RE
    assert 'File "submission.py", line 4, in <module>' in out.error
    assert out.error.rstrip().endswith("LinAlgError: Singular matrix")
    assert "harness" not in out.error and "sandbox" not in out.error
    assert out.error.count("numpy/linalg") == 1  # library internals cut to their last frame


def test_exit_zero_still_runs_probes(box):
    for ending in ("exit()", "import sys; sys.exit(0)", "raise SystemExit", "quit(0)", "exit(False)"):
        out = run(box, f"x = 5\n{ending}\nx = 6\n", ("x", "x"))
        assert out.status is Status.OK and out.values["x"] == 5, ending


def test_nonzero_exit_is_re(box):
    out = run(box, "import sys\nsys.exit(3)", ("x", "1"))
    assert out.status is Status.RE and "SystemExit: 3" in out.error
    out = run(box, "import sys\nsys.exit('bad input')")
    assert out.status is Status.RE and "bad input" in out.error


def test_os_exit_before_probes(box):
    out = run(box, "import os\nx = 1\nos._exit(0)", ("x", "x"))
    assert out.status is Status.RE and "before its answers" in out.error
    assert run(box, "import os\nprint('hi', flush=True)\nos._exit(0)").status is Status.OK
    out = run(box, "import os\nos._exit(4)")
    assert out.status is Status.RE and "exited with status 4" in out.error


def test_main_guard_runs(box):
    out = run(box, "if __name__ == '__main__':\n    x = 1\n", ("x", "x"))
    assert out.values["x"] == 1


def test_seeds_are_set(box):
    src = "import random\nimport numpy as np\nv = [random.random(), np.random.rand()]"
    a = run(box, src, ("v", "v"), seed=3).values["v"]
    b = run(box, src, ("v", "v"), seed=3).values["v"]
    c = run(box, src, ("v", "v"), seed=4).values["v"]
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_time_and_memory_are_reported(box):
    out = run(box, "import numpy as np\na = np.ones(4_000_000)\n")
    assert out.status is Status.OK
    assert out.memory_kib >= 30_000  # 32 MB of ones
    assert 0 < out.time_ms < 5000 and out.cpu_ms >= 0


def test_map_runs_in_parallel_and_keeps_order(box):
    jobs = [Job(source=f"x = {i}", probes=(Probe("x", "x"),)) for i in range(20)]
    assert [o.values["x"] == i for i, o in enumerate(box.map(jobs))] == [True] * 20


def test_limits_are_per_job(box):
    out = run(box, "while True: pass", limits=Limits(wall_time_s=0.3, cpu_time_s=5))
    assert out.status is Status.TLE and out.time_ms < 2000


def test_engine_tensors_as_torch(box):
    pytest.importorskip("engine.tensor", reason="the engine is not complete yet")
    src = ("import torch\nx = torch.tensor([1.0, 2.0], requires_grad=True)\n(x ** 2).sum().backward()\n"
           "def grad_f(v):\n    v = v.clone().requires_grad_(True)\n    (v ** 3).sum().backward()\n    return v.grad\n")
    probes = (("g", "x.grad"), ("pair", "(x, x.grad)"), ("f", "grad_f(torch.tensor(inputs['a']))"),
              ("is64", "x.dtype == torch.float64"), ("dtype", "x.dtype"))
    out = run(box, src, *probes, inputs={"a": np.array([1.0, 2.0])})
    assert out.status is Status.OK
    np.testing.assert_array_equal(out.values["g"], [2.0, 4.0])
    np.testing.assert_array_equal(out.values["pair"][1], [2.0, 4.0])
    np.testing.assert_array_equal(out.values["f"], [3.0, 12.0])
    assert out.values["is64"] == 0 and out.probe_errors["dtype"] == "expected a tensor or number, got dtype"
    out64 = run(box, src, *probes, inputs={"a": np.array([1.0, 2.0])}, default_dtype="float64")
    assert out64.values["is64"] == 1  # and it does not leak into the next run:
    assert run(box, src, ("is64", "x.dtype == torch.float64")).values["is64"] == 0


def test_import_torch_never_reaches_real_pytorch(box):
    pytest.importorskip("engine.torch_alias", reason="the engine does not import right now")
    out = run(box, "import torch, sys\nname = torch.__name__\nok = name == 'engine' or name.startswith('engine')",
              ("ok", "ok"))
    assert out.status is Status.OK and out.values["ok"] == 1


def test_cold_path_runs_each_job_in_a_fresh_zygote():
    with sandbox.Sandbox(warm=False) as cold:
        first = cold.run(Job(source="import numpy\nnumpy.leak = 1\nx = 1", probes=(Probe("x", "x"),)))
        second = cold.run(Job(source="import numpy\nx = hasattr(numpy, 'leak')", probes=(Probe("x", "x"),)))
    assert first.status is Status.OK and first.values["x"] == 1 and second.values["x"] == 0


def test_child_dying_before_the_program_starts_is_reported_and_the_pool_recovers(box):
    # 1 MiB cannot even hold the job: the child is OOM-killed while setting up. Its zygote may have
    # lost its place in the job stream, so it is replaced; the next job runs normally.
    if not any(layer.name == "cgroup" and layer.active for layer in box.layers):
        pytest.skip("needs the cgroup layer (RLIMIT_AS alone leaves the zygote's own mappings room)")
    out = run(box, "x = 1", ("x", "x"), limits=Limits(memory_mib=1))
    assert out.status is Status.MLE and out.error == "memory limit of 1 MiB exceeded"
    for _ in range(3):
        assert run(box, "x = 1", ("x", "x")).values["x"] == 1


def test_without_pidfd_the_supervisor_polls(monkeypatch):
    """Kernels before 5.3 have no pidfd_open; the zygote then polls the child's state."""
    monkeypatch.setenv("GRADJUDGE_SANDBOX_NO_PIDFD", "1")
    with sandbox.Sandbox() as box:
        out = box.run(Job(source="import time\ntime.sleep(0.05)\nx = 1", probes=(Probe("x", "x"),)))
        slow = box.run(Job(source="while True: pass", limits=Limits(wall_time_s=0.3)))
    assert out.status is Status.OK and out.values["x"] == 1 and out.time_ms >= 50
    assert slow.status is Status.TLE


def test_a_zygote_killed_mid_flight_is_ie_and_replaced():
    with sandbox.Sandbox() as box:
        box._all[0].proc.kill()  # white-box: the host cannot be made to do this by a submission
        out = box.run(Job(source="x = 1"))
        assert out.status is Status.IE and "sandbox failed" in out.error
        assert box.run(Job(source="x = 1", probes=(Probe("x", "x"),))).values["x"] == 1


def test_program_is_a_real_main_module(box):
    src = ("import sys, __main__, dataclasses\n@dataclasses.dataclass\nclass P:\n    x: 'float'\n"
           "same = __main__.__dict__ is globals()\nargv = sys.argv == ['submission.py']\np = P(2.0).x\n")
    out = run(box, src, ("same", "same"), ("argv", "argv"), ("p", "p"))
    assert out.status is Status.OK and out.values == {"same": 1.0, "argv": 1.0, "p": 2.0}


def test_death_by_signal_is_re_with_the_signal_name(box):
    out = run(box, "import ctypes\nctypes.string_at(0)")
    assert out.status is Status.RE and out.error.startswith("killed by SIGSEGV")
    out = run(box, "import os\nos.abort()")
    assert out.status is Status.RE and out.error.startswith("killed by SIGABRT")


def test_starting_a_pool_byte_compiles_what_zygotes_import():
    """Zygotes never write .pyc (PYTHONDONTWRITEBYTECODE); the judge writes them once per
    process, so a zygote start does not recompile the engine."""
    from sandbox import server

    modules = [importlib.import_module(name) for name in ("engine.tensor", "sandbox.zygote")]
    cached = [Path(importlib.util.cache_from_source(m.__file__)) for m in modules]
    for path in cached:
        path.unlink(missing_ok=True)
    server._byte_compile_packages.cache_clear()
    with sandbox.Sandbox(workers=1):
        assert all(path.exists() for path in cached)


def test_inf_and_nan_from_tensor_ops_print_no_numpy_warnings(box):
    """PyTorch returns inf/nan silently; the engine's numpy calls must not add stderr noise."""
    out = run(box, "import torch\nx = torch.tensor([0.0, -1.0])\ny = (1 / x, torch.log(x), x.sqrt())\n"
                   "print(y[0])")
    assert out.status is Status.OK and out.stdout == "tensor([inf, -1.])\n" and out.stderr == ""


def test_a_checkpoint_round_trip_works_without_writing_a_file(box):
    """torch.save to a path the sandbox may not write keeps the bytes in memory for torch.load."""
    out = run(box, "import torch\nm = torch.nn.Linear(2, 1)\ntorch.save(m.state_dict(), 'best.pt')\n"
                   "sd = torch.load('best.pt')\nprint(sorted(sd), torch.equal(sd['weight'], m.weight))")
    assert out.status is Status.OK and out.stdout == "['bias', 'weight'] True\n"


def test_plotting_draws_nothing_where_matplotlib_is_missing(box):
    """Course scripts plot their losses; without matplotlib the calls succeed and do nothing."""
    if importlib.util.find_spec("matplotlib") is not None:
        pytest.skip("a real matplotlib is installed: the stand-in is not used")
    source = ("import matplotlib.pyplot as plt\nline, = plt.plot([3, 2, 1], label='loss')\n"
              "fig, (a, b) = plt.subplots(1, 2)\na.set_title('x'); b.hist([1, 2])\n"
              "fig, axs = plt.subplots(2, 2)\naxs[1, 0].plot([1])\nplt.savefig('p.png'); plt.show()\n"
              "print('trained')")
    out = run(box, source)
    assert out.status is Status.OK and out.stdout == "trained\n"
