# gradjudge example: judge submit problems/examples/norm-gradient-hardcoded.py -p norm-gradient
# expected verdict: PA (returns the public sample's answer: right on the sample, wrong on hidden inputs)
import torch


def norm_grad(x):
    return torch.tensor([0.6, 0.8])
