"""torch.save / torch.load: tensors, state dicts, modules and optimizers to a file or a
file-like object.

Inside the judge's sandbox a program may write no file, yet training scripts checkpoint
(`torch.save(model.state_dict(), "best.pt")`, then `torch.load("best.pt")`): where the file
cannot be written, it is kept in this process's memory under its path instead, so the round
trip works and nothing touches the disk. The pickled data never leaves the program that wrote
it.
"""
from __future__ import annotations

import io
import os
import pickle
from typing import Any, BinaryIO, Union

FileLike = Union[str, os.PathLike, BinaryIO]

_IN_MEMORY: dict[str, bytes] = {}  # path -> contents, for files the process may not write


def save(obj: Any, f: FileLike, pickle_module: Any = pickle, pickle_protocol: int = 2,
         **unused: Any) -> None:
    if not isinstance(f, (str, os.PathLike)):
        pickle_module.dump(obj, f, protocol=pickle_protocol)
        return
    buffer = io.BytesIO()
    pickle_module.dump(obj, buffer, protocol=pickle_protocol)
    try:
        with open(f, "wb") as out:
            out.write(buffer.getvalue())
        _IN_MEMORY.pop(_key(f), None)
    except OSError:  # a read-only place (the judge's sandbox): keep it for torch.load
        _IN_MEMORY[_key(f)] = buffer.getvalue()


def load(f: FileLike, map_location: Any = None, pickle_module: Any = pickle, *,
         weights_only: bool = True, mmap: Any = None, **unused: Any) -> Any:
    """Read back what `save` wrote. Like PyTorch, trust only files you made yourself."""
    if not isinstance(f, (str, os.PathLike)):
        return pickle_module.load(f)
    kept = _IN_MEMORY.get(_key(f))
    if kept is not None:
        return pickle_module.load(io.BytesIO(kept))
    with open(f, "rb") as src:
        return pickle_module.load(src)


def _key(path: Union[str, os.PathLike]) -> str:
    return os.path.abspath(os.fspath(path))
