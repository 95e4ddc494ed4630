# a bidirectional 2-layer GRU over unsorted packed sequences: the final hidden state of each
# sequence is taken at its own length, in the batch's original order
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence

torch.manual_seed(1)
gru = nn.GRU(input_size=3, hidden_size=4, num_layers=2, bidirectional=True)
seqs = [torch.randn(n, 3) for n in (2, 5, 3)]
packed = pack_sequence(seqs, enforce_sorted=False)
out, h_n = gru(packed)
print(type(out).__name__, out.data.shape, out.batch_sizes)
print("h_n:", h_n.shape, type(h_n.grad_fn).__name__)
print(h_n[-2:].round(decimals=4))

padded, lengths = pad_packed_sequence(out)
print(padded.shape, lengths)
# the last real step of the forward direction is the forward final state
for i, n in enumerate(lengths.tolist()):
    same = torch.allclose(padded[n - 1, i, :4], h_n[-2, i], atol=1e-6)
    first = torch.allclose(padded[0, i, 4:], h_n[-1, i], atol=1e-6)
    print(f"seq {i}: len {n}, forward end matches {same}, backward start matches {first}")
    alone, h_alone = gru(seqs[i].unsqueeze(1))
    print("   same as alone:", torch.allclose(h_alone[:, 0], h_n[:, i], atol=1e-6))

h0 = torch.zeros(4, 3, 4)
h0[:, 1] = 1.0  # an initial state for the second sequence only
out2, h_n2 = gru(packed, h0)
print((h_n2 - h_n).abs().sum(dim=(0, 2)).gt(0))
h_n.sum().backward()
print(gru.weight_hh_l1_reverse.grad.abs().sum().round(decimals=3))
