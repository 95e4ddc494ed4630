"""Submissions: .py files and notebooks (code cells are the program, magics dropped)."""
import json

import pytest

from judge.submission import SubmissionError, read_submission


def _notebook(tmp_path, cells, name="hw.ipynb"):
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}
    path = tmp_path / name
    path.write_text(json.dumps(nb))
    return path


def test_py_file_is_read_as_is(tmp_path):
    path = tmp_path / "a.py"
    path.write_text("print(8.0)\n")
    src = read_submission(path)
    assert src.code == "print(8.0)\n" and src.filename == "a.py" and src.notes == ()


def test_notebook_code_cells_joined_markdown_and_magics_dropped(tmp_path):
    path = _notebook(tmp_path, [
        {"cell_type": "markdown", "source": ["# Homework"]},
        {"cell_type": "code", "source": ["%matplotlib inline\n", "import torch\n", "!pip install torch\n"]},
        {"cell_type": "code", "source": "x = torch.tensor(3.0, requires_grad=True)\nprint(8.0)"},
        {"cell_type": "code", "source": ["%%bash\n", "echo hi\n"]},
        {"cell_type": "code", "source": ["%%time\n", "y = 1\n"]},
        {"cell_type": "code", "source": ["%time z = 2\n"]},
    ])
    src = read_submission(path)
    assert "import torch" in src.code and "print(8.0)" in src.code and "y = 1" in src.code and "\nz = 2" in src.code
    assert "%matplotlib" not in src.code and "pip" not in src.code and "echo hi" not in src.code
    assert src.filename == "hw.py"
    assert any("%matplotlib inline" in n and "!pip install torch" in n for n in src.notes)
    assert any("%%bash" in n for n in src.notes)
    compile(src.code, src.filename, "exec")


def test_unreadable_notebook_says_what_to_do(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [')
    with pytest.raises(SubmissionError, match=r"broken.ipynb: not a readable notebook .*re-save it"):
        read_submission(path)
    with pytest.raises(SubmissionError, match="no code cells"):
        read_submission(_notebook(tmp_path, [{"cell_type": "markdown", "source": "hi"}], "empty.ipynb"))


def test_missing_file_and_non_utf8(tmp_path):
    with pytest.raises(SubmissionError, match="no such file"):
        read_submission(tmp_path / "nope.py")
    bad = tmp_path / "latin.py"
    bad.write_bytes(b"print('\xe9')\n")
    with pytest.raises(SubmissionError, match="not UTF-8"):
        read_submission(bad)


def test_oversized_submission_is_refused_with_advice(tmp_path):
    path = tmp_path / "huge.ipynb"
    path.write_bytes(b" " * ((1 << 20) + 1))
    with pytest.raises(SubmissionError, match=r"over the 1 MiB limit .*clear them"):
        read_submission(path)
