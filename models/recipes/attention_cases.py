#!/usr/bin/env python3
"""Operator test cases for src/core/attention.ts and src/runtime/graph/attention.ts,
computed by PyTorch.

Writes models/fixtures/ops/attention.json (STYLE.md habit 8: operator tests as data files).
Each case: Q [T_q, d_k], K [T_k, d_k], V [T_k, d_v], the attributes (mask "none"|"causal",
scale "sqrt_dk"|"none", heads) and, in float32, every intermediate per head:
  scores  = Q_h K_hᵀ               [heads, T_q, T_k]
  scaled  = scores / sqrt(d_k/heads) (or / 1)
  masked  = scaled with -inf where masked (written as null: JSON has no infinity)
  weights = softmax(masked, -1)
  headOutput = weights V_h          [heads, T_q, d_v/heads]
and output = the heads' outputs concatenated along columns [T_q, d_v], which is also checked
against torch.nn.functional.scaled_dot_product_attention (PyTorch's own attention kernel)
on the head-split tensors. Heads split the columns of Q, K and V into equal consecutive
blocks, as torch.nn.MultiheadAttention does after its projections.

Every float32 result is recomputed in float64 from the same float32 operands; the script
stops if they are further apart than TOLERANCE / 10.

Run from the repo root:  /usr/bin/python3 models/recipes/attention_cases.py
Deterministic: fixed seed, one CPU thread.
"""

import json
import math
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

SEED = 20240612
TOLERANCE = 1e-5
OUT_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "ops"

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
GEN = torch.Generator().manual_seed(SEED)


def decimals(rows, cols, lo=-1.0, hi=1.0):
    """A [rows, cols] list of 2-decimal values in [lo, hi]."""
    ints = torch.randint(round(lo * 100), round(hi * 100) + 1, (rows, cols), generator=GEN)
    return (ints.to(torch.float64) / 100).tolist()


def f32_text(x):
    """Shortest decimal that round-trips the float32 value; None for -inf."""
    if math.isinf(x):
        return None
    v = float(repr(np.float32(x)))
    return int(v) if v.is_integer() else v


def nested(t):
    return [[f32_text(v) for v in row] for row in t.tolist()] if t.dim() == 2 else [nested(s) for s in t]


def steps(q, k, v, mask, scale, heads, dtype):
    q, k, v = (torch.tensor(m, dtype=torch.float32).to(dtype) for m in (q, k, v))
    tq, dk = q.shape
    tk, dv = v.shape
    dkh, dvh = dk // heads, dv // heads
    # [heads, T, d/heads]: column block n is head n.
    qh = q.reshape(tq, heads, dkh).transpose(0, 1)
    kh = k.reshape(tk, heads, dkh).transpose(0, 1)
    vh = v.reshape(tk, heads, dvh).transpose(0, 1)
    scores = qh @ kh.transpose(1, 2)
    scaled = scores / (math.sqrt(dkh) if scale == "sqrt_dk" else 1.0)
    blocked = torch.zeros(tq, tk, dtype=torch.bool)
    if mask == "causal":
        blocked = torch.ones(tq, tk, dtype=torch.bool).triu(1)
    masked = scaled.masked_fill(blocked, float("-inf"))
    weights = torch.softmax(masked, dim=-1)
    head_out = weights @ vh
    output = head_out.transpose(0, 1).reshape(tq, dv)
    return {
        "scores": scores,
        "scaled": scaled,
        "masked": masked,
        "weights": weights,
        "headOutput": head_out,
        "output": output,
    }, (qh, kh, vh)


def case(name, q, k, v, mask="none", scale="sqrt_dk", heads=1):
    out32, (qh, kh, vh) = steps(q, k, v, mask, scale, heads, torch.float32)
    out64, _ = steps(q, k, v, mask, scale, heads, torch.float64)
    for key in out32:
        a, b = out32[key].to(torch.float64), out64[key]
        finite = torch.isfinite(b)
        if not torch.equal(torch.isfinite(a), finite):
            raise SystemExit(f"{name}/{key}: float32 and float64 mask differ")
        diff = (a[finite] - b[finite]).abs().max().item()
        if diff > TOLERANCE / 10:
            raise SystemExit(f"{name}/{key}: float32 is {diff:g} from float64")
    # PyTorch's fused attention gives the same output (its scale is 1/sqrt(d) by default).
    sdpa = F.scaled_dot_product_attention(
        qh, kh, vh, is_causal=(mask == "causal"), scale=None
    ) if scale == "sqrt_dk" and hasattr(F, "scaled_dot_product_attention") else None
    if sdpa is not None:
        tq, dv = out32["output"].shape
        d = (sdpa.transpose(0, 1).reshape(tq, dv) - out32["output"]).abs().max().item()
        if d > TOLERANCE / 10:
            raise SystemExit(f"{name}: scaled_dot_product_attention differs by {d:g}")
    return {
        "name": name,
        "q": q,
        "k": k,
        "v": v,
        "attrs": {"mask": mask, "scale": scale, "heads": heads},
        "expected": {key: nested(t) for key, t in out32.items()},
    }


def main():
    article = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]
    cases = [
        case("article example: 我 爱 你, Q = K = V, scaled by sqrt(3)", article, article, article),
        case("article example, causal", article, article, article, mask="causal"),
        case("article example, no scaling", article, article, article, scale="none"),
    ]
    q, k, v = decimals(4, 4), decimals(4, 4), decimals(4, 6)
    cases.append(case("2 heads, d_k 4, d_v 6", q, k, v, heads=2))
    q, k, v = decimals(5, 8), decimals(5, 8), decimals(5, 4)
    cases.append(case("4 heads, causal, d_k 8, d_v 4", q, k, v, mask="causal", heads=4))
    q, k, v = decimals(2, 3), decimals(5, 3), decimals(5, 2)
    cases.append(case("T_q 2 != T_k 5", q, k, v))
    q, k, v = decimals(3, 4, -3, 3), decimals(6, 4, -3, 3), decimals(6, 4)
    cases.append(case("large scores, no scaling, T_q 3, T_k 6, 2 heads", q, k, v, scale="none", heads=2))
    q, k, v = decimals(16, 16), decimals(16, 16), decimals(16, 16)
    cases.append(case("largest: T 16, d_k 16, d_v 16, 4 heads, causal", q, k, v, mask="causal", heads=4))

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    header = {
        "op": "attention",
        "generatedBy": f"PyTorch {torch.__version__}",
        "tolerance": TOLERANCE,
        "note": "masked entries that are -inf are written as null",
    }
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":"))[:-1]
    lines = [json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in cases]
    text = head + ',"cases":[\n' + ",\n".join(lines) + "\n]}\n"
    path = OUT_DIR / "attention.json"
    path.write_text(text, encoding="utf-8")
    print(f"models/fixtures/ops/attention.json: {len(cases)} cases, {len(text)} bytes")


if __name__ == "__main__":
    main()
