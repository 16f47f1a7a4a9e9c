#!/usr/bin/env python3
"""Operator test cases for src/core/conv.ts, computed by PyTorch.

Writes three data files (STYLE.md habit 8: operator tests as data files):
  models/fixtures/ops/conv2d.json            F.conv2d            (cross-correlation)
  models/fixtures/ops/conv_transpose2d.json  F.conv_transpose2d  (groups 1, output_padding 0)
  models/fixtures/ops/pool2d.json            F.max_pool2d / F.avg_pool2d (no padding, floor mode)

Each case: the input [C, H, W], the weight (conv: [Cout, Cin, kH, kW]; transposed:
PyTorch's [Cin, Cout, kH, kW]), the bias [Cout] or null, the attributes, and the output
PyTorch computed in float32. Inputs and weights are 2-decimal numbers (or small integers)
so the files stay readable; the float32 rounding of e.g. 0.37 is the same in PyTorch and
in a JavaScript Float32Array, so both sides see identical operands.

Every expected output is also recomputed in float64 from the same float32 operands; the
script stops if the float32 result PyTorch wrote is further than TOLERANCE / 10 from it,
so the stated tolerance covers float32 accumulation error with a wide margin.

Run from the repo root:  /usr/bin/python3 models/recipes/op_cases.py
Deterministic: fixed seed, one CPU thread, same output on the same PyTorch build.
"""

import json
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

SEED = 20240611
TOLERANCE = 1e-5
OUT_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "ops"

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)
GEN = torch.Generator().manual_seed(SEED)


# ---------------------------------------------------------------- helpers


def decimals(shape, lo=-1.0, hi=1.0):
    """A tensor of 2-decimal values in [lo, hi] (as float64 so the JSON stays '0.37')."""
    n_lo, n_hi = round(lo * 100), round(hi * 100)
    ints = torch.randint(n_lo, n_hi + 1, tuple(shape), generator=GEN)
    return ints.to(torch.float64) / 100


def f32_text(x: float) -> float:
    """Shortest decimal that round-trips the float32 value (keeps the files small)."""
    return float(repr(np.float32(x)))


def tensor_json(t: torch.Tensor, as_f32: bool) -> dict:
    flat = t.detach().reshape(-1).tolist()
    data = [f32_text(v) if as_f32 else v for v in flat]
    # Integers print as 3 rather than 3.0.
    data = [int(v) if float(v).is_integer() else v for v in data]
    return {"shape": list(t.shape), "data": data}


def check_close(name: str, f32_out: torch.Tensor, f64_out: torch.Tensor) -> float:
    diff = (f32_out.to(torch.float64) - f64_out).abs().max().item() if f32_out.numel() else 0.0
    if diff > TOLERANCE / 10:
        raise SystemExit(f"{name}: float32 result is {diff:g} from float64, above tolerance/10")
    return diff


def write(op: str, cases: list) -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    header = {"op": op, "generatedBy": f"PyTorch {torch.__version__}", "tolerance": TOLERANCE}
    # One case per line: compact, yet a diff shows which case changed.
    head = json.dumps(header, separators=(",", ":"))[:-1]
    lines = [json.dumps(c, separators=(",", ":")) for c in cases]
    text = head + ',"cases":[\n' + ",\n".join(lines) + "\n]}\n"
    path = OUT_DIR / f"{op}.json"
    path.write_text(text)
    rel = path.relative_to(OUT_DIR.parent.parent.parent)
    print(f"{rel}: {len(cases)} cases, {len(text)} bytes")


# ---------------------------------------------------------------- conv2d


def conv_case(name, x, w, b, stride, padding, dilation, transposed=False):
    """x: [Cin, H, W] float64 (exact decimals); w: conv [Cout, Cin, kH, kW] or transposed
    [Cin, Cout, kH, kW]; b: [Cout] or None."""
    op = F.conv_transpose2d if transposed else F.conv2d
    attrs = {"stride": stride, "padding": padding, "dilation": dilation}

    def run(dtype):
        return op(
            x.to(dtype).unsqueeze(0),
            w.to(dtype),
            None if b is None else b.to(dtype),
            **attrs,
        )[0]

    out32 = run(torch.float32)
    # float64 reference on the *float32-rounded* operands (what both sides actually use).
    x64, w64 = x.to(torch.float32).to(torch.float64), w.to(torch.float32).to(torch.float64)
    b64 = None if b is None else b.to(torch.float32).to(torch.float64)
    out64 = op(x64.unsqueeze(0), w64, b64, **attrs)[0]
    diff = check_close(name, out32, out64)
    case = {
        "name": name,
        "input": tensor_json(x, False),
        "weight": tensor_json(w, False),
        "bias": None if b is None else tensor_json(b, False)["data"],
        "attrs": attrs,
        "expected": tensor_json(out32, True),
    }
    return case, diff


def conv2d_cases():
    specs = [
        # name, Cin, Cout, H, W, kH, kW, stride, padding, dilation, bias
        ("1x1 kernel mixes channels", 2, 3, 5, 5, 1, 1, 1, 0, 1, True),
        ("3x3 same padding", 1, 1, 6, 6, 3, 3, 1, 1, 1, True),
        ("3x3 stride 2 padding 1", 2, 2, 7, 7, 3, 3, 2, 1, 1, True),
        ("3x3 stride 3", 1, 2, 10, 10, 3, 3, 3, 0, 1, False),
        ("3x3 stride 4 padding 2, 16x16, 3 channels", 3, 1, 16, 16, 3, 3, 4, 2, 1, True),
        ("3x3 dilation 2 padding 2", 1, 1, 8, 8, 3, 3, 1, 2, 2, False),
        ("3x3 dilation 3", 2, 3, 12, 12, 3, 3, 1, 0, 3, True),
        ("3x3 dilation 4 padding 4", 1, 1, 9, 9, 3, 3, 1, 4, 4, True),
        ("5x5 padding 2", 1, 2, 8, 8, 5, 5, 1, 2, 1, True),
        ("5x5 stride 2, 3 channels in and out", 3, 3, 11, 11, 5, 5, 2, 0, 1, True),
        ("7x7 padding 3, 16x16", 1, 1, 16, 16, 7, 7, 1, 3, 1, False),
        ("7x7 stride 2 padding 3", 2, 1, 14, 14, 7, 7, 2, 3, 1, True),
        ("2x2 stride 2 (even kernel)", 1, 1, 6, 6, 2, 2, 2, 0, 1, False),
        ("4x4 kernel covers the input exactly", 1, 1, 4, 4, 4, 4, 1, 0, 1, True),
        ("1x3 kernel on a 5x6 input", 2, 2, 5, 6, 1, 3, 1, 1, 1, True),
        ("3x2 kernel stride 2 padding 1 dilation 2", 3, 2, 9, 7, 3, 2, 2, 1, 2, False),
        ("padding 4 wider than the kernel", 1, 1, 3, 3, 3, 3, 1, 4, 1, True),
        ("1x1 input, 1x1 kernel", 1, 1, 1, 1, 1, 1, 1, 0, 1, True),
        ("stride 3 larger than a 2x2 kernel", 2, 2, 8, 8, 2, 2, 3, 1, 1, True),
        ("3x3 stride 2 drops the last column (floor)", 1, 1, 6, 6, 3, 3, 2, 0, 1, False),
        ("5x5 stride 2 padding 4 dilation 2", 2, 3, 13, 13, 5, 5, 2, 4, 2, True),
    ]
    cases, diffs = [], []
    # The article example: a worked 3x3 cross-correlation whose single output is 60.
    x = torch.tensor([[[1, 2, 3], [4, 5, 6], [7, 8, 9]]], dtype=torch.float64)
    w = torch.tensor([[[[0, 1, 0], [2, 0, 3], [0, 4, 0]]]], dtype=torch.float64)
    case, diff = conv_case("article example (output 60)", x, w, None, 1, 0, 1)
    assert case["expected"]["data"] == [60], case["expected"]
    cases.append(case)
    diffs.append(diff)
    for name, cin, cout, h, w_, kh, kw, s, p, d, has_bias in specs:
        x = decimals((cin, h, w_))
        w = decimals((cout, cin, kh, kw), -0.5, 0.5)
        b = decimals((cout,)) if has_bias else None
        case, diff = conv_case(name, x, w, b, s, p, d)
        cases.append(case)
        diffs.append(diff)
    return cases, max(diffs)


def conv_transpose2d_cases():
    specs = [
        # name, Cin, Cout, H, W, kH, kW, stride, padding, dilation, bias
        ("2x2 stride 2 upsampling", 1, 1, 2, 2, 2, 2, 2, 0, 1, False),
        ("3x3 stride 1 (full convolution)", 1, 1, 3, 3, 3, 3, 1, 0, 1, False),
        ("3x3 stride 1 padding 1 keeps the size", 2, 2, 4, 4, 3, 3, 1, 1, 1, True),
        ("3x3 stride 2 padding 1", 1, 1, 3, 3, 3, 3, 2, 1, 1, True),
        ("4x4 stride 2 padding 1 (DCGAN doubling)", 2, 1, 4, 4, 4, 4, 2, 1, 1, True),
        ("3x3 stride 3", 1, 2, 3, 3, 3, 3, 3, 0, 1, False),
        ("3x3 stride 2 dilation 2", 1, 1, 3, 3, 3, 3, 2, 0, 2, True),
        ("3x3 stride 2 padding 3 (grid cropped)", 1, 1, 5, 5, 3, 3, 2, 3, 1, True),
        ("1x1 kernel stride 2 mixes channels", 2, 3, 3, 3, 1, 1, 2, 0, 1, True),
        ("5x5 padding 2, 3 channels in", 3, 2, 6, 6, 5, 5, 1, 2, 1, True),
        ("4x4 stride 4 (tiles)", 1, 1, 3, 3, 4, 4, 4, 0, 1, False),
        ("3x3 stride 2 padding 2 dilation 3", 2, 2, 4, 4, 3, 3, 2, 2, 3, True),
        ("2x3 kernel stride 2 padding 1", 1, 2, 3, 4, 2, 3, 2, 1, 1, True),
        ("2x2 stride 3 padding 2 (cropped)", 1, 1, 4, 4, 2, 2, 3, 2, 1, False),
        ("7x7 padding 3", 1, 1, 4, 4, 7, 7, 1, 3, 1, True),
        ("3x3 stride 2 padding 1, 3 channels in and out", 3, 3, 5, 5, 3, 3, 2, 1, 1, True),
        ("1x1 input: the output is the kernel", 1, 1, 1, 1, 3, 3, 2, 0, 1, False),
        ("3x3 stride 4 padding 4 dilation 4", 1, 1, 4, 4, 3, 3, 4, 4, 4, True),
    ]
    cases, diffs = [], []
    for name, cin, cout, h, w_, kh, kw, s, p, d, has_bias in specs:
        x = decimals((cin, h, w_))
        w = decimals((cin, cout, kh, kw), -0.5, 0.5)
        b = decimals((cout,)) if has_bias else None
        case, diff = conv_case(name, x, w, b, s, p, d, transposed=True)
        cases.append(case)
        diffs.append(diff)
    return cases, max(diffs)


# ---------------------------------------------------------------- pooling


def pool2d_cases():
    specs = [
        # name, type, C, H, W, kernel, stride
        ("max 2x2 stride 2", "max", 1, 4, 4, 2, 2),
        ("avg 2x2 stride 2", "avg", 1, 4, 4, 2, 2),
        ("max 3x3 stride 1, 2 channels", "max", 2, 5, 5, 3, 1),
        ("avg 3x3 stride 2, 2 channels", "avg", 2, 7, 7, 3, 2),
        ("max 2x2 stride 1 on 5x6, 3 channels", "max", 3, 5, 6, 2, 1),
        ("avg 4x4 stride 4 on 16x16", "avg", 1, 16, 16, 4, 4),
        ("max 1x1 is the identity", "max", 2, 3, 3, 1, 1),
        ("avg 1x1 stride 2 subsamples", "avg", 1, 5, 5, 1, 2),
        ("max 3x3 stride 3 drops the remainder (floor)", "max", 1, 8, 8, 3, 3),
        ("avg 3x3 stride 1, 3 channels", "avg", 3, 6, 6, 3, 1),
        ("max 4x4 stride 2, 2 channels", "max", 2, 9, 9, 4, 2),
        ("max 2x2 stride 3 skips cells", "max", 1, 7, 7, 2, 3),
        ("avg 4x4 stride 1 to a single cell", "avg", 1, 4, 4, 4, 1),
        ("avg 2x2 stride 4 on 9x9", "avg", 2, 9, 9, 2, 4),
    ]
    cases, diffs = [], []
    for name, kind, c, h, w_, k, s in specs:
        x = decimals((c, h, w_))
        cases.append(pool_case(name, kind, x, k, s, diffs))
    # All-negative input: a max that starts from 0 instead of −∞ would be wrong here.
    x = -decimals((1, 4, 4), 0.01, 1.0)
    cases.append(pool_case("max 2x2 of an all-negative input", "max", x, 2, 2, diffs))
    # Ties: every window holds its maximum twice.
    ties = [[1, 1, 0, 2], [0, 0, 2, 0], [3, 0, 0, 0], [3, 0, 0, 0]]
    x = torch.tensor([ties], dtype=torch.float64)
    cases.append(pool_case("max 2x2 with tied maxima", "max", x, 2, 2, diffs))
    return cases, max(diffs)


def pool_case(name, kind, x, k, s, diffs):
    op = F.max_pool2d if kind == "max" else F.avg_pool2d
    out32 = op(x.to(torch.float32).unsqueeze(0), k, s)[0]
    out64 = op(x.to(torch.float32).to(torch.float64).unsqueeze(0), k, s)[0]
    diffs.append(check_close(name, out32, out64))
    return {
        "name": name,
        "input": tensor_json(x, False),
        "attrs": {"type": kind, "kernel": k, "stride": s},
        "expected": tensor_json(out32, True),
    }


def main():
    for op, make in [
        ("conv2d", conv2d_cases),
        ("conv_transpose2d", conv_transpose2d_cases),
        ("pool2d", pool2d_cases),
    ]:
        cases, diff = make()
        write(op, cases)
        print(f"  max |float32 − float64| = {diff:.3g}")


if __name__ == "__main__":
    main()
