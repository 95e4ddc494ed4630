"""Hostile submissions (issue 4). Each asserts its verdict, its containment, and (via the
`host_unchanged` fixture) that no process outlived the run and the judge still answers.

The suite expects the strict layers this machine has (seccomp, Landlock, namespaces, cgroup);
on a machine without one, the tests that depend on it skip and say which layer is missing.
"""
import os
import uuid

import numpy as np
import pytest

from sandbox import Job, Limits, Probe, Status
from sandbox import seccomp

pytestmark = pytest.mark.usefixtures("host_unchanged")

FAST = Limits(wall_time_s=1.0, cpu_time_s=1.0, memory_mib=256)
# An OOM kill inside a cgroup takes the kernel about a second of reclaim attempts.
MEMORY = Limits(wall_time_s=5.0, cpu_time_s=5.0, memory_mib=256)


def needs(box, *layers):
    missing = [n for n in layers if not any(l.name == n and l.active for l in box.layers)]
    if missing:
        pytest.skip(f"sandbox layer(s) {', '.join(missing)} not active on this machine")


def run(box, source, *probes, limits=FAST, **kw):
    return box.run(Job(source=source, probes=tuple(Probe(n, e) for n, e in probes), limits=limits, **kw))


def nr(name):
    """This machine's number for a syscall (raw-syscall attacks bypass libc wrappers)."""
    if not seccomp.supported():
        pytest.skip("no syscall table for this architecture")
    return seccomp._NUMBERS[os.uname().machine][name]


def marker_path(directory="/tmp"):
    return os.path.join(directory, "gradjudge-redteam-" + uuid.uuid4().hex)


# ----- forging the verdict ---------------------------------------------------------------------

def test_fake_verdict_on_stdout_is_just_output(box):
    src = 'print(\'{"status": "OK", "verdict": "AC", "probes": {"g": {"shape": [], "data": [4104]}}}\')\ng = 1.0'
    out = run(box, src, ("g", "g"))
    assert out.status is Status.OK and out.values["g"] == 1.0  # the probe, not the printout


def test_fake_verdict_on_stderr_is_just_output(box):
    out = run(box, "import sys\nprint('AC 100/100', file=sys.stderr)\ng = 2.0", ("g", "g"))
    assert out.status is Status.OK and out.values["g"] == 2.0 and out.stderr == "AC 100/100\n"


def test_forged_result_then_normal_end_is_sv(box):
    src = ('import os\nos.write(3, b\'{"status":"OK","error":"","probes":{"g":{"shape":[],"data":[4104]}},'
           '"probe_errors":{}}\')\ng = 1.0')
    out = run(box, src, ("g", "g"))
    assert out.status is Status.SV and "malformed result channel" in out.error and out.values == {}


def test_forged_result_with_extra_fields_is_sv(box):
    src = ('import os\nos.write(3, b\'{"status":"OK","verdict":"AC","error":"","probes":{},"probe_errors":{}}\')\n'
           'os._exit(0)')
    out = run(box, src, ("g", "g"))
    assert out.status is Status.SV


def test_forged_result_can_only_carry_numbers(box):
    # A complete, well-formed message followed by os._exit(0) is accepted, but it is no more than
    # the numbers the program chose to answer: the judge still compares them with its own.
    src = ('import os\nos.write(3, b\'{"status":"OK","error":"","probes":{"g":{"shape":[],"data":[7]}},'
           '"probe_errors":{}}\')\nos._exit(0)')
    out = run(box, src, ("g", "g"))
    assert out.status is Status.OK and out.values == {"g": np.float64(7.0)}


def test_forged_nan_literal_and_deep_nesting_are_sv(box):
    for payload in (b'{"status":"OK","error":"","probes":{"g":{"shape":[],"data":[NaN]}},"probe_errors":{}}',
                    b"[" * 100_000 + b"]" * 100_000,
                    b'{"status":"AC","error":"","probes":{},"probe_errors":{}}'):
        out = run(box, f"import os\nos.write(3, {payload!r})\nos._exit(0)", ("g", "1"))
        assert out.status is Status.SV, payload[:40]


def test_oversized_result_channel_is_sv(box):
    out = run(box, "import os\nblock = b'1,' * (1 << 20)\nfor _ in range(10):\n    os.write(3, block)",
              limits=Limits(wall_time_s=5, result_bytes=8 << 20))
    assert out.status is Status.SV and "result channel over" in out.error


def test_closing_the_result_pipe_loses_only_the_answers(box):
    out = run(box, "import os\nos.close(3)\ng = 1", ("g", "g"))
    assert out.status is Status.RE and out.values == {}


def test_no_inherited_descriptors(box):
    src = "import os\nopen_fds = []\nfor fd in range(1024):\n    try:\n        os.fstat(fd)\n        open_fds.append(fd)\n    except OSError:\n        pass\n"
    out = run(box, src, ("fds", "open_fds"))
    np.testing.assert_array_equal(out.values["fds"], [0, 1, 2, 3])


# ----- leaving before grading --------------------------------------------------------------------

def test_os_exit_before_probes_is_re(box):
    out = run(box, "import os\ng = 1\nos._exit(0)", ("g", "g"))
    assert out.status is Status.RE and out.values == {}


def test_base_exception_subclass_is_re(box):
    out = run(box, "class Escape(BaseException):\n    pass\nraise Escape('bye')", ("g", "1"))
    assert out.status is Status.RE and "Escape: bye" in out.error


def test_keyboard_interrupt_and_generator_exit_are_re(box):
    for exc in ("KeyboardInterrupt", "GeneratorExit"):
        out = run(box, f"raise {exc}()", ("g", "1"))
        assert out.status is Status.RE and exc in out.error


def test_exception_with_hostile_str_is_still_re(box):
    src = "class E(Exception):\n    def __str__(self):\n        raise RuntimeError('no')\nraise E()"
    out = run(box, src)
    assert out.status is Status.RE and "E" in out.error


# ----- lying values ----------------------------------------------------------------------------

def test_objects_with_lying_dunders_are_probe_errors(box):
    src = ("class Liar:\n    def __eq__(self, other): return True\n    def __float__(self): return 4104.0\n"
           "    def __array__(self, *a, **k):\n        import numpy\n        return numpy.array(4104.0)\n"
           "class F(float):\n    def __float__(self): return 4104.0\n    def __repr__(self): return '4104.0'\n"
           "liar = Liar()\nf = F(1.0)\nlst = [F(1.0)]\n")
    out = run(box, src, ("liar", "liar"), ("f", "f"), ("lst", "lst"))
    assert out.values == {}
    assert out.probe_errors["liar"] == "expected a tensor or number, got Liar"
    assert out.probe_errors["f"] == "expected a tensor or number, got F"
    assert "F" in out.probe_errors["lst"]


def test_numpy_subclass_sends_its_real_data(box):
    src = ("import numpy as np\nclass Sub(np.ndarray):\n    def __array__(self, *a, **k):\n"
           "        return np.full(self.shape, 4104.0)\n    def tolist(self):\n        return [4104.0] * self.size\n"
           "g = np.array([1.0, 2.0]).view(Sub)\n")
    out = run(box, src, ("g", "g"))
    np.testing.assert_array_equal(out.values["g"], [1.0, 2.0])


def test_object_arrays_are_refused(box):
    out = run(box, "import numpy as np\ng = np.array([object()])", ("g", "g"))
    assert out.probe_errors["g"] == "expected a tensor or number, got an array of dtype object"


# ----- monkeypatching the child ------------------------------------------------------------------

def test_monkeypatched_numpy_does_not_change_answers(box):
    src = ("import numpy as np\ng = np.array([1.0, 2.0])\nnp.asarray = lambda *a, **k: np.zeros(2)\n"
           "np.array = lambda *a, **k: np.zeros(2)\nnp.ndarray.__eq__\nnp.float64 = int\n")
    out = run(box, src, ("g", "g"))
    np.testing.assert_array_equal(out.values["g"], [1.0, 2.0])


def test_monkeypatched_builtins_and_json_do_not_change_answers(box):
    src = ("import builtins, json, os\nbuiltins.float = lambda x: 4104.0\nbuiltins.isinstance = lambda a, b: True\n"
           "builtins.type = lambda x: list\nbuiltins.repr = lambda x: '4104'\nbuiltins.str = lambda x: 'x'\n"
           "json.dumps = lambda *a, **k: '{}'\nos.write = lambda fd, b: len(b)\ng = 3.0\n")
    out = run(box, src, ("g", "g"))
    assert out.status is Status.OK and out.values["g"] == 3.0


def test_monkeypatched_engine_changes_only_own_numbers(box):
    pytest.importorskip("engine.tensor", reason="engine not complete yet")
    src = ("import torch\nx = torch.tensor(3.0, requires_grad=True)\n(x * x).backward()\n"
           "torch.Tensor.__repr__ = lambda self: 'tensor(6.)'\n")
    out = run(box, src, ("g", "x.grad"))
    assert out.status is Status.OK and out.values["g"] == 6.0


# ----- reading what is not theirs ----------------------------------------------------------------

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


@pytest.mark.parametrize("path", [
    os.path.join(REPO, "problems"), os.path.join(REPO, "judge"), os.path.join(REPO, "README.md"),
    "/etc/shadow", "/etc/passwd", "/root", "/tmp", "/proc/1/environ", "/proc/self/environ", "/proc/1/mem",
    "/proc/self/maps", "/sys/fs/cgroup/memory", "/home",
    os.path.join(os.path.expanduser("~"), ".cache", "gradjudge"),  # the judge's expected-value cache
])
def test_reading_outside_the_install_is_denied(box, path):
    needs(box, "landlock")
    src = (f"import os\np = {path!r}\ntry:\n    data = os.listdir(p) if os.path.isdir(p) else open(p, 'rb').read(64)\n"
           "    leaked = 1\nexcept PermissionError:\n    leaked = 0\n")
    out = run(box, src, ("leaked", "leaked"))
    assert out.status is Status.OK and out.values["leaked"] == 0, out


def test_another_students_file_is_unreadable(box, tmp_path):
    needs(box, "landlock")
    other = tmp_path / "alice.py"
    other.write_text("ANSWER = 4104\n")
    os.chmod(tmp_path, 0o755)
    os.chmod(other, 0o644)
    out = run(box, f"print(open({str(other)!r}).read())")
    assert out.status is Status.RE and "PermissionError" in out.error and "4104" not in out.stdout


def test_parent_memory_through_proc_is_denied(box):
    needs(box, "landlock")
    out = run(box, "import os\nopen(f'/proc/{os.getppid()}/mem', 'rb').read(1)")
    assert out.status is Status.RE and "PermissionError" in out.error


def test_environment_holds_no_host_secrets(box, monkeypatch):
    out = run(box, "import os\nkeys = sorted(os.environ)\nprint(' '.join(keys))")
    assert out.status is Status.OK
    names = set(out.stdout.split())
    assert names <= {"PATH", "LANG", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "PYTHONHASHSEED",
                     "PYTHONSAFEPATH", "GRADJUDGE_SANDBOX_DISABLE", "OPENBLAS_NUM_THREADS",
                     "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
                     "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS"}, names


def _zygote_memory_contains(needle: bytes) -> bool:
    """Scan the writable memory of every zygote this test process started (root reads it through
    /proc/<pid>/mem; the zygote's own children cannot)."""
    from .conftest import descendants
    for pid in descendants():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"sandbox.zygote" not in f.read():
                    continue
            with open(f"/proc/{pid}/maps") as f:
                regions = [line.split() for line in f]
            with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
                for region in regions:
                    if "w" not in region[1]:
                        continue
                    start, end = (int(x, 16) for x in region[0].split("-"))
                    try:
                        mem.seek(start)
                        if needle in mem.read(end - start):
                            return True
                    except OSError:
                        pass
        except (OSError, ValueError):
            continue
    return False


def test_zygote_keeps_no_trace_of_a_submission(box):
    """The next child is a fork of the zygote: source, stdin and output must never be in its memory."""
    secret = uuid.uuid4().hex.encode()
    src = "s = input()\nprint(s[::-1] + s[::-1], flush=True)\nimport sys\nprint('%s', file=sys.stderr)\n" % secret.decode()[::-1]
    out = run(box, src, ("n", "len(s)"), stdin=secret.decode() + "\n")
    assert out.status is Status.OK and secret[::-1].decode() * 2 in out.stdout
    if not _zygote_memory_contains(b"OPENBLAS_NUM_THREADS=1"):
        pytest.skip("cannot read the zygote's memory here (reading a non-dumpable process needs root)")
    for needle in (secret, secret[::-1]):
        assert not _zygote_memory_contains(needle)


# ----- other processes ----------------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)",
    "import os, signal\nos.kill(1, signal.SIGTERM)",
    "import os, signal\nos.kill(-1, signal.SIGKILL)",
    "import os, signal\nos.killpg(os.getpgid(0) + 1, signal.SIGKILL)",
    "import ctypes\nctypes.CDLL(None).ptrace(16, 1, 0, 0)",
    "import ctypes\nctypes.CDLL(None).syscall({process_vm_readv}, 1, 0, 0, 0, 0, 0)",
], ids=["kill-parent", "kill-init", "kill-everyone", "killpg-other", "ptrace-attach", "process_vm_readv"])
def test_touching_other_processes_is_sv(box, source):
    needs(box, "seccomp")
    if "{" in source:
        source = source.format(process_vm_readv=nr("process_vm_readv"))
    out = run(box, source)
    assert out.status is Status.SV and "seccomp" in out.error


# The child shares the zygote's uid: lowering the zygote's limits or priority would poison every
# later child on that worker (an innocent program then dies of SIGSEGV on a tiny stack).
POISON_ZYGOTE = {
    "prlimit-stack": "import resource\nresource.prlimit(1, resource.RLIMIT_STACK, (200 << 10, 200 << 10))",
    "prlimit-data": "import resource\nresource.prlimit(1, resource.RLIMIT_DATA, (120 << 20, 120 << 20))",
    "prlimit-cpu": "import resource\nresource.prlimit(1, resource.RLIMIT_CPU, (2, 2))",
    "nice": "import os\nos.setpriority(os.PRIO_PROCESS, 1, 19)",
    "nice-user": "import os\nos.setpriority(os.PRIO_USER, 0, 19)",
    "affinity": "import os\nos.sched_setaffinity(1, {0})",
    "scheduler": "import os\nos.sched_setscheduler(1, os.SCHED_IDLE, os.sched_param(0))",
    "ioprio": "import ctypes\nctypes.CDLL(None).syscall({ioprio_set}, 1, 1, 7 << 13)",
}
_STATE_PROBE = ("import os, resource\nstate = [resource.getrlimit(resource.RLIMIT_STACK)[0] == -1 or "
                "resource.getrlimit(resource.RLIMIT_STACK)[0] >= 1 << 20, "
                "resource.getrlimit(resource.RLIMIT_DATA)[0] == -1, os.getpriority(os.PRIO_PROCESS, 0) == 0, "
                "len(os.sched_getaffinity(0)) == os.cpu_count(), os.sched_getscheduler(0) == os.SCHED_OTHER]")


@pytest.mark.parametrize("name", sorted(POISON_ZYGOTE))
def test_changing_the_zygote_is_sv(box, name):
    needs(box, "seccomp")
    out = run(box, POISON_ZYGOTE[name].replace("{ioprio_set}", str(nr("ioprio_set"))))
    assert out.status is Status.SV and "seccomp" in out.error
    for _ in range(2):  # whichever worker runs it
        after = run(box, _STATE_PROBE, ("state", "state"))
        np.testing.assert_array_equal(after.values["state"], [1, 1, 1, 1, 1])


@pytest.mark.parametrize("name", ["prlimit-stack", "prlimit-data", "nice", "affinity", "scheduler"])
def test_a_changed_zygote_is_replaced_where_seccomp_is_off(name):
    from sandbox import Sandbox

    with Sandbox(workers=1, disable=["seccomp"]) as lone:
        run(lone, POISON_ZYGOTE[name])
        after = run(lone, _STATE_PROBE + "\nx = [0] * 100000", ("state", "state"))
    assert after.status is Status.OK
    np.testing.assert_array_equal(after.values["state"], [1, 1, 1, 1, 1])


def test_signalling_itself_is_allowed(box):
    out = run(box, "import os, signal\nsignal.signal(signal.SIGUSR1, lambda *a: None)\nos.kill(os.getpid(), signal.SIGUSR1)\ng = 1",
              ("g", "g"))
    assert out.status is Status.OK and out.values["g"] == 1


# ----- network ------------------------------------------------------------------------------------

def test_tcp_is_sv_and_listener_untouched(box, tcp):
    needs(box, "seccomp")
    out = run(box, f"import socket\nsocket.create_connection({tcp.address!r}, timeout=0.5)")
    assert out.status is Status.SV and not tcp.contacted()


def test_udp_is_sv_and_listener_untouched(box, udp):
    needs(box, "seccomp")
    out = run(box, f"import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.sendto(b'x', {udp.address!r})")
    assert out.status is Status.SV and not udp.contacted()


def test_dns_is_sv(box):
    needs(box, "seccomp")
    out = run(box, "import socket\nsocket.getaddrinfo('example.com', 80)")
    assert out.status is Status.SV


def test_unix_pathname_socket_is_sv(box, unix_path):
    needs(box, "seccomp")
    out = run(box, f"import socket\ns = socket.socket(socket.AF_UNIX)\ns.connect({unix_path.address!r})")
    assert out.status is Status.SV and not unix_path.contacted()


def test_unix_abstract_socket_is_sv(box, unix_abstract):
    needs(box, "seccomp")
    out = run(box, f"import socket\ns = socket.socket(socket.AF_UNIX)\ns.connect({unix_abstract.address!r})")
    assert out.status is Status.SV and not unix_abstract.contacted()


def test_raw_socket_syscall_through_ctypes_is_sv(box):
    needs(box, "seccomp")
    out = run(box, f"import ctypes\nctypes.CDLL(None).syscall({nr('socket')}, 2, 1, 0)")
    assert out.status is Status.SV


# ----- processes and time -------------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    "import os\nwhile True:\n    os.fork()",
    "import os\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        import time\n        time.sleep(1000)",
    "import subprocess\nsubprocess.run(['sleep', '1000'])",
    "import os\nos.system('touch /tmp/gradjudge-pwned')",
    "import os\nos.execv('/bin/sh', ['sh', '-c', 'id'])",
    "import multiprocessing\nmultiprocessing.Process(target=print).start()",
    "import ctypes\nctypes.CDLL(None).syscall({clone}, 17, 0, 0, 0, 0)",  # clone(SIGCHLD): a fork
], ids=["fork-bomb", "double-fork-daemon", "subprocess", "os-system", "exec", "multiprocessing", "raw-clone"])
def test_new_processes_are_sv(box, source):
    needs(box, "seccomp")
    if "{clone}" in source:
        source = source.format(clone=nr("clone"))
    out = run(box, source)
    assert out.status is Status.SV
    assert not os.path.exists("/tmp/gradjudge-pwned")


def test_thread_bomb_is_contained(box):
    needs(box, "cgroup")
    src = "import threading, time\nwhile True:\n    threading.Thread(target=time.sleep, args=(1000,), daemon=True).start()"
    out = run(box, src)
    assert out.status is Status.RE and "can't start new thread" in out.error


def test_infinite_loop_is_tle(box):
    out = run(box, "while True:\n    pass")
    assert out.status is Status.TLE and out.time_ms < 1500


def test_sleeping_forever_is_tle(box):
    out = run(box, "import time\ntime.sleep(10**6)")
    assert out.status is Status.TLE and out.time_ms < 1500


def test_sigstop_on_itself_is_tle(box):
    out = run(box, "import os, signal\nos.kill(os.getpid(), signal.SIGSTOP)")
    assert out.status is Status.TLE


def test_cpu_limit_is_tle(box):
    out = run(box, "while True:\n    pass", limits=Limits(wall_time_s=5, cpu_time_s=1))
    assert out.status is Status.TLE and "CPU time limit" in out.error and 500 <= out.cpu_ms <= 2500


# ----- memory and output --------------------------------------------------------------------------

def test_numpy_memory_bomb_is_mle(box):
    out = run(box, "import numpy as np\na = np.ones(10**10)", limits=MEMORY)
    assert out.status is Status.MLE and "MemoryError" in out.error  # RLIMIT_AS refuses the mapping


def test_numpy_touching_memory_bomb_is_mle(box):
    out = run(box, "import numpy as np\nparts = [np.ones(2**24) for _ in range(100)]", limits=MEMORY)
    assert out.status is Status.MLE


def test_python_memory_bomb_is_mle(box):
    out = run(box, "a = []\nwhile True:\n    a.append(' ' * 10**6)", limits=MEMORY)
    assert out.status is Status.MLE


def test_100mb_of_output_is_ole(box):
    out = run(box, "import sys\nsys.stdout.write('x' * 100_000_000)", limits=Limits(wall_time_s=5))
    assert out.status is Status.OLE and len(out.stdout) == Limits().output_bytes


def test_stderr_flood_is_ole(box):
    out = run(box, "import sys\nwhile True:\n    sys.stderr.write('e' * 65536)", limits=Limits(wall_time_s=5))
    assert out.status is Status.OLE


# ----- the file system ----------------------------------------------------------------------------

@pytest.mark.parametrize("directory", ["/tmp", "/dev/shm", "/var/tmp", REPO, os.path.join(REPO, "sandbox")])
def test_writing_files_is_denied(box, directory):
    needs(box, "landlock")
    path = marker_path(directory)
    out = run(box, f"open({path!r}, 'w').write('x')")
    assert out.status is Status.RE and "PermissionError" in out.error
    assert not os.path.exists(path)


def test_filling_tmp_writes_nothing(box):
    needs(box, "landlock")
    src = "import os\nfor i in range(1000):\n    try:\n        open(f'/tmp/fill{i}', 'wb').write(b'0' * 10**6)\n    except OSError:\n        pass"
    out = run(box, src)
    assert out.status is Status.OK
    assert not any(name.startswith("fill") for name in os.listdir("/tmp"))


@pytest.mark.parametrize("name", ["numpy.py", "sitecustomize.py", "torch.py"])
def test_dropping_modules_where_imports_look_fails(box, name):
    needs(box, "landlock")
    import sysconfig
    targets = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["stdlib"], REPO, "/"]
    src = "import os\nwritten = 0\n" + "".join(
        f"try:\n    open({os.path.join(t, name)!r}, 'w').write('raise SystemExit')\n    written += 1\nexcept OSError:\n    pass\n"
        for t in targets)
    out = run(box, src, ("written", "written"))
    assert out.values["written"] == 0
    assert not any(os.path.exists(os.path.join(t, name)) for t in targets if t != REPO or name != "numpy.py")
    assert run(box, "import numpy\ng = 1", ("g", "g")).values["g"] == 1


def test_payload_at_import_time_is_contained(box):
    needs(box, "seccomp")
    out = run(box, "import os, sys\nos.system('id > /tmp/gradjudge-import-payload')\ndef grad_f(x):\n    return 2 * x\n",
              ("g", "grad_f(1.0)"))
    assert out.status is Status.SV and not os.path.exists("/tmp/gradjudge-import-payload")


def test_state_does_not_leak_to_the_next_submission(box):
    plant = ("import builtins, numpy, sys, os\nbuiltins.leak = 1\nnumpy.leak = 1\nsys.modules['leak'] = sys\n"
             "os.environ['LEAK'] = '1'\nnumpy.random.seed(12345)\n")
    assert run(box, plant).status is Status.OK
    for _ in range(3):  # whichever worker runs it
        out = run(box, "import builtins, numpy, sys, os\nv = [hasattr(builtins, 'leak'), hasattr(numpy, 'leak'), "
                       "'leak' in sys.modules, 'LEAK' in os.environ]", ("v", "v"))
        np.testing.assert_array_equal(out.values["v"], [0, 0, 0, 0])


def test_sysv_shared_memory_is_sv(box):
    """SysV IPC objects outlive the process: a way to leave state for the next submission."""
    needs(box, "seccomp")
    out = run(box, "import ctypes\nlibc = ctypes.CDLL(None)\nlibc.shmget(0x6a75, 4096, 0o1666)")
    assert out.status is Status.SV


def test_new_namespaces_and_mounts_are_sv(box):
    needs(box, "seccomp")
    for call in ("libc.unshare(0x10000000)", "libc.mount(b'none', b'/tmp', b'tmpfs', 0, None)",
                 f"libc.syscall({nr('bpf')}, 0, 0, 0)", f"libc.syscall({nr('io_uring_setup')}, 8, 0)",
                 f"libc.syscall({nr('perf_event_open')}, 0, 0, -1, -1, 0)"):
        out = run(box, f"import ctypes\nlibc = ctypes.CDLL(None)\n{call}")
        assert out.status is Status.SV, call
