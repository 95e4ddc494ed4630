"""seccomp-bpf: a deny list written as a classic BPF program, installed with ctypes.

A denied call kills the whole child (SECCOMP_RET_KILL_PROCESS): the parent sees SIGSYS and reports
SV. Python and numpy never make these calls on their own, so a kill always means the submission
tried something. Three calls are checked by argument instead of by number:

- clone: allowed only with CLONE_THREAD (threads; a thread bomb meets the cgroup pids limit),
  so no new processes. clone3 passes its flags in memory BPF cannot read: it fails with ENOSYS and
  glibc falls back to clone.
- kill: allowed only for the child's own pid or its own process group (pid 0); tgkill only for its
  own thread group. Every other target is denied outright, whatever the pid namespace shows.
- calls that change another process's limits or scheduling (prlimit64, sched_setaffinity,
  sched_setscheduler, sched_setparam, sched_setattr: pid 0 or its own; setpriority: only
  PRIO_PROCESS of itself): the child runs under the zygote's uid, so without this check it could
  lower the zygote's limits or priority, and every later child would inherit them.
- any syscall from another ABI (e.g. x32, or 32-bit on a 64-bit kernel) is denied by the arch check.
"""
from __future__ import annotations

import ctypes
import errno
import struct

from . import _sys

AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}

RET_KILL_PROCESS = 0x80000000
RET_ERRNO = 0x00050000
RET_ALLOW = 0x7FFF0000
SECCOMP_SET_MODE_FILTER = 1

_LD_W_ABS = 0x20
_JEQ = 0x15
_JGE = 0x35
_JSET = 0x45
_RET = 0x06
_OFF_NR, _OFF_ARCH, _OFF_ARG0, _OFF_ARG1 = 0, 4, 16, 24

# Calls whose first argument names the process they act on: only itself (0 or its own pid).
_SELF_ONLY = ("prlimit64", "sched_setaffinity", "sched_setscheduler", "sched_setparam",
              "sched_setattr")

_DENIED = (
    # networking: no sockets of any family
    "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4",
    # other processes
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_open", "pidfd_getfd",
    "pidfd_send_signal", "tkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo",
    # new programs and processes
    "execve", "execveat", "fork", "vfork",
    # kernel attack surface and host state
    "mount", "umount2", "mount_setattr", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount",
    "fspick", "pivot_root", "chroot", "unshare", "setns", "bpf", "keyctl", "add_key", "request_key",
    "io_uring_setup", "io_uring_enter", "io_uring_register", "perf_event_open", "userfaultfd",
    "personality", "init_module", "finit_module", "delete_module", "reboot", "kexec_load",
    "kexec_file_load", "open_by_handle_at", "name_to_handle_at", "swapon", "swapoff", "acct",
    "settimeofday", "clock_settime", "adjtimex", "clock_adjtime", "sethostname", "setdomainname",
    "quotactl", "move_pages", "migrate_pages", "fanotify_init", "syslog", "vhangup", "iopl", "ioperm",
    "uselib", "lookup_dcookie", "ioprio_set",
    # watching the judge's files for changes (problem files, caches)
    "inotify_init", "inotify_init1", "inotify_add_watch",
    # System V and POSIX message-queue IPC outlive the process: state for a later submission
    "shmget", "shmat", "shmctl", "shmdt", "semget", "semop", "semctl", "semtimedop",
    "msgget", "msgsnd", "msgrcv", "msgctl", "mq_open", "mq_unlink", "mq_timedsend",
    "mq_timedreceive", "mq_notify", "mq_getsetattr",
)

# Per-architecture numbers (x86_64 from asm/unistd_64.h, aarch64 from asm-generic/unistd.h).
_NUMBERS = {
    "x86_64": dict(
        socket=41, socketpair=53, connect=42, bind=49, listen=50, accept=43, accept4=288,
        ptrace=101, process_vm_readv=310, process_vm_writev=311, kcmp=312, pidfd_open=434,
        pidfd_getfd=438, pidfd_send_signal=424, tkill=200, rt_sigqueueinfo=129, rt_tgsigqueueinfo=297,
        execve=59, execveat=322, fork=57, vfork=58, mount=165, umount2=166, mount_setattr=442,
        open_tree=428, move_mount=429, fsopen=430, fsconfig=431, fsmount=432, fspick=433,
        pivot_root=155, chroot=161, unshare=272, setns=308, bpf=321, keyctl=250, add_key=248,
        request_key=249, io_uring_setup=425, io_uring_enter=426, io_uring_register=427,
        perf_event_open=298, userfaultfd=323, personality=135, init_module=175, finit_module=313,
        delete_module=176, reboot=169, kexec_load=246, kexec_file_load=320, open_by_handle_at=304,
        name_to_handle_at=303, swapon=167, swapoff=168, acct=163, settimeofday=164, clock_settime=227,
        adjtimex=159, clock_adjtime=305, sethostname=170, setdomainname=171, quotactl=179,
        move_pages=279, migrate_pages=256, fanotify_init=300, syslog=103, vhangup=153, iopl=172,
        ioperm=173, uselib=134, lookup_dcookie=212, ioprio_set=251, inotify_init=253,
        inotify_init1=294, inotify_add_watch=254,
        shmget=29, shmat=30, shmctl=31, shmdt=67, semget=64, semop=65, semctl=66, semtimedop=220,
        msgget=68, msgsnd=69, msgrcv=70, msgctl=71, mq_open=240, mq_unlink=241, mq_timedsend=242,
        mq_timedreceive=243, mq_notify=244, mq_getsetattr=245,
        clone=56, clone3=435, kill=62, tgkill=234, prlimit64=302, sched_setaffinity=203,
        sched_setscheduler=144, sched_setparam=142, sched_setattr=314, setpriority=141),
    "aarch64": dict(
        socket=198, socketpair=199, connect=203, bind=200, listen=201, accept=202, accept4=242,
        ptrace=117, process_vm_readv=270, process_vm_writev=271, kcmp=272, pidfd_open=434,
        pidfd_getfd=438, pidfd_send_signal=424, tkill=130, rt_sigqueueinfo=138, rt_tgsigqueueinfo=240,
        execve=221, execveat=281, mount=40, umount2=39, mount_setattr=442, open_tree=428,
        move_mount=429, fsopen=430, fsconfig=431, fsmount=432, fspick=433, pivot_root=41, chroot=51,
        unshare=97, setns=268, bpf=280, keyctl=219, add_key=217, request_key=218, io_uring_setup=425,
        io_uring_enter=426, io_uring_register=427, perf_event_open=241, userfaultfd=282,
        personality=92, init_module=105, finit_module=273, delete_module=106, reboot=142,
        kexec_load=104, kexec_file_load=294, open_by_handle_at=265, name_to_handle_at=264,
        swapon=224, swapoff=225, acct=89, settimeofday=170, clock_settime=112, adjtimex=171,
        clock_adjtime=266, sethostname=161, setdomainname=162, quotactl=60, move_pages=239,
        migrate_pages=238, fanotify_init=262, syslog=116, vhangup=58, lookup_dcookie=18,
        ioprio_set=30, inotify_init1=26, inotify_add_watch=27,
        shmget=194, shmat=196, shmctl=195, shmdt=197, semget=190, semop=193, semctl=191,
        semtimedop=192, msgget=186, msgsnd=189, msgrcv=188, msgctl=187, mq_open=180, mq_unlink=181,
        mq_timedsend=182, mq_timedreceive=183, mq_notify=184, mq_getsetattr=185,
        clone=220, clone3=435, kill=129, tgkill=131, prlimit64=261, sched_setaffinity=122,
        sched_setscheduler=119, sched_setparam=118, sched_setattr=274, setpriority=140),
}


def supported() -> bool:
    return _sys.MACHINE in _NUMBERS


def _insn(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def build(pid: int) -> bytes:
    """The filter for a child whose pid (as it sees itself) is `pid`."""
    numbers = _NUMBERS[_sys.MACHINE]
    kill = _insn(_RET, RET_KILL_PROCESS)
    allow = _insn(_RET, RET_ALLOW)
    prog = [_insn(_LD_W_ABS, _OFF_ARCH), _insn(_JEQ, AUDIT_ARCH[_sys.MACHINE], 1, 0), kill,
            _insn(_LD_W_ABS, _OFF_NR)]
    if _sys.MACHINE == "x86_64":  # x32 ABI calls carry bit 30
        prog += [_insn(_JGE, 0x40000000, 0, 1), kill]
    for name in _DENIED:
        if name in numbers:
            prog += [_insn(_JEQ, numbers[name], 0, 1), kill]
    prog += [_insn(_JEQ, numbers["clone3"], 0, 1), _insn(_RET, RET_ERRNO | errno.ENOSYS)]
    prog += [_insn(_JEQ, numbers["clone"], 0, 4), _insn(_LD_W_ABS, _OFF_ARG0),
             _insn(_JSET, _sys.CLONE_THREAD, 0, 1), allow, kill]
    prog += [_insn(_JEQ, numbers["kill"], 0, 5), _insn(_LD_W_ABS, _OFF_ARG0),
             _insn(_JEQ, pid, 2, 0), _insn(_JEQ, 0, 1, 0), kill, allow]
    prog += [_insn(_JEQ, numbers["tgkill"], 0, 4), _insn(_LD_W_ABS, _OFF_ARG0),
             _insn(_JEQ, pid, 1, 0), kill, allow]
    for name in _SELF_ONLY:
        prog += [_insn(_JEQ, numbers[name], 0, 5), _insn(_LD_W_ABS, _OFF_ARG0),
                 _insn(_JEQ, 0, 2, 0), _insn(_JEQ, pid, 1, 0), kill, allow]
    # setpriority(which, who, prio): PRIO_PROCESS (0) of itself (who 0) only; a process group or
    # user (the zygote's uid) would reach other processes.
    prog += [_insn(_JEQ, numbers["setpriority"], 0, 6), _insn(_LD_W_ABS, _OFF_ARG0),
             _insn(_JEQ, 0, 1, 0), kill, _insn(_LD_W_ABS, _OFF_ARG1), _insn(_JEQ, 0, 1, 0), kill]
    prog.append(allow)  # setpriority's checks fall through to here as well
    return b"".join(prog)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install(program: bytes) -> None:
    """Load the filter into this process (no_new_privs must already be set)."""
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.addressof(buffer))
    _sys.syscall(_sys.nr("seccomp"), ctypes.c_uint(SECCOMP_SET_MODE_FILTER), ctypes.c_uint(0),
                 ctypes.byref(fprog), what="seccomp(SECCOMP_SET_MODE_FILTER)")
