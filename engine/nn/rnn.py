"""Recurrent layers: RNN, LSTM, GRU and their single-step cells.

Composed from differentiable engine ops (linear, sigmoid/tanh/relu, chunk, unbind, stack, cat),
in the order PyTorch's CPU kernels (aten/src/ATen/native/RNN.cpp) compose them, so autograd
needs no rule of its own and the output's grad_fn is the node torch reports where torch composes
too: StackBackward0 for a layer's output and for h_n, CatBackward0 for a bidirectional output,
SqueezeBackward1 for unbatched input, TanhBackward0 / MulBackward0 / AddBackward0 for the cells.
A PackedSequence input runs as torch's packed layers do (CatBackward0 for the output's data,
StackBackward0 or IndexSelectBackward0 for h_n), each sequence stopping at its own length.
Parameters carry torch's names and order (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0,
`_reverse` for the backward direction; gates i,f,g,o for LSTM and r,z,n for GRU), so weights
copied from a torch model line up.
"""
from __future__ import annotations

import math
import numbers
import warnings
from typing import Optional, Union

import numpy as np

from .. import Tensor, cat, empty, relu, sigmoid, stack, tanh, zeros
from ..autograd.node import Node
from ..ops.shape import _strided
from ..tensor import record
from . import functional as F
from . import init
from .module import Module
from .parameter import Parameter
from .utils.rnn import PackedSequence

_HiddenState = Union[Tensor, tuple[Tensor, Tensor]]


class TransposeBackward1(Node):
    """The node of torch's in-place `transpose_(0, 1)`, with which its RNN/GRU kernels turn a
    batch_first output around."""

    def backward(self, g):
        return (g.transpose(0, 1),)


def _transpose01_(x: Tensor) -> Tensor:
    """x with dims 0 and 1 swapped (a strided view, as torch's), recorded as transpose_."""
    return _strided(record(TransposeBackward1, np.swapaxes(x._data, 0, 1), (x,)), x)


# ---------------------------------------------------------------------------------------------
# One time step. `gi` is the input's projection x W_ih^T + b_ih, which the sequence layers
# compute for all steps at once (as torch does on CPU) and the cells per call.
# ---------------------------------------------------------------------------------------------
def _rnn_step(gi: Tensor, h: Tensor, w_hh: Tensor, b_hh: Optional[Tensor],
              nonlinearity: str) -> Tensor:
    pre = F.linear(h, w_hh, b_hh) + gi
    return tanh(pre) if nonlinearity == "tanh" else relu(pre)


def _lstm_step(gi: Tensor, state: tuple[Tensor, Tensor], w_hh: Tensor, b_hh: Optional[Tensor],
               w_hr: Optional[Tensor] = None) -> tuple[Tensor, Tensor]:
    h, c = state
    i, f, g, o = (F.linear(h, w_hh, b_hh) + gi).chunk(4, 1)
    c_new = sigmoid(f) * c + sigmoid(i) * tanh(g)
    h_new = sigmoid(o) * tanh(c_new)
    if w_hr is not None:
        h_new = h_new.matmul(w_hr.t())
    return h_new, c_new


def _gru_step(gi: Tensor, h: Tensor, w_hh: Tensor, b_hh: Optional[Tensor]) -> Tensor:
    i_r, i_z, i_n = gi.chunk(3, 1)
    h_r, h_z, h_n = F.linear(h, w_hh, b_hh).chunk(3, 1)
    r = sigmoid(h_r + i_r)
    z = sigmoid(h_z + i_z)
    n = tanh(i_n + h_n * r)
    return (h - n) * z + n


def _narrow_state(state: _HiddenState, start: int, length: int) -> _HiddenState:
    """Rows start .. start + length of a state (both h and c for an LSTM)."""
    if isinstance(state, tuple):
        return tuple(s.narrow(0, start, length) for s in state)
    return state.narrow(0, start, length)


def _cat_states(states: list[_HiddenState]) -> _HiddenState:
    if isinstance(states[0], tuple):
        return tuple(cat(list(parts), 0) for parts in zip(*states))
    return cat(states, 0)


def _permute(state: _HiddenState, permutation: Tensor) -> _HiddenState:
    """A (layers, batch, H) state (or (h, c)) with its batch reordered (torch's permute_hidden)."""
    if isinstance(state, tuple):
        return tuple(s.index_select(1, permutation) for s in state)
    return state.index_select(1, permutation)


# ---------------------------------------------------------------------------------------------
# Multi-layer sequence modules
# ---------------------------------------------------------------------------------------------
class RNNBase(Module):
    """What RNN, LSTM and GRU share: parameters per layer and direction, argument checks,
    unbatched and batch_first handling, the layer loop with dropout between layers."""

    _input_dim_message: str  # torch's words differ per class

    def __init__(self, mode: str, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, dropout: float = 0.0,
                 bidirectional: bool = False, proj_size: int = 0, device: object = None,
                 dtype: object = None) -> None:
        super().__init__()
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        if (not isinstance(dropout, numbers.Number) or isinstance(dropout, bool)
                or not 0 <= dropout <= 1):
            raise ValueError("dropout should be a number in range [0, 1] representing the "
                             "probability of an element being zeroed")
        if dropout > 0 and num_layers == 1:
            warnings.warn("dropout option adds dropout after all but last recurrent layer, so "
                          "non-zero dropout expects num_layers greater than 1, but got "
                          f"dropout={dropout} and num_layers={num_layers}", stacklevel=3)
        for name, value, kind in (("bias", bias, bool), ("batch_first", batch_first, bool),
                                  ("input_size", input_size, int),
                                  ("hidden_size", hidden_size, int)):
            if not isinstance(value, kind):
                raise TypeError(f"{name} should be of type {kind.__name__}, got: "
                                f"{type(value).__name__}")
            if kind is int and value <= 0:
                raise ValueError(f"{name} must be greater than zero")
        if num_layers <= 0:
            raise ValueError("num_layers must be greater than zero")
        if proj_size < 0:
            raise ValueError("proj_size should be a positive integer or zero to disable "
                             "projections")
        if proj_size >= hidden_size:
            raise ValueError("proj_size has to be smaller than hidden_size")
        gates = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}
        if mode not in gates:
            raise ValueError("Unrecognized RNN mode: " + mode)
        gate_size = gates[mode] * hidden_size
        real_hidden = proj_size if proj_size > 0 else hidden_size
        num_directions = 2 if bidirectional else 1
        kwargs = {} if dtype is None else {"dtype": dtype}
        self._flat_weights_names: list[str] = []
        self._all_weights: list[list[str]] = []
        for layer in range(num_layers):
            layer_input = input_size if layer == 0 else real_hidden * num_directions
            for direction in range(num_directions):
                suffix = f"_l{layer}" + ("_reverse" if direction == 1 else "")
                shapes = [("weight_ih", (gate_size, layer_input)),
                          ("weight_hh", (gate_size, real_hidden))]
                if bias:
                    shapes += [("bias_ih", (gate_size,)), ("bias_hh", (gate_size,))]
                if proj_size > 0:
                    shapes += [("weight_hr", (proj_size, hidden_size))]
                names = []
                for name, shape in shapes:
                    setattr(self, name + suffix, Parameter(empty(shape, **kwargs)))
                    names.append(name + suffix)
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def flatten_parameters(self) -> None:
        """A cuDNN memory-layout call in torch; the engine has nothing to flatten."""

    @property
    def all_weights(self) -> list[list[Parameter]]:
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    # ---- argument checks, with torch's messages ----------------------------------------------
    def _expected_hidden_size(self, input: Tensor, size: int) -> tuple[int, int, int]:
        batch = input.size(0) if self.batch_first else input.size(1)
        return (self.num_layers * (2 if self.bidirectional else 1), batch, size)

    def _check_input(self, input: Tensor, packed: bool = False) -> None:
        weight = getattr(self, self._flat_weights_names[0])
        if input.dtype != weight.dtype:
            raise ValueError(f"RNN input dtype ({input.dtype}) does not match weight dtype "
                             f"({weight.dtype}). Convert input: input.to({weight.dtype}), or "
                             f"convert model: model.to({input.dtype})")
        expected_dim = 2 if packed else 3
        if input.dim() != expected_dim:
            raise RuntimeError(f"input must have {expected_dim} dimensions, got {input.dim()}")
        if self.input_size != input.size(-1):
            raise RuntimeError(f"input.size(-1) must be equal to input_size. Expected "
                               f"{self.input_size}, got {input.size(-1)}")

    @staticmethod
    def _check_hidden_size(hx: Tensor, expected: tuple[int, int, int],
                           msg: str = "Expected hidden size {}, got {}") -> None:
        if tuple(hx.shape) != expected:
            raise RuntimeError(msg.format(expected, list(hx.shape)))

    def extra_repr(self) -> str:
        s = "{input_size}, {hidden_size}"
        if self.proj_size != 0:
            s += ", proj_size={proj_size}"
        if self.num_layers != 1:
            s += ", num_layers={num_layers}"
        if self.bias is not True:
            s += ", bias={bias}"
        if self.batch_first is not False:
            s += ", batch_first={batch_first}"
        if self.dropout != 0:
            s += ", dropout={dropout}"
        if self.bidirectional is not False:
            s += ", bidirectional={bidirectional}"
        return s.format(**self.__dict__)

    # ---- the computation -----------------------------------------------------------------------
    def _step(self, gi: Tensor, state: _HiddenState, weights: dict) -> _HiddenState:
        raise NotImplementedError

    def _layer(self, input: Tensor, state: _HiddenState, weights: dict,
               reverse: bool) -> tuple[Tensor, _HiddenState]:
        """One direction of one layer over a (L, N, H_in) input: the (L, N, H_out) outputs and
        the final state."""
        steps = F.linear(input, weights["weight_ih"], weights.get("bias_ih")).unbind(0)
        if reverse:
            steps = steps[::-1]
        outputs = []
        for gi in steps:
            state = self._step(gi, state, weights)
            outputs.append(state[0] if isinstance(state, tuple) else state)
        if reverse:
            outputs.reverse()
        if not outputs:
            raise RuntimeError("Expected sequence length to be larger than 0 in RNN")
        return stack(outputs, 0), state

    def _packed_layer(self, data: Tensor, batch_sizes: list[int], state: _HiddenState,
                      weights: dict, reverse: bool) -> tuple[Tensor, _HiddenState]:
        """One direction of one layer over packed data, as torch's PackedLayer /
        ReversedPackedLayer: each step runs only the sequences still going (the first
        batch_sizes[t] rows of the state), so each final state is taken at its sequence's own
        end. Forward, the rows of sequences that end are set aside and concatenated at the end;
        backward, the steps start from the shortest batch and grow by the initial states of
        sequences that join."""
        gi = F.linear(data, weights["weight_ih"], weights.get("bias_ih"))
        offsets = np.concatenate([[0], np.cumsum(batch_sizes)]).tolist()
        outputs = []
        if not reverse:
            finished = []
            last = batch_sizes[0]
            for t, size in enumerate(batch_sizes):
                if size < last:
                    finished.append(_narrow_state(state, size, last - size))
                    state = _narrow_state(state, 0, size)
                last = size
                state = self._step(gi.narrow(0, offsets[t], size), state, weights)
                outputs.append(state[0] if isinstance(state, tuple) else state)
            finished.append(state)
            final = _cat_states(finished[::-1])
        else:
            initial = state
            last = batch_sizes[-1]
            state = _narrow_state(initial, 0, last)
            for t in reversed(range(len(batch_sizes))):
                size = batch_sizes[t]
                if size > last:
                    state = _cat_states([state, _narrow_state(initial, last, size - last)])
                last = size
                state = self._step(gi.narrow(0, offsets[t], size), state, weights)
                outputs.append(state[0] if isinstance(state, tuple) else state)
            outputs.reverse()
            final = state
        return cat(outputs, 0), final

    def _run(self, input: Tensor, states: list[_HiddenState],
             batch_sizes: Optional[list[int]] = None) -> tuple[Tensor, list]:
        """All layers over a time-major input, or over a PackedSequence's data when
        `batch_sizes` is given; `states` holds one initial state per layer and direction, the
        result one final state each, in the same (h_n) order."""
        num_directions = 2 if self.bidirectional else 1
        finals = []
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(num_directions):
                index = layer * num_directions + direction
                suffix = f"_l{layer}" + ("_reverse" if direction == 1 else "")
                weights = {name[:-len(suffix)]: getattr(self, name)
                           for name in self._all_weights[index]}
                if batch_sizes is None:
                    out, final = self._layer(input, states[index], weights, direction == 1)
                else:
                    out, final = self._packed_layer(input, batch_sizes, states[index], weights,
                                                    direction == 1)
                outputs.append(out)
                finals.append(final)
            input = outputs[0] if num_directions == 1 else cat(outputs, -1)
            if self.dropout != 0 and self.training and layer < self.num_layers - 1:
                input = F.dropout(input, self.dropout, True)
        return input, finals

    def _forward_packed(self, packed: PackedSequence, hx: Optional[_HiddenState]
                        ) -> tuple[PackedSequence, _HiddenState]:
        """torch's PackedSequence path: a given hx (in the batch's own order) is put in the
        packed, longest-first order, and the final states are put back in the batch's order."""
        data, batch_sizes, sorted_indices, unsorted_indices = packed
        sizes = batch_sizes._data.tolist()
        lstm = self.mode == "LSTM"
        real_hidden = self.proj_size if self.proj_size > 0 else self.hidden_size
        shape = (self.num_layers * (2 if self.bidirectional else 1), sizes[0])
        if hx is None:
            h = zeros(shape + (real_hidden,), dtype=data.dtype)
            hx = (h, zeros(shape + (self.hidden_size,), dtype=data.dtype)) if lstm else h
        elif sorted_indices is not None:
            hx = _permute(hx, sorted_indices)
        self._check_input(data, packed=True)
        if lstm:
            self._check_hidden_size(hx[0], shape + (real_hidden,),
                                    "Expected hidden[0] size {}, got {}")
            self._check_hidden_size(hx[1], shape + (self.hidden_size,),
                                    "Expected hidden[1] size {}, got {}")
            states = list(zip(hx[0].unbind(0), hx[1].unbind(0)))
        else:
            self._check_hidden_size(hx, shape + (self.hidden_size,))
            states = list(hx.unbind(0))
        output, finals = self._run(data, states, sizes)
        if lstm:
            hidden = (stack([h for h, _ in finals], 0), stack([c for _, c in finals], 0))
        else:
            hidden = stack(finals, 0)
        if unsorted_indices is not None:
            hidden = _permute(hidden, unsorted_indices)
        return PackedSequence(output, batch_sizes, sorted_indices, unsorted_indices), hidden

    def _prepare(self, input: Tensor) -> tuple[Tensor, bool, int]:
        if input.dim() not in (2, 3):
            raise ValueError(self._input_dim_message.format(input.dim()))
        batch_dim = 0 if self.batch_first else 1
        is_batched = input.dim() == 3
        return (input if is_batched else input.unsqueeze(batch_dim)), is_batched, batch_dim

    def _time_major(self, input: Tensor) -> Tensor:
        return input.transpose(0, 1) if self.batch_first else input

    def _zeros(self, input: Tensor, size: int) -> Tensor:
        return zeros(self._expected_hidden_size(input, size), dtype=input.dtype)


class _SingleStateRNN(RNNBase):
    """RNN and GRU: one hidden state tensor (torch's `_rnn_impl_with_concat`)."""

    def forward(self, input: Union[Tensor, PackedSequence], hx: Optional[Tensor] = None
                ) -> tuple[Union[Tensor, PackedSequence], Tensor]:
        if isinstance(input, PackedSequence):
            return self._forward_packed(input, hx)
        input, is_batched, batch_dim = self._prepare(input)
        if hx is not None:
            if not is_batched and hx.dim() != 2:
                raise RuntimeError(f"For unbatched 2-D input, hx should also be 2-D but got "
                                   f"{hx.dim()}-D tensor")
            if is_batched and hx.dim() != 3:
                raise RuntimeError(f"For batched 3-D input, hx should also be 3-D but got "
                                   f"{hx.dim()}-D tensor")
            if not is_batched:
                hx = hx.unsqueeze(1)
        else:
            hx = self._zeros(input, self.hidden_size)
        self._check_input(input)
        self._check_hidden_size(hx, self._expected_hidden_size(input, self.hidden_size))
        output, finals = self._run(self._time_major(input), list(hx.unbind(0)))
        if self.batch_first:
            output = _transpose01_(output)
        hidden = stack(finals, 0)
        if not is_batched:
            return output.squeeze(batch_dim), hidden.squeeze(1)
        return output, hidden


class RNN(_SingleStateRNN):
    """Elman RNN: h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh) (or relu)."""

    _input_dim_message = "RNN: Expected input to be 2D or 3D, got {}D tensor instead"

    def __init__(self, *args: object, **kwargs: object) -> None:
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if len(args) > 3:
            self.nonlinearity = args[3]
            args = args[:3] + args[4:]
        else:
            self.nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if self.nonlinearity == "tanh":
            mode = "RNN_TANH"
        elif self.nonlinearity == "relu":
            mode = "RNN_RELU"
        else:
            raise ValueError(f"Unknown nonlinearity '{self.nonlinearity}'. Select from 'tanh' "
                             "or 'relu'.")
        super().__init__(mode, *args, **kwargs)

    def _step(self, gi: Tensor, state: Tensor, weights: dict) -> Tensor:
        return _rnn_step(gi, state, weights["weight_hh"], weights.get("bias_hh"),
                         self.nonlinearity)


class GRU(_SingleStateRNN):
    """Gated recurrent unit, gates r, z, n: h_t = (1 - z) * n + z * h_{t-1}."""

    _input_dim_message = "GRU: Expected input to be 2D or 3D, got {}D instead"

    def __init__(self, *args: object, **kwargs: object) -> None:
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        super().__init__("GRU", *args, **kwargs)

    def _step(self, gi: Tensor, state: Tensor, weights: dict) -> Tensor:
        return _gru_step(gi, state, weights["weight_hh"], weights.get("bias_hh"))


class LSTM(RNNBase):
    """Long short-term memory, gates i, f, g, o; returns (output, (h_n, c_n)).

    torch runs float32 LSTMs through a fused oneDNN kernel, whose single-direction output
    reports MkldnnRnnLayerBackward0; the composition here reports StackBackward0 there, as
    torch's own composition (float64) does."""

    _input_dim_message = "LSTM: Expected input to be 2D or 3D, got {}D instead"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__("LSTM", *args, **kwargs)

    def _step(self, gi: Tensor, state: tuple[Tensor, Tensor],
              weights: dict) -> tuple[Tensor, Tensor]:
        return _lstm_step(gi, state, weights["weight_hh"], weights.get("bias_hh"),
                          weights.get("weight_hr"))

    def forward(self, input: Union[Tensor, PackedSequence],
                hx: Optional[tuple[Tensor, Tensor]] = None
                ) -> tuple[Union[Tensor, PackedSequence], tuple[Tensor, Tensor]]:
        if isinstance(input, PackedSequence):
            return self._forward_packed(input, hx)
        input, is_batched, batch_dim = self._prepare(input)
        real_hidden = self.proj_size if self.proj_size > 0 else self.hidden_size
        if hx is None:
            hx = (self._zeros(input, real_hidden), self._zeros(input, self.hidden_size))
        else:
            h, c = hx
            if is_batched and (h.dim() != 3 or c.dim() != 3):
                raise RuntimeError(f"For batched 3-D input, hx and cx should also be 3-D but got "
                                   f"({h.dim()}-D, {c.dim()}-D) tensors")
            if not is_batched:
                if h.dim() != 2 or c.dim() != 2:
                    raise RuntimeError(f"For unbatched 2-D input, hx and cx should also be 2-D "
                                       f"but got ({h.dim()}-D, {c.dim()}-D) tensors")
                hx = (h.unsqueeze(1), c.unsqueeze(1))
        self._check_input(input)
        self._check_hidden_size(hx[0], self._expected_hidden_size(input, real_hidden),
                                "Expected hidden[0] size {}, got {}")
        self._check_hidden_size(hx[1], self._expected_hidden_size(input, self.hidden_size),
                                "Expected hidden[1] size {}, got {}")
        states = list(zip(hx[0].unbind(0), hx[1].unbind(0)))
        output, finals = self._run(self._time_major(input), states)
        if self.batch_first:
            output = output.transpose(0, 1)  # torch's LSTM transposes out of place
        h_n = stack([h for h, _ in finals], 0)
        c_n = stack([c for _, c in finals], 0)
        if not is_batched:
            return output.squeeze(batch_dim), (h_n.squeeze(1), c_n.squeeze(1))
        return output, (h_n, c_n)


# ---------------------------------------------------------------------------------------------
# Cells: one time step, (N, H_in) or unbatched (H_in,) input
# ---------------------------------------------------------------------------------------------
class RNNCellBase(Module):
    def __init__(self, input_size: int, hidden_size: int, bias: bool, num_chunks: int,
                 device: object = None, dtype: object = None) -> None:
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        kwargs = {} if dtype is None else {"dtype": dtype}
        self.weight_ih = Parameter(empty((num_chunks * hidden_size, input_size), **kwargs))
        self.weight_hh = Parameter(empty((num_chunks * hidden_size, hidden_size), **kwargs))
        if bias:
            self.bias_ih = Parameter(empty(num_chunks * hidden_size, **kwargs))
            self.bias_hh = Parameter(empty(num_chunks * hidden_size, **kwargs))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def extra_repr(self) -> str:
        s = "{input_size}, {hidden_size}"
        if "bias" in self.__dict__ and self.bias is not True:
            s += ", bias={bias}"
        if "nonlinearity" in self.__dict__ and self.nonlinearity != "tanh":
            s += ", nonlinearity={nonlinearity}"
        return s.format(**self.__dict__)

    def reset_parameters(self) -> None:
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def _batched(self, input: Tensor, hidden: tuple, name: str, what: str
                 ) -> tuple[Tensor, tuple, bool]:
        """Input and hidden tensors as (N, ...) batches, checked as torch checks them; `what`
        names a hidden tensor in torch's dimension message ("{}" gets its index)."""
        if input.dim() not in (1, 2):
            raise ValueError(f"{name}: Expected input to be 1D or 2D, got {input.dim()}D instead")
        for i, h in enumerate(hidden):
            if h is not None and h.dim() not in (1, 2):
                raise ValueError(f"{name}: Expected {what.format(i)} to be 1D or 2D, got "
                                 f"{h.dim()}D instead")
        is_batched = input.dim() == 2
        if not is_batched:
            input = input.unsqueeze(0)
        if input.size(1) != self.weight_ih.size(1):
            raise RuntimeError(f"input has inconsistent input_size: got {input.size(1)} "
                               f"expected {self.weight_ih.size(1)}")
        out = []
        for i, h in enumerate(hidden):
            if h is None:
                h = zeros(input.size(0), self.hidden_size, dtype=input.dtype)
            elif not is_batched:
                h = h.unsqueeze(0)
            if input.size(0) != h.size(0):
                raise RuntimeError(f"Input batch size {input.size(0)} doesn't match hidden{i} "
                                   f"batch size {h.size(0)}")
            if h.size(1) != self.hidden_size:
                raise RuntimeError(f"hidden{i} has inconsistent hidden_size: got {h.size(1)}, "
                                   f"expected {self.hidden_size}")
            out.append(h)
        return input, tuple(out), is_batched


class RNNCell(RNNCellBase):
    """h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh) (or relu)."""

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 nonlinearity: str = "tanh", device: object = None, dtype: object = None) -> None:
        super().__init__(input_size, hidden_size, bias, num_chunks=1, dtype=dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input: Tensor, hx: Optional[Tensor] = None) -> Tensor:
        input, (hx,), is_batched = self._batched(input, (hx,), "RNNCell", "hidden")
        if self.nonlinearity not in ("tanh", "relu"):
            raise RuntimeError(f"Unknown nonlinearity: {self.nonlinearity}")
        gi = F.linear(input, self.weight_ih, self.bias_ih)
        ret = _rnn_step(gi, hx, self.weight_hh, self.bias_hh, self.nonlinearity)
        return ret if is_batched else ret.squeeze(0)


class LSTMCell(RNNCellBase):
    """One LSTM step: (h', c') from x and (h, c)."""

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 device: object = None, dtype: object = None) -> None:
        super().__init__(input_size, hidden_size, bias, num_chunks=4, dtype=dtype)

    def forward(self, input: Tensor, hx: Optional[tuple[Tensor, Tensor]] = None
                ) -> tuple[Tensor, Tensor]:
        if isinstance(hx, Tensor) and input.dim() in (1, 2):
            raise TypeError("lstm_cell(): argument 'hx' (position 2) must be tuple of Tensors, "
                            "not Tensor")
        state = (None, None) if hx is None else tuple(hx)
        input, state, is_batched = self._batched(input, state, "LSTMCell", "hx[{}]")
        gi = F.linear(input, self.weight_ih, self.bias_ih)
        h, c = _lstm_step(gi, state, self.weight_hh, self.bias_hh)
        return (h, c) if is_batched else (h.squeeze(0), c.squeeze(0))


class GRUCell(RNNCellBase):
    """One GRU step: h' from x and h."""

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 device: object = None, dtype: object = None) -> None:
        super().__init__(input_size, hidden_size, bias, num_chunks=3, dtype=dtype)

    def forward(self, input: Tensor, hx: Optional[Tensor] = None) -> Tensor:
        input, (hx,), is_batched = self._batched(input, (hx,), "GRUCell", "hidden")
        gi = F.linear(input, self.weight_ih, self.bias_ih)
        ret = _gru_step(gi, hx, self.weight_hh, self.bias_hh)
        return ret if is_batched else ret.squeeze(0)
