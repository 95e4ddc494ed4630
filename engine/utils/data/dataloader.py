"""DataLoader and its default collate (PyTorch's torch.utils.data.dataloader), with PyTorch 2.13's
behaviour and error messages.

Loading is always in-process: `num_workers`, `pin_memory`, `persistent_workers` and
`worker_init_fn` are accepted (with PyTorch's checks) and ignored; the batches and their order are
the ones worker processes would give.
There are no samplers: `shuffle=True` draws each epoch's order from the engine's one random stream
(reproducible under `manual_seed`; a `generator=` argument is accepted, the engine's Generator
being a handle on that stream), so shuffled orders differ from PyTorch's; unshuffled ones match.
"""
from __future__ import annotations

import collections.abc
import copy
import re
from typing import Any, Callable, Generic, Iterator, Optional, Sequence, TypeVar

import numpy as np

from engine.creation import as_tensor, tensor
from engine.dtypes import float64
from engine.ops import stack
from engine.random import Generator, randperm
from engine.tensor import Tensor
from engine.utils.data.dataset import Dataset

__all__ = ["DataLoader", "default_collate", "default_convert"]

_T_co = TypeVar("_T_co", covariant=True)

_COLLATE_ERROR = ("default_collate: batch must contain tensors, numpy arrays, numbers, dicts or "
                  "lists; found {}")
_STRING_OR_OBJECT = re.compile(r"[SaUO]")  # numpy dtype kinds that cannot become tensors


def _is_namedtuple(x: Any) -> bool:
    return isinstance(x, tuple) and hasattr(x, "_fields")


def _like_sequence(elem: Sequence, items: list) -> Any:
    """`items` in the container type of `elem`, as PyTorch rebuilds it (a tuple becomes a list)."""
    if isinstance(elem, tuple):
        return items
    if isinstance(elem, collections.abc.MutableSequence):
        clone = copy.copy(elem)
        for i, item in enumerate(items):
            clone[i] = item
        return clone
    try:
        return type(elem)(items)
    except TypeError:
        return items


def _like_mapping(elem: collections.abc.Mapping, items: dict) -> Any:
    if isinstance(elem, collections.abc.MutableMapping):
        clone = copy.copy(elem)  # keeps an OrderedDict / defaultdict's type
        clone.update(items)
        return clone
    return items


def default_collate(batch: list) -> Any:
    """Merge a list of samples into a batch: tensors stacked on a new first dimension, numpy
    arrays and numbers made tensors (Python floats as float64), containers collated per field."""
    elem = batch[0]
    if isinstance(elem, Tensor):
        return stack(batch, 0)
    if isinstance(elem, np.ndarray):
        if _STRING_OR_OBJECT.search(elem.dtype.str):
            raise TypeError(_COLLATE_ERROR.format(elem.dtype))
        return default_collate([as_tensor(b) for b in batch])
    # numpy scalars before Python numbers: np.float64 is a subclass of float.
    if isinstance(elem, (np.bool_, np.number, np.object_)):
        return as_tensor(batch)
    if isinstance(elem, float):
        return tensor(batch, dtype=float64)
    if isinstance(elem, int):
        return tensor(batch)
    if isinstance(elem, (str, bytes)):
        return batch
    if isinstance(elem, collections.abc.Mapping):
        return _like_mapping(elem, {key: default_collate([d[key] for d in batch])
                                    for key in elem})
    if _is_namedtuple(elem):
        return type(elem)(*(default_collate(list(field)) for field in zip(*batch)))
    if isinstance(elem, collections.abc.Sequence):
        if any(len(sample) != len(elem) for sample in batch):
            raise RuntimeError("each element in list of batch should be of equal size")
        return _like_sequence(elem, [default_collate(list(field)) for field in zip(*batch)])
    raise TypeError(_COLLATE_ERROR.format(type(elem)))


def default_convert(data: Any) -> Any:
    """What a DataLoader with batch_size=None applies to each sample: numpy arrays and scalars
    made tensors, containers converted per element, anything else (Python numbers too) kept."""
    cls = type(data)
    if isinstance(data, Tensor):
        return data
    if cls.__module__ == "numpy" and cls.__name__ not in ("str_", "string_"):
        if isinstance(data, np.ndarray) and _STRING_OR_OBJECT.search(data.dtype.str):
            return data
        return as_tensor(data)
    if isinstance(data, collections.abc.Mapping):
        return _like_mapping(data, {key: default_convert(data[key]) for key in data})
    if _is_namedtuple(data):
        return cls(*(default_convert(d) for d in data))
    if isinstance(data, collections.abc.Sequence) and not isinstance(data, (str, bytes)):
        return _like_sequence(data, [default_convert(d) for d in data])
    return data


def _check_options(dataset: Dataset, batch_size: Optional[int], shuffle: bool, num_workers: int,
                   drop_last: bool, persistent_workers: bool) -> None:
    """PyTorch's argument errors, in the order its DataLoader and samplers raise them."""
    if num_workers < 0:
        raise ValueError("num_workers option should be non-negative; "
                         "use num_workers=0 to disable multiprocessing.")
    if persistent_workers and num_workers == 0:
        raise ValueError("persistent_workers option needs num_workers > 0")
    if batch_size is None and drop_last:
        raise ValueError("batch_size=None option disables auto-batching "
                         "and is mutually exclusive with drop_last")
    if shuffle and len(dataset) <= 0:
        raise ValueError(f"num_samples should be a positive integer value, "
                         f"but got num_samples={len(dataset)}")
    if batch_size is None:
        return
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size <= 0:
        raise ValueError(f"batch_size should be a positive integer value, "
                         f"but got batch_size={batch_size}")
    if not isinstance(drop_last, bool):
        raise ValueError(f"drop_last should be a boolean value, but got drop_last={drop_last}")


class DataLoader(Generic[_T_co]):
    """Iterate over `dataset` in batches of `batch_size` samples merged by `collate_fn`, in index
    order or, with `shuffle=True`, in a fresh random order each epoch."""

    # Keyword-only after `shuffle`: PyTorch's 4th positional parameter is the (absent) sampler.
    def __init__(self, dataset: Dataset[_T_co], batch_size: Optional[int] = 1,
                 shuffle: Optional[bool] = None, *, num_workers: int = 0,
                 collate_fn: Optional[Callable[[list], Any]] = None, pin_memory: bool = False,
                 drop_last: bool = False, worker_init_fn: Optional[Callable[[int], None]] = None,
                 generator: Optional[Generator] = None, persistent_workers: bool = False) -> None:
        shuffle = bool(shuffle)
        _check_options(dataset, batch_size, shuffle, num_workers, drop_last, persistent_workers)
        self.dataset = dataset
        self.batch_size = batch_size
        self._shuffle = shuffle  # PyTorch keeps it in its sampler, not as an attribute
        self.num_workers = num_workers
        self.pin_memory = pin_memory
        self.drop_last = drop_last
        self.worker_init_fn = worker_init_fn  # never called: there are no worker processes
        self.generator = generator
        self.persistent_workers = persistent_workers
        if collate_fn is None:
            collate_fn = default_convert if batch_size is None else default_collate
        self.collate_fn = collate_fn

    def __len__(self) -> int:
        n = len(self.dataset)
        if self.batch_size is None:
            return n
        if self.drop_last:
            return n // self.batch_size
        return (n + self.batch_size - 1) // self.batch_size  # the last, partial batch counts

    def __iter__(self) -> Iterator[Any]:
        # A generator: as in PyTorch's samplers, the epoch's order is drawn at the first batch.
        order = self._order()
        if self.batch_size is None:
            for index in order:
                yield self.collate_fn(self.dataset[index])
            return
        for batch in self._batches(order):
            yield self.collate_fn(self._fetch(batch))

    def _order(self) -> list[int]:
        n = len(self.dataset)
        return randperm(n).tolist() if self._shuffle else list(range(n))

    def _batches(self, order: list[int]) -> Iterator[list[int]]:
        for start in range(0, len(order), self.batch_size):
            batch = order[start:start + self.batch_size]
            if len(batch) == self.batch_size or not self.drop_last:
                yield batch

    def _fetch(self, batch: list[int]) -> list:
        # A dataset may fetch a whole batch at once (Subset does): PyTorch's fetcher prefers it.
        getitems = getattr(self.dataset, "__getitems__", None)
        if getitems:
            return getitems(batch)
        return [self.dataset[i] for i in batch]
