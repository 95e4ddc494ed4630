"""Inside the child: run the submission as `__main__`, evaluate the probes, send back numbers.

The submission can monkeypatch anything in this process (builtins, numpy, the engine, json, this
module's globals), so every function the harness needs after the program started is bound here,
when the zygote imports this module, long before any submission exists. That keeps an honest
submission that happens to patch `print` or `json` gradable. It is *not* what keeps the verdict
safe: the child can always write whatever it likes to the result pipe, so the parent parses it as
untrusted numbers and decides everything itself.

Endings: SyntaxError -> CE. An uncaught exception (any BaseException) -> RE with a traceback of the
student's frames. `exit()`, `sys.exit()` or `sys.exit(0)` is a normal end: PyTorch scripts often
finish that way, so the probes still run; a non-zero or non-int exit code is RE. MemoryError -> MLE.
`os._exit()` skips the probes (the parent reports RE when probes were asked for).

Result message (one JSON object, after a b"R\\n" ready marker written before the program starts):
    {"status": "OK" | "CE" | "RE" | "MLE", "error": str,
     "probes": {name: ARRAY | {"tuple": [ARRAY, ...]}}, "probe_errors": {name: str}}
    ARRAY = {"shape": [int, ...], "data": [number | "nan" | "inf" | "-inf", ...]}  (row-major)
"""
from __future__ import annotations

import builtins
import io
import json.encoder
import linecache
import os
import random
import sys
import traceback
import types

import numpy as np

# Module globals shadow builtins, so a submission replacing builtins.float (etc.) cannot reach us.
from builtins import any, enumerate, float, int, isinstance, len, list, next, str, tuple, type  # noqa: A004

RESULT_FD = 3
READY = b"R\n"
_MAX_MESSAGE = 4000  # characters of an error text kept in the result

_write = os.write
_exit = os._exit
_compile = builtins.compile
_exec = builtins.exec
_eval = builtins.eval
_repr = float.__repr__
_str_join = str.join
_encode_str = json.encoder.encode_basestring_ascii  # C implementation: immune to json patches
_ndarray = np.ndarray
_generic = np.generic
_asarray = np.asarray
_array_copy = np.array
_float64 = np.float64
_TracebackException = traceback.TracebackException
_StackSummary = traceback.StackSummary
_format_exception_only = traceback.format_exception_only
_extract_tb = traceback.extract_tb
_MappingProxy = types.MappingProxyType


class ProbeTypeError(Exception):
    pass


_budget = {"numbers": 1 << 22}  # set from the job's result channel size


def run(job: dict, engine: types.ModuleType | None, stdout: io.TextIOBase, stderr: io.TextIOBase) -> None:
    """Run the program and its probes and write the result message; never returns."""
    filename = job["filename"]
    _budget["numbers"] = job["limits"]["result_bytes"] // 4  # each number takes "0.0," at least
    tensor_type = getattr(engine, "Tensor", None) if engine is not None else None
    _prepare_engine(engine, job)
    # A real __main__ module, so `import __main__`, pickling and dataclasses see the program.
    main = types.ModuleType("__main__")
    main.__dict__.update({"__builtins__": builtins, "__file__": filename, "inputs": _MappingProxy(job["inputs"])})
    sys.modules["__main__"] = main
    sys.argv = [filename]
    namespace = main.__dict__
    source = job["source"]
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)

    result: dict = {"status": "OK", "error": "", "probes": {}, "probe_errors": {}}
    _write(RESULT_FD, READY)
    try:
        code = _compile(source, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: the source contains NUL bytes
        result["status"] = "CE"
        result["error"] = _clip(_str_join("", _format_exception_only(type(exc), exc)))
        _finish(result, stdout, stderr)

    status, error = _run_program(code, namespace, filename)
    result["status"], result["error"] = status, error
    if status == "OK":
        for name, expr in job["probes"]:
            try:
                value = _eval(_compile(expr, f"<probe {name}>", "eval", dont_inherit=True), namespace)
                result["probes"][name] = _to_wire(value, tensor_type)
            except ProbeTypeError as exc:
                result["probe_errors"][name] = exc.args[0]
            except MemoryError:
                result["status"], result["error"] = "MLE", "MemoryError while evaluating a probe"
                break
            except BaseException as exc:  # noqa: B036 - a probe may raise anything, even SystemExit
                result["probe_errors"][name] = _probe_error(exc, filename)
    _finish(result, stdout, stderr)


def _prepare_engine(engine: types.ModuleType | None, job: dict) -> None:
    seed = job["seed"]
    random.seed(seed)
    np.random.seed(seed % (1 << 32))
    # PyTorch's ops return inf/nan silently; the engine's numpy calls would print
    # "RuntimeWarning: divide by zero encountered" on the program's stderr.
    np.seterr(all="ignore")
    if engine is None:
        return
    if job["default_dtype"] == "float64":
        engine.set_default_dtype(engine.float64)
    engine.manual_seed(seed)


def _run_program(code: types.CodeType, namespace: dict, filename: str) -> tuple[str, str]:
    try:
        _exec(code, namespace)
    except SystemExit as exc:
        # Scripts often end with exit()/sys.exit(): code 0 or None is a normal end, probes still run.
        if exc.code is None or exc.code is False or (type(exc.code) is int and exc.code == 0):
            return "OK", ""
        return "RE", _describe(exc, filename)
    except MemoryError:
        return "MLE", "MemoryError: the program ran out of memory"
    except BaseException as exc:  # noqa: B036 - KeyboardInterrupt and custom BaseExceptions are RE too
        return "RE", _describe(exc, filename)
    return "OK", ""


def _describe(exc: BaseException, filename: str) -> str:
    """A traceback showing the student's frames, with library internals cut to their last line."""
    try:
        te = _TracebackException(type(exc), exc, exc.__traceback__, capture_locals=False)
        te.stack = _StackSummary.from_list(_trim(list(te.stack), filename))
        text = "".join(te.format(chain=False))
    except BaseException:  # noqa: B036 - a hostile __str__ must not take the harness down
        text = f"{type(exc).__name__}: <exception could not be formatted>\n"
    return _clip(text)


def _probe_error(exc: BaseException, filename: str) -> str:
    """`NameError: name 'grad_f' is not defined`, then the student's frames below the probe, if any."""
    try:
        text = _str_join("", _format_exception_only(type(exc), exc)).strip()
        frames = [f for f in _trim(_extract_tb(exc.__traceback__), filename) if not f.filename.startswith("<probe ")]
        if frames:
            text += "\n" + _str_join("", _StackSummary.from_list(frames).format())
    except BaseException:  # noqa: B036 - a hostile __str__ must not take the harness down
        text = f"{type(exc).__name__}: <exception could not be formatted>"
    return _clip(text)


def _trim(frames: list, filename: str) -> list:
    """Drop harness frames; of each run of library frames keep only the innermost one."""
    def is_student(frame) -> bool:
        return frame.filename == filename or frame.filename.startswith("<probe ")

    first = next((i for i, f in enumerate(frames) if is_student(f)), len(frames))
    frames = frames[first:]
    kept = []
    for i, frame in enumerate(frames):
        last_of_run = i + 1 == len(frames) or is_student(frames[i + 1])
        if is_student(frame) or last_of_run:
            kept.append(frame)
    return kept


def _clip(text: str) -> str:
    if len(text) <= _MAX_MESSAGE:
        return text
    return text[: _MAX_MESSAGE // 2] + "\n... (cut) ...\n" + text[-_MAX_MESSAGE // 2:]


# ----- probe values -> wire format ------------------------------------------------------------

_NUMBER_TYPES = (int, float, bool)


def _to_wire(value: object, tensor_type: type | None) -> dict:
    if type(value) in (list, tuple) and any(_is_array_like(v, tensor_type) for v in value):
        return {"tuple": [_array(v, tensor_type) for v in value]}
    return _array(value, tensor_type)


def _is_array_like(value: object, tensor_type: type | None) -> bool:
    return (tensor_type is not None and isinstance(value, tensor_type)) or isinstance(value, (_ndarray, _generic))


def _array(value: object, tensor_type: type | None) -> dict:
    if tensor_type is not None and isinstance(value, tensor_type):
        value = value.detach().numpy()
    if isinstance(value, (_ndarray, _generic)):
        array = _asarray(value)  # a subclass becomes a plain view: its __array__ is never asked
        if array.dtype.kind not in "biuf":
            raise ProbeTypeError(f"expected a tensor or number, got an array of dtype {array.dtype}")
    elif type(value) in _NUMBER_TYPES or type(value) in (list, tuple):
        array = _asarray(_numbers(value), dtype=_float64)
    else:
        raise ProbeTypeError(f"expected a tensor or number, got {type(value).__name__}")
    if array.size > _budget["numbers"]:  # could not fit the channel: say so instead of sending
        raise ProbeTypeError(f"expected a tensor or number, got {array.size} numbers (shape "
                             f"{tuple(array.shape)}), far more than the answer can hold")
    array = _array_copy(array, dtype=_float64, order="C")  # (ascontiguousarray would make 0-d 1-d)
    return {"shape": list(array.shape), "data": array.reshape(-1).tolist()}


def _numbers(value: object) -> object:
    """Nested lists of plain numbers only (exact types: a float subclass could lie in __float__)."""
    if type(value) in _NUMBER_TYPES:
        return value
    if type(value) in (list, tuple):
        return [_numbers(v) for v in value]
    raise ProbeTypeError(f"expected a tensor or number, got a list containing {type(value).__name__}")


def _number_text(x: float) -> str:
    if x != x:
        return '"nan"'
    if x in (float("inf"), float("-inf")):
        return '"inf"' if x > 0 else '"-inf"'
    return _repr(x)


def _encode(result: dict) -> bytes:
    def array(a: dict) -> str:
        shape = _str_join(",", [str(int(n)) for n in a["shape"]])
        data = _str_join(",", [_number_text(float(x)) for x in a["data"]])
        return '{"shape":[' + shape + '],"data":[' + data + "]}"

    def value(v: dict) -> str:
        if "tuple" in v:
            return '{"tuple":[' + _str_join(",", [array(a) for a in v["tuple"]]) + "]}"
        return array(v)

    probes = _str_join(",", [_encode_str(k) + ":" + value(v) for k, v in result["probes"].items()])
    errors = _str_join(",", [_encode_str(k) + ":" + _encode_str(v) for k, v in result["probe_errors"].items()])
    return ('{"status":' + _encode_str(result["status"]) + ',"error":' + _encode_str(result["error"])
            + ',"probes":{' + probes + '},"probe_errors":{' + errors + "}}").encode("ascii")


def _finish(result: dict, stdout: io.TextIOBase, stderr: io.TextIOBase) -> None:
    for stream in (stdout, stderr):
        try:
            stream.flush()
        except BaseException:  # noqa: B036 - a closed or replaced stream only loses its own output
            pass
    try:
        payload = _encode(result)
    except MemoryError:
        payload = b'{"status":"MLE","error":"MemoryError while sending the answers","probes":{},"probe_errors":{}}'
    view = memoryview(payload)
    try:
        while view:
            view = view[_write(RESULT_FD, view):]
    except OSError:
        pass  # the program closed or replaced fd 3; the parent sees a cut or missing result
    _exit(0)
