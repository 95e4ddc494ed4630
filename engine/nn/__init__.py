"""`torch.nn` for the engine: Module, Parameter, layers, activations, losses, functional, init."""
from . import functional, init
from .activation import (CELU, ELU, GELU, Dropout, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax,
                         Softplus, Tanh)
from .container import ModuleList, Sequential
from .linear import Flatten, Identity, Linear
from .loss import BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, L1Loss, MSELoss, NLLLoss
from .module import Module
from .parameter import Parameter

__all__ = [
    "Module", "Parameter", "Linear", "Sequential", "ModuleList", "Identity", "Flatten", "Dropout",
    "ReLU", "Sigmoid", "Tanh", "CELU", "ELU", "LeakyReLU", "GELU", "Softplus", "Softmax",
    "LogSoftmax", "MSELoss", "L1Loss", "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss",
    "NLLLoss", "functional", "init",
]
