"""Samplers (PyTorch's torch.utils.data.sampler): the index orders a DataLoader draws from, with
PyTorch 2.13's checks and messages.

Random samplers draw as PyTorch's do: RandomSampler without a generator seeds a fresh one from
the default generator each epoch, then takes randperm / randint from it; with the engine's
PyTorch-compatible random streams the orders are PyTorch's under the same `manual_seed`.
WeightedRandomSampler is the exception: its draws (torch.multinomial's) are the right
distribution but not PyTorch's numbers.
"""
from __future__ import annotations

import itertools
from typing import Generic, Iterable, Iterator, Optional, Sequence, Sized, TypeVar

import numpy as np

from engine.creation import as_tensor
from engine.dtypes import float64
from engine.random import Generator, randint, randperm, uniform_array
from engine.random.draws import int64_word
from engine.random.generator import resolve
from engine.tensor import Tensor

__all__ = ["BatchSampler", "RandomSampler", "Sampler", "SequentialSampler", "SubsetRandomSampler",
           "WeightedRandomSampler"]

_T_co = TypeVar("_T_co", covariant=True)


class Sampler(Generic[_T_co]):
    """An iterable over dataset indices (or lists of them); subclasses define `__iter__` and,
    for DataLoader's len(), `__len__`."""

    def __iter__(self) -> Iterator[_T_co]:
        raise NotImplementedError


class SequentialSampler(Sampler[int]):
    """0, 1, ..., len(data_source) - 1."""

    def __init__(self, data_source: Sized) -> None:
        self.data_source = data_source

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.data_source)))

    def __len__(self) -> int:
        return len(self.data_source)


class RandomSampler(Sampler[int]):
    """A random permutation of the indices (each epoch a new one), or num_samples indices drawn
    with replacement; without replacement, num_samples > len repeats whole permutations."""

    def __init__(self, data_source: Sized, replacement: bool = False,
                 num_samples: Optional[int] = None,
                 generator: Optional[Generator] = None) -> None:
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self.generator = generator
        if not isinstance(self.replacement, bool):
            raise TypeError("replacement should be a boolean value, but got "
                            f"replacement={self.replacement}")
        if not isinstance(self.num_samples, int) or self.num_samples <= 0:
            raise ValueError("num_samples should be a positive integer value, but got "
                             f"num_samples={self.num_samples}")

    @property
    def num_samples(self) -> int:
        # the dataset's size may change after construction: read it when asked
        return len(self.data_source) if self._num_samples is None else self._num_samples

    def __iter__(self) -> Iterator[int]:
        n = len(self.data_source)
        if self.generator is None:
            # PyTorch's order of draws: one seed from the default generator, then a private one
            seed = int64_word(resolve(None))  # torch.empty((), dtype=torch.int64).random_()
            generator = Generator()
            generator.manual_seed(seed)
        else:
            generator = self.generator
        if self.replacement:
            # drawn 32 at a time, as PyTorch does, so a partly consumed epoch draws little
            for _ in range(self.num_samples // 32):
                yield from randint(0, n, (32,), generator=generator).tolist()
            yield from randint(0, n, (self.num_samples % 32,), generator=generator).tolist()
        else:
            for _ in range(self.num_samples // n):
                yield from randperm(n, generator=generator).tolist()
            yield from randperm(n, generator=generator).tolist()[:self.num_samples % n]

    def __len__(self) -> int:
        return self.num_samples


class SubsetRandomSampler(Sampler[int]):
    """The given indices in a random order."""

    def __init__(self, indices: Sequence[int], generator: Optional[Generator] = None) -> None:
        self.indices = indices
        self.generator = generator

    def __iter__(self) -> Iterator[int]:
        for i in randperm(len(self.indices), generator=self.generator).tolist():
            yield self.indices[i]

    def __len__(self) -> int:
        return len(self.indices)


def _multinomial(weights: np.ndarray, num_samples: int, replacement: bool,
                 generator: Optional[Generator]) -> list[int]:
    """torch.multinomial on a 1-d float64 weight vector: its distribution and errors, not its
    numbers."""
    if not (weights >= 0).all():  # NaN included, as in PyTorch's check
        raise RuntimeError("invalid multinomial distribution (encountering probability entry < 0)")
    if np.isinf(weights).any():
        raise RuntimeError("invalid multinomial distribution (encountering probability entry = "
                           "infinity or NaN)")
    total = weights.sum()
    if total <= 0:
        raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
    if not replacement:
        if num_samples > weights.size:
            raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without "
                               "replacement")
        # an exponential race: the num_samples smallest E_i / w_i (E_i ~ Exp(1)) are a sample
        # without replacement with probabilities proportional to the weights; as in PyTorch,
        # zero-weight indices come last, when the others do not suffice
        keys = np.full(weights.shape, np.inf)
        nonzero = weights > 0
        draws = -np.log1p(-uniform_array(weights.shape, dtype=np.dtype(np.float64),
                                          generator=generator))
        keys[nonzero] = draws[nonzero] / weights[nonzero]
        return np.argsort(keys, kind="stable")[:num_samples].tolist()
    cdf = np.cumsum(weights / total)
    u = uniform_array((num_samples,), dtype=np.dtype(np.float64), generator=generator)
    picks = np.searchsorted(cdf, u * cdf[-1], side="right")
    return np.minimum(picks, weights.size - 1).tolist()


class WeightedRandomSampler(Sampler[int]):
    """num_samples indices drawn with probabilities proportional to `weights` (with replacement
    by default): the usual cure for an imbalanced classification set."""

    def __init__(self, weights: Sequence[float], num_samples: int, replacement: bool = True,
                 generator: Optional[Generator] = None) -> None:
        if (not isinstance(num_samples, int) or isinstance(num_samples, bool)
                or num_samples <= 0):
            raise ValueError("num_samples should be a positive integer value, but got "
                             f"num_samples={num_samples}")
        if not isinstance(replacement, bool):
            raise ValueError("replacement should be a boolean value, but got "
                             f"replacement={replacement}")
        weights_tensor = as_tensor(weights, dtype=float64)
        if len(weights_tensor.shape) != 1:
            raise ValueError("weights should be a 1d sequence but given weights have shape "
                             f"{tuple(weights_tensor.shape)}")
        self.weights: Tensor = weights_tensor
        self.num_samples = num_samples
        self.replacement = replacement
        self.generator = generator

    def __iter__(self) -> Iterator[int]:
        yield from _multinomial(self.weights.numpy(), self.num_samples, self.replacement,
                                self.generator)

    def __len__(self) -> int:
        return self.num_samples


class BatchSampler(Sampler[list[int]]):
    """Lists of batch_size consecutive indices from `sampler`; the last, shorter list is kept
    unless drop_last."""

    def __init__(self, sampler: Sampler[int] | Iterable[int], batch_size: int,
                 drop_last: bool) -> None:
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size <= 0:
            raise ValueError("batch_size should be a positive integer value, but got "
                             f"batch_size={batch_size}")
        if not isinstance(drop_last, bool):
            raise ValueError(f"drop_last should be a boolean value, but got drop_last={drop_last}")
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self) -> Iterator[list[int]]:
        sampler_iter = iter(self.sampler)
        if self.drop_last:
            yield from (list(batch) for batch in zip(*[sampler_iter] * self.batch_size))
        else:
            batch = list(itertools.islice(sampler_iter, self.batch_size))
            while batch:
                yield batch
                batch = list(itertools.islice(sampler_iter, self.batch_size))

    def __len__(self) -> int:
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return (len(self.sampler) + self.batch_size - 1) // self.batch_size
