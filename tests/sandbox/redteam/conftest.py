"""Fixtures for the red-team suite: listeners the hostile programs try to reach, and a host check."""
import os
import socket
import uuid

import pytest


def descendants() -> set[int]:
    """Every process descended from this test process: the zygotes and anything they forked."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/status") as f:
                    ppid = next(line for line in f if line.startswith("PPid:")).split()[1]
                parents[int(entry)] = int(ppid)
            except (OSError, StopIteration):
                pass
    found, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


@pytest.fixture
def host_unchanged(box):
    """Asserts after the test that no process was left behind and the judge still answers."""
    from sandbox import Job, Probe, Status
    before = descendants()
    yield
    after = descendants()
    assert after <= before, f"processes left behind: {sorted(after - before)}"
    check = box.run(Job(source="x = 41 + 1", probes=(Probe("x", "x"),)))
    assert check.status is Status.OK and check.values["x"] == 42, "the sandbox no longer answers"


class Listener:
    def __init__(self, family, kind, address):
        self.sock = socket.socket(family, kind)
        self.sock.bind(address)
        if kind == socket.SOCK_STREAM:
            self.sock.listen(8)
        self.sock.setblocking(False)
        self.address = self.sock.getsockname()

    def contacted(self) -> bool:
        try:
            if self.sock.type == socket.SOCK_STREAM:
                self.sock.accept()
            else:
                self.sock.recvfrom(100)
        except BlockingIOError:
            return False
        return True


@pytest.fixture
def tcp():
    listener = Listener(socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", 0))
    yield listener
    listener.sock.close()


@pytest.fixture
def udp():
    listener = Listener(socket.AF_INET, socket.SOCK_DGRAM, ("127.0.0.1", 0))
    yield listener
    listener.sock.close()


@pytest.fixture
def unix_path(tmp_path):
    os.chmod(tmp_path, 0o777)
    listener = Listener(socket.AF_UNIX, socket.SOCK_STREAM, str(tmp_path / "judge.sock"))
    yield listener
    listener.sock.close()


@pytest.fixture
def unix_abstract():
    listener = Listener(socket.AF_UNIX, socket.SOCK_STREAM, "\0gradjudge-redteam-" + uuid.uuid4().hex)
    yield listener
    listener.sock.close()
