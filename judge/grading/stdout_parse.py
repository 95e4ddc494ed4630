"""Numbers from a program's printed output.

`strict` accepts only numbers and the printouts of tensors, arrays and lists of numbers
(`8.0`, `2 4 6`, `[2. 4.]`, `tensor([2., 3.])`, `tensor(4., grad_fn=<AddBackward0>)`):
anything else is an error that says which token on which line. `lenient` picks numbers out
of any text (for problems whose programs print labels).
"""
from __future__ import annotations

import re

import numpy as np

NUMBER = r"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|nan|inf)"
_NUMBER_RE = re.compile(NUMBER)
_LENIENT_RE = re.compile(rf"(?<![\w.]){NUMBER}(?![\w])")
_WRAPPERS = ("tensor(", "array(")
_KWARG_RE = re.compile(r"\s*,\s*[A-Za-z_]\w*\s*=\s*(<[^<>\n]*>|[\w.']+)")
_PUNCTUATION = ",[]"  # besides whitespace, which is any character str.isspace() accepts


class OutputError(ValueError):
    """The output is not what the problem asks for; the message says where."""


def parse_numbers(text: str, mode: str = "strict") -> np.ndarray:
    if mode == "lenient":
        return np.array([float(m) for m in _LENIENT_RE.findall(text)], dtype=np.float64)
    return np.array(_Scanner(text).numbers(), dtype=np.float64)


class _Scanner:
    def __init__(self, text: str):
        self.text, self.pos, self.out = text, 0, []

    def numbers(self) -> list[float]:
        while self._skip_separators():
            if self.text.startswith(_WRAPPERS, self.pos):
                self._wrapper()
            else:
                self._number()
        return self.out

    def _skip_separators(self) -> bool:
        """Skip whitespace (ideographic and no-break spaces too) and , [ ]; is anything left?"""
        while self.pos < len(self.text) and _separates(self.text[self.pos]):
            self.pos += 1
        return self.pos < len(self.text)

    def _number(self) -> None:
        match = _NUMBER_RE.match(self.text, self.pos)
        end = match.end() if match else self.pos
        if not match or (end < len(self.text) and not _separates(self.text[end])
                         and self.text[end] != ")"):
            self._fail()
        self.out.append(float(match.group()))
        self.pos = end

    def _wrapper(self) -> None:
        self.pos = self.text.index("(", self.pos) + 1
        while True:
            while self.pos < len(self.text) and (self.text[self.pos].isspace()
                                                 or self.text[self.pos] in "[]"):
                self.pos += 1
            kwarg = _KWARG_RE.match(self.text, self.pos) if self.text.startswith(",", self.pos) else None
            if kwarg:
                self.pos = kwarg.end()
            elif self.text.startswith(")", self.pos):
                self.pos += 1
                return
            elif self.text.startswith(",", self.pos):
                self.pos += 1
            elif self.pos >= len(self.text):
                raise OutputError("a tensor printout is cut off (no closing ')')")
            else:
                self._number()

    def _fail(self) -> None:
        line_no = self.text.count("\n", 0, self.pos) + 1
        token = re.match(r"\S{0,40}", self.text[self.pos:]).group() or repr(self.text[self.pos])
        if token.startswith("..."):
            raise OutputError(f"line {line_no}: the printout is summarised ('...'); "
                              "print .tolist() of the tensor instead")
        raise OutputError(f"line {line_no}: '{token}' is not a number; print only the numbers asked for "
                          "(no labels)")


def _separates(ch: str) -> bool:
    return ch.isspace() or ch in _PUNCTUATION
