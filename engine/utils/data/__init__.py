"""`torch.utils.data` for the engine: datasets, samplers, random_split, DataLoader and
default_collate."""
from engine.utils.data.dataloader import DataLoader, default_collate, default_convert
from engine.utils.data.dataset import (ChainDataset, ConcatDataset, Dataset, IterableDataset,
                                       Subset, TensorDataset, random_split)
from engine.utils.data.sampler import (BatchSampler, RandomSampler, Sampler, SequentialSampler,
                                       SubsetRandomSampler, WeightedRandomSampler)

__all__ = ["BatchSampler", "ChainDataset", "ConcatDataset", "DataLoader", "Dataset",
           "IterableDataset", "RandomSampler", "Sampler", "SequentialSampler", "Subset",
           "SubsetRandomSampler", "TensorDataset", "WeightedRandomSampler", "default_collate",
           "default_convert", "random_split"]
