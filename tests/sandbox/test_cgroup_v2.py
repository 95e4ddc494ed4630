"""The cgroup v2 path, on a fake hierarchy: this machine has v1, a course server may have v2.

The files are plain files here, so these tests pin down which control files the sandbox writes
and reads and how it words a hierarchy it cannot use; the kernel's side is not exercised.
"""
import os

import pytest

from sandbox import cgroup


@pytest.fixture
def fake_v2(tmp_path, monkeypatch):
    (tmp_path / "cgroup.controllers").write_text("cpuset cpu io memory pids\n")
    (tmp_path / "cgroup.subtree_control").write_text("")
    monkeypatch.setattr(cgroup, "CGROUP_ROOT", str(tmp_path))
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    return tmp_path


def test_v2_is_chosen_and_limits_go_to_its_control_files(fake_v2):
    group = cgroup.create("z123")
    leaf = fake_v2 / "gradjudge" / "z123"
    assert group.version == 2 and group.dirs() == [str(leaf)]
    assert (fake_v2 / "cgroup.subtree_control").read_text() == "+memory +pids"
    (leaf / "memory.swap.max").write_text("max")
    (leaf / "memory.peak").write_text("0\n")
    group.prepare(256 << 20, 64)
    assert (leaf / "memory.max").read_text() == str(256 << 20)
    assert (leaf / "memory.swap.max").read_text() == "0"
    assert (leaf / "pids.max").read_text() == "64"
    (leaf / "memory.peak").write_text("1048576\n")
    assert group.peak_bytes() == 1 << 20
    (leaf / "memory.events").write_text("low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n")
    assert group.oom_kills() == 1


def test_v2_root_that_refuses_controllers_is_reported_with_what_to_do(fake_v2):
    (fake_v2 / "cgroup.subtree_control").unlink()
    (fake_v2 / "cgroup.subtree_control").mkdir()     # any write fails, as EBUSY would
    with pytest.raises(OSError, match="cgroup v2: cannot enable the memory and pids controllers.*Delegate=yes"):
        cgroup.create("z123")


def test_no_usable_hierarchy_and_no_root_are_reported(fake_v2, monkeypatch):
    (fake_v2 / "cgroup.controllers").write_text("cpu io\n")
    with pytest.raises(OSError, match="no cgroup v1 memory\\+pids hierarchy and no cgroup v2"):
        cgroup.create("z123")
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    with pytest.raises(OSError, match="not running as root"):
        cgroup.create("z123")
