"""`torch.utils.data` for the engine: datasets, random_split, DataLoader and default_collate."""
from engine.utils.data.dataloader import DataLoader, default_collate, default_convert
from engine.utils.data.dataset import ConcatDataset, Dataset, Subset, TensorDataset, random_split

__all__ = ["ConcatDataset", "DataLoader", "Dataset", "Subset", "TensorDataset", "default_collate",
           "default_convert", "random_split"]
