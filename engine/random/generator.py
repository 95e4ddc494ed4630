"""torch.Generator: PyTorch's CPU random engine, an mt19937 seeded as PyTorch seeds it, so the
same seed gives the same stream of 32-bit words (checked against torch 2.13)."""
from __future__ import annotations

import os
from typing import Optional

import numpy as np

# PyTorch seeds its default generator from the operating system at start-up; the engine starts
# from PyTorch's compiled-in default seed instead, so an unseeded program is reproducible.
DEFAULT_SEED = 67280421310721
_WORDS = 624                   # mt19937's state


class Generator:
    """An independent random stream; `torch.manual_seed` seeds the default one."""

    def __init__(self, device: object = "cpu") -> None:
        self._seed = DEFAULT_SEED
        self._engine = None  # numpy's MT19937, built on the first draw (numpy.random imports slowly)
        self.normal_cache: Optional[float] = None  # Box-Muller's second value, for the next draw

    @property
    def device(self):
        from engine.tensor import device

        return device("cpu")

    def manual_seed(self, seed: int) -> "Generator":
        seed = int(seed)
        if not -(1 << 63) <= seed < (1 << 64):
            raise ValueError("Overflow when unpacking long long")
        self._seed = seed & ((1 << 64) - 1)
        self._engine = None
        self.normal_cache = None
        return self

    def seed(self) -> int:
        """Reseed from the operating system's entropy; returns the new seed."""
        seed = int.from_bytes(os.urandom(8), "little")
        self.manual_seed(seed)
        return seed

    def initial_seed(self) -> int:
        return self._seed

    def words32(self, n: int) -> np.ndarray:
        """The next n 32-bit words (as uint64), as `generator->random()` returns them."""
        if self._engine is None:
            self._engine = _mt19937(self._seed)
        return self._engine.random_raw(n).astype(np.uint64)

    def words64(self, n: int) -> np.ndarray:
        """The next n 64-bit words, as `generator->random64()` makes them from two 32-bit ones."""
        w = self.words32(2 * n)
        return (w[0::2] << np.uint64(32)) | w[1::2]

    # ---- state ---------------------------------------------------------------------------
    def get_state(self):
        """The whole state as a uint8 tensor (the engine's own layout, not PyTorch's)."""
        from engine.tensor import wrap

        if self._engine is None:
            self._engine = _mt19937(self._seed)
        state = self._engine.state["state"]
        cache = self.normal_cache
        raw = (self._seed.to_bytes(8, "little") + int(state["pos"]).to_bytes(4, "little")
               + np.asarray(state["key"], dtype="<u4").tobytes()
               + bytes([cache is not None]) + np.float64(cache or 0.0).tobytes())
        return wrap(np.frombuffer(raw, dtype=np.uint8).copy())

    def set_state(self, new_state) -> "Generator":
        raw = bytes(np.asarray(getattr(new_state, "_data", new_state), dtype=np.uint8))
        if len(raw) != _STATE_BYTES:
            raise RuntimeError(f"Expected a state of {_STATE_BYTES} bytes (from get_state()), got "
                               f"{len(raw)}")
        self._seed = int.from_bytes(raw[:8], "little")
        self._engine = _mt19937(0)
        self._engine.state = {"bit_generator": "MT19937", "state": {
            "key": np.frombuffer(raw[12:12 + 4 * _WORDS], dtype="<u4").astype(np.uint32),
            "pos": int.from_bytes(raw[8:12], "little")}}
        tail = raw[12 + 4 * _WORDS:]
        self.normal_cache = float(np.frombuffer(tail[1:], dtype=np.float64)[0]) if tail[0] else None
        return self


_STATE_BYTES = 8 + 4 + 4 * _WORDS + 1 + 8


def _mt19937(seed: int):
    """mt19937 initialised as `at::mt19937(seed)` does: Knuth's recurrence on the low 32 bits."""
    from numpy.random import MT19937

    key = np.empty(_WORDS, dtype=np.uint32)
    s = seed & 0xFFFFFFFF
    key[0] = s
    for i in range(1, _WORDS):
        s = (1812433253 * (s ^ (s >> 30)) + i) & 0xFFFFFFFF
        key[i] = s
    engine = MT19937()
    engine.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": _WORDS}}
    return engine


default_generator = Generator()


def resolve(generator: Optional[Generator]) -> Generator:
    return default_generator if generator is None else generator
