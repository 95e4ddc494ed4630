"""`torch.nn.utils.rnn`: padding variable-length sequences into one tensor and packing them into
a PackedSequence, which nn.RNN / LSTM / GRU run step by step over only the real elements.

Gradients flow through every conversion with the nodes torch reports: pack_padded_sequence's
data is PackPaddedSequenceBackward0 (its own node, as in torch), padding writes into a filled
tensor (CopySlices, as ATen's pad_sequence / _pad_packed_sequence copy into slices), and the
reordering of unsorted batches is index_select (IndexSelectBackward0).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple, Optional, Union

import numpy as np

from ... import Tensor, arange, as_tensor, float32, float64, full, int32, int64, sort
from ...autograd.node import Node
from ...ops._core import broadcast_error
from ...ops.index import LEAF_INPLACE_MESSAGE, index_scatter
from ...ops.shape import TransposeBackward1
from ...tensor import bump_version, record

__all__ = ["PackedSequence", "invert_permutation", "pack_padded_sequence", "pad_packed_sequence",
           "pad_sequence", "unpad_sequence", "pack_sequence", "unpack_sequence"]


class PackedSequence_(NamedTuple):
    data: Tensor
    batch_sizes: Tensor
    sorted_indices: Optional[Tensor]
    unsorted_indices: Optional[Tensor]


class PackedSequence(PackedSequence_):
    """A batch of sequences stored time step by time step: `data` holds step 0 of every
    sequence, then step 1 of those still running, ...; `batch_sizes[t]` says how many sequences
    run at step t (sorted longest first); `sorted_indices` / `unsorted_indices` map between that
    order and the batch's own order (None when the batch came already sorted)."""

    def __new__(cls, data: Any, batch_sizes: Optional[Tensor] = None,
                sorted_indices: Optional[Tensor] = None,
                unsorted_indices: Optional[Tensor] = None) -> "PackedSequence":
        if unsorted_indices is None:
            unsorted_indices = invert_permutation(sorted_indices)
        if batch_sizes is None:  # PackedSequence((data, batch_sizes), sorted_indices=...)
            if not (isinstance(data, (list, tuple)) and len(data) == 2):
                raise AssertionError("Expected data to be a list or tuple of length 2")
            data, batch_sizes = data
        return super().__new__(cls, data, batch_sizes, sorted_indices, unsorted_indices)

    def to(self, *args: Any, **kwargs: Any) -> "PackedSequence":
        """`data` converted (batch_sizes and the indices stay int64); self when unchanged."""
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        return type(self)(data, self.batch_sizes, self.sorted_indices, self.unsorted_indices)

    def cpu(self, *args: Any, **kwargs: Any) -> "PackedSequence":
        return self.to(*args, **kwargs)

    def double(self) -> "PackedSequence":
        return self.to(dtype=float64)

    def float(self) -> "PackedSequence":
        return self.to(dtype=float32)

    def long(self) -> "PackedSequence":
        return self.to(dtype=int64)

    def int(self) -> "PackedSequence":
        return self.to(dtype=int32)

    @property
    def is_cuda(self) -> bool:
        return False


def invert_permutation(permutation: Optional[Tensor]) -> Optional[Tensor]:
    """The permutation that undoes `permutation` (None stays None)."""
    if permutation is None:
        return None
    inverse = np.empty_like(permutation._data)
    inverse[permutation._data] = np.arange(permutation._data.size)
    return as_tensor(inverse)


# ---------------------------------------------------------------------------------------------
# Packing
# ---------------------------------------------------------------------------------------------
class PackPaddedSequenceBackward0(Node):
    def backward(self, g):
        shape, positions = self.args
        return (index_scatter(g, shape, positions, True),)


def _pack_padded(input: Tensor, lengths: np.ndarray, batch_first: bool) -> tuple[Tensor, Tensor]:
    """ATen's _pack_padded_sequence: the checks, then input[t, b] for every step t and every
    sequence b still running at t, step by step."""
    if input.numel() == 0:
        raise RuntimeError("Cannot pack empty tensors.")
    batch_size = input.size(0 if batch_first else 1)
    if lengths.shape[0] != batch_size:
        raise RuntimeError(f"Expected `len(lengths)` to be equal to batch_size, but got "
                           f"{lengths.shape[0]} (batch_size={batch_size})")
    if lengths[-1] <= 0:
        raise RuntimeError("Length of all samples has to be greater than 0, but found an element "
                           "in 'lengths' that is <= 0")
    if np.any(lengths[1:] > lengths[:-1]):
        raise RuntimeError("`lengths` array must be sorted in decreasing order when "
                           "`enforce_sorted` is True. You can pass `enforce_sorted=False` to "
                           "pack_padded_sequence and/or pack_sequence to sidestep this "
                           "requirement if you do not need ONNX exportability.")
    max_length = input.size(1 if batch_first else 0)
    if lengths[0] > max_length:
        # torch reads past the padded tensor here and builds an inconsistent PackedSequence
        raise RuntimeError(f"Expected every length to be at most the padded length "
                           f"{max_length}, but got {int(lengths[0])}")
    batch_sizes = (lengths[None, :] > np.arange(lengths[0])[:, None]).sum(1).astype(np.int64)
    steps = np.repeat(np.arange(batch_sizes.size), batch_sizes)
    rows = np.concatenate([np.arange(n) for n in batch_sizes])
    positions = (rows, steps) if batch_first else (steps, rows)
    data = record(PackPaddedSequenceBackward0, input._data[positions], (input,), None,
                  (input._data.shape, positions))
    return data, as_tensor(batch_sizes)


def pack_padded_sequence(input: Tensor, lengths: Union[Tensor, list[int]],
                         batch_first: bool = False, enforce_sorted: bool = True) -> PackedSequence:
    """Pack a padded (T, B, *) batch ((B, T, *) with batch_first) whose sequence b is
    lengths[b] long. With enforce_sorted the lengths must be decreasing; otherwise the batch is
    sorted first and the PackedSequence remembers the order."""
    if isinstance(lengths, Tensor):
        lengths = lengths.to(dtype=int64)
    else:
        lengths = as_tensor(lengths, dtype=int64)
    sorted_indices = None
    if not enforce_sorted:
        lengths, sorted_indices = sort(lengths, descending=True)
        input = input.index_select(0 if batch_first else 1, sorted_indices)
    data, batch_sizes = _pack_padded(input, np.atleast_1d(lengths._data), batch_first)
    return PackedSequence(data, batch_sizes, sorted_indices, None)


def pack_sequence(sequences: list[Tensor], enforce_sorted: bool = True) -> PackedSequence:
    """Pack a list of (L_i, *) sequences (longest first unless enforce_sorted=False)."""
    lengths = as_tensor([v.size(0) for v in sequences])
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)


# ---------------------------------------------------------------------------------------------
# Padding
# ---------------------------------------------------------------------------------------------
def _copy_into(out: Tensor, index: tuple, value: Tensor) -> None:
    """out[index] = value, with torch's copy_ message when the shapes cannot broadcast."""
    slot = out._data[index].shape
    try:
        np.broadcast_shapes(tuple(value.shape), slot)
    except ValueError:
        raise broadcast_error(slot, tuple(value.shape)) from None
    out[index] = value


def pad_packed_sequence(sequence: PackedSequence, batch_first: bool = False,
                        padding_value: float = 0.0, total_length: Optional[int] = None
                        ) -> tuple[Tensor, Tensor]:
    """Undo pack_padded_sequence: the padded (T, B, *) tensor ((B, T, *) with batch_first),
    T = total_length if given, and each sequence's length, in the batch's original order."""
    batch_sizes = sequence.batch_sizes._data.tolist()
    max_seq_length = len(batch_sizes)
    if total_length is not None:
        if total_length < max_seq_length:
            raise ValueError("Expected total_length to be at least the length of the longest "
                             f"sequence in input, but got total_length={total_length} and max "
                             f"sequence length being {max_seq_length}")
        max_seq_length = total_length
    data = sequence.data
    rest = tuple(data.shape[1:])
    output = full((max_seq_length, batch_sizes[0]) + rest, padding_value, dtype=data.dtype)
    # Copy block by block, a block being the steps with one batch size (ATen's loop).
    offset, start = 0, 0
    for t in range(1, len(batch_sizes) + 1):
        if t == len(batch_sizes) or batch_sizes[t] != batch_sizes[start]:
            size = batch_sizes[start]
            block = data[offset:offset + size * (t - start)].view((t - start, size) + rest)
            _copy_into(output, (slice(start, t), slice(0, size)), block)
            offset += size * (t - start)
            start = t
    counts = np.asarray(batch_sizes, dtype=np.int64)
    lengths = as_tensor((counts[None, :] > np.arange(batch_sizes[0])[:, None]).sum(1))
    if batch_first:
        output = output.transpose(0, 1)
    if sequence.unsorted_indices is not None:
        return (output.index_select(0 if batch_first else 1, sequence.unsorted_indices),
                lengths[sequence.unsorted_indices])
    return output, lengths


def pad_sequence(sequences: Union[Tensor, Iterable[Tensor]], batch_first: bool = False,
                 padding_value: float = 0.0, padding_side: str = "right") -> Tensor:
    """Stack (L_i, *) sequences into a (T, B, *) tensor ((B, T, *) with batch_first), T the
    longest length, filling the rest with padding_value on the right (or left) side."""
    if not isinstance(sequences, Iterable):
        raise RuntimeError("pad_sequence: Expected iterable for input sequences, but got arg of "
                           f"type: {type(sequences)}")
    sequences = tuple(sequences)
    if not sequences:
        raise RuntimeError("received an empty list of sequences")
    max_len = max(s.size(0) for s in sequences)
    trailing = tuple(sequences[0].shape[1:])
    count = len(sequences)
    shape = ((count, max_len) if batch_first else (max_len, count)) + trailing
    out = full(shape, padding_value, dtype=sequences[0].dtype)
    if padding_side not in ("left", "right"):
        raise RuntimeError(f"Expected padding_side to be one of left or right, but got "
                           f"{padding_side}.")
    for i, seq in enumerate(sequences):
        length = seq.size(0)
        start = max_len - length if padding_side == "left" else 0
        steps = slice(start, start + length)
        _copy_into(out, (i, steps) if batch_first else (steps, i), seq)
    return out


def unpad_sequence(padded_sequences: Tensor, lengths: Tensor,
                   batch_first: bool = False) -> list[Tensor]:
    """Split a padded batch back into its sequences, sequence b cut to lengths[b].

    As torch does, a time-major `padded_sequences` is transposed in place (the caller's tensor
    becomes batch-major)."""
    if not batch_first:
        _transpose01_inplace(padded_sequences)
    max_length = padded_sequences.shape[1]
    idx = arange(max_length, device=lengths.device)
    return [seq[idx < length] for seq, length in zip(padded_sequences, lengths)]


def unpack_sequence(packed_sequences: PackedSequence) -> list[Tensor]:
    """The list of sequences a PackedSequence holds, in the batch's original order."""
    padded_sequences, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded_sequences, lengths, batch_first=True)


def _transpose01_inplace(x: Tensor) -> None:
    """torch's `x.transpose_(0, 1)`: x itself becomes the transposed view (TransposeBackward1),
    refused on a leaf that requires grad as every in-place op is."""
    if x.grad_fn is None and x.requires_grad:
        raise RuntimeError(LEAF_INPLACE_MESSAGE)
    r = record(TransposeBackward1, np.swapaxes(x._data, 0, 1), (x,), None, (0, 1))
    if r.grad_fn is not None:
        x.grad_fn = r.grad_fn
    x._strided = x._strided or not r._data.flags.c_contiguous  # `.view` then fails as in torch
    x._data = r._data
    bump_version(x)
