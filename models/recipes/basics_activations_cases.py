#!/usr/bin/env python3
"""Activation test cases for src/core/activation.ts (the Basics lesson's activations view).

Writes models/fixtures/basics_activations.golden.json, computed by PyTorch in float64:
  functions   f(x) and autograd's f'(x) for each activation on a grid of x (0 included, where
              autograd gives ReLU'(0) = 0 and LeakyReLU'(0) = alpha), with two LeakyReLU slopes;
              GELU is the exact (erf) form, softplus torch's (beta 1, threshold 20)
  softmax     softmax(x / T) for several vectors and temperatures
  depth       a stack of one-unit layers a_k = f(a_{k-1}), a_0 = x: each a_k and d a_k / d x by
              autograd (the product of the slopes through depth)

Run from the repo root:  /usr/bin/python3 models/recipes/basics_activations_cases.py
"""

import json
from pathlib import Path

import torch
import torch.nn.functional as F

TOLERANCE = 1e-12
OUT = Path(__file__).resolve().parent.parent / "fixtures" / "basics_activations.golden.json"
torch.set_default_dtype(torch.float64)


def apply(fn, x, alpha):
    if fn == "sigmoid":
        return torch.sigmoid(x)
    if fn == "tanh":
        return torch.tanh(x)
    if fn == "relu":
        return F.relu(x)
    if fn == "leaky_relu":
        return F.leaky_relu(x, alpha)
    if fn == "gelu":
        return F.gelu(x)  # approximate='none': x * Phi(x) with erf
    if fn == "softplus":
        return F.softplus(x)
    if fn == "linear":
        return x
    raise ValueError(fn)


FNS = ["sigmoid", "tanh", "relu", "leaky_relu", "gelu", "softplus", "linear"]
XS = [-30.0, -8.0, -5.0, -3.0, -2.5, -2.0, -1.0, -0.5, -1e-3, 0.0, 1e-3, 0.25, 0.5, 1.0, 2.0,
      2.4999, 2.5, 3.0, 4.0, 6.0, 19.9, 20.0, 20.5, 30.0]


def functions():
    cases = []
    for fn in FNS:
        for alpha in ([0.01, 0.2] if fn == "leaky_relu" else [0.01]):
            x = torch.tensor(XS, requires_grad=True)
            y = apply(fn, x, alpha)
            (g,) = torch.autograd.grad(y.sum(), x)
            cases.append({"fn": fn, "alpha": alpha, "xs": XS,
                          "values": y.tolist(), "derivatives": g.tolist()})
    return cases


def softmaxes():
    vectors = [[2.0, 1.0, 0.1], [1.0, 2.0, 3.0, 4.0], [0.0, 0.0], [5.0, -5.0, 0.5, 0.5, 1.0]]
    cases = []
    for v in vectors:
        for t in [0.1, 0.5, 1.0, 2.0, 10.0]:
            p = torch.softmax(torch.tensor(v) / t, dim=0)
            cases.append({"logits": v, "temperature": t, "probabilities": p.tolist()})
    return cases


def depths():
    cases = []
    for fn in ["sigmoid", "tanh", "relu", "gelu", "leaky_relu"]:
        for x0 in [-1.0, 0.5, 2.0]:
            x = torch.tensor(x0, requires_grad=True)
            a = x
            outs, grads = [], []
            for _ in range(10):
                a = apply(fn, a, 0.01)
                (g,) = torch.autograd.grad(a, x, retain_graph=True)
                outs.append(a.item())
                grads.append(g.item())
            cases.append({"fn": fn, "x": x0, "depth": 10, "a": outs, "product": grads})
    return cases


def main():
    data = {
        "tolerance": TOLERANCE,
        "torch": torch.__version__,
        "functions": functions(),
        "softmax": softmaxes(),
        "depth": depths(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
