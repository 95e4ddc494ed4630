"""Landlock: read-only access to the Python install and the packages a submission needs, nothing else.

The ruleset is built once in the zygote (opening a few hundred paths costs milliseconds) and
inherited by every child as a file descriptor; a child only calls `restrict_self`, which is one
cheap syscall. No write right is granted anywhere, TCP bind/connect are denied (ABI >= 4), and on
ABI >= 6 signals and abstract UNIX sockets are scoped to the child's own domain.
"""
from __future__ import annotations

import ctypes
import os
import sys
import sysconfig

from . import _sys

CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1

# filesystem access rights, by the ABI that introduced them
READ_FILE, READ_DIR = 1 << 2, 1 << 3
_FS_ABI1 = (1 << 13) - 1  # execute, write, read, readdir, remove and make-* of every kind
REFER, TRUNCATE, IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def abi() -> int:
    """The kernel's Landlock ABI version; raises OSError when Landlock is missing or disabled."""
    return _sys.syscall(_sys.nr("landlock_create_ruleset"), None, ctypes.c_size_t(0),
                        ctypes.c_uint32(CREATE_RULESET_VERSION), what="landlock_create_ruleset")


def handled_fs(version: int) -> int:
    rights = _FS_ABI1
    if version >= 2:
        rights |= REFER
    if version >= 3:
        rights |= TRUNCATE
    if version >= 5:
        rights |= IOCTL_DEV
    return rights


def features(version: int) -> list[str]:
    out = ["files read-only"]
    if version >= 4:
        out.append("no TCP bind/connect")
    if version >= 6:
        out.append("signals and abstract UNIX sockets scoped to the child")
    return out


def readable_paths() -> list[str]:
    """What a submission may read: the standard library (without site-packages), numpy, the
    engine and sandbox packages, the shared libraries already loaded, /dev/null and /dev/urandom.
    Deliberately not the repository root: problems/ and judge/ stay out of reach."""
    import engine  # noqa: F401 - only its location is needed
    import numpy

    stdlib = sysconfig.get_paths()["stdlib"]
    site_packages = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    paths = [os.path.join(stdlib, name) for name in os.listdir(stdlib)
             if name not in ("site-packages", "dist-packages")]
    packages = [os.path.dirname(numpy.__file__)]
    numpy_libs = os.path.join(os.path.dirname(os.path.dirname(numpy.__file__)), "numpy.libs")
    packages += [numpy_libs] if os.path.isdir(numpy_libs) else []
    packages += list(sys.modules["engine"].__path__)
    packages.append(os.path.dirname(os.path.abspath(__file__)))
    paths += packages
    paths.append(os.path.realpath(sys.executable))  # platform.libc_ver() and friends read it
    # Shared libraries: their directories (an extension imported later may need a sibling), but
    # nothing else from site-packages (only numpy's own), and where a directory holds
    # site-packages or the repository (pyenv's lib/ holds libpython and python3.11/site-packages),
    # only the loaded files themselves.
    private = [*site_packages, os.path.dirname(os.path.dirname(os.path.abspath(__file__)))]
    for directory, files in sorted(_loaded_libraries().items()):
        if any(_inside(directory, p) for p in site_packages) and not any(_inside(directory, p) for p in packages):
            continue
        if any(_inside(p, directory) for p in private):
            paths += sorted(files)
        else:
            paths.append(directory)
    paths += ["/dev/null", "/dev/urandom"]
    return paths


def _inside(path: str, directory: str) -> bool:
    return path.startswith(directory.rstrip("/") + "/")


def _loaded_libraries() -> dict[str, set[str]]:
    """Shared objects mapped into this process, by directory."""
    found: dict[str, set[str]] = {}
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split(maxsplit=5)
            if len(parts) == 6 and parts[5].startswith("/") and ".so" in parts[5]:
                path = parts[5].strip()
                found.setdefault(os.path.dirname(path), set()).add(path)
    return found


def build_ruleset(version: int, paths: list[str]) -> int:
    """Create the ruleset and return its fd (inheritable by forked children)."""
    attr = _RulesetAttr(handled_fs(version), 0, 0)
    size = 8
    if version >= 4:
        attr.handled_access_net = NET_BIND_TCP | NET_CONNECT_TCP
        size = 16
    if version >= 6:
        attr.scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL
        size = 24
    ruleset = _sys.syscall(_sys.nr("landlock_create_ruleset"), ctypes.byref(attr), ctypes.c_size_t(size),
                           ctypes.c_uint32(0), what="landlock_create_ruleset")
    try:
        for path in paths:
            _allow_read(ruleset, path, version)
    except BaseException:
        os.close(ruleset)
        raise
    return ruleset


def _allow_read(ruleset: int, path: str, version: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except FileNotFoundError:
        return
    try:
        rights = READ_FILE if not os.path.isdir(path) else READ_FILE | READ_DIR
        rule = _PathBeneathAttr(rights & handled_fs(version), fd)
        _sys.syscall(_sys.nr("landlock_add_rule"), ctypes.c_int(ruleset), ctypes.c_int(RULE_PATH_BENEATH),
                     ctypes.byref(rule), ctypes.c_uint32(0), what=f"landlock_add_rule({path})")
    finally:
        os.close(fd)


def restrict_self(ruleset: int) -> None:
    """Enforce the ruleset on this process (needs no_new_privs, which the child sets first)."""
    _sys.syscall(_sys.nr("landlock_restrict_self"), ctypes.c_int(ruleset), ctypes.c_uint32(0),
                 what="landlock_restrict_self")
