"""`torch.nn` for the engine: Module, Parameter, layers, activations, losses, functional, init."""
from . import functional, init, utils
from .activation import (CELU, ELU, GELU, Dropout, Hardtanh, LeakyReLU, LogSigmoid, LogSoftmax,
                         Mish, ReLU, ReLU6, Sigmoid, SiLU, Softmax, Softmin, Softplus, Softsign,
                         Tanh)
from .container import ModuleDict, ModuleList, ParameterList, Sequential
from .linear import Flatten, Identity, Linear
from .loss import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, L1Loss, MSELoss,
                   NLLLoss, SmoothL1Loss)
from .module import Module
from .parameter import Parameter

__all__ = [
    "Module", "Parameter", "Linear", "Sequential", "ModuleList", "ModuleDict", "ParameterList",
    "Identity", "Flatten", "Dropout",
    "ReLU", "Sigmoid", "Tanh", "CELU", "ELU", "LeakyReLU", "GELU", "Softplus", "Softmax",
    "LogSoftmax", "SiLU", "Mish", "LogSigmoid", "Softsign", "Hardtanh", "ReLU6", "Softmin",
    "MSELoss", "L1Loss", "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "NLLLoss",
    "SmoothL1Loss", "HuberLoss", "functional", "init", "utils",
]
