"""`torch.backends`: the flags course code sets or reads before training. The engine has only
numpy on a CPU, so accelerators report unavailable and the flags are plain attributes."""
from __future__ import annotations

from types import SimpleNamespace


def _unavailable() -> bool:
    return False


def _available() -> bool:
    return True


cudnn = SimpleNamespace(enabled=True, deterministic=False, benchmark=False, allow_tf32=True,
                        is_available=_unavailable, version=lambda: None)
mps = SimpleNamespace(is_available=_unavailable, is_built=_unavailable)
cuda = SimpleNamespace(matmul=SimpleNamespace(allow_tf32=False,
                                              allow_fp16_reduced_precision_reduction=True),
                       is_built=_unavailable)
mkldnn = SimpleNamespace(enabled=True, is_available=_available)
mkl = SimpleNamespace(is_available=_unavailable)
openmp = SimpleNamespace(is_available=_available)
