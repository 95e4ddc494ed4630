"""`nn.Parameter`: a leaf Tensor that a Module registers as trainable when assigned to it."""
from __future__ import annotations

from typing import Optional

from .. import Tensor, empty


class Parameter(Tensor):
    def __new__(cls, data: Optional[Tensor] = None, requires_grad: bool = True) -> "Parameter":
        if data is None:
            data = empty(0)
        if not isinstance(data, Tensor):
            raise TypeError(f"Parameter expects a Tensor, got {type(data).__name__}")
        return Tensor._make_subclass(cls, data, requires_grad)

    def __init__(self, data: Optional[Tensor] = None, requires_grad: bool = True) -> None:
        pass  # everything happened in __new__; Tensor.__init__ would rebuild the data

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

