import torch

a = torch.ones(2, 3)
b = torch.ones(2, 3)
for fn in [lambda: a @ b, lambda: torch.mm(a, b), lambda: torch.matmul(a, torch.ones(4)),
           lambda: torch.nn.Linear(4, 2)(a), lambda: a.mv(torch.ones(2)),
           lambda: torch.dot(torch.ones(2), torch.ones(3)), lambda: a + torch.ones(3, 2),
           lambda: torch.bmm(a, a)]:
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, e)
