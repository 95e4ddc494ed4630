"""Each isolation layer on its own, `doctor`, strict mode, and the degraded paths.

Layers are switched off with Sandbox(disable=[...]) to show that (a) the run still works and says
so in its notices, and (b) each remaining layer contains the attack by itself.
"""
import os
import socket
import sysconfig
import uuid

import pytest

from sandbox import Job, Layer, Probe, Sandbox, Status, StrictModeError, doctor
from sandbox import landlock, seccomp
from sandbox.layers import STRICT

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def layer_map(layers):
    return {layer.name: layer for layer in layers}


def require(layers, *names):
    missing = [n for n in names if not layer_map(layers)[n].active]
    if missing:
        pytest.skip(f"layer(s) {', '.join(missing)} unavailable here: "
                    + "; ".join(layer_map(layers)[n].detail for n in missing))


@pytest.fixture(scope="module")
def layers():
    return doctor()


def test_doctor_lists_every_layer_with_a_reason(layers):
    assert [l.name for l in layers] == ["non-dumpable", "pid-namespace", "cgroup", "rlimits", "uid",
                                        "namespaces", "landlock", "seccomp"]
    for layer in layers:
        assert isinstance(layer, Layer) and layer.detail
        assert layer.strict == (layer.name in STRICT)


def test_strict_mode_runs_when_every_strict_layer_is_active(layers):
    require(layers, *STRICT)
    with Sandbox(require_strict=True) as box:
        out = box.run(Job(source="x = 1", probes=(Probe("x", "x"),)))
    assert out.status is Status.OK and set(STRICT) <= set(out.layers)


def test_strict_mode_refuses_and_names_the_missing_layer():
    with pytest.raises(StrictModeError, match=r"seccomp \(disabled by GRADJUDGE_SANDBOX_DISABLE\)"):
        Sandbox(require_strict=True, disable=["seccomp"])


def test_unknown_layer_name_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown sandbox layer"):
        Sandbox(disable=["seccom"])


def test_disabled_layer_gives_a_notice_and_the_run_still_works(layers):
    with Sandbox(disable=["seccomp", "landlock", "uid"]) as box:
        out = box.run(Job(source="print('ok')"))
    assert out.status is Status.OK and out.stdout == "ok\n"
    assert "seccomp" not in out.layers and "landlock" not in out.layers
    assert any("seccomp inactive: disabled" in n for n in out.notices)
    assert any("landlock inactive: disabled" in n for n in out.notices)
    assert not any("uid" in n for n in out.notices)   # best-effort: `judge doctor` shows it


def test_environment_variable_disables_layers(monkeypatch):
    monkeypatch.setenv("GRADJUDGE_SANDBOX_DISABLE", "cgroup")
    with Sandbox() as box:
        assert not layer_map(box.layers)["cgroup"].active


# ----- each layer on its own -------------------------------------------------------------------

def processes_named(name: str) -> list[int]:
    """Live processes called `name` (a zombie is dead already; without a pid namespace its parent
    is the host's init, which reaps it when it likes)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/status") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
            if fields["Name"].strip() == name and not fields["State"].strip().startswith("Z"):
                found.append(int(entry))
        except (OSError, ValueError, KeyError):
            pass
    return found


DAEMON = ("import ctypes, os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
          "        ctypes.CDLL(None).prctl(15, b'{name}', 0, 0, 0)\n        time.sleep(1000)\n    os._exit(0)\n"
          "time.sleep(0.2)\nppid = os.getppid()\n")


def test_pid_namespace_kills_a_daemon_that_escaped_the_session(layers):
    """Without seccomp a double fork succeeds; the pid namespace still ends it with the run."""
    require(layers, "pid-namespace")
    name = "gj" + uuid.uuid4().hex[:10]
    with Sandbox(disable=["seccomp", "cgroup"]) as box:
        out = box.run(Job(source=DAEMON.format(name=name), probes=(Probe("ppid", "ppid"),)))
    assert out.status is Status.OK and out.values["ppid"] == 1  # its parent is the namespace's init
    assert processes_named(name) == []


def test_cgroup_alone_kills_a_daemon_that_escaped_the_session(layers):
    require(layers, "cgroup")
    name = "gj" + uuid.uuid4().hex[:10]
    with Sandbox(disable=["seccomp", "pid-namespace"]) as box:
        out = box.run(Job(source=DAEMON.format(name=name), probes=(Probe("ppid", "ppid"),)))
    assert out.status is Status.OK
    assert processes_named(name) == []


def test_network_namespace_alone_blocks_tcp(layers):
    require(layers, "namespaces")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.setblocking(False)
    src = f"import socket\nsocket.create_connection({listener.getsockname()!r}, timeout=0.5)"
    with Sandbox(disable=["seccomp", "landlock"]) as box:
        out = box.run(Job(source=src))
    assert out.status is Status.RE and ("Network is unreachable" in out.error or "refused" in out.error)
    with pytest.raises(BlockingIOError):
        listener.accept()
    listener.close()


def test_landlock_alone_denies_reads_and_writes(layers, tmp_path):
    require(layers, "landlock")
    target = tmp_path / "x"
    src = (f"import os\nresults = []\nfor action in (lambda: open('/etc/passwd').read(), "
           f"lambda: open({str(target)!r}, 'w'), lambda: os.listdir({REPO!r})):\n"
           "    try:\n        action()\n        results.append(1)\n    except PermissionError:\n        results.append(0)\n")
    with Sandbox(disable=["seccomp", "namespaces"]) as box:
        out = box.run(Job(source=src, probes=(Probe("r", "results"),)))
    assert list(out.values["r"]) == [0, 0, 0] and not target.exists()


def test_landlock_grants_only_the_install_numpy_engine_and_sandbox():
    paths = landlock.readable_paths()
    site = sysconfig.get_paths()["purelib"]
    for forbidden in (REPO, os.path.join(REPO, "problems"), os.path.join(REPO, "judge"), site, "/", "/tmp", "/etc"):
        assert forbidden not in paths
    assert not any(p.startswith(os.path.join(site, "torch")) for p in paths)
    assert os.path.join(REPO, "engine") in paths and os.path.join(REPO, "sandbox") in paths


def test_rlimit_file_size_stops_writes_without_landlock(layers, tmp_path):
    """With Landlock off a root child can open a file; RLIMIT_FSIZE 0 still stops the first byte."""
    require(layers, "rlimits")
    target = tmp_path / "big"
    with Sandbox(disable=["landlock"]) as box:
        out = box.run(Job(source=f"open({str(target)!r}, 'w').write('x' * 10)"))
    assert out.status is Status.SV and "write a file" in out.error
    assert not target.exists() or target.stat().st_size == 0


def test_rlimit_address_space_gives_mle_without_cgroup(layers):
    with Sandbox(disable=["cgroup"]) as box:
        out = box.run(Job(source="import numpy as np\na = np.ones(2**30)"))
    assert out.status is Status.MLE and "MemoryError" in out.error
    assert any("cgroup inactive" in n for n in out.notices)


def test_cgroup_measures_only_the_childs_memory(layers):
    require(layers, "cgroup")
    with Sandbox() as box:
        small = box.run(Job(source="x = 1"))
        big = box.run(Job(source="import numpy as np\na = np.ones(2**23)"))  # 64 MiB
    assert small.memory_kib < 16_000  # not the zygote's ~30 MB of numpy and engine
    assert 64 * 1024 <= big.memory_kib < 64 * 1024 + 16_000


def test_seccomp_program_checks_the_architecture():
    if not seccomp.supported():
        pytest.skip("no seccomp syscall table for this architecture")
    program = seccomp.build(1234)
    assert len(program) % 8 == 0 and len(program) // 8 < 4096  # BPF_MAXINSNS
    # The first instructions load the arch and kill on a mismatch.
    import struct
    code, jt, jf, k = struct.unpack("=HBBI", program[8:16])
    assert k == seccomp.AUDIT_ARCH[os.uname().machine]
    assert struct.unpack("=HBBI", program[16:24])[3] == seccomp.RET_KILL_PROCESS


def test_seccomp_alone_blocks_sockets(layers):
    require(layers, "seccomp")
    with Sandbox(disable=["namespaces", "landlock"]) as box:
        out = box.run(Job(source="import socket\nsocket.socket()"))
    assert out.status is Status.SV


def test_x86_64_syscall_numbers_match_the_system_header():
    header = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"
    if not os.path.exists(header):
        pytest.skip(f"{header} is not installed")
    import re
    with open(header) as f:
        numbers = {m.group(1): int(m.group(2)) for m in re.finditer(r"#define __NR_(\w+) (\d+)", f.read())}
    table = seccomp._NUMBERS["x86_64"]
    assert {name: numbers.get(name) for name in table} == table
    assert set(seccomp._DENIED) <= set(table)


def test_a_broken_engine_never_lets_a_real_torch_stand_in():
    """If the zygote cannot import the engine, `import torch` fails with the judge's message
    instead of finding a PyTorch installed on the machine."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent("""
        from sandbox.supervisor import block_torch
        block_torch("the engine could not be imported (ImportError: boom)")
        for name in ("torch", "torch.nn", "torchviz"):
            try:
                __import__(name)
            except ModuleNotFoundError as exc:
                print(name, "blocked:", exc)
        import json  # everything else imports as usual
    """)
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=repo,
                         env=dict(os.environ, PYTHONPATH=repo), timeout=60)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["torch", "torch.nn", "torchviz"]
    assert all("engine could not be imported (ImportError: boom)" in line for line in lines)
