#!/usr/bin/env python3
"""Recipe for models/toy_reverse.onnx: a tiny transformer that reverses digit strings.

Input `31415>` and the model continues `51413.` (`.` ends the answer). Lengths 1-8.
2 layers, 2 heads, d_model 32, sinusoidal positional encoding, post-LayerNorm blocks
(see attn_common.py). Its attention implements the algorithm visibly: the position that
writes output digit j attends to input position L-1-j, an anti-diagonal in the weights.

Run:  /usr/bin/python3 models/recipes/toy_reverse.py
Writes models/toy_reverse.onnx, toy_reverse.json (card), fixtures/toy_reverse.golden.json.
Deterministic: same PyTorch build, same seed -> same files.
"""

import math
import random
import time

import torch
import torch.nn.functional as F

import attn_common as ac

NAME = "toy_reverse"
SEED = 1234
MIN_LEN, MAX_LEN = 1, 8
CONTEXT = 2 * MAX_LEN + 2  # digits, '>', reversed digits, '.'
LAYERS, HEADS, D_MODEL, D_FF = 2, 2, 32, 64
D_K = D_V = D_MODEL // HEADS
STEPS = 2000
BATCH_SIZE = 64
LEARNING_RATE = 3e-3
WARMUP = 100
HELD_OUT = 2000  # sequences of length >= UNSEEN_FROM never used for training
UNSEEN_FROM = 4  # shorter lengths have too few sequences (10^L) to hold any out

VOCAB = [str(d) for d in range(10)] + [">", ".", "<pad>"]
SEP, END, PAD = 10, 11, 12


def encode(digits: str) -> list:
    """'314' -> ids of '314>413.' padded to CONTEXT."""
    ids = [int(d) for d in digits] + [SEP] + [int(d) for d in reversed(digits)] + [END]
    return ids + [PAD] * (CONTEXT - len(ids))


def random_digits(rng: random.Random) -> str:
    n = rng.randint(MIN_LEN, MAX_LEN)
    return "".join(rng.choice("0123456789") for _ in range(n))


def held_out_set() -> list:
    rng = random.Random(SEED + 1)
    seen, out = set(), []
    while len(out) < HELD_OUT:
        s = random_digits(rng)
        if len(s) >= UNSEEN_FROM and s not in seen:
            seen.add(s)
            out.append(s)
    return out


def make_batch(rng: random.Random, exclude: set):
    """Inputs, targets (-100 = no loss: only the answer and its end mark are scored)."""
    rows, targets = [], []
    while len(rows) < BATCH_SIZE:
        s = random_digits(rng)
        if s in exclude:
            continue
        ids = encode(s)
        L = len(s)
        tgt = [-100] * CONTEXT
        for p in range(L, 2 * L + 1):  # position p predicts ids[p + 1]
            tgt[p] = ids[p + 1]
        rows.append(ids)
        targets.append(tgt)
    return torch.tensor(rows, dtype=torch.float32), torch.tensor(targets)


@torch.no_grad()
def greedy(model, seqs: list) -> list:
    """Greedy decoding from 'digits>' (padding after it), as the app does it."""
    model.eval()
    x = torch.full((len(seqs), CONTEXT), float(PAD))
    for i, s in enumerate(seqs):
        x[i, : len(s)] = torch.tensor([int(d) for d in s], dtype=torch.float32)
        x[i, len(s)] = SEP
    lens = torch.tensor([len(s) for s in seqs])
    rows = torch.arange(len(seqs))
    for j in range(MAX_LEN + 1):
        pos = lens + j
        active = pos < 2 * lens + 1
        nxt = model(x)[rows, pos].argmax(-1).float()
        x[rows[active], pos[active] + 1] = nxt[active]
    answers = []
    for i, s in enumerate(seqs):
        out = x[i, len(s) + 1 : 2 * len(s) + 2].long().tolist()
        answers.append("".join(VOCAB[t] for t in out))
    return answers


def sequence_accuracy(model, seqs: list) -> float:
    answers = greedy(model, seqs)
    return sum(a == s[::-1] + "." for a, s in zip(answers, seqs)) / len(seqs)


@torch.no_grad()
def anti_diagonal_scores(model, seqs: list) -> dict:
    """Per layer/head: the share of answer positions p = L..2L-1 (writing output digit
    p - L) whose strongest attention goes to the mirrored input position 2L-1-p."""
    x = torch.tensor([encode(s) for s in seqs], dtype=torch.float32)
    _, stages = model.stages(x)
    scores = {}
    for l in range(LAYERS):
        for h in range(HEADS):
            w = stages[f"l{l}.h{h}.weights"]
            hit = total = 0
            for i, s in enumerate(seqs):
                L = len(s)
                for p in range(L, 2 * L):
                    hit += int(w[i, p].argmax()) == 2 * L - 1 - p
                    total += 1
            scores[f"l{l}.h{h}"] = hit / total
    return scores


def main():
    ac.seed_everything(SEED)
    held_out = held_out_set()
    exclude = set(held_out)
    model = ac.DecoderLM(len(VOCAB), CONTEXT, LAYERS, HEADS, D_MODEL, D_K, D_V, D_FF,
                         positional="sinusoidal")  # fmt: skip
    opt = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.0)

    def lr_at(step):
        if step < WARMUP:
            return (step + 1) / WARMUP
        return 0.5 * (1 + math.cos(math.pi * (step - WARMUP) / (STEPS - WARMUP)))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    rng = random.Random(SEED)
    t0 = time.time()
    model.train()
    for step in range(STEPS):
        x, y = make_batch(rng, exclude)
        loss = F.cross_entropy(model(x).flatten(0, 1), y.flatten(), ignore_index=-100)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        if (step + 1) % 250 == 0:
            acc = sequence_accuracy(model, held_out[:300])
            model.train()
            print(f"step {step + 1:5d}/{STEPS}  loss {loss.item():.4f}  held-out acc {acc:.3f}",
                  flush=True)  # fmt: skip
    train_seconds = time.time() - t0
    model.eval()

    acc = sequence_accuracy(model, held_out)
    rng_all = random.Random(SEED + 2)
    by_length = {}
    for n in range(MIN_LEN, MAX_LEN + 1):
        seqs = ["".join(rng_all.choice("0123456789") for _ in range(n)) for _ in range(200)]
        by_length[str(n)] = round(sequence_accuracy(model, seqs), 4)
    diag = anti_diagonal_scores(model, held_out[:500])
    best = max(diag, key=diag.get)
    print("held-out sequence accuracy:", acc, "by length:", by_length)
    print("anti-diagonal share per head:", diag)

    onnx_path = ac.MODELS_DIR / f"{NAME}.onnx"
    ac.export_onnx(model, onnx_path, "Digit-reversal transformer, Glassbox")
    facts = ac.file_facts(onnx_path)
    cases = []
    for i, s in enumerate(["31415", "12345678", "7"]):
        text = s + ">" + s[::-1] + "."
        cases.append(ac.fixture_case(model, encode(s), i, f"{NAME} golden sequence {i}", text))
    ac.write_fixture(NAME, cases)

    c = model.cfg
    card = {
        "name": NAME,
        "title": "Digit reverser",
        "description": (
            "A 2-layer, 2-head transformer that writes a digit string backwards: given "
            "'31415>' it continues '51413.'. Its attention shows the algorithm as an "
            "anti-diagonal: each answer position looks at the mirrored input digit."
        ),
        "file": f"{NAME}.onnx",
        **facts,
        "parameterCount": ac.param_count(model),
        "opset": ac.OPSET,
        "inputs": [{
            "name": "tokens", "shape": [1, CONTEXT], "dtype": "float32",
            "description": (
                f"{CONTEXT} token ids as floats: digits (ids 0-9), '>' ({SEP}), the answer "
                f"so far, padded at the end with {PAD}; decode greedily one token at a time "
                "until '.'"),
        }],  # fmt: skip
        "outputs": ac.card_outputs(c),
        "architecture": ac.architecture(c),
        "tokenizer": {"kind": "char", "vocab": VOCAB, "pad": PAD, "unk": None},
        "task": {"kind": "reverse", "separator": ">", "end": ".",
                 "minLength": MIN_LEN, "maxLength": MAX_LEN},  # fmt: skip
        "dataset": {
            "name": "random digit strings",
            "source": f"generated by the recipe (Python random, seed {SEED}), lengths "
            f"{MIN_LEN}-{MAX_LEN} uniform",
            "licence": "none needed (synthetic)",
            "split": f"{HELD_OUT} held-out strings of length {UNSEEN_FROM}-{MAX_LEN} never "
            "trained on",
        },
        "recipe": {
            "script": "models/recipes/toy_reverse.py",
            "command": "/usr/bin/python3 models/recipes/toy_reverse.py",
            "framework": f"PyTorch {torch.__version__}",
            "optimizer": (
                f"AdamW, {WARMUP} warm-up steps, cosine decay to 0, gradient clipping 1.0, "
                "cross-entropy on the answer digits and the end mark only"
            ),
            "steps": STEPS,
            "batchSize": BATCH_SIZE,
            "learningRate": LEARNING_RATE,
            "trainingSeconds": round(train_seconds, 1),
            "seed": SEED,
        },
        "metrics": {
            "heldOutSequenceAccuracy": round(acc, 4),
            "heldOutSequences": len(held_out),
            "sequenceAccuracyByLength": by_length,
            "decoding": "greedy",
            "antiDiagonalShare": {k: round(v, 4) for k, v in diag.items()},
            "reversalHead": best,
        },
        "golden": f"fixtures/{NAME}.golden.json",
    }
    ac.write_card(NAME, card)
    print(f"training time   : {train_seconds:.1f} s")
    print(f"parameter count : {card['parameterCount']}")
    print(f"file size       : {facts['sizeBytes']} bytes")
    print(f"reversal head   : {best} ({diag[best]:.3f} of answer positions on the mirror)")


if __name__ == "__main__":
    main()
