"""`torch.utils` for the engine: only `torch.utils.data` (Dataset, DataLoader, random_split...)."""
from engine.utils import data  # noqa: F401  (`torch.utils.data.X` after `import torch`)

__all__ = ["data"]
