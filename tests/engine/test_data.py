"""engine.utils.data (`torch.utils.data` in the alias): datasets, random_split, DataLoader and its
default collate behave as PyTorch 2.13's. Where PyTorch is installed, deterministic loading
(unshuffled orders, collated dtypes and shapes, error messages) is compared with it directly;
shuffles and splits only as permutations, since the engine's random stream is not PyTorch's."""
from __future__ import annotations

import collections
import re
import warnings
from typing import Any, Callable

import numpy as np
import pytest

import engine
from engine.utils.data import (ConcatDataset, DataLoader, Dataset, Subset, TensorDataset,
                               default_collate, random_split)

Point = collections.namedtuple("Point", "x y")


def xy(n: int = 7) -> TensorDataset:
    return TensorDataset(engine.arange(2.0 * n).reshape(n, 2), engine.arange(n))


def flat_indices(loader: DataLoader) -> list[int]:
    """The sample order of a loader over xy(): column 1 of a batch's y is its sample index."""
    return [i for _, y in loader for i in y.tolist()]


# ---- batching -----------------------------------------------------------------------------------
def test_batches_have_batch_size_rows_and_the_last_one_the_rest():
    loader = DataLoader(xy(7), batch_size=3)
    shapes = [(tuple(x.shape), tuple(y.shape)) for x, y in loader]
    assert shapes == [((3, 2), (3,)), ((3, 2), (3,)), ((1, 2), (1,))]
    assert len(loader) == 3 and flat_indices(loader) == list(range(7))


def test_drop_last_drops_the_partial_batch_and_counts_it_out_of_len():
    loader = DataLoader(xy(7), batch_size=3, drop_last=True)
    assert len(loader) == 2 and flat_indices(loader) == list(range(6))
    assert len(DataLoader(xy(6), batch_size=3, drop_last=True)) == 2


def test_batch_size_none_yields_single_samples_converted_not_stacked():
    loader = DataLoader(xy(3), batch_size=None)
    samples = list(loader)
    assert len(loader) == 3 and len(samples) == 3
    x, y = samples[1]  # a tuple sample comes back as a list, as default_convert makes it
    assert isinstance(samples[1], list) and x.tolist() == [2.0, 3.0] and y.item() == 1
    assert list(DataLoader([1.5, 2.5], batch_size=None)) == [1.5, 2.5]  # numbers stay numbers


def test_default_batch_size_is_one_and_every_epoch_restarts():
    loader = DataLoader(xy(2))
    assert [y.tolist() for _, y in loader] == [[0], [1]]
    assert flat_indices(loader) == flat_indices(loader) == [0, 1]
    assert next(iter(loader))[1].tolist() == [0]


def test_batches_keep_the_graph_of_samples_that_require_grad():
    w = engine.ones(4, 2, requires_grad=True)
    (x,) = next(iter(DataLoader(TensorDataset(w * 3), batch_size=4)))
    x.sum().backward()
    assert w.grad.tolist() == [[3.0, 3.0]] * 4


def test_worker_options_are_accepted_and_loading_stays_in_process():
    called = []
    loader = DataLoader(xy(5), batch_size=2, num_workers=4, pin_memory=True,
                        persistent_workers=True, worker_init_fn=called.append,
                        generator=engine.Generator().manual_seed(0))
    assert loader.num_workers == 4 and flat_indices(loader) == list(range(5)) and not called


# ---- collate ------------------------------------------------------------------------------------
def test_collate_makes_python_floats_float64_ints_int64_and_bools_bool():
    assert default_collate([1.5, 2.0]).dtype == engine.float64
    assert default_collate([1, 2]).dtype == engine.int64
    assert default_collate([True, False]).dtype == engine.bool
    assert default_collate([np.float32(1), np.float32(2)]).dtype == engine.float32
    assert default_collate([np.ones(2), np.zeros(2)]).dtype == engine.float64


def test_collate_goes_through_tuples_lists_dicts_and_namedtuples_field_by_field():
    pairs = default_collate([(engine.ones(2), 1), (engine.zeros(2), 0)])
    assert isinstance(pairs, list) and pairs[0].shape == (2, 2) and pairs[1].tolist() == [1, 0]
    batch = default_collate([{"x": 0.5, "name": "a"}, {"x": 1.5, "name": "b"}])
    assert batch["x"].tolist() == [0.5, 1.5] and batch["name"] == ["a", "b"]
    point = default_collate([Point(1, 2.0), Point(3, 4.0)])
    assert type(point) is Point and point.x.tolist() == [1, 3]


def test_collate_errors_are_pytorchs():
    with pytest.raises(TypeError, match="default_collate: batch must contain tensors, numpy "
                                        "arrays, numbers, dicts or lists; found <class 'object'>"):
        default_collate([object(), object()])
    with pytest.raises(RuntimeError, match="each element in list of batch should be of equal"):
        default_collate([[1, 2], [3]])
    with pytest.raises(RuntimeError, match="stack expects each tensor to be equal size"):
        default_collate([engine.zeros(3), engine.zeros(2)])


def test_a_custom_collate_fn_gets_the_list_of_samples():
    loader = DataLoader(list(range(5)), batch_size=2, collate_fn=lambda batch: sum(batch))
    assert list(loader) == [1, 5, 4]


# ---- datasets -----------------------------------------------------------------------------------
def test_tensor_dataset_indexes_every_tensor_and_checks_their_lengths():
    ds = xy(4)
    assert len(ds) == 4 and [t.tolist() for t in ds[2]] == [[4.0, 5.0], 2]
    with pytest.raises(AssertionError, match="^Size mismatch between tensors$"):
        TensorDataset(engine.zeros(4, 2), engine.zeros(3))


def test_a_dataset_subclass_loads_and_datasets_concatenate_with_plus():
    class Squares(Dataset):
        def __init__(self, n: int) -> None:
            self.n = n

        def __len__(self) -> int:
            return self.n

        def __getitem__(self, i: int) -> tuple:
            return engine.tensor([float(i)]), i * i

    both = Squares(2) + Squares(3)
    assert isinstance(both, ConcatDataset) and len(both) == 5 and both[3][1] == 1
    assert [y.tolist() for _, y in DataLoader(both, batch_size=5)] == [[0, 1, 0, 1, 4]]
    with pytest.raises(NotImplementedError, match="Subclasses of Dataset should implement"):
        Dataset()[0]


def test_subset_takes_the_samples_at_its_indices():
    sub = Subset(xy(5), [4, 0, 2])
    assert len(sub) == 3 and sub[0][1].item() == 4
    assert flat_indices(DataLoader(sub, batch_size=2)) == [4, 0, 2]


# ---- random_split -------------------------------------------------------------------------------
@pytest.mark.parametrize("lengths, sizes", [
    ([3, 7], [3, 7]), ([0.3, 0.7], [3, 7]), ([0.25] * 4, [3, 3, 2, 2]),
    ([0.33, 0.33, 0.34], [4, 3, 3]), ([1], [10]),
])
def test_random_split_sizes_partition_the_dataset(lengths: list, sizes: list[int]):
    parts = random_split(xy(10), lengths)
    assert [len(p) for p in parts] == sizes
    assert sorted(i for p in parts for i in p.indices) == list(range(10))


@pytest.mark.parametrize("lengths, message", [
    ([3, 6], "Sum of input lengths does not equal the length of the input dataset!"),
    ([0.5, 0.6], "Sum of input lengths does not equal the length of the input dataset!"),
    ([1.5, -0.5], "Fraction at index 0 is not between 0 and 1"),
])
def test_random_split_rejects_lengths_as_pytorch_does(lengths: list, message: str):
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        random_split(xy(10), lengths)


def test_random_split_warns_of_an_empty_part():
    with pytest.warns(UserWarning, match="Length of split at index 0 is 0"):
        parts = random_split(xy(10), [0.0, 1.0])
    assert [len(p) for p in parts] == [0, 10]


def test_random_split_is_reproducible_under_manual_seed():
    def split(seed: int) -> list[list[int]]:
        engine.manual_seed(seed)
        return [p.indices for p in random_split(range(20), [0.5, 0.5])]

    assert split(3) == split(3) != split(4)
    engine.manual_seed(0)
    first = random_split(range(20), [10, 10], generator=engine.Generator().manual_seed(7))
    again = random_split(range(20), [10, 10], generator=engine.Generator().manual_seed(7))
    assert [p.indices for p in first] == [p.indices for p in again]


# ---- shuffle ------------------------------------------------------------------------------------
def test_shuffle_gives_a_new_permutation_each_epoch_reproducibly():
    def epochs(seed: int) -> list[list[int]]:
        engine.manual_seed(seed)
        loader = DataLoader(xy(20), batch_size=6, shuffle=True)
        return [flat_indices(loader) for _ in range(3)]

    orders = epochs(0)
    assert all(sorted(order) == list(range(20)) for order in orders)
    assert orders[0] != orders[1] != orders[2]
    assert epochs(0) == orders


@pytest.mark.parametrize("kwargs, message", [
    ({"batch_size": 0}, "batch_size should be a positive integer value, but got batch_size=0"),
    ({"batch_size": 2.0}, "batch_size should be a positive integer value, but got batch_size=2.0"),
    ({"drop_last": 1}, "drop_last should be a boolean value, but got drop_last=1"),
    ({"batch_size": None, "drop_last": True}, "batch_size=None option disables auto-batching"),
    ({"num_workers": -1}, "num_workers option should be non-negative"),
    ({"persistent_workers": True}, "persistent_workers option needs num_workers > 0"),
])
def test_loader_options_are_checked_as_pytorch_checks_them(kwargs: dict, message: str):
    with pytest.raises(ValueError, match=re.escape(message)):
        DataLoader(xy(3), **kwargs)


def test_shuffling_an_empty_dataset_fails_at_construction():
    empty = TensorDataset(engine.zeros(0, 2))
    assert list(DataLoader(empty)) == [] and len(DataLoader(empty)) == 0
    with pytest.raises(ValueError, match="num_samples should be a positive integer value"):
        DataLoader(empty, shuffle=True)


# ---- the same deterministic loading in PyTorch --------------------------------------------------
def _plain(x: Any) -> Any:
    """A loader's output as plain data both libraries print alike: tensors as (dtype, list)."""
    if hasattr(x, "tolist") and hasattr(x, "dtype") and not isinstance(x, np.ndarray):
        return (str(x.dtype), tuple(x.shape), x.tolist())
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, [_plain(v) for v in x])
    return x


def _outcome(make: Callable[[], Any]) -> Any:
    try:
        return _plain(make())
    except Exception as exc:  # noqa: BLE001 - the error is the outcome compared
        return (type(exc).__name__, str(exc))


class _Records:
    """A map-style dataset of mixed samples (numbers, numpy, strings, nested containers)."""

    def __init__(self, L: Any) -> None:
        self.L = L

    def __len__(self) -> int:
        return 5

    def __getitem__(self, i: int) -> dict:
        return {"x": self.L.tensor([i, -i], dtype=self.L.float32), "w": i / 4, "k": i,
                "flag": i % 2 == 0, "arr": np.full(2, i, dtype=np.float32), "name": f"s{i}",
                "pair": (i, float(i)), "pt": Point(np.int64(i), np.float64(i))}


CASES: dict[str, Callable[[Any], Any]] = {
    "tensor_dataset": lambda L: list(L.utils.data.DataLoader(
        L.utils.data.TensorDataset(L.arange(14.0).reshape(7, 2), L.arange(7)), batch_size=3)),
    "drop_last": lambda L: list(L.utils.data.DataLoader(
        L.utils.data.TensorDataset(L.arange(7.0)), batch_size=2, drop_last=True)),
    "len": lambda L: [len(L.utils.data.DataLoader(range(n), batch_size=b, drop_last=d))
                      for n in (0, 1, 6, 7) for b in (1, 3, None) for d in (False, True)
                      if not (b is None and d)],
    "records": lambda L: list(L.utils.data.DataLoader(_Records(L), batch_size=2)),
    "records_unbatched": lambda L: list(L.utils.data.DataLoader(_Records(L), batch_size=None)),
    "numbers": lambda L: list(L.utils.data.DataLoader([0.5, 1, True, 2.5], batch_size=2)),
    "numpy_rows": lambda L: list(L.utils.data.DataLoader(np.eye(3), batch_size=2)),
    "tensor_rows": lambda L: list(L.utils.data.DataLoader(L.arange(6).reshape(3, 2), batch_size=2)),
    "subset_concat": lambda L: list(L.utils.data.DataLoader(
        L.utils.data.Subset(L.utils.data.TensorDataset(L.arange(10)), [9, 1, 5])
        + L.utils.data.TensorDataset(L.arange(3)),
        batch_size=4)),
    "split_sizes": lambda L: [[len(p) for p in L.utils.data.random_split(range(n), lengths)]
                              for n in (7, 10, 11)
                              for lengths in ([0.2, 0.2, 0.6], [0.5, 0.5], [1 / 3] * 3, [1])],
    "split_error": lambda L: L.utils.data.random_split(range(5), [2, 2]),
    "fraction_error": lambda L: L.utils.data.random_split(range(5), [1.2, -0.2]),
    "size_mismatch": lambda L: L.utils.data.TensorDataset(L.zeros(3), L.zeros(4)),
    "collate_none": lambda L: L.utils.data.default_collate([None, None]),
    "collate_str_array": lambda L: L.utils.data.default_collate([np.array(["a"])] * 2),
    "ragged": lambda L: list(L.utils.data.DataLoader([[1, 2], [3]], batch_size=2)),
    "concat_index": lambda L: (L.utils.data.TensorDataset(L.arange(2)) +
                               L.utils.data.TensorDataset(L.arange(2)))[-5],
    "bad_batch_size": lambda L: L.utils.data.DataLoader(range(3), batch_size=-1),
}


@pytest.mark.torch
@pytest.mark.parametrize("name", sorted(CASES))
def test_deterministic_loading_matches_pytorch(name: str):
    torch = pytest.importorskip("torch")
    import torch.utils.data  # noqa: F401  (binds torch.utils.data on the real torch)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert _outcome(lambda: CASES[name](engine)) == _outcome(lambda: CASES[name](torch))


# ---- torch.utils.data through the alias, loaded lazily ------------------------------------------
def test_import_engine_leaves_utils_unloaded_until_first_use(fresh_python):
    proc = fresh_python("""
        import sys
        import engine
        print("engine.utils" in sys.modules)
        print(engine.utils.data.DataLoader.__name__, "engine.utils.data" in sys.modules)
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "DataLoader", "True"]


def test_every_torch_utils_data_import_form_resolves_to_the_engine(fresh_python):
    proc = fresh_python("""
        import engine, engine.torch_alias as alias
        alias.install()
        import torch
        import torch.utils.data as data
        from torch.utils.data import DataLoader, TensorDataset, Dataset, random_split, Subset
        from torch.utils.data.dataset import Dataset as D2
        from torch.utils.data.dataloader import DataLoader as DL2, default_collate
        assert data is engine.utils.data and torch.utils.data.DataLoader is DataLoader is DL2
        assert Dataset is D2 and default_collate is data.default_collate
        loader = DataLoader(TensorDataset(torch.ones(4, 2)), batch_size=2)
        print(type(loader), type(loader.dataset))
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ("<class 'torch.utils.data.dataloader.DataLoader'> "
                                   "<class 'torch.utils.data.dataset.TensorDataset'>")
