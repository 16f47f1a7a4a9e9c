#!/usr/bin/env python3
"""Gradient-descent trajectories for src/core/descent.ts, computed by PyTorch.

Writes models/fixtures/basics_descent.golden.json. Each case fits the line
y_hat = w*x + b to points (x, y) from theta = [w, b] with one of torch.optim's optimizers:
  sgd       torch.optim.SGD(lr)
  momentum  torch.optim.SGD(lr, momentum)  (dampening 0, no nesterov: the buffer starts at
            the first gradient)
  adam      torch.optim.Adam(lr, betas=(beta1, beta2), eps=1e-8)  (bias-corrected)
on one of two objectives:
  half_sse  J = 1/2 * sum (y - y_hat)^2
  mse       J = mean (y - y_hat)^2
The parameter is one float64 tensor [w, b]; the gradient comes from autograd.
Expected, as the embed API's getResult: thetas (steps + 1 rows, the start first), losses
(J at each row of thetas) and grads (steps rows: the gradient at each step's start).
Also lrLimit = 2 / lambda_max of J's Hessian (torch.autograd.functional.hessian): plain
gradient descent diverges for lr above it.
A value that overflows is written as the string "inf", "-inf" or "nan" (JSON has no such
numbers).

Run from the repo root:  /usr/bin/python3 models/recipes/basics_descent_cases.py
"""

import json
import math
from pathlib import Path

import torch

TOLERANCE = 1e-9
OUT = Path(__file__).resolve().parent.parent / "fixtures" / "basics_descent.golden.json"

PRESET = {"x": [2.0, 4.0, 6.0], "y": [3.0, 5.0, 7.0], "theta": [0.0, 0.0]}
SCATTER = {"x": [-1.5, 0.0, 1.0, 2.5, 4.0], "y": [-2.0, 0.5, 1.0, 4.0, 5.5], "theta": [2.0, -1.0]}

CASES = [
    # The widely copied example: grad at theta0 = [-68, -15], theta1 = [0.68, 0.15].
    dict(name="preset", **PRESET, lr=0.01, steps=20, objective="half_sse", optimizer="sgd"),
    dict(name="preset-mse", **PRESET, lr=0.02, steps=30, objective="mse", optimizer="sgd"),
    dict(name="preset-momentum", **PRESET, lr=0.005, steps=40, objective="half_sse",
         optimizer="momentum", momentum=0.9),
    dict(name="preset-adam", **PRESET, lr=0.1, steps=40, objective="half_sse", optimizer="adam",
         beta1=0.9, beta2=0.999),
    dict(name="scatter-adam-mse", **SCATTER, lr=0.05, steps=60, objective="mse",
         optimizer="adam", beta1=0.8, beta2=0.99),
    dict(name="scatter-momentum-mse", **SCATTER, lr=0.03, steps=50, objective="mse",
         optimizer="momentum", momentum=0.5),
    dict(name="scatter-sgd", **SCATTER, lr=0.02, steps=25, objective="half_sse",
         optimizer="sgd"),
    # 0.04 > 2 / lambda_max (about 0.0341): every step overshoots further; finite values.
    dict(name="preset-diverges", **PRESET, lr=0.04, steps=30, objective="half_sse",
         optimizer="sgd"),
    # Far too large: the loss overflows to inf, then nan.
    dict(name="preset-overflow", **PRESET, lr=1.0, steps=200, objective="half_sse",
         optimizer="sgd"),
    dict(name="zero-steps", **PRESET, lr=0.01, steps=0, objective="half_sse", optimizer="adam"),
]


def objective(theta, x, y, kind):
    r = y - (theta[0] * x + theta[1])
    return 0.5 * (r * r).sum() if kind == "half_sse" else (r * r).mean()


def run(case):
    x = torch.tensor(case["x"], dtype=torch.float64)
    y = torch.tensor(case["y"], dtype=torch.float64)
    theta = torch.tensor(case["theta"], dtype=torch.float64, requires_grad=True)
    lr = case["lr"]
    if case["optimizer"] == "sgd":
        opt = torch.optim.SGD([theta], lr=lr)
    elif case["optimizer"] == "momentum":
        opt = torch.optim.SGD([theta], lr=lr, momentum=case["momentum"])
    else:
        opt = torch.optim.Adam([theta], lr=lr, betas=(case["beta1"], case["beta2"]), eps=1e-8)
    thetas, losses, grads = [], [], []
    for step in range(case["steps"] + 1):
        opt.zero_grad()
        loss = objective(theta, x, y, case["objective"])
        thetas.append(theta.detach().tolist())
        losses.append(loss.item())
        if step == case["steps"]:
            break
        loss.backward()
        grads.append(theta.grad.tolist())
        opt.step()
    hessian = torch.autograd.functional.hessian(
        lambda t: objective(t, x, y, case["objective"]), torch.zeros(2, dtype=torch.float64)
    )
    lr_limit = 2.0 / torch.linalg.eigvalsh(hessian).max().item()
    return {"thetas": thetas, "losses": losses, "grads": grads, "lrLimit": lr_limit}


def encode(v):
    if isinstance(v, dict):
        return {k: encode(u) for k, u in v.items()}
    if isinstance(v, list):
        return [encode(u) for u in v]
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def main():
    cases = []
    for given in CASES:
        # Every case names all the fields of the view's config (its defaults where not given).
        case = {"momentum": 0.9, "beta1": 0.9, "beta2": 0.999, **given}
        config = {"mode": "descent", **{k: v for k, v in case.items() if k != "name"}}
        cases.append({"name": case["name"], "config": config, "expected": encode(run(case))})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "source": "models/recipes/basics_descent_cases.py (PyTorch %s, float64)" % torch.__version__,
        "tolerance": TOLERANCE,
        "cases": cases,
    }
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print("wrote %s (%d cases)" % (OUT, len(cases)))


if __name__ == "__main__":
    main()
