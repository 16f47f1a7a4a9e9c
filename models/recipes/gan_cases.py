#!/usr/bin/env python3
"""GAN train-step cases for src/runtime/graph/gan.ts, computed by PyTorch.

Writes models/fixtures/gan/<loss>_<optimizer>.json for each loss (minimax, non-saturating,
lsgan) and optimizer (sgd with momentum, adam; the same for G and D): a small G (noise 2 ->
5 -> 4 -> 2, leaky_relu 0.2) and D (2 -> 6 -> 1, tanh), fixed parameters, batches and
noise, and what PyTorch computes for
  - one D step alone (from the initial state),
  - one G step alone (from the initial state),
  - two fused iterations in a row (one D step, then one G step through the updated D; the
    second iteration starts from the first one's state, so momentum and Adam's bias
    correction at t = 2 are covered).

Parameters are flat vectors in gan.ts's layout: per layer, the weight [out, in] (nn.Linear's
layout, row-major) then the bias. Loss semantics are DESIGN.md's (embed API): D(x) = sigmoid
of the logit for minimax / non-saturating, the raw output for lsgan.

Run from the repo root:  /usr/bin/python3 models/recipes/gan_cases.py
Deterministic: fixed seed, one CPU thread.
"""

import json
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20240612
OUT_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "gan"
TOLERANCE = 2e-5  # float32 state after two iterations, relative to 1 + |value|

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

NOISE, DATA, BATCH = 2, 2, 4
G_HIDDEN, D_HIDDEN = [5, 4], [6]
HYPER = {"lrG": 0.05, "lrD": 0.1, "momentum": 0.9, "beta1": 0.5, "beta2": 0.999, "eps": 1e-8}


def mlp(dims, act):
    layers = []
    for i in range(len(dims) - 1):
        layers.append(nn.Linear(dims[i], dims[i + 1]))
        if i + 2 < len(dims):
            layers.append(act())
    return nn.Sequential(*layers)


def flat(model):
    return [float(v) for p in model.parameters() for v in p.detach().reshape(-1)]


def rounded(t):
    # 2-decimal inputs keep the file readable; float32 of e.g. 0.37 is the same on both sides.
    return torch.round(t * 100) / 100


def losses(loss, l_real, l_fake):
    if loss == "lsgan":
        loss_d = 0.5 * ((l_real - 1) ** 2).mean() + 0.5 * (l_fake**2).mean()
        return loss_d, None
    loss_d = -F.logsigmoid(l_real).mean() - F.logsigmoid(-l_fake).mean()
    return loss_d, None


def loss_g(loss, l_fake):
    if loss == "lsgan":
        return 0.5 * ((l_fake - 1) ** 2).mean()
    if loss == "minimax":
        return F.logsigmoid(-l_fake).mean()  # mean log(1 - D(G(z)))
    return -F.logsigmoid(l_fake).mean()  # -mean log D(G(z))


def d_out(loss, logits):
    return logits if loss == "lsgan" else torch.sigmoid(logits)


def make_opt(kind, params, lr):
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=HYPER["momentum"])
    return torch.optim.Adam(params, lr=lr, betas=(HYPER["beta1"], HYPER["beta2"]), eps=HYPER["eps"])


def d_step(G, D, opt_d, loss, real, z):
    opt_d.zero_grad()
    fake = G(z).detach()
    l_real, l_fake = D(real), D(fake)
    loss_d, _ = losses(loss, l_real, l_fake)
    loss_d.backward()
    opt_d.step()
    mean_d = [float(d_out(loss, l_real).mean()), float(d_out(loss, l_fake).mean())]
    return float(loss_d), mean_d


def g_step(G, D, opt_g, loss, z):
    opt_g.zero_grad()
    l_fake = D(G(z))
    lg = loss_g(loss, l_fake)
    lg.backward()
    opt_g.step()  # D received gradients too; they are zeroed before D's next step
    return float(lg)


def case(loss, opt_kind, gen):
    torch.manual_seed(int(torch.randint(0, 2**31 - 1, (1,), generator=gen)))
    G = mlp([NOISE, *G_HIDDEN, DATA], lambda: nn.LeakyReLU(0.2))
    D = mlp([DATA, *D_HIDDEN, 1], nn.Tanh)
    with torch.no_grad():
        for p in [*G.parameters(), *D.parameters()]:
            p.copy_(rounded(p))
    theta_g0, theta_d0 = flat(G), flat(D)
    batches = [
        {
            "real": rounded(torch.randn(BATCH, DATA, generator=gen) * 0.5 + 0.5),
            "zD": rounded(torch.randn(BATCH, NOISE, generator=gen)),
            "zG": rounded(torch.randn(BATCH, NOISE, generator=gen)),
        }
        for _ in range(2)
    ]

    def fresh():
        g = mlp([NOISE, *G_HIDDEN, DATA], lambda: nn.LeakyReLU(0.2))
        d = mlp([DATA, *D_HIDDEN, 1], nn.Tanh)
        g.load_state_dict(G.state_dict())
        d.load_state_dict(D.state_dict())
        return g, d, make_opt(opt_kind, g.parameters(), HYPER["lrG"]), make_opt(opt_kind, d.parameters(), HYPER["lrD"])

    out = {
        "loss": loss,
        "optimizer": opt_kind,
        "spec": {
            "dataDim": DATA,
            "noiseDim": NOISE,
            "batch": BATCH,
            "generator": {"hidden": G_HIDDEN, "activation": "leaky_relu"},
            "discriminator": {"hidden": D_HIDDEN, "activation": "tanh"},
            "loss": loss,
            "optimizerG": opt_kind,
            "optimizerD": opt_kind,
            "dStepsPerG": 1,
        },
        "hyper": HYPER,
        "tolerance": TOLERANCE,
        "thetaG": theta_g0,
        "thetaD": theta_d0,
        "batches": [{k: [float(v) for v in t.reshape(-1)] for k, t in b.items()} for b in batches],
    }

    g, d, _, opt_d = fresh()
    loss_d, mean_d = d_step(g, d, opt_d, loss, batches[0]["real"], batches[0]["zD"])
    out["dStep"] = {"thetaD": flat(d), "lossD": loss_d, "meanD": mean_d}

    g, d, opt_g, _ = fresh()
    out["gStep"] = {"lossG": g_step(g, d, opt_g, loss, batches[0]["zG"]), "thetaG": flat(g)}

    g, d, opt_g, opt_d = fresh()
    iterations = []
    for b in batches:
        loss_d, mean_d = d_step(g, d, opt_d, loss, b["real"], b["zD"])
        lg = g_step(g, d, opt_g, loss, b["zG"])
        iterations.append(
            {"thetaG": flat(g), "thetaD": flat(d), "lossD": loss_d, "lossG": lg, "meanD": mean_d}
        )
    out["iterations"] = iterations
    return out


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    gen = torch.Generator().manual_seed(SEED)
    for loss in ["minimax", "non-saturating", "lsgan"]:
        for opt_kind in ["sgd", "adam"]:
            data = case(loss, opt_kind, gen)
            path = OUT_DIR / f"{loss}_{opt_kind}.json"
            path.write_text(json.dumps(data, indent=1) + "\n")
            print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


if __name__ == "__main__":
    main()
