"""Reading a submission: a .py file, or a Jupyter notebook whose code cells are the program."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 1 << 20           # a hand-written exercise is a few KiB; anything this big is a mistake
# Cell magics whose body is still Python; any other `%%` cell (bash, html, ...) is dropped.
_PYTHON_CELL_MAGICS = ("%%time", "%%timeit", "%%capture")
_PYTHON_LINE_MAGICS = ("%time", "%timeit")


class SubmissionError(ValueError):
    pass


@dataclass(frozen=True)
class Source:
    code: str
    filename: str
    notes: tuple[str, ...] = ()


def read_submission(path: str | Path) -> Source:
    path = Path(path)
    if not path.is_file():
        raise SubmissionError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SubmissionError(f"{path}: {size / 2**20:.1f} MiB is over the {MAX_BYTES >> 20} MiB limit for a "
                              "submission (notebook outputs? clear them, or submit the .py)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SubmissionError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    if path.suffix == ".ipynb":
        return notebook_source(text, path.name)
    return Source(text, path.name)


def notebook_source(text: str, name: str = "notebook.ipynb") -> Source:
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SubmissionError(f"{name}: not a readable notebook (invalid JSON at line {exc.lineno}: "
                              f"{exc.msg}); re-save it from Jupyter or export it as a .py file") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise SubmissionError(f"{name}: not a notebook (no 'cells' list); nbformat 4 is expected")
    chunks, notes = [], []
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if not isinstance(source, str):
            raise SubmissionError(f"{name}: cell {number} has an unreadable source")
        # JSON can escape lone surrogates, which no UTF-8 file (nor a terminal) can hold
        source = source.encode("utf-8", "backslashreplace").decode("utf-8")
        kept, dropped = _strip_magics(source)
        if dropped:
            notes.append(f"cell {number}: IPython magic dropped: {dropped}")
        if kept.strip():
            chunks.append(f"# cell {number}\n{kept}")
    if not chunks:
        raise SubmissionError(f"{name}: the notebook has no code cells")
    return Source("\n\n".join(chunks) + "\n", name.rsplit(".", 1)[0] + ".py", tuple(notes))


def _strip_magics(source: str) -> tuple[str, str]:
    lines = source.splitlines()
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        if first.split()[0] not in _PYTHON_CELL_MAGICS:
            return "", first                    # the whole cell is not Python
        lines = [""] + lines[1:]                # keep line numbers of the body
        dropped = [first]
    else:
        dropped = []
    kept = []
    for line in lines:
        stripped = line.lstrip()
        magic = stripped.split(maxsplit=1)[0] if stripped else ""
        if magic in _PYTHON_LINE_MAGICS and " " in stripped:
            dropped.append(magic)               # `%time y = f(x)`: the statement still runs
            kept.append(line[:len(line) - len(stripped)] + stripped.split(maxsplit=1)[1])
        elif stripped.startswith(("%", "!")):
            dropped.append(line.strip())
            kept.append("")                     # keep line numbers
        else:
            kept.append(line)
    return "\n".join(kept), ", ".join(dropped)
