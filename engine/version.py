"""`torch.version`: the PyTorch release the engine reproduces, built without CUDA or ROCm."""
from engine import __version__  # noqa: F401

cuda = None
hip = None
debug = False
