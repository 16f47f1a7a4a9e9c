#!/usr/bin/env python3
"""Recipe for models/char_gpt_en.onnx and models/char_gpt_zh.onnx: tiny character-level
GPT-style language models for the Attention lesson.

2 layers x 4 heads, d_model 64 (d_k = d_v = 16), d_ff 256, context 64, learned
positional embeddings, post-LayerNorm blocks (see attn_common.py for the graph).

  en: trained on the English fortune cookies of Debian's `fortunes` package.
  zh: trained on Debian's `fortunes-zh` (Chinese fortunes, 300 Tang poems, 100 Song ci);
      vocabulary = the most frequent characters, so a classroom can type Chinese.

Run:  /usr/bin/python3 models/recipes/char_gpt.py en   (or zh; no argument = both)
Writes models/char_gpt_{en,zh}.onnx, .json (card) and fixtures/char_gpt_{en,zh}.golden.json.
Deterministic: same PyTorch build, same seed -> same files.
"""

import copy
import math
import os
import re
import string
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import torch
import torch.nn.functional as F

import attn_common as ac

SEED = 1234
CONTEXT = 64
LAYERS, HEADS, D_MODEL, D_K, D_V, D_FF = 2, 4, 64, 16, 16, 256
WARMUP = 100
WEIGHT_DECAY = 0.01
VAL_WINDOWS = 400  # validation windows of CONTEXT characters (25,600 characters)
VAL_EVERY = 20  # every 20th fortune is held out for validation
PAD, UNK = "<pad>", "<unk>"
FORTUNE_DIR = Path("/usr/share/games/fortunes")
ZH_FILES = ["chinese", "tang300", "song100"]  # installed by fortunes-zh

CONFIG = {
    # en: a short run (the shared 2-core build machine allowed only a few minutes of CPU).
    "en": {"steps": 1000, "batch": 32, "lr": 3e-3, "tie": False},
    # zh: early stopping. The validation loss (first VAL_WINDOWS windows of the held-out
    # text) is measured every `eval_every` steps; training stops when it has not improved
    # for `patience` evaluations (or at `steps`), and the best weights are kept. The cosine
    # schedule runs over `steps`.
    "zh": {"steps": 12000, "batch": 32, "lr": 3e-3, "tie": True, "vocab": 3000,
           "eval_every": 500, "patience": 6},  # fmt: skip
}
# CHAR_GPT_CHECKPOINT=path: save the best weights and the validation curve there at every
# evaluation (so a run stopped by hand loses nothing); CHAR_GPT_EXPORT_FROM=path: skip
# training and export the checkpoint's weights (its curve and step go into the card).


def package_version(pkg: str) -> str:
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                              capture_output=True, text=True, check=True).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def split_fortunes(text: str) -> list:
    return [e.strip("\n") for e in re.split(r"^%$", text, flags=re.M) if e.strip()]


def load_en():
    """English fortunes: every plain-text file (not .dat/.u8), minus ascii-art and the
    Chinese files fortunes-zh puts in the same folder. Overstrike (x\\bx) is removed and
    tabs become two spaces."""
    files = sorted(p for p in FORTUNE_DIR.iterdir()
                   if p.is_file() and "." not in p.name
                   and p.name not in ZH_FILES and p.name != "ascii-art")  # fmt: skip
    entries = []
    for p in files:
        text = p.read_bytes().decode("utf-8", errors="replace")
        text = re.sub(r".\x08", "", text).replace("\t", "  ").replace("\r", "")
        entries += split_fortunes(text)
    return entries, [p.name for p in files]


def load_zh_file(name: str) -> str:
    text = (FORTUNE_DIR / name).read_text(encoding="utf-8")
    return re.sub(r"\x1b\[[0-9;]*m", "", text).replace("\r", "").replace("\t", "  ")


def load_zh():
    entries = []
    for name in ZH_FILES:
        entries += split_fortunes(load_zh_file(name))
    return entries, ZH_FILES


def build_vocab(lang: str, train_text: str) -> list:
    counts = Counter(train_text)
    if lang == "en":
        printable = set(string.printable) - set("\t\r\x0b\x0c")
        chars = sorted(ch for ch in counts if ch in printable)
    else:
        ranked = [ch for ch, _ in counts.most_common() if ch.isprintable() or ch == "\n"]
        chars = ranked[: CONFIG["zh"]["vocab"]]
        # Punctuation a Chinese classroom types, even if rare in the corpus.
        for ch in "\n，。、；：？！“”‘’（）《》…— ":
            if ch not in chars:
                chars.append(ch)
        chars.sort()
    return [PAD, UNK] + chars


def encode(vocab_index, text):
    unk = vocab_index[UNK]
    return [vocab_index.get(ch, unk) for ch in text]


def batches(data: torch.Tensor, gen: torch.Generator, batch_size: int):
    while True:
        starts = torch.randint(0, len(data) - CONTEXT - 1, (batch_size,), generator=gen)
        idx = starts[:, None] + torch.arange(CONTEXT + 1)
        chunk = data[idx]
        yield chunk[:, :-1], chunk[:, 1:]


@torch.no_grad()
def evaluate(model, data: torch.Tensor, max_windows=400, first_window=0) -> float:
    """Mean next-character cross-entropy (nats) over non-overlapping windows."""
    model.eval()
    data = data[first_window * CONTEXT :]
    n = min((len(data) - 1) // CONTEXT, max_windows)
    x = data[: n * CONTEXT].view(n, CONTEXT)
    y = data[1 : n * CONTEXT + 1].view(n, CONTEXT)
    total = 0.0
    for i in range(0, n, 64):
        logits = model(x[i : i + 64])
        total += F.cross_entropy(logits.flatten(0, 1), y[i : i + 64].flatten(), reduction="sum").item()
    model.train()
    return total / (n * CONTEXT)


def train(model, train_data, val_data, steps, lr, batch_size, eval_every=None, patience=None,
          checkpoint=None):  # fmt: skip
    """Returns the validation curve [[step, loss], ...], the best step and why it stopped
    (only with eval_every; the model is left holding the best weights)."""
    gen = torch.Generator().manual_seed(SEED)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and n != "pos"]
    other = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and n != "pos")]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": WEIGHT_DECAY},
                             {"params": other, "weight_decay": 0.0}], lr=lr, betas=(0.9, 0.98))  # fmt: skip

    def lr_at(step):  # linear warm-up (post-LN needs it), then cosine decay to 10%
        if step < WARMUP:
            return (step + 1) / WARMUP
        t = (step - WARMUP) / max(1, steps - WARMUP)
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * t))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    it = batches(train_data, gen, batch_size)
    model.train()
    running = None
    curve, best, best_step, best_state, stopped = [], float("inf"), 0, None, "max steps"
    t0 = time.time()
    for step in range(steps):
        x, y = next(it)
        loss = F.cross_entropy(model(x).flatten(0, 1), y.flatten())
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if eval_every is None:
            if (step + 1) % 200 == 0 or step + 1 == steps:
                print(f"step {step + 1:5d}/{steps}  train loss {running:.3f}  "
                      f"val loss {evaluate(model, val_data, 20):.3f}", flush=True)  # fmt: skip
            continue
        if (step + 1) % eval_every and step + 1 != steps:
            continue
        val = evaluate(model, val_data, VAL_WINDOWS)
        curve.append([step + 1, round(val, 4)])
        if val < best:
            best, best_step = val, step + 1
            best_state = copy.deepcopy(model.state_dict())
        print(f"step {step + 1:5d}/{steps}  train loss {running:.3f}  val loss {val:.4f}  "
              f"best {best:.4f} @ {best_step}  {time.time() - t0:.0f} s", flush=True)  # fmt: skip
        if checkpoint:
            torch.save({"state": best_state, "curve": curve, "best_step": best_step,
                        "seconds": time.time() - t0}, checkpoint)  # fmt: skip
        if len(curve) - 1 - [s for s, _ in curve].index(best_step) >= patience:
            stopped = f"early stopping: no improvement in {patience} evaluations"
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    return curve, best_step, stopped


@torch.no_grad()
def head_stats(model, vocab, data: torch.Tensor) -> dict:
    """What each attention head looks at, averaged over non-overlapping windows of `data`
    (queries at positions >= 1): the weight on the previous character, on itself, on
    position 0, on earlier copies of the query's own character (rows that have one), on
    punctuation and newlines, and the offset (1-16 back) with the most weight on average.
    `uniform` is what a head that spread its weight evenly over the visible positions would
    score, the baseline to beat."""
    model.eval()
    n = (len(data) - 1) // CONTEXT
    x = data[: n * CONTEXT].view(n, CONTEXT)
    punct_ids = torch.tensor([i for i, ch in enumerate(vocab) if ch in PUNCT])
    is_punct = torch.isin(x, punct_ids).float()[:, None, :]  # [n, 1, T]: key is punctuation
    before = torch.tril(torch.ones(CONTEXT, CONTEXT, dtype=torch.bool), -1)  # key < query
    same = (x[:, :, None] == x[:, None, :]) & before  # [n, q, k]
    has_same = same.any(-1)
    visible = torch.tril(torch.ones(CONTEXT, CONTEXT))
    uniform_w = (visible / visible.sum(-1, keepdim=True))[None]  # [1, T, T]
    rows = torch.arange(1, CONTEXT)

    def measure(w):
        by_offset = [float(w[:, rows[d - 1 :], rows[d - 1 :] - d].mean()) for d in range(1, 17)]
        peak = max(range(16), key=lambda d: by_offset[d])
        return {
            "previous": round(by_offset[0], 4),
            "self": round(float(w[:, rows, rows].mean()), 4),
            "first": round(float(w[:, 1:, 0].mean()), 4),
            "sameChar": round(float((w * same).sum(-1)[has_same].mean()), 4),
            "punctuation": round(float((w * is_punct).sum(-1)[:, 1:].mean()), 4),
            "peakOffset": peak + 1,
            "peakOffsetWeight": round(by_offset[peak], 4),
        }

    _, stages = model.stages(x.float())
    heads = {f"l{l}.h{h}": measure(stages[f"l{l}.h{h}.weights"])
             for l in range(model.cfg["layers"]) for h in range(model.cfg["heads"])}  # fmt: skip
    model.train()
    return {"windows": n, "uniform": measure(uniform_w.expand(n, -1, -1)), "heads": heads}


def best_heads(stats: dict) -> dict:
    """The head that does each thing most, with its figure and the uniform baseline."""
    out = {}
    for key in ("previous", "self", "sameChar", "punctuation", "first"):
        name = max(stats["heads"], key=lambda k: stats["heads"][k][key])
        out[key] = {"head": name, "weight": stats["heads"][name][key],
                    "uniform": stats["uniform"][key]}  # fmt: skip
    return out


@torch.no_grad()
def sample(model, vocab, vocab_index, prompt, n=120):
    """Greedy continuation, for the log only."""
    model.eval()
    ids = encode(vocab_index, prompt)
    for _ in range(n):
        ctx = ids[-CONTEXT:]
        logits = model(torch.tensor([ctx], dtype=torch.float32))[0, len(ctx) - 1]
        logits[0] = logits[1] = -float("inf")  # never pad or unk
        ids.append(int(logits.argmax()))
    return "".join(vocab[i] for i in ids)


PUNCT = "，。、；：？！“”‘’（）《》…—,.;:?!()\"'\n"


def padded(vocab_index, text):
    ids = encode(vocab_index, text)[:CONTEXT]
    return ids + [vocab_index[PAD]] * (CONTEXT - len(ids))


GOLDEN = {
    # (text, rows kept for the full case)
    "en": [
        "To be, or not to be: that is the question.",
        "A journey of a thousand miles begins with a single step, they say; mine began with coffee.",
        "Café naïve → unknown characters become <unk>.",
    ],
    "zh": [
        "床前明月光，疑是地上霜。",
        "学而时习之，不亦说乎？有朋自远方来，不亦乐乎？",
        "Debian 是一个自由的操作系统。",
    ],
}
FULL_ROWS = {"en": 24, "zh": 16}  # positions kept for the all-outputs case
LOGIT_ROWS = {"en": None, "zh": 12}  # positions kept for the logits-only cases


def main(lang: str):
    ac.seed_everything(SEED)
    cfg = CONFIG[lang]
    name = f"char_gpt_{lang}"
    entries, files = load_en() if lang == "en" else load_zh()
    train_entries = [e for i, e in enumerate(entries) if i % VAL_EVERY != VAL_EVERY - 1]
    val_entries = [e for i, e in enumerate(entries) if i % VAL_EVERY == VAL_EVERY - 1]
    train_text, val_text = "\n\n".join(train_entries), "\n\n".join(val_entries)
    vocab = build_vocab(lang, train_text)
    vocab_index = {ch: i for i, ch in enumerate(vocab)}
    train_data = torch.tensor(encode(vocab_index, train_text))
    val_data = torch.tensor(encode(vocab_index, val_text))
    unk_rate = float((train_data == vocab_index[UNK]).float().mean())
    print(f"{name}: {len(entries)} fortunes, {len(train_text):,} train / {len(val_text):,} val "
          f"chars, vocab {len(vocab)}, unk rate {unk_rate:.4%}")  # fmt: skip

    model = ac.DecoderLM(len(vocab), CONTEXT, LAYERS, HEADS, D_MODEL, D_K, D_V, D_FF,
                         positional="learned", tie_embeddings=cfg["tie"])  # fmt: skip
    if cfg["tie"]:
        # The tied matrix also makes the logits: nn.Embedding's N(0, 1) rows would start
        # them at a spread of ~8 (loss ~40 nats); N(0, 1/d_model) starts them near 1.
        torch.nn.init.normal_(model.tok.weight, std=D_MODEL**-0.5)
    t0 = time.time()
    export_from = os.environ.get("CHAR_GPT_EXPORT_FROM")
    if export_from:
        ckpt = torch.load(export_from)
        model.load_state_dict(ckpt["state"])
        curve, best_step = ckpt["curve"], ckpt["best_step"]
        stopped = (f"stopped by hand at step {curve[-1][0]} (time budget of the build), "
                   "best weights kept")  # fmt: skip
        train_seconds = ckpt["seconds"]
    else:
        curve, best_step, stopped = train(
            model, train_data, val_data, cfg["steps"], cfg["lr"], cfg["batch"],
            cfg.get("eval_every"), cfg.get("patience"), os.environ.get("CHAR_GPT_CHECKPOINT"))  # fmt: skip
        train_seconds = time.time() - t0
    model.eval()
    val_loss = evaluate(model, val_data, max_windows=VAL_WINDOWS)
    train_loss = evaluate(model, train_data, max_windows=VAL_WINDOWS)
    # The held-out windows after the first VAL_WINDOWS never chose the stopping step.
    test_loss = evaluate(model, val_data, max_windows=10**9, first_window=VAL_WINDOWS)
    test_chars = ((len(val_data) - 1) // CONTEXT - VAL_WINDOWS) * CONTEXT
    all_loss = evaluate(model, val_data, max_windows=10**9)
    all_chars = ((len(val_data) - 1) // CONTEXT) * CONTEXT
    heads = None
    if cfg.get("eval_every"):
        # Attention: over every held-out window, and over the held-out Tang and Song poems
        # alone (what a classroom types; the rest is mostly Debian's manual).
        n_chinese = len(split_fortunes(load_zh_file("chinese")))
        poems = "\n\n".join(e for i, e in enumerate(entries)
                             if i % VAL_EVERY == VAL_EVERY - 1 and i >= n_chinese)  # fmt: skip
        held = head_stats(model, vocab, val_data)
        poem = head_stats(model, vocab, torch.tensor(encode(vocab_index, poems)))
        heads = {
            "description": (
                "mean attention weight per head, queries at positions 1-63 of 64-character "
                "windows: on the previous character, on itself, on position 0, on earlier "
                "copies of the query's own character (rows that have one), on punctuation and "
                "newlines; peakOffset = the offset back (1-16) with the most weight; uniform = "
                "a head that spreads its weight evenly (the baseline); best = the head highest "
                "on each measure"
            ),
            "poems": {"text": f"held-out Tang and Song poems ({len(poems):,} characters)",
                      **poem, "best": best_heads(poem)},  # fmt: skip
            "heldOut": {"text": "all held-out text", **held, "best": best_heads(held)},
            # The head the view opens on: in poems, the one that stands out most from an even
            # spread (for the Chinese model, the head that looks at commas and full stops).
            "showcase": max(
                best_heads(poem).values(), key=lambda b: b["weight"] / max(b["uniform"], 1e-9)
            )["head"],
        }
    prompt = GOLDEN[lang][0][:8]
    print("sample:", repr(sample(model, vocab, vocab_index, prompt)))

    onnx_path = ac.MODELS_DIR / f"{name}.onnx"
    ac.export_onnx(model, onnx_path, f"Character-level transformer ({lang}), Glassbox")
    facts = ac.file_facts(onnx_path)

    cases = []
    for i, text in enumerate(GOLDEN[lang]):
        ids = padded(vocab_index, text)
        full = i == 0
        cases.append(ac.fixture_case(
            model, ids, i, f"{name} golden text {i}", text,
            names=None if full else ["logits"],
            rows=FULL_ROWS[lang] if full else LOGIT_ROWS[lang]))  # fmt: skip
    fixture_path = ac.write_fixture(name, cases)

    pkg = "fortunes" if lang == "en" else "fortunes-zh"
    licence = (
        "BSD-3-Clause (fortune-mod, University of California), per "
        "/usr/share/doc/fortunes/copyright; quotations are short excerpts of their authors"
        if lang == "en"
        else "GPL-3.0-or-later (Yu Guanghui, Mo Zhou, xiao sheng wen), per "
        "/usr/share/doc/fortunes-zh/copyright; the Tang and Song poems are public domain"
    )
    c = model.cfg
    card = {
        "name": name,
        "title": "Tiny English character GPT" if lang == "en" else "Tiny Chinese character GPT",
        "description": (
            "A 2-layer, 4-head decoder-only transformer that predicts the next character. "
            "Every step of attention (Q, K, V, scores, scaling, causal mask, softmax, "
            "weighted sum, heads, projection, residual + LayerNorm, MLP) is a named output."
        ),
        "file": f"{name}.onnx",
        **facts,
        "parameterCount": ac.param_count(model),
        "opset": ac.OPSET,
        "inputs": [{
            "name": "tokens", "shape": [1, CONTEXT], "dtype": "float32",
            "description": (
                f"{CONTEXT} token ids as floats (one per character, by code point), "
                f"padded at the end with the pad id {vocab_index[PAD]}; the causal mask "
                "keeps the padding from changing earlier positions"),
        }],  # fmt: skip
        "outputs": ac.card_outputs(c),
        "architecture": ac.architecture(c),
        "tokenizer": {"kind": "char", "vocab": vocab, "pad": vocab_index[PAD],
                      "unk": vocab_index[UNK]},  # fmt: skip
        "dataset": {
            "name": "Debian fortunes (English)" if lang == "en" else "Debian fortunes-zh",
            "source": f"Debian package {pkg} {package_version(pkg)}: "
            f"/usr/share/games/fortunes/{{{','.join(files)}}}",
            "licence": licence,
            "split": f"every {VAL_EVERY}th fortune held out for validation "
            f"({len(val_text):,} characters), the rest for training ({len(train_text):,})",
        },
        "recipe": {
            "script": "models/recipes/char_gpt.py",
            "command": f"/usr/bin/python3 models/recipes/char_gpt.py {lang}",
            "framework": f"PyTorch {torch.__version__}",
            "optimizer": (
                f"AdamW (weight decay {WEIGHT_DECAY:g}, betas 0.9/0.98), {WARMUP} warm-up steps, "
                "cosine decay to 10%, gradient clipping 1.0, next-character cross-entropy"
            ),
            "steps": cfg["steps"] if not curve else best_step,
            **({"maxSteps": cfg["steps"], "evalEvery": cfg["eval_every"],
                "patience": cfg["patience"], "stopped": stopped} if curve else {}),
            "batchSize": cfg["batch"],
            "learningRate": cfg["lr"],
            "tiedEmbeddings": cfg["tie"],
            "trainingSeconds": round(train_seconds, 1),
            "seed": SEED,
        },
        "metrics": {
            "validationLoss": round(val_loss, 4),
            "validationBitsPerChar": round(val_loss / math.log(2), 4),
            "trainLoss": round(train_loss, 4),
            "validationChars": min((len(val_data) - 1) // CONTEXT, VAL_WINDOWS) * CONTEXT,
            "unit": "nats per character (cross-entropy), bits = nats / ln 2",
            **({"validationCurve": curve, "bestStep": best_step,
                "testLoss": round(test_loss, 4), "testChars": test_chars,
                "testNote": "held-out windows after the first validationChars (tables of "
                "Debian's manual, then the poems), not used for early stopping; the first "
                "validationChars are mostly Debian's manual with its indentation, easier",
                "allHeldOutLoss": round(all_loss, 4), "allHeldOutChars": all_chars}
               if curve else {}),  # fmt: skip
        },
        **({"attentionHeads": heads} if heads else {}),
        "golden": f"fixtures/{name}.golden.json",
    }
    ac.write_card(name, card)
    print(f"training time   : {train_seconds:.1f} s")
    print(f"val loss        : {val_loss:.4f} nats/char ({val_loss / math.log(2):.3f} bits)")
    print(f"train loss      : {train_loss:.4f}")
    if curve:
        print(f"best step       : {best_step} ({stopped}); test loss {test_loss:.4f}")
        print(f"all held-out    : {all_loss:.4f}")
        for part in ("poems", "heldOut"):
            print(part, "uniform", heads[part]["uniform"])
            for k, v in heads[part]["heads"].items():
                print(f"  {k}: {v}")
            print("  best:", heads[part]["best"])
    print(f"parameter count : {card['parameterCount']}")
    print(f"file size       : {facts['sizeBytes']} bytes; fixture "
          f"{fixture_path.stat().st_size} bytes")  # fmt: skip


if __name__ == "__main__":
    langs = sys.argv[1:] or ["en", "zh"]
    for lang in langs:
        main(lang)
