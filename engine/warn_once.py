"""PyTorch's TORCH_WARN_ONCE: some of its warnings are issued once per process, whatever the
warning filters say; the engine issues the same ones the same way."""
from __future__ import annotations

import warnings

_issued: set[str] = set()


def warn_once(message: str, stacklevel: int = 2) -> None:
    """Warn with `message` (a UserWarning) unless it was issued before in this process;
    `stacklevel` as for warnings.warn, counted from the caller of warn_once."""
    if message not in _issued:
        _issued.add(message)
        warnings.warn(message, UserWarning, stacklevel=stacklevel + 1)
