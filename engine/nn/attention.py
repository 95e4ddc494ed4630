"""Attention: F.scaled_dot_product_attention and nn.MultiheadAttention.

Both follow PyTorch's math paths op for op (ATen's _scaled_dot_product_attention_math and
F.multi_head_attention_forward), so grad_fn names match (UnsafeViewBackward0 of the final batched
matmul; ViewBackward0 / TransposeBackward0 for the module) and weights copied from torch give the
same numbers within float32 rounding. Masks follow torch's conventions: a boolean `attn_mask` of
scaled_dot_product_attention marks the positions that take part, while MultiheadAttention's
boolean masks mark the positions to leave out.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from .. import Tensor, empty, no_grad, where
from ..autograd.node import Node
from ..tensor import record, wrap
from . import functional as F
from . import init
from .linear import Linear
from .module import Module
from .parameter import Parameter


def _safe_softmax(x: Tensor, dim: int) -> Tensor:
    """softmax, with rows that are entirely -inf giving zeros instead of nan (as torch's
    _safe_softmax inside attention)."""
    out = F.softmax(x, dim)
    all_masked = np.all(x._data == -np.inf, axis=dim, keepdims=True)
    if not all_masked.any():
        return out
    return where(wrap(all_masked), 0.0, out)


def _float_mask(mask: Tensor, like: Tensor, keep_true: bool) -> Tensor:
    """An additive float mask: a boolean mask becomes 0 / -inf in `like`'s dtype (True keeps the
    position when `keep_true`, masks it out otherwise)."""
    if mask._data.dtype != np.bool_:
        return mask
    keep = mask._data if keep_true else ~mask._data
    return wrap(np.where(keep, 0.0, -np.inf).astype(like._data.dtype))


class ScaledDotProductFlashAttentionForCpuBackward0(Node):
    """torch's fused CPU kernel for 4-D inputs: one node, whose rule recomputes the attention
    probabilities P and backpropagates through O = P V and P = softmax(Q K^T * scale + mask)."""

    def backward(self, g):
        q, k, v = self.saved
        factors, mask = self.args
        p = _probabilities(q, k, factors, mask)
        gp = g.matmul(v.transpose(-2, -1))
        gs = p * (gp - (gp * p).sum(-1, keepdim=True))
        scale = factors[0] * factors[1]
        nxt = self._next
        return (gs.matmul(k) * scale if nxt[0] is not None else None,
                gs.transpose(-2, -1).matmul(q) * scale if nxt[1] is not None else None,
                p.transpose(-2, -1).matmul(g) if nxt[2] is not None else None)


def _probabilities(q: Tensor, k: Tensor, factors: tuple, mask: Optional[Tensor]) -> Tensor:
    attn = (q * factors[0]).matmul(k.transpose(-2, -1) * factors[1])
    if mask is not None:
        attn = attn + mask
    return _safe_softmax(attn, -1)


def scaled_dot_product_attention(query: Tensor, key: Tensor, value: Tensor,
                                 attn_mask: Optional[Tensor] = None, dropout_p: float = 0.0,
                                 is_causal: bool = False, scale: Optional[float] = None,
                                 enable_gqa: bool = False) -> Tensor:
    """softmax(Q K^T * scale + mask) V, scale 1/sqrt(E) by default; as torch's math path, the
    square root of the scale multiplies Q and K^T separately. 4-D inputs without dropout record
    torch's fused CPU node, other shapes the math path's ops (UnsafeViewBackward0 of a batched
    matmul)."""
    if enable_gqa:
        raise NotImplementedError("scaled_dot_product_attention: enable_gqa is not supported by "
                                  "the engine")
    e = query.shape[-1]
    negative = scale is not None and scale < 0
    factor = math.sqrt(abs(scale) if scale is not None else 1.0 / math.sqrt(e))
    factors = (-factor if negative else factor, factor)
    mask = None
    if is_causal:
        if attn_mask is not None:
            raise RuntimeError("_scaled_dot_product_attention: Explicit attn_mask should not be "
                               "set when is_causal=True")
        causal = np.tril(np.ones((query.shape[-2], key.shape[-2]), dtype=bool))
        mask = _float_mask(wrap(causal), query, keep_true=True)
    elif attn_mask is not None:
        mask = _float_mask(attn_mask, query, keep_true=True)
    if query.dim() == key.dim() == value.dim() == 4 and dropout_p == 0.0:
        with no_grad():
            out = _probabilities(query, key, factors, mask).matmul(value)
        mask = None if mask is None else mask.detach()
        return record(ScaledDotProductFlashAttentionForCpuBackward0, out._data,
                      (query, key, value), (query, key, value), (factors, mask))
    attn = _probabilities(query, key, factors, mask)
    if dropout_p > 0.0:
        attn = F.dropout(attn, dropout_p)
    return attn.matmul(value)


def _in_projection_packed(q: Tensor, k: Tensor, v: Tensor, w: Tensor,
                          b: Optional[Tensor]) -> tuple:
    """The packed in-projection, split as torch splits it (one linear for self-attention, one
    for the query and one for key/value when key is value, three otherwise)."""
    e = q.shape[-1]
    if k is v:
        if q is k:
            proj = F.linear(q, w, b)
            proj = proj.unflatten(-1, (3, e)).unsqueeze(0).transpose(0, -2).squeeze(-2)
            return proj[0], proj[1], proj[2]
        w_q, w_kv = w.split([e, e * 2])
        b_q, b_kv = (None, None) if b is None else b.split([e, e * 2])
        kv = F.linear(k, w_kv, b_kv).unflatten(-1, (2, e)).unsqueeze(0).transpose(0, -2)
        kv = kv.squeeze(-2)
        return F.linear(q, w_q, b_q), kv[0], kv[1]
    w_q, w_k, w_v = w.chunk(3)
    b_q, b_k, b_v = (None, None, None) if b is None else b.chunk(3)
    return F.linear(q, w_q, b_q), F.linear(k, w_k, b_k), F.linear(v, w_v, b_v)


class NonDynamicallyQuantizableLinear(Linear):
    """The name torch gives MultiheadAttention's output projection (a plain Linear)."""


class MultiheadAttention(Module):
    """Multi-head attention with a packed (3E, E) in-projection, laid out as torch's so that
    state dicts copy across: in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias.
    Only equal query/key/value embedding sizes (kdim = vdim = embed_dim) are supported."""

    def __init__(self, embed_dim: int, num_heads: int, dropout: float = 0.0, bias: bool = True,
                 add_bias_kv: bool = False, add_zero_attn: bool = False,
                 kdim: Optional[int] = None, vdim: Optional[int] = None,
                 batch_first: bool = False, device: object = None, dtype: object = None) -> None:
        super().__init__()
        if embed_dim <= 0 or num_heads <= 0:
            raise ValueError(f"embed_dim and num_heads must be greater than 0, got embed_dim="
                             f"{embed_dim} and num_heads={num_heads} instead")
        if add_bias_kv or add_zero_attn or kdim not in (None, embed_dim) or \
                vdim not in (None, embed_dim):
            raise NotImplementedError("MultiheadAttention: add_bias_kv, add_zero_attn and "
                                      "kdim/vdim different from embed_dim are not supported by "
                                      "the engine")
        self.embed_dim = embed_dim
        self.kdim = self.vdim = embed_dim
        self._qkv_same_embed_dim = True
        self.num_heads = num_heads
        self.dropout = dropout
        self.batch_first = batch_first
        self.head_dim = embed_dim // num_heads
        if self.head_dim * num_heads != embed_dim:
            raise AssertionError("embed_dim must be divisible by num_heads")
        kwargs = {} if dtype is None else {"dtype": dtype}
        self.in_proj_weight = Parameter(empty((3 * embed_dim, embed_dim), **kwargs))
        self.register_parameter("q_proj_weight", None)
        self.register_parameter("k_proj_weight", None)
        self.register_parameter("v_proj_weight", None)
        if bias:
            self.in_proj_bias = Parameter(empty(3 * embed_dim, **kwargs))
        else:
            self.register_parameter("in_proj_bias", None)
        # created (and initialised, drawing from the generator) before the in-projection, as torch
        self.out_proj = NonDynamicallyQuantizableLinear(embed_dim, embed_dim, bias=bias, **kwargs)
        self.bias_k = self.bias_v = None
        self.add_zero_attn = False
        self._reset_parameters()

    def _reset_parameters(self) -> None:
        init.xavier_uniform_(self.in_proj_weight)
        if self.in_proj_bias is not None:
            init.constant_(self.in_proj_bias, 0.0)
            init.constant_(self.out_proj.bias, 0.0)

    def forward(self, query: Tensor, key: Tensor, value: Tensor,
                key_padding_mask: Optional[Tensor] = None, need_weights: bool = True,
                attn_mask: Optional[Tensor] = None, average_attn_weights: bool = True,
                is_causal: bool = False) -> tuple:
        batched = query.dim() == 3
        if self.batch_first and batched:
            if key is value:
                if query is key:
                    query = key = value = query.transpose(1, 0)
                else:
                    query, key = (x.transpose(1, 0) for x in (query, key))
                    value = key
            else:
                query, key, value = (x.transpose(1, 0) for x in (query, key, value))
        out, weights = self._attend(query, key, value, key_padding_mask, need_weights,
                                    attn_mask, average_attn_weights, is_causal, batched)
        if self.batch_first and batched:
            return out.transpose(1, 0), weights
        return out, weights

    def _attend(self, query: Tensor, key: Tensor, value: Tensor, key_padding_mask, need_weights,
                attn_mask, average_attn_weights, is_causal, batched) -> tuple:
        """F.multi_head_attention_forward's math, for (L, N, E) inputs (or unbatched (L, E))."""
        if not batched:
            same_kv = key is value
            same_qk = query is key
            query = query.unsqueeze(1)
            key = query if same_qk else key.unsqueeze(1)
            value = key if same_kv else value.unsqueeze(1)
            if key_padding_mask is not None:
                key_padding_mask = key_padding_mask.unsqueeze(0)
        tgt_len, bsz, embed_dim = query.shape
        if embed_dim != self.embed_dim:
            raise AssertionError(f"was expecting embedding dimension of {self.embed_dim}, but "
                                 f"got {embed_dim}")
        if is_causal and attn_mask is None:
            raise RuntimeError("Need attn_mask if specifying the is_causal hint. You may use the "
                               "Transformer module method `generate_square_subsequent_mask` to "
                               "create this mask.")
        heads, head_dim = self.num_heads, self.head_dim
        q, k, v = _in_projection_packed(query, key, value, self.in_proj_weight,
                                        self.in_proj_bias)
        if attn_mask is not None:
            attn_mask = _float_mask(attn_mask, q, keep_true=False)
            if attn_mask.dim() == 2:
                if tuple(attn_mask.shape) != (tgt_len, key.shape[0]):
                    raise RuntimeError(f"The shape of the 2D attn_mask is {attn_mask.shape}, but "
                                       f"should be {(tgt_len, key.shape[0])}.")
                attn_mask = attn_mask.unsqueeze(0)
        q = q.reshape(tgt_len, bsz * heads, head_dim).transpose(0, 1)
        k = k.reshape(k.shape[0], bsz * heads, head_dim).transpose(0, 1)
        v = v.reshape(v.shape[0], bsz * heads, head_dim).transpose(0, 1)
        src_len = k.shape[1]
        if key_padding_mask is not None:
            kpm = _float_mask(key_padding_mask, q, keep_true=False)
            kpm = kpm.view(bsz, 1, 1, src_len).expand(-1, heads, -1, -1)
            kpm = kpm.reshape(bsz * heads, 1, src_len)
            attn_mask = kpm if attn_mask is None else attn_mask + kpm
        dropout_p = self.dropout if self.training else 0.0
        if need_weights:
            q_scaled = q * math.sqrt(1.0 / float(head_dim))
            if attn_mask is not None:
                from ..ops.products import baddbmm

                weights = baddbmm(attn_mask, q_scaled, k.transpose(-2, -1))
            else:
                weights = q_scaled.bmm(k.transpose(-2, -1))
            weights = F.softmax(weights, dim=-1)
            if dropout_p > 0.0:
                weights = F.dropout(weights, p=dropout_p)
            out = weights.bmm(v).transpose(0, 1).reshape(tgt_len * bsz, embed_dim)
            out = F.linear(out, self.out_proj.weight, self.out_proj.bias)
            out = out.view(tgt_len, bsz, out.shape[1])
            weights = weights.view(bsz, heads, tgt_len, src_len)
            if average_attn_weights:
                weights = weights.mean(dim=1)
            if not batched:
                out, weights = out.squeeze(1), weights.squeeze(0)
            return out, weights
        if attn_mask is not None:
            if attn_mask.shape[0] == 1 and attn_mask.dim() == 3:
                attn_mask = attn_mask.unsqueeze(0)
            else:
                attn_mask = attn_mask.view(bsz, heads, -1, src_len)
        q = q.view(bsz, heads, tgt_len, head_dim)
        k = k.view(bsz, heads, src_len, head_dim)
        v = v.view(bsz, heads, src_len, head_dim)
        out = scaled_dot_product_attention(q, k, v, attn_mask, dropout_p, is_causal)
        out = out.permute(2, 0, 1, 3).reshape(bsz * tgt_len, embed_dim)
        out = F.linear(out, self.out_proj.weight, self.out_proj.bias)
        out = out.view(tgt_len, bsz, out.shape[1])
        if not batched:
            out = out.squeeze(1)
        return out, None
