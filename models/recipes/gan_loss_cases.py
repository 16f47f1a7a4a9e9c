#!/usr/bin/env python3
"""GAN loss test cases for src/core/ganLoss.ts, computed by PyTorch.

Writes models/fixtures/ops/gan_losses.json. Each case: the discriminator's outputs on a
real batch (dReal) and a generated batch (dFake), the loss variant, and what PyTorch
computes in float64:
  lossD, lossG      the batch losses (means over the batch, natural log)
  gradP             dLossG/dFake_j         (autograd on the mean loss)
  gradLogit         dLossG/da_j where dFake_j = sigmoid(a_j), a_j = logit(dFake_j)

The losses use PyTorch's own functions:
  minimax / non-saturating: lossD = BCE(dReal, 1) + BCE(dFake, 0)
                            minimax lossG = -BCE(dFake, 0) = mean(log(1 - dFake))
                            non-saturating lossG = BCE(dFake, 1) = -mean(log dFake)
  lsgan: lossD = 0.5*MSE(dReal, 1) + 0.5*MSE(dFake, 0); lossG = 0.5*MSE(dFake, 1)
Values stay inside (0, 1): binary_cross_entropy clamps log at -100, where ganLoss.ts
returns the true +-Infinity.

Run from the repo root:  /usr/bin/python3 models/recipes/gan_loss_cases.py
Deterministic: fixed seed.
"""

import json
from pathlib import Path

import torch
import torch.nn.functional as F

SEED = 20240705
TOLERANCE = 1e-12
OUT = Path(__file__).resolve().parent.parent / "fixtures" / "ops" / "gan_losses.json"
GEN = torch.Generator().manual_seed(SEED)
LOSSES = ["minimax", "non-saturating", "lsgan"]


def losses(d_real, d_fake, loss):
    ones_r, zeros_f, ones_f = torch.ones_like(d_real), torch.zeros_like(d_fake), torch.ones_like(d_fake)
    if loss == "lsgan":
        loss_d = 0.5 * F.mse_loss(d_real, ones_r) + 0.5 * F.mse_loss(d_fake, zeros_f)
        loss_g = 0.5 * F.mse_loss(d_fake, ones_f)
    else:
        loss_d = F.binary_cross_entropy(d_real, ones_r) + F.binary_cross_entropy(d_fake, zeros_f)
        loss_g = (
            -F.binary_cross_entropy(d_fake, zeros_f)
            if loss == "minimax"
            else F.binary_cross_entropy(d_fake, ones_f)
        )
    return loss_d, loss_g


def case(name, d_real, d_fake, loss):
    d_real = torch.tensor(d_real, dtype=torch.float64)
    logits = torch.logit(torch.tensor(d_fake, dtype=torch.float64)).requires_grad_(True)
    d_fake_t = torch.sigmoid(logits)
    d_fake_t.retain_grad()
    loss_d, loss_g = losses(d_real, d_fake_t, loss)
    loss_g.backward()
    return {
        "name": name,
        "loss": loss,
        "dReal": d_real.tolist(),
        "dFake": [float(v) for v in d_fake],
        "expected": {
            "lossD": loss_d.item(),
            "lossG": loss_g.item(),
            "gradP": d_fake_t.grad.tolist(),
            "gradLogit": logits.grad.tolist(),
        },
    }


def batch(n, lo=0.01, hi=0.99):
    """n values with 2 decimals in [lo, hi]."""
    ints = torch.randint(round(lo * 100), round(hi * 100) + 1, (n,), generator=GEN)
    return [round(v / 100, 2) for v in ints.tolist()]


def main():
    cases = []
    inputs = [
        ("article: D(x) = 0.9, D(G(z)) = 0.1", [0.9], [0.1]),
        ("equilibrium: all 0.5", [0.5, 0.5], [0.5, 0.5]),
        ("D fooled", [0.6, 0.55, 0.7], [0.9, 0.85]),
        ("early training: D rejects fakes", [0.97, 0.95, 0.99, 0.93], [0.02, 0.05, 0.01, 0.03]),
        ("near the edges", [0.999, 0.001], [0.001, 0.999]),
        ("random batch of 8", batch(8), batch(8)),
        ("random batches of 5 and 3", batch(5), batch(3)),
        ("random batch of 64", batch(64), batch(64)),
    ]
    for name, d_real, d_fake in inputs:
        for loss in LOSSES:
            cases.append(case(name, d_real, d_fake, loss))
    header = {"op": "gan_losses", "generatedBy": f"PyTorch {torch.__version__} (float64)", "tolerance": TOLERANCE}
    head = json.dumps(header, separators=(",", ":"))[:-1]
    lines = [json.dumps(c, separators=(",", ":")) for c in cases]
    text = head + ',"cases":[\n' + ",\n".join(lines) + "\n]}\n"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"models/fixtures/ops/gan_losses.json: {len(cases)} cases, {len(text)} bytes")


if __name__ == "__main__":
    main()
