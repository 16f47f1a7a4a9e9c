#!/usr/bin/env python3
"""Backpropagation test cases for the Basics lesson's backprop view, computed by PyTorch.

Writes models/fixtures/basics_backprop.golden.json. Each case is a backprop config (the
embed API's fields: sizes, hidden activation, output activation, loss, weights [out][in]
in torch.nn.Linear's layout, biases, x, y, lr) and what PyTorch computes in float64 for one
sample, one entry per layer after the input:
  z, a          pre-activation z_l = W_l a_{l-1} + b_l and activation a_l = f(z_l)
  loss          mse: mean over outputs of (a - y)^2 (F.mse_loss);
                bce: mean over outputs of -(y log a + (1 - y) log(1 - a)) (F.binary_cross_entropy)
  dz            dL/dz_l (autograd, retain_grad)
  dW, db        dL/dW_l, dL/db_l (autograd)
  weightsAfter, biasesAfter   W - lr dW, b - lr db (one SGD step, torch.optim.SGD)

Run from the repo root:  /usr/bin/python3 models/recipes/basics_backprop_cases.py
Deterministic: fixed seed.
"""

import json
from pathlib import Path

import torch
import torch.nn.functional as F

SEED = 20261208
OUT = Path(__file__).resolve().parent.parent / "fixtures" / "basics_backprop.golden.json"
GEN = torch.Generator().manual_seed(SEED)
torch.set_default_dtype(torch.float64)

ACT = {
    "relu": torch.relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "linear": lambda t: t,
}


def rand(*shape, scale=1.0):
    return ((torch.rand(*shape, generator=GEN) * 2 - 1) * scale).round(decimals=2)


def run(cfg):
    sizes = cfg["sizes"]
    layers = []
    for l in range(len(sizes) - 1):
        lin = torch.nn.Linear(sizes[l], sizes[l + 1])
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(cfg["weights"][l]))
            lin.bias.copy_(torch.tensor(cfg["biases"][l]))
        layers.append(lin)
    params = [p for lin in layers for p in (lin.weight, lin.bias)]
    opt = torch.optim.SGD(params, lr=cfg["lr"])
    a = torch.tensor(cfg["x"]).unsqueeze(0)
    zs, acts = [], []
    for l, lin in enumerate(layers):
        z = lin(a)
        z.retain_grad()
        last = l == len(layers) - 1
        a = ACT[cfg["output"] if last else cfg["activation"]](z)
        zs.append(z)
        acts.append(a)
    y = torch.tensor(cfg["y"]).unsqueeze(0)
    if cfg["loss"] == "mse":
        loss = F.mse_loss(a, y)
    else:
        loss = F.binary_cross_entropy(a, y)
    opt.zero_grad()
    loss.backward()
    result = {
        "z": [z.detach()[0].tolist() for z in zs],
        "a": [t.detach()[0].tolist() for t in acts],
        "loss": loss.item(),
        "dz": [z.grad[0].tolist() for z in zs],
        "dW": [lin.weight.grad.tolist() for lin in layers],
        "db": [lin.bias.grad.tolist() for lin in layers],
    }
    opt.step()
    result["weightsAfter"] = [lin.weight.detach().tolist() for lin in layers]
    result["biasesAfter"] = [lin.bias.detach().tolist() for lin in layers]
    return result


def ones_config():
    return {
        "sizes": [3, 2, 1],
        "activation": "relu",
        "output": "linear",
        "loss": "mse",
        "weights": [[[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]], [[1.0, 1.0]]],
        "biases": [[1.0, 1.0], [1.0]],
        "x": [1.0, 2.0, 3.0],
        "y": [1.0],
        "lr": 0.1,
    }


def random_config(sizes, activation, output, loss, lr, y=None):
    weights = [rand(sizes[l + 1], sizes[l]).tolist() for l in range(len(sizes) - 1)]
    biases = [rand(sizes[l + 1], scale=0.5).tolist() for l in range(len(sizes) - 1)]
    x = rand(sizes[0], scale=2.0).tolist()
    if y is None:
        y = rand(sizes[-1]).tolist()
    return {
        "sizes": sizes,
        "activation": activation,
        "output": output,
        "loss": loss,
        "weights": weights,
        "biases": biases,
        "x": x,
        "y": y,
        "lr": lr,
    }


def main():
    cases = []

    def add(name, cfg):
        cases.append({"name": name, "config": cfg, "result": run(cfg)})

    add("default-3-2-1", ones_config())
    # A teacher edits one weight of the 3-2-1 net: W1[0][1] = 2 (e2e: every downstream number).
    edited = ones_config()
    edited["weights"][0][0][1] = 2.0
    add("edited-3-2-1", edited)
    # The default after one update (train another step).
    after = ones_config()
    first = run(after)
    after["weights"] = first["weightsAfter"]
    after["biases"] = first["biasesAfter"]
    add("default-3-2-1-step2", after)
    # A dead ReLU: a negative bias switches hidden neuron 2 off (its delta is 0).
    dead = ones_config()
    dead["biases"][0][1] = -10.0
    add("dead-relu-3-2-1", dead)
    add("tanh-sigmoid-bce-2-3-2", random_config([2, 3, 2], "tanh", "sigmoid", "bce", 0.5, [1.0, 0.0]))
    add(
        "sigmoid-bce-2-4-3-1",
        random_config([2, 4, 3, 1], "sigmoid", "sigmoid", "bce", 1.0, [0.25]),
    )
    add("tanh-tanh-mse-4-3-2", random_config([4, 3, 2], "tanh", "tanh", "mse", 0.05))
    add("linear-1-1", random_config([1, 1], "linear", "linear", "mse", 0.1))
    add("relu-deep-2-3-3-3-3-2", random_config([2, 3, 3, 3, 3, 2], "relu", "linear", "mse", 0.01))
    add("relu-out-8-8-4", random_config([8, 8, 4], "sigmoid", "relu", "mse", 0.1))

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "about": "models/recipes/basics_backprop_cases.py: PyTorch "
                + torch.__version__
                + ", float64",
                "cases": cases,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
