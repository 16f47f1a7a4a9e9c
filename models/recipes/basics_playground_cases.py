#!/usr/bin/env python3
"""One playground training step, computed by PyTorch (autograd, float64).

Writes models/fixtures/basics_playground.golden.json for src/core/playground.test.ts and
src/runtime/trainer/playground.test.ts (the ONNX train-step graph on onnxruntime-web).

Each case: a small fully connected network (features -> hidden... -> 1), hidden activation,
output activation (tanh for classification, linear for regression), flat parameters theta
(per layer: weight [out, in] as nn.Linear, then bias [out]), a batch x [B, F] and targets
y [B], the learning rate and the regularization (none, l1: rate * sum|w|, l2: rate * 0.5 *
sum w^2, over the weights only). PyTorch computes:
  z, a      per layer after the input, [B, out]
  loss      mean over the batch of 0.5 * (yhat - y)^2
  reg       the regularization term; total = loss + reg
  grad      d total / d theta (flat, the layout of theta)
  thetaNext theta - lr * grad (plain SGD, torch.optim.SGD without momentum)

Run from the repo root:  /usr/bin/python3 models/recipes/basics_playground_cases.py
Deterministic: fixed seed.
"""

import json
from pathlib import Path

import torch

SEED = 20261208
OUT = Path(__file__).resolve().parent.parent / "fixtures" / "basics_playground.golden.json"
GEN = torch.Generator().manual_seed(SEED)

CASES = [
    dict(name="l2_tanh", features=3, hidden=[4, 2], activation="tanh", output="tanh", batch=5,
         lr=0.1, regularization="l2", regRate=0.01),
    dict(name="l1_relu_regression", features=2, hidden=[3], activation="relu", output="linear",
         batch=4, lr=0.03, regularization="l1", regRate=0.003),
    dict(name="none_sigmoid_deep", features=7, hidden=[5, 4, 3], activation="sigmoid",
         output="tanh", batch=6, lr=0.3, regularization="none", regRate=0.0),
    dict(name="l2_linear_no_hidden", features=5, hidden=[], activation="linear", output="tanh",
         batch=3, lr=0.05, regularization="l2", regRate=0.1),
]

ACT = {
    "relu": torch.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "linear": lambda t: t,
}


def rand(*shape, scale=1.0):
    return (torch.rand(*shape, generator=GEN, dtype=torch.float64) * 2 - 1) * scale


def run(case):
    dims = [case["features"], *case["hidden"], 1]
    params = []
    for i, o in zip(dims[:-1], dims[1:]):
        params.append(rand(o, i, scale=1.0).requires_grad_())
        params.append(rand(o, scale=0.5).requires_grad_())
    x = rand(case["batch"], case["features"], scale=3.0)
    y = torch.sign(rand(case["batch"])) if case["output"] == "tanh" else rand(case["batch"])
    zs, acts = [], []
    h = x
    layers = len(dims) - 1
    for l in range(layers):
        z = h @ params[2 * l].T + params[2 * l + 1]
        h = ACT[case["output"] if l == layers - 1 else case["activation"]](z)
        zs.append(z)
        acts.append(h)
    loss = (0.5 * (h[:, 0] - y) ** 2).mean()
    weights = params[0::2]
    if case["regularization"] == "l1":
        reg = case["regRate"] * sum(w.abs().sum() for w in weights)
    elif case["regularization"] == "l2":
        reg = case["regRate"] * 0.5 * sum((w ** 2).sum() for w in weights)
    else:
        reg = torch.zeros((), dtype=torch.float64)
    total = loss + reg
    grads = torch.autograd.grad(total, params)
    flat = lambda ts: torch.cat([t.detach().reshape(-1) for t in ts])
    theta = flat(params)
    grad = flat(grads)
    opt_params = [p.detach().clone().requires_grad_() for p in params]
    opt = torch.optim.SGD(opt_params, lr=case["lr"])
    for p, g in zip(opt_params, grads):
        p.grad = g.clone()
    opt.step()
    return {
        **case,
        "theta": theta.tolist(),
        "x": x.tolist(),
        "y": y.tolist(),
        "z": [z.detach().tolist() for z in zs],
        "a": [a.detach().tolist() for a in acts],
        "loss": loss.item(),
        "reg": reg.item(),
        "total": total.item(),
        "grad": grad.tolist(),
        "thetaNext": flat(opt_params).tolist(),
    }


def main():
    out = {
        "recipe": "models/recipes/basics_playground_cases.py",
        "torch": torch.__version__,
        "seed": SEED,
        "cases": [run(c) for c in CASES],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {OUT} ({len(out['cases'])} cases)")


if __name__ == "__main__":
    main()
