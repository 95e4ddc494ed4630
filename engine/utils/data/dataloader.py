"""DataLoader and its default collate (PyTorch's torch.utils.data.dataloader), with PyTorch 2.13's
behaviour and error messages.

Loading is always in-process: `num_workers`, `pin_memory`, `persistent_workers`, `timeout`,
`prefetch_factor` and `worker_init_fn` are accepted (with PyTorch's checks) and ignored; the
batches and their order are the ones worker processes would give.
Indices come from the samplers of engine.utils.data.sampler: `shuffle=True` is a RandomSampler.
Random numbers are drawn as PyTorch draws them (a base seed per epoch, then the sampler's), so
with the engine's PyTorch-compatible generators shuffled orders are PyTorch's under the same seed.
"""
from __future__ import annotations

import collections.abc
import copy
import itertools
import math
import re
from typing import Any, Callable, Generic, Iterable, Iterator, Optional, Sequence, TypeVar

import numpy as np

from engine.creation import as_tensor, tensor
from engine.dtypes import float64
from engine.ops import stack
from engine.random import Generator
from engine.random.draws import int64_word
from engine.random.generator import resolve
from engine.tensor import Tensor
from engine.utils.data.dataset import Dataset, IterableDataset
from engine.utils.data.sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler

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


class _InfiniteConstantSampler(Sampler[None]):
    """An IterableDataset's "indices": None forever, the dataset itself decides what comes."""

    def __iter__(self) -> Iterator[None]:
        while True:
            yield None


class DataLoader(Generic[_T_co]):
    """Iterate over `dataset` in batches of `batch_size` samples merged by `collate_fn`: indices
    from `sampler` (by default in order or, with `shuffle=True`, a fresh random order each
    epoch) grouped by a BatchSampler, or whole batches of indices from `batch_sampler`. An
    IterableDataset is read in its own order, batch_size samples at a time."""

    def __init__(self, dataset: Dataset[_T_co], batch_size: Optional[int] = 1,
                 shuffle: Optional[bool] = None, sampler: Optional[Sampler | Iterable] = None,
                 batch_sampler: Optional[Sampler[list] | Iterable[list]] = None,
                 num_workers: int = 0, collate_fn: Optional[Callable[[list], Any]] = None,
                 pin_memory: bool = False, drop_last: bool = False, timeout: float = 0,
                 worker_init_fn: Optional[Callable[[int], None]] = None,
                 multiprocessing_context: Any = None, generator: Optional[Generator] = None, *,
                 prefetch_factor: Optional[int] = None, persistent_workers: bool = False,
                 pin_memory_device: str = "", in_order: bool = True) -> None:
        # PyTorch's checks, in its order
        if num_workers < 0:
            raise ValueError("num_workers option should be non-negative; "
                             "use num_workers=0 to disable multiprocessing.")
        if timeout < 0:
            raise ValueError("timeout option should be non-negative")
        if num_workers == 0 and prefetch_factor is not None:
            raise ValueError("prefetch_factor option could only be specified in multiprocessing."
                             "let num_workers > 0 to enable multiprocessing, otherwise set "
                             "prefetch_factor to None.")
        if num_workers > 0 and prefetch_factor is None:
            prefetch_factor = 2
        elif prefetch_factor is not None and prefetch_factor < 0:
            raise ValueError("prefetch_factor option should be non-negative")
        if persistent_workers and num_workers == 0:
            raise ValueError("persistent_workers option needs num_workers > 0")
        self.dataset = dataset
        self.num_workers = num_workers
        self.prefetch_factor = prefetch_factor
        self.pin_memory = pin_memory
        self.pin_memory_device = pin_memory_device
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn  # never called: there are no worker processes
        self.multiprocessing_context = multiprocessing_context
        self.in_order = in_order

        self._iterable = isinstance(dataset, IterableDataset)
        if self._iterable:
            if shuffle not in {False, None}:
                raise ValueError("DataLoader with IterableDataset: expected unspecified shuffle "
                                 f"option, but got shuffle={shuffle}")
            if sampler is not None:
                raise ValueError("DataLoader with IterableDataset: expected unspecified sampler "
                                 f"option, but got sampler={sampler}")
            if batch_sampler is not None:
                raise ValueError("DataLoader with IterableDataset: expected unspecified "
                                 f"batch_sampler option, but got batch_sampler={batch_sampler}")
        else:
            shuffle = bool(shuffle)
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError("batch_sampler option is mutually exclusive with batch_size, "
                                 "shuffle, sampler, and drop_last")
            batch_size = None
            drop_last = False
        elif batch_size is None and drop_last:
            raise ValueError("batch_size=None option disables auto-batching "
                             "and is mutually exclusive with drop_last")
        if sampler is None:
            if self._iterable:
                sampler = _InfiniteConstantSampler()
            elif shuffle:
                sampler = RandomSampler(dataset, generator=generator)
            else:
                sampler = SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.generator = generator
        if collate_fn is None:
            collate_fn = default_convert if batch_sampler is None else default_collate
        self.collate_fn = collate_fn
        self.persistent_workers = persistent_workers
        self._initialized = True

    def __setattr__(self, attr: str, val: Any) -> None:
        # the samplers were built from these: changing them later would be silently ignored
        if getattr(self, "_initialized", False) and attr in (
                "batch_size", "batch_sampler", "sampler", "drop_last", "dataset",
                "persistent_workers"):
            raise ValueError(f"{attr} attribute should not be set after "
                             f"{type(self).__name__} is initialized")
        super().__setattr__(attr, val)

    def __len__(self) -> int:
        if self._iterable:
            length = len(self.dataset)  # a TypeError if the dataset has no __len__, as in PyTorch
            if self.batch_size is not None:
                if self.drop_last:
                    return length // self.batch_size
                return math.ceil(length / self.batch_size)
            return length
        return len(self.batch_sampler if self.batch_sampler is not None else self.sampler)

    def __iter__(self) -> Iterator[Any]:
        # PyTorch's iterator draws its workers' base seed at once, from the loader's generator
        # (the default one if none), even without workers: later random numbers depend on it.
        int64_word(resolve(self.generator))
        return self._iterate()

    def _iterate(self) -> Iterator[Any]:
        # A generator: as in PyTorch's samplers, the epoch's order is drawn at the first batch.
        if self._iterable:
            yield from self._iterate_dataset()
        elif self.batch_sampler is None:
            for index in self.sampler:
                yield self.collate_fn(self.dataset[index])
        else:
            for batch in self.batch_sampler:
                yield self.collate_fn(self._fetch(batch))

    def _iterate_dataset(self) -> Iterator[Any]:
        stream = iter(self.dataset)
        if self.batch_size is None:
            for sample in stream:
                yield self.collate_fn(sample)
            return
        while True:
            batch = list(itertools.islice(stream, self.batch_size))
            if not batch or (self.drop_last and len(batch) < self.batch_size):
                return
            yield self.collate_fn(batch)
            if len(batch) < self.batch_size:
                return

    def _fetch(self, batch: list[int]) -> list:
        # A dataset may fetch a whole batch at once (Subset does): PyTorch's fetcher prefers it.
        getitems = getattr(self.dataset, "__getitems__", None)
        if getitems:
            return getitems(batch)
        return [self.dataset[i] for i in batch]
