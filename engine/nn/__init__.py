"""`torch.nn` for the engine: Module, Parameter, layers, activations, losses, functional, init."""
from . import functional, init, utils
from .activation import Dropout2d
from .activation import (CELU, ELU, GELU, GLU, SELU, Dropout, Hardsigmoid, Hardswish, Hardtanh,
                         LeakyReLU, LogSigmoid, LogSoftmax, Mish, ReLU, ReLU6, Sigmoid, SiLU,
                         Softmax, Softmin, Softplus, Softsign, Tanh, Tanhshrink, Threshold)
from .container import ModuleDict, ModuleList, ParameterList, Sequential
from .linear import Flatten, Identity, Linear
from .loss import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, L1Loss, MSELoss,
                   NLLLoss, SmoothL1Loss)
from .module import Module
from .normalization import BatchNorm1d, BatchNorm2d, LayerNorm
from .conv import Conv1d, Conv2d
from .pooling import (AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveMaxPool1d, AdaptiveMaxPool2d,
                      AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d)
from .rnn import GRU, LSTM, RNN, GRUCell, LSTMCell, RNNBase, RNNCell, RNNCellBase
from .sparse import Embedding
from .parameter import Parameter
from .activation import PReLU
from .loss import KLDivLoss
from .activation import Hardshrink, Softshrink
from .container import ParameterDict
from .distance import CosineSimilarity, PairwiseDistance
from .linear import Unflatten
from .more_losses import (CosineEmbeddingLoss, GaussianNLLLoss, HingeEmbeddingLoss,
                          MarginRankingLoss, MultiLabelSoftMarginLoss, PoissonNLLLoss,
                          SoftMarginLoss, TripletMarginLoss)
from .normalization import GroupNorm, InstanceNorm1d, InstanceNorm2d, RMSNorm
from .attention import MultiheadAttention
from .bilinear import Bilinear
from .conv_transpose import ConvTranspose1d, ConvTranspose2d
from .upsampling import Upsample, UpsamplingBilinear2d, UpsamplingNearest2d
from .activation import AlphaDropout, Dropout1d
from .padding import (CircularPad1d, CircularPad2d, CircularPad3d, ConstantPad1d, ConstantPad2d,
                      ConstantPad3d, ReflectionPad1d, ReflectionPad2d, ReflectionPad3d,
                      ReplicationPad1d, ReplicationPad2d, ReplicationPad3d, ZeroPad1d,
                      ZeroPad2d, ZeroPad3d)
from .pixelshuffle import PixelShuffle, PixelUnshuffle

__all__ = [
    "Module", "Parameter", "Linear", "Sequential", "ModuleList", "ModuleDict", "ParameterList",
    "Identity", "Flatten", "Dropout",
    "ReLU", "Sigmoid", "Tanh", "CELU", "ELU", "LeakyReLU", "GELU", "Softplus", "Softmax",
    "LogSoftmax", "SiLU", "Mish", "LogSigmoid", "Softsign", "Hardtanh", "ReLU6", "Softmin",
    "MSELoss", "L1Loss", "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "NLLLoss",
    "SmoothL1Loss", "HuberLoss", "LayerNorm", "BatchNorm1d", "Embedding", "SELU", "Hardsigmoid",
    "Hardswish", "GLU", "Threshold", "Tanhshrink", "functional", "init", "utils",
    "RNNBase", "RNN", "LSTM", "GRU", "RNNCellBase", "RNNCell", "LSTMCell", "GRUCell",
    "Conv1d", "Conv2d", "MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d", "AdaptiveAvgPool1d",
    "AdaptiveAvgPool2d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "BatchNorm2d", "Dropout2d",
    "PReLU", "KLDivLoss",
    "Hardshrink", "Softshrink", "ParameterDict", "CosineSimilarity", "PairwiseDistance",
    "Unflatten", "CosineEmbeddingLoss", "GaussianNLLLoss", "HingeEmbeddingLoss",
    "MarginRankingLoss", "MultiLabelSoftMarginLoss", "PoissonNLLLoss", "SoftMarginLoss",
    "TripletMarginLoss", "GroupNorm", "InstanceNorm1d", "InstanceNorm2d", "RMSNorm",
    "MultiheadAttention",
    "Bilinear", "ConvTranspose1d", "ConvTranspose2d", "Upsample", "UpsamplingBilinear2d",
    "UpsamplingNearest2d",
    "AlphaDropout", "Dropout1d", "CircularPad1d", "CircularPad2d", "CircularPad3d",
    "ConstantPad1d", "ConstantPad2d", "ConstantPad3d", "ReflectionPad1d", "ReflectionPad2d",
    "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d", "ZeroPad1d",
    "ZeroPad2d", "ZeroPad3d", "PixelShuffle", "PixelUnshuffle",
]
