"""engine.utils.data samplers (Sequential, Random, SubsetRandom, Weighted, Batch), IterableDataset
and ChainDataset, and DataLoader's sampler / batch_sampler arguments, against PyTorch 2.13.
Shuffles, random samplers and random_split draw as PyTorch does, so under the same seed they give
PyTorch's orders and leave the default generator where PyTorch leaves it; WeightedRandomSampler's
draws are only checked as draws (lengths, ranges, frequencies, reproducibility)."""
from __future__ import annotations

import collections

import numpy as np
import pytest

import engine
from engine.utils.data import (BatchSampler, ChainDataset, ConcatDataset, DataLoader,
                               IterableDataset, RandomSampler, Sampler, SequentialSampler,
                               SubsetRandomSampler, TensorDataset, WeightedRandomSampler)


def xy(lib, n: int = 10):
    return lib.utils.data.TensorDataset(lib.arange(2.0 * n).reshape(n, 2), lib.arange(n))


def _torch_data():
    torch = pytest.importorskip("torch")
    return torch, torch.utils.data


class Countdown(IterableDataset):
    """n, n-1, ..., 1 as float tensors of shape (2,), with a length."""

    def __init__(self, n: int, lib=engine) -> None:
        self.n, self.lib = n, lib

    def __iter__(self):
        for k in range(self.n, 0, -1):
            yield self.lib.tensor([float(k), -float(k)])

    def __len__(self) -> int:
        return self.n


def _make_countdown(lib):
    base = lib.utils.data.IterableDataset

    class LibCountdown(base):
        def __init__(self, n):
            self.n = n

        def __iter__(self):
            for k in range(self.n, 0, -1):
                yield lib.tensor([float(k), -float(k)])

        def __len__(self):
            return self.n
    return LibCountdown


# ---- samplers -----------------------------------------------------------------------------------
def test_sequential_and_batch_samplers_match_torch():
    torch, data = _torch_data()
    for n, size, drop in [(10, 3, False), (10, 3, True), (9, 3, True), (2, 5, False)]:
        mine = BatchSampler(SequentialSampler(range(n)), size, drop)
        theirs = data.BatchSampler(data.SequentialSampler(range(n)), size, drop)
        assert list(mine) == list(theirs) and len(mine) == len(theirs)
    assert list(SequentialSampler("abcd")) == [0, 1, 2, 3] and len(SequentialSampler("ab")) == 2
    # any iterable of indices can be batched
    assert list(BatchSampler([5, 1, 4, 2], 3, False)) == [[5, 1, 4], [2]]


def test_random_sampler_is_a_new_permutation_each_epoch_and_reproducible():
    engine.manual_seed(3)
    sampler = RandomSampler(range(12))
    first, second = list(sampler), list(sampler)
    assert sorted(first) == sorted(second) == list(range(12)) and len(sampler) == 12
    assert first != second
    engine.manual_seed(3)
    assert list(sampler) == first and list(sampler) == second


def test_random_sampler_num_samples_and_replacement():
    engine.manual_seed(0)
    long = list(RandomSampler(range(5), num_samples=12))
    assert len(long) == 12
    assert sorted(long[:5]) == sorted(long[5:10]) == list(range(5))  # whole permutations first
    assert len(set(long[10:])) == 2
    drawn = list(RandomSampler(range(4), replacement=True, num_samples=70))
    assert len(drawn) == 70 and set(drawn) <= set(range(4)) and len(set(drawn)) == 4
    assert len(RandomSampler(range(4), replacement=True, num_samples=70)) == 70


def test_random_sampler_errors_match_torch():
    cases = [(dict(replacement=1), TypeError,
              "replacement should be a boolean value, but got replacement=1"),
             (dict(num_samples=0), ValueError,
              "num_samples should be a positive integer value, but got num_samples=0"),
             (dict(num_samples=2.0), ValueError,
              "num_samples should be a positive integer value, but got num_samples=2.0")]
    for kwargs, error, message in cases:
        with pytest.raises(error) as info:
            RandomSampler(range(3), **kwargs)
        assert str(info.value) == message
    with pytest.raises(ValueError, match="num_samples=0"):
        RandomSampler([])
    torch, data = _torch_data()
    for kwargs, error, message in cases:
        with pytest.raises(error) as info:
            data.RandomSampler(range(3), **kwargs)
        assert str(info.value) == message


def _random_orders(lib):
    data = lib.utils.data
    ds = data.TensorDataset(lib.arange(10))
    lib.manual_seed(0)
    out = [[b[0].tolist() for b in data.DataLoader(ds, batch_size=4, shuffle=True)]
           for _ in range(2)]
    out.append(lib.rand(2).tolist())  # where the loaders left the default generator
    out.append([b[0].tolist() for b in data.DataLoader(ds, batch_size=3)] + [lib.rand(1).tolist()])
    out.append(list(data.RandomSampler(range(7), replacement=True, num_samples=40)))
    out.append(list(data.RandomSampler(range(5), num_samples=12)))
    out.append(list(data.SubsetRandomSampler([5, 6, 7, 8])))
    out.append([s.indices for s in data.random_split(range(10), [0.3, 0.7])])
    g = lib.Generator().manual_seed(7)
    out.append([b[0].tolist() for b in data.DataLoader(ds, batch_size=5, shuffle=True,
                                                       generator=g)] + [lib.rand(1).tolist()])
    out.append([s.indices for s in data.random_split(range(10), [5, 5],
                                                     generator=lib.Generator().manual_seed(3))])
    return out


def test_random_orders_are_torchs_under_the_same_seed():
    torch, _ = _torch_data()
    mine, theirs = _random_orders(engine), _random_orders(torch)
    assert mine[:2] == theirs[:2] and mine[4:] == theirs[4:]
    np.testing.assert_allclose(mine[2], theirs[2], rtol=1e-6)
    assert mine[3][:-1] == theirs[3][:-1]
    np.testing.assert_allclose(mine[3][-1], theirs[3][-1], rtol=1e-6)


def test_subset_random_sampler_permutes_the_given_indices():
    engine.manual_seed(1)
    sampler = SubsetRandomSampler([10, 20, 30, 40])
    order = list(sampler)
    assert sorted(order) == [10, 20, 30, 40] and len(sampler) == 4
    engine.manual_seed(1)
    assert list(sampler) == order


def test_weighted_random_sampler_draws_by_weight():
    engine.manual_seed(0)
    sampler = WeightedRandomSampler([0.1, 0.0, 0.9], num_samples=2000)
    drawn = list(sampler)
    counts = collections.Counter(drawn)
    assert len(drawn) == len(sampler) == 2000 and counts[1] == 0
    assert 0.85 < counts[2] / 2000 < 0.95
    assert sampler.weights.dtype == engine.float64 and sampler.replacement
    engine.manual_seed(0)
    assert list(WeightedRandomSampler([0.1, 0.0, 0.9], num_samples=2000)) == drawn
    distinct = list(WeightedRandomSampler([1.0, 5.0, 2.0, 0.5], 4, replacement=False))
    assert sorted(distinct) == [0, 1, 2, 3]
    # without replacement, zero weights come last once the others run out (as torch)
    assert sorted(WeightedRandomSampler([0.0, 3.0, 0.0], 2, replacement=False)) in ([0, 1],
                                                                                  [1, 2])
    assert list(WeightedRandomSampler([0.0, 3.0, 0.0], 1, replacement=False)) == [1]


def test_weighted_random_sampler_errors_match_torch():
    build = [lambda m: m.WeightedRandomSampler([1.0, 2.0], 0),
             lambda m: m.WeightedRandomSampler([1.0, 2.0], True),
             lambda m: m.WeightedRandomSampler([1.0, 2.0], 2, replacement=None),
             lambda m: m.WeightedRandomSampler([[1.0, 2.0]], 2)]
    draw = [lambda m: list(m.WeightedRandomSampler([1.0, -1.0], 2)),
            lambda m: list(m.WeightedRandomSampler([0.0, 0.0], 2)),
            lambda m: list(m.WeightedRandomSampler([1.0, 1.0], 3, replacement=False))]
    torch, data = _torch_data()
    for fn in build:
        with pytest.raises(ValueError) as mine:
            fn(engine.utils.data)
        with pytest.raises(ValueError) as theirs:
            fn(data)
        assert str(mine.value) == str(theirs.value)
    for fn in draw:
        with pytest.raises(RuntimeError) as mine:
            fn(engine.utils.data)
        with pytest.raises(RuntimeError) as theirs:
            fn(data)
        assert str(mine.value) == str(theirs.value)


def test_batch_sampler_errors_match_torch():
    torch, data = _torch_data()
    for args in [(0, False), (2.0, False), (True, False), (2, 1)]:
        with pytest.raises(ValueError) as mine:
            BatchSampler(range(4), *args)
        with pytest.raises(ValueError) as theirs:
            data.BatchSampler(range(4), *args)
        assert str(mine.value) == str(theirs.value)


def test_a_custom_sampler_subclass_drives_the_loader():
    class EvensFirst(Sampler[int]):
        def __init__(self, n):
            self.n = n

        def __iter__(self):
            return iter(list(range(0, self.n, 2)) + list(range(1, self.n, 2)))

        def __len__(self):
            return self.n

    loader = DataLoader(xy(engine, 7), batch_size=3, sampler=EvensFirst(7))
    assert [y.tolist() for _, y in loader] == [[0, 2, 4], [6, 1, 3], [5]] and len(loader) == 3
    with pytest.raises(NotImplementedError):
        iter(Sampler()).__next__()


# ---- DataLoader with samplers -------------------------------------------------------------------
def _batches(loader):
    out = []
    for batch in loader:
        if isinstance(batch, (list, tuple)):
            out.append([b.tolist() for b in batch])
        else:
            out.append(batch.tolist())
    return out


LOADERS = {
    "sampler": lambda d, ds: dict(sampler=[9, 0, 8, 1, 7], batch_size=2),
    "sampler-no-batching": lambda d, ds: dict(sampler=[3, 1], batch_size=None),
    "batch_sampler": lambda d, ds: dict(batch_sampler=[[0, 1, 2], [9], [4, 4]]),
    "BatchSampler": lambda d, ds: dict(batch_sampler=d.BatchSampler(d.SequentialSampler(ds), 4,
                                                                    True)),
    "sequential-sampler-drop-last": lambda d, ds: dict(sampler=d.SequentialSampler(ds),
                                                       batch_size=3, drop_last=True),
}


@pytest.mark.parametrize("name", list(LOADERS))
def test_loaders_with_samplers_match_torch(name):
    torch, data = _torch_data()
    mine_ds, their_ds = xy(engine), xy(torch)
    mine = DataLoader(mine_ds, **LOADERS[name](engine.utils.data, mine_ds))
    theirs = data.DataLoader(their_ds, **LOADERS[name](data, their_ds))
    assert _batches(mine) == _batches(theirs)
    assert len(mine) == len(theirs)


def test_shuffled_loader_uses_a_random_sampler():
    engine.manual_seed(0)
    loader = DataLoader(xy(engine, 9), batch_size=4, shuffle=True)
    assert isinstance(loader.sampler, RandomSampler)
    assert isinstance(loader.batch_sampler, BatchSampler) and len(loader) == 3
    order = [i for _, y in loader for i in y.tolist()]
    assert sorted(order) == list(range(9))
    engine.manual_seed(0)
    assert [i for _, y in loader for i in y.tolist()] == order
    plain = DataLoader(xy(engine, 9))
    assert isinstance(plain.sampler, SequentialSampler) and plain.batch_sampler.batch_size == 1


LOADER_ERRORS = [
    lambda d, ds: d.DataLoader(ds, sampler=[0, 1], shuffle=True),
    lambda d, ds: d.DataLoader(ds, batch_sampler=[[0, 1]], batch_size=2),
    lambda d, ds: d.DataLoader(ds, batch_sampler=[[0, 1]], shuffle=True),
    lambda d, ds: d.DataLoader(ds, batch_sampler=[[0, 1]], sampler=[0, 1]),
    lambda d, ds: d.DataLoader(ds, batch_sampler=[[0, 1]], drop_last=True),
    lambda d, ds: d.DataLoader(ds, batch_size=0),
    lambda d, ds: d.DataLoader(ds, batch_size=None, drop_last=True),
    lambda d, ds: d.DataLoader(ds, timeout=-1),
    lambda d, ds: d.DataLoader(ds, prefetch_factor=2),
    lambda d, ds: d.DataLoader(ds, num_workers=-1),
]


@pytest.mark.parametrize("index", range(len(LOADER_ERRORS)))
def test_loader_argument_errors_match_torch(index):
    torch, data = _torch_data()
    with pytest.raises(ValueError) as mine:
        LOADER_ERRORS[index](engine.utils.data, xy(engine))
    with pytest.raises(ValueError) as theirs:
        LOADER_ERRORS[index](data, xy(torch))
    assert str(mine.value) == str(theirs.value)


def test_loader_attributes_are_frozen_after_construction():
    loader = DataLoader(xy(engine), batch_size=2)
    with pytest.raises(ValueError, match="batch_size attribute should not be set after DataLoader "
                                         "is initialized"):
        loader.batch_size = 4
    loader.num_workers = 0  # other attributes stay settable, as in torch


# ---- IterableDataset ----------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs", [dict(), dict(batch_size=3), dict(batch_size=3, drop_last=True),
                                    dict(batch_size=None), dict(batch_size=7)])
def test_iterable_dataset_loader_matches_torch(kwargs):
    torch, data = _torch_data()
    mine = DataLoader(_make_countdown(engine)(7), **kwargs)
    theirs = data.DataLoader(_make_countdown(torch)(7), **kwargs)
    assert _batches(mine) == _batches(theirs)
    assert len(mine) == len(theirs)
    assert _batches(mine) == _batches(theirs)  # a second epoch starts the stream again


def test_iterable_dataset_without_len_and_with_collate_fn():
    class Squares(IterableDataset):
        def __iter__(self):
            return iter([k * k for k in range(5)])

    loader = DataLoader(Squares(), batch_size=2, collate_fn=sum)
    assert list(loader) == [1, 13, 16]
    with pytest.raises(TypeError):
        len(loader)
    assert [b.tolist() for b in DataLoader(Squares(), batch_size=4)] == [[0, 1, 4, 9], [16]]


def test_iterable_dataset_loader_errors_match_torch():
    torch, data = _torch_data()
    for kwargs in [dict(shuffle=True), dict(sampler=[0, 1]), dict(batch_sampler=[[0]])]:
        with pytest.raises(ValueError) as mine:
            DataLoader(Countdown(3), **kwargs)
        with pytest.raises(ValueError) as theirs:
            data.DataLoader(_make_countdown(torch)(3), **kwargs)
        # the message quotes the argument's value; the lists print the same
        assert str(mine.value) == str(theirs.value)
    assert len(list(DataLoader(Countdown(3), shuffle=False))) == 3


def test_chain_dataset_and_adding_iterable_datasets():
    chained = Countdown(2) + Countdown(3)
    assert isinstance(chained, ChainDataset) and len(chained) == 5
    assert [t[0].item() for t in chained] == [2.0, 1.0, 3.0, 2.0, 1.0]
    with pytest.raises(AssertionError, match="ChainDataset only supports IterableDataset"):
        list(ChainDataset([Countdown(1), TensorDataset(engine.ones(2))]))
    with pytest.raises(AssertionError, match="ConcatDataset does not support IterableDataset"):
        ConcatDataset([Countdown(1)])


def test_sampler_classes_print_torch_module_names(fresh_python):
    proc = fresh_python("""
        import engine.torch_alias as alias
        alias.install()
        import torch
        from torch.utils.data import RandomSampler, BatchSampler, IterableDataset
        print(type(RandomSampler(range(3))), type(BatchSampler(range(3), 2, False)))
        print(IterableDataset)
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "<class 'torch.utils.data.sampler.RandomSampler'> "
        "<class 'torch.utils.data.sampler.BatchSampler'>",
        "<class 'torch.utils.data.dataset.IterableDataset'>"]
