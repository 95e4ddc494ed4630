"""Shared test configuration: tests marked `torch` skip cleanly when PyTorch is not installed."""
import importlib.util

import pytest

HAVE_TORCH = importlib.util.find_spec("torch") is not None


def pytest_collection_modifyitems(config, items):
    if HAVE_TORCH:
        return
    skip = pytest.mark.skip(reason="PyTorch is not installed (differential tests only)")
    for item in items:
        if "torch" in item.keywords:
            item.add_marker(skip)
