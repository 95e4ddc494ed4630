import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
for fn in [lambda: x.numpy(), lambda: (x * 2).numpy()]:
    try:
        fn()
    except RuntimeError as e:
        print(type(e).__name__, e)
print(x.detach().numpy())
print(x.numpy(force=True))
import numpy as np
try:
    print(np.array(x))
except Exception as e:
    print(type(e).__name__, e)
print(x.tolist(), (x * 2).tolist())
print(float(x[0]), x[1].item())
