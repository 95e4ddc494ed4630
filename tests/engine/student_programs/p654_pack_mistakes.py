# common mistakes with packed sequences, and the messages PyTorch gives
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

seqs = [torch.ones(2, 3), torch.ones(4, 3), torch.ones(1, 3)]
padded = pad_sequence(seqs)
lengths = [2, 4, 1]
try:
    pack_padded_sequence(padded, lengths)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    pack_padded_sequence(padded, [4, 2, 0])
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    pack_padded_sequence(padded, [4, 2])
except RuntimeError as e:
    print("RuntimeError:", e)
packed = pack_padded_sequence(padded, lengths, enforce_sorted=False)
try:
    pad_packed_sequence(packed, total_length=3)
except ValueError as e:
    print("ValueError:", e)
lstm = nn.LSTM(3, 5)
out, (h, c) = lstm(packed)
print(type(out), h.shape, c.shape)
try:
    out.data.sum()
    print(out.sum())
except AttributeError as e:
    print("AttributeError:", e)
gru = nn.GRU(2, 5)
gru(packed)
