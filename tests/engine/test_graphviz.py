"""engine.graphviz.make_dot: torchviz-style DOT text, checked by structure."""
from __future__ import annotations

import re

import engine
from engine.graphviz import make_dot


def parse(source: str) -> tuple[dict[str, str], set[tuple[str, str]], dict[str, str]]:
    """Nodes (id -> label), edges (from, to) and fill colours of a DOT text."""
    nodes, colors, edges = {}, {}, set()
    for line in source.splitlines():
        line = line.strip()
        m = re.fullmatch(r"(\d+) -> (\d+)", line)
        if m:
            edges.add((m.group(1), m.group(2)))
            continue
        m = re.fullmatch(r'(\d+) \[label="((?:[^"\\]|\\.)*)"(?: fillcolor=(\w+))?\]', line)
        if m:
            nodes[m.group(1)] = m.group(2)
            if m.group(3):
                colors[m.group(1)] = m.group(3)
    return nodes, edges, colors


def test_sin_of_sum_plus_two_has_torchviz_structure():
    x = engine.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = engine.sin(engine.sum(x) + 2)
    dot = make_dot(y)
    source = dot.source
    assert source.startswith("digraph {\n") and source.rstrip().endswith("}")
    assert str(dot) == source
    nodes, edges, colors = parse(source)
    by_label = {label: node for node, label in nodes.items()}
    # output (green) <- SinBackward0 <- AddBackward0 <- SumBackward0 <- AccumulateGrad <- x (blue)
    out, leaf = str(id(y)), str(id(x))
    assert nodes[out] == "\\n ()" and colors[out] == "darkolivegreen1"
    assert nodes[leaf] == "\\n (3)" and colors[leaf] == "lightblue"
    chain = [leaf, by_label["AccumulateGrad"], by_label["SumBackward0"], by_label["AddBackward0"],
             by_label["SinBackward0"], out]
    assert edges == set(zip(chain, chain[1:]))
    assert len(nodes) == 6


def test_params_name_the_leaves_and_shared_nodes_appear_once():
    w = engine.tensor([[1.0, 2.0]], requires_grad=True)
    x = engine.tensor([[3.0], [4.0]])
    h = w @ x
    y = (h * h).sum()
    nodes, edges, _ = parse(make_dot(y, params={"w": w}).source)
    assert nodes[str(id(w))] == "w\\n (1, 2)"
    assert sum(1 for label in nodes.values() if label.startswith("MmBackward0")) == 1
    mul = next(n for n, label in nodes.items() if label == "MulBackward0")
    mm = next(n for n, label in nodes.items() if label == "MmBackward0")
    assert (mm, mul) in edges


def test_tuple_of_outputs_and_deep_graph_without_recursion():
    x = engine.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(20000):
        y = y * 1.0
    a, b = y + 1, y * 2
    nodes, edges, colors = parse(make_dot((a, b)).source)
    assert colors[str(id(a))] == colors[str(id(b))] == "darkolivegreen1"
    assert len(nodes) == 20000 + 2 + 2 + 2  # muls, add+mul heads, outputs, AccumulateGrad+leaf


def test_show_attrs_lists_saved_constants():
    import engine.nn.functional as F

    x = engine.tensor([1.0, -1.0], requires_grad=True)
    y = F.celu(x, alpha=2.5).sum()
    plain, _, _ = parse(make_dot(y).source)
    shown, _, _ = parse(make_dot(y, show_attrs=True).source)
    assert "CeluBackward0" in plain.values()
    assert "CeluBackward0\\n2.5" in shown.values()


def test_render_and_view_draw_nothing_but_let_a_lecture_cell_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dot = make_dot(engine.exp(engine.tensor(1.0, requires_grad=True)))
    assert dot.render("graph", format="png") == "graph.png"
    assert dot.render(directory="out") == "out/Digraph.gv.pdf"
    assert dot.view() == "Digraph.gv.pdf"
    assert list(tmp_path.iterdir()) == []          # nothing written, no Graphviz started
