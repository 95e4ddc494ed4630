"""`torch.nn` for the engine: Module, Parameter, layers, activations, losses, functional, init."""
from . import functional, init, utils
from .activation import (CELU, ELU, GELU, GLU, SELU, Dropout, Hardsigmoid, Hardswish, Hardtanh,
                         LeakyReLU, LogSigmoid, LogSoftmax, Mish, ReLU, ReLU6, Sigmoid, SiLU,
                         Softmax, Softmin, Softplus, Softsign, Tanh, Tanhshrink, Threshold)
from .container import ModuleDict, ModuleList, ParameterList, Sequential
from .linear import Flatten, Identity, Linear
from .loss import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, L1Loss, MSELoss,
                   NLLLoss, SmoothL1Loss)
from .module import Module
from .normalization import BatchNorm1d, LayerNorm
from .sparse import Embedding
from .parameter import Parameter

__all__ = [
    "Module", "Parameter", "Linear", "Sequential", "ModuleList", "ModuleDict", "ParameterList",
    "Identity", "Flatten", "Dropout",
    "ReLU", "Sigmoid", "Tanh", "CELU", "ELU", "LeakyReLU", "GELU", "Softplus", "Softmax",
    "LogSoftmax", "SiLU", "Mish", "LogSigmoid", "Softsign", "Hardtanh", "ReLU6", "Softmin",
    "MSELoss", "L1Loss", "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "NLLLoss",
    "SmoothL1Loss", "HuberLoss", "LayerNorm", "BatchNorm1d", "Embedding", "SELU", "Hardsigmoid",
    "Hardswish", "GLU", "Threshold", "Tanhshrink", "functional", "init", "utils",
]
