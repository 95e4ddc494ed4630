# padding and packing a batch of variable-length sequences, and back; gradients through it all
import torch
from torch.nn.utils.rnn import (pack_padded_sequence, pad_packed_sequence, pad_sequence,
                                pack_sequence, unpack_sequence)

torch.manual_seed(0)
a = torch.randn(4, 2, requires_grad=True)
b = torch.randn(2, 2, requires_grad=True)
c = torch.randn(3, 2, requires_grad=True)
seqs = [a, b, c]
lengths = torch.tensor([len(s) for s in seqs])
print("lengths:", lengths)

padded = pad_sequence(seqs, batch_first=True)
print(padded.shape)
print(padded)
left = pad_sequence(seqs, batch_first=True, padding_value=-1.0, padding_side="left")
print(left[1])

packed = pack_padded_sequence(padded, lengths, batch_first=True, enforce_sorted=False)
print(packed)
print("batch_sizes:", packed.batch_sizes, packed.batch_sizes.dtype)
print("sorted:", packed.sorted_indices, "unsorted:", packed.unsorted_indices)
print(packed.data.grad_fn.name())

unpacked, lens = pad_packed_sequence(packed, batch_first=True, total_length=5)
print(unpacked.shape, lens)
print(torch.equal(unpacked[:, :4], padded))

weights = torch.arange(1.0, 11.0).view(5, 2)
loss = (unpacked * weights).sum()
loss.backward()
print("a.grad:", a.grad)
print("b.grad:", b.grad)
print("c.grad:", c.grad)

for s in unpack_sequence(pack_sequence(seqs, enforce_sorted=False)):
    print(s.shape, s.grad_fn.name())
p2 = pack_sequence([torch.tensor([1, 2, 3]), torch.tensor([4, 5]), torch.tensor([6])])
print(p2)
print(pad_packed_sequence(p2))
