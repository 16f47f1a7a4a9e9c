#!/usr/bin/env python3
"""Loss test cases for src/core/basicLoss.ts (the Basics lesson's losses view).

Writes models/fixtures/basics_losses.golden.json, computed by PyTorch in float64. Each case:
the loss, target and prediction, and
  loss    the mean over samples: F.mse_loss, F.l1_loss, F.binary_cross_entropy, and for
          cross_entropy over rows of class probabilities -(t * log p).sum(1).mean()
  terms   each sample's term (reduction='none'; a row's sum for cross_entropy)
  grad    d loss / d prediction by autograd (L1's is 0 where p = t)
The presets the view offers are among the cases (names "preset:...").

Run from the repo root:  /usr/bin/python3 models/recipes/basics_losses_cases.py
Deterministic: fixed seed.
"""

import json
from pathlib import Path

import torch
import torch.nn.functional as F

SEED = 20261208
TOLERANCE = 1e-12
OUT = Path(__file__).resolve().parent.parent / "fixtures" / "basics_losses.golden.json"
torch.set_default_dtype(torch.float64)
GEN = torch.Generator().manual_seed(SEED)


def compute(loss, target, prediction):
    t = torch.tensor(target)
    p = torch.tensor(prediction, requires_grad=True)
    if loss == "mse":
        terms = F.mse_loss(p, t, reduction="none")
        value = F.mse_loss(p, t)
    elif loss == "mae":
        terms = F.l1_loss(p, t, reduction="none")
        value = F.l1_loss(p, t)
    elif loss == "bce":
        terms = F.binary_cross_entropy(p, t, reduction="none")
        value = F.binary_cross_entropy(p, t)
    else:
        terms = -(t * torch.log(p)).sum(dim=1)
        value = terms.mean()
    (grad,) = torch.autograd.grad(value, p)
    return {"loss": value.item(), "terms": terms.tolist(), "grad": grad.tolist()}


# The presets (src/lessons/basics/losses/presets.ts): the widely copied examples, made checkable.
PRESETS = [
    ("preset:mse", "mse", [1.0, 0.0, 1.0, 1.0, 0.0], [0.9, 0.1, 0.8, 0.9, 0.1]),
    ("preset:bce", "bce", [1.0, 0.0, 1.0, 0.0, 0.0], [0.9, 0.1, 0.8, 0.2, 0.3]),
    ("preset:mae", "mae", [3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0]),
    ("preset:cross_entropy", "cross_entropy",
     [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
     [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]),
]


def rand(n, lo, hi):
    return (lo + (hi - lo) * torch.rand(n, generator=GEN)).tolist()


def random_cases():
    cases = []
    for n in [1, 3, 8, 64]:
        cases.append((f"mse n={n}", "mse", rand(n, -3, 3), rand(n, -3, 3)))
        cases.append((f"mae n={n}", "mae", rand(n, -3, 3), rand(n, -3, 3)))
        t = (torch.rand(n, generator=GEN) > 0.5).double().tolist()
        cases.append((f"bce n={n}", "bce", t, rand(n, 0.01, 0.99)))
        cases.append((f"bce soft n={n}", "bce", rand(n, 0, 1), rand(n, 0.01, 0.99)))
    cases.append(("mae tie", "mae", [1.0, 2.0, 3.0], [1.0, 2.5, 2.0]))
    for rows, classes in [(1, 2), (4, 3), (16, 16)]:
        p = torch.softmax(torch.randn(rows, classes, generator=GEN) * 2, dim=1)
        hot = torch.randint(0, classes, (rows,), generator=GEN)
        t = F.one_hot(hot, classes).double()
        cases.append((f"cross_entropy {rows}x{classes}", "cross_entropy", t.tolist(), p.tolist()))
        soft = torch.softmax(torch.randn(rows, classes, generator=GEN), dim=1)
        cases.append((f"cross_entropy soft {rows}x{classes}", "cross_entropy",
                      soft.tolist(), p.tolist()))
    return cases


def main():
    cases = []
    for name, loss, target, prediction in PRESETS + random_cases():
        cases.append({"name": name, "loss": loss, "target": target, "prediction": prediction,
                      "expected": compute(loss, target, prediction)})
    data = {"tolerance": TOLERANCE, "torch": torch.__version__, "cases": cases}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
