"""Framing between the host (`Sandbox`) and a zygote, over the zygote's stdin/stdout pipes.

Both ends are trusted code; submission output travels inside the reply as opaque byte blobs that
only `result.parse` interprets. Every frame is a 4-byte big-endian length and a payload.

Host -> zygote, per job: a header frame `{"limits": {...}, "body": N}`, then N raw bytes: the job
as JSON. The zygote reads only the header; the child it forks reads the body straight from the
pipe, so a submission's source, inputs and stdin never pass through the zygote's memory, where the
next submission's child (a fork of it) could find them.
Zygote -> host: a hello frame once at start (the layer report), then per job four frames: the run
report (JSON), stdout, stderr, result channel.
"""
from __future__ import annotations

import base64
import json
import os
import struct
from dataclasses import asdict
from typing import Optional

import numpy as np

from .job import Job

MAX_FRAME = 256 << 20


def send(fd: int, *payloads: bytes | memoryview) -> None:
    for payload in payloads:  # written piece by piece: no joined copy of the child's output
        write_all(fd, struct.pack(">I", len(payload)))
        write_all(fd, payload)


def write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def recv(fd: int) -> Optional[bytes]:
    """One frame, or None at end of stream."""
    header = _read_exact(fd, 4)
    if header is None:
        return None
    (length,) = struct.unpack(">I", header)
    if length > MAX_FRAME:
        raise ValueError(f"frame of {length} bytes exceeds {MAX_FRAME}")
    body = _read_exact(fd, length)
    if body is None:
        raise EOFError("stream ended inside a frame")
    return body


def _read_exact(fd: int, n: int) -> Optional[bytes]:
    chunks, got = [], 0
    while got < n:
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            if got == 0:
                return None
            raise EOFError("stream ended inside a frame")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def encode_job(job: Job) -> tuple[bytes, bytes]:
    """(header frame payload, body) for one job."""
    inputs = {}
    for name, value in job.inputs.items():
        array = np.asarray(value, dtype="<f8", order="C")  # ascontiguousarray would make 0-d 1-d
        inputs[name] = {"shape": list(array.shape), "data": base64.b64encode(array.tobytes()).decode("ascii")}
    body = json.dumps({
        "source": job.source, "filename": job.filename, "stdin": job.stdin,
        "probes": [[p.name, p.expr] for p in job.probes], "inputs": inputs,
        "default_dtype": job.default_dtype, "seed": job.seed, "limits": asdict(job.limits),
    }).encode()
    return json.dumps({"limits": asdict(job.limits), "body": len(body)}).encode(), body


def read_body(fd: int, length: int) -> bytearray:
    """The child's read of the job body (exactly `length` bytes)."""
    body = bytearray(length)
    view, got = memoryview(body), 0
    while got < length:
        n = os.readv(fd, [view[got:]])
        if n == 0:
            raise EOFError("the job body ended early")
        got += n
    return body


def decode_job(body: bytearray) -> dict:
    """The child's view of a job: a dict, with inputs as read-only float64 arrays."""
    job = json.loads(body)
    inputs = {}
    for name, spec in job["inputs"].items():
        # A view of immutable bytes: the program cannot flip it back to writeable.
        array = np.frombuffer(base64.b64decode(spec["data"]), dtype="<f8").reshape(spec["shape"])
        inputs[name] = array
    job["inputs"] = inputs
    return job
