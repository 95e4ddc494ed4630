"""torch.save / torch.load: tensors, state dicts, modules and optimizers to a file or a
file-like object. Inside the judge's sandbox a program can only write to in-memory buffers
(io.BytesIO); the pickled data never leaves the program that wrote it."""
from __future__ import annotations

import os
import pickle
from typing import Any, BinaryIO, Union

FileLike = Union[str, os.PathLike, BinaryIO]


def save(obj: Any, f: FileLike, pickle_module: Any = pickle, pickle_protocol: int = 2,
         **unused: Any) -> None:
    if isinstance(f, (str, os.PathLike)):
        with open(f, "wb") as out:
            pickle_module.dump(obj, out, protocol=pickle_protocol)
    else:
        pickle_module.dump(obj, f, protocol=pickle_protocol)


def load(f: FileLike, map_location: Any = None, pickle_module: Any = pickle, *,
         weights_only: bool = True, mmap: Any = None, **unused: Any) -> Any:
    """Read back what `save` wrote. Like PyTorch, trust only files you made yourself."""
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as src:
            return pickle_module.load(src)
    return pickle_module.load(f)
