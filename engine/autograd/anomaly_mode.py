"""`torch.autograd.set_detect_anomaly` / `detect_anomaly`: with anomaly mode on (and check_nan),
a backward rule that returns nan raises PyTorch's error (autograd.engine checks); the traceback
of the forward call that PyTorch prints on stderr is not recorded."""
from __future__ import annotations

import warnings


class _Anomaly:
    enabled = False
    check_nan = True


def is_anomaly_enabled() -> bool:
    return _Anomaly.enabled


def is_anomaly_check_nan_enabled() -> bool:
    return _Anomaly.check_nan


def _switch(mode: bool, check_nan: bool) -> tuple[bool, bool]:
    previous = (_Anomaly.enabled, _Anomaly.check_nan)
    if mode and not _Anomaly.enabled:
        warnings.warn("Anomaly Detection has been enabled. This mode will increase the runtime and "
                      "should only be enabled for debugging.", UserWarning, stacklevel=3)
    _Anomaly.enabled, _Anomaly.check_nan = bool(mode), bool(check_nan)
    return previous


class detect_anomaly:
    """A context manager: anomaly mode on inside the block."""

    def __init__(self, check_nan: bool = True) -> None:
        self.check_nan = check_nan

    def __enter__(self) -> None:
        self._previous = _switch(True, self.check_nan)

    def __exit__(self, *exc) -> None:
        _Anomaly.enabled, _Anomaly.check_nan = self._previous


class set_detect_anomaly:
    """Switches anomaly mode now; as a context manager it restores the previous mode."""

    def __init__(self, mode: bool, check_nan: bool = True) -> None:
        self._previous = _switch(mode, check_nan)

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc) -> None:
        _Anomaly.enabled, _Anomaly.check_nan = self._previous


for _cls in (detect_anomaly, set_detect_anomaly):
    _cls.__module__ = "torch.autograd.anomaly_mode"  # how torch's repr names them
