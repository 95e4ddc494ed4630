"""One warm sandbox shared by the sandbox tests (starting a zygote costs ~0.3 s)."""
import pytest

from sandbox import Sandbox


@pytest.fixture(scope="session")
def box():
    with Sandbox(workers=2) as sandbox:
        yield sandbox
