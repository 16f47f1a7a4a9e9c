import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argmax, maxAbsDiff } from '../core/tensor';
import { sha256Hex } from './loader';
import { modelCardSchema, type ModelCard } from './modelCard';
import { ModelSession } from './session';

// The MNIST GAN (models/recipes/mnist_gan.py): a generator and a discriminator that share one
// golden fixture, so src/runtime/models.test.ts (one model, one input per case) skips them
// (their cards say "golden", not "fixtures") and this file checks them.
// Same runtime configuration as models.test.ts: the page's single-threaded WASM backend.
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));
const readJson = (file: string) =>
  JSON.parse(readFileSync(join(MODELS_DIR, file), 'utf8')) as unknown;

interface GoldenGenerated {
  label: number;
  z: number[];
  image: { shape: number[]; data: number[] };
  score: number[];
  classes: number[];
}
interface GoldenReal {
  label: number;
  source: string;
  image: { shape: number[]; data: number[] };
  score: number[];
  classes: number[];
}
interface Golden {
  model: string;
  generator: string;
  discriminator: string;
  latentDim: number;
  tolerance: number;
  generatedBy: string;
  generated: GoldenGenerated[];
  real: GoldenReal[];
}

const golden = readJson('fixtures/mnist_gan.golden.json') as Golden;
const cardG = modelCardSchema.parse(readJson(`${golden.generator}.json`));
const cardD = modelCardSchema.parse(readJson(`${golden.discriminator}.json`));
const bytesOf = (card: ModelCard) => new Uint8Array(readFileSync(join(MODELS_DIR, card.file)));
const oneHot = (label: number) => Array.from({ length: 10 }, (_, c) => (c === label ? 1 : 0));

// Tolerance: the fixture's own, 1e-4 max abs diff, written by the recipe that computed the
// outputs with PyTorch in float32. It absorbs the fixture's 7 significant digits and ORT's
// summation order (measured worst case is printed with GLASSBOX_PRINT_DIFFS=1).
const tol = golden.tolerance;
const worst: Record<string, number> = {};
const record = (what: string, diff: number) => {
  worst[what] = Math.max(worst[what] ?? 0, diff);
  return diff;
};

let g: ModelSession;
let d: ModelSession;
beforeAll(async () => {
  g = await ModelSession.create(ort, bytesOf(cardG), 'wasm');
  d = await ModelSession.create(ort, bytesOf(cardD), 'wasm');
});
afterAll(async () => {
  await g?.dispose();
  await d?.dispose();
  if (process.env.GLASSBOX_PRINT_DIFFS) console.log(worst);
});

async function generate(zs: number[][], labels: number[]) {
  const out = await g.run({
    z: { data: Float32Array.from(zs.flat()), dims: [zs.length, golden.latentDim] },
    label: { data: Float32Array.from(labels.flatMap(oneHot)), dims: [labels.length, 10] },
  });
  return out.image!;
}

async function discriminate(images: Float32Array, n: number) {
  const out = await d.run({ image: { data: images, dims: [n, 1, 28, 28] } });
  return { score: out.score!, classes: out.classes! };
}

describe('MNIST GAN cards and files', () => {
  it('fixture names both models and has cases', () => {
    expect(golden.model).toBe('mnist_gan');
    expect([cardG.name, cardD.name]).toEqual(['mnist_gan_g', 'mnist_gan_d']);
    expect(golden.generated.length).toBeGreaterThanOrEqual(10);
    expect(golden.real.length).toBeGreaterThan(0);
    expect(tol).toBeGreaterThan(0);
    expect(tol).toBeLessThanOrEqual(1e-4);
  });

  it.each([cardG, cardD])(
    '$name ships the .onnx its card describes (size, sha256)',
    async (card) => {
      const bytes = bytesOf(card);
      expect(bytes.byteLength).toBe(card.sizeBytes);
      expect(bytes.byteLength).toBeLessThan(2_000_000);
      expect(await sha256Hex(bytes)).toBe(card.sha256);
      expect(card.dataset.licence).toBe('MIT');
      expect(card.opset).toBe(17);
    },
  );

  it("the sessions have the cards' inputs and outputs, in order", () => {
    expect(g.inputNames).toEqual(cardG.inputs.map((i) => i.name));
    expect(g.outputNames).toEqual(cardG.outputs.map((o) => o.name));
    expect(d.inputNames).toEqual(cardD.inputs.map((i) => i.name));
    expect(d.outputNames).toEqual(cardD.outputs.map((o) => o.name));
    expect(cardG.inputs.map((i) => i.shape)).toEqual([
      ['N', golden.latentDim],
      ['N', 10],
    ]);
  });
});

describe('MNIST GAN reproduces PyTorch', () => {
  it.each(golden.generated.map((c, i) => ({ i, ...c })))(
    'case $i: G(z, $label) and D of that image',
    async (c) => {
      const image = await generate([c.z], [c.label]);
      expect([...image.dims]).toEqual(c.image.shape);
      expect(record('image', maxAbsDiff(image.data, c.image.data))).toBeLessThanOrEqual(tol);
      expect(image.data.every((v) => v >= 0 && v <= 1)).toBe(true);
      // D on PyTorch's image (an independent check of D), then on ORT's own (the page's chain).
      for (const input of [Float32Array.from(c.image.data), image.data]) {
        const { score, classes } = await discriminate(input, 1);
        expect([...score.dims]).toEqual([1, 1]);
        expect(record('score', maxAbsDiff(score.data, c.score))).toBeLessThanOrEqual(tol);
        expect(record('classes', maxAbsDiff(classes.data, c.classes))).toBeLessThanOrEqual(tol);
        // 1e-5: a float32 softmax over 10 classes sums to 1 within a few ulps.
        expect(Math.abs(classes.data.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-5);
      }
    },
  );

  it('a batch gives the same numbers as one image at a time', async () => {
    const cases = golden.generated;
    const images = await generate(
      cases.map((c) => c.z),
      cases.map((c) => c.label),
    );
    expect([...images.dims]).toEqual([cases.length, 1, 28, 28]);
    expect(
      maxAbsDiff(
        images.data,
        cases.flatMap((c) => c.image.data),
      ),
    ).toBeLessThanOrEqual(tol);
    const { score, classes } = await discriminate(images.data, cases.length);
    expect(
      maxAbsDiff(
        score.data,
        cases.flatMap((c) => c.score),
      ),
    ).toBeLessThanOrEqual(tol);
    expect(
      maxAbsDiff(
        classes.data,
        cases.flatMap((c) => c.classes),
      ),
    ).toBeLessThanOrEqual(tol);
  });

  it.each(golden.real)('D on a real digit: $source', async (c) => {
    const { score, classes } = await discriminate(Float32Array.from(c.image.data), 1);
    expect(record('real score', maxAbsDiff(score.data, c.score))).toBeLessThanOrEqual(tol);
    expect(maxAbsDiff(classes.data, c.classes)).toBeLessThanOrEqual(tol);
    // D's classifier reads these held-back real digits correctly (pinned by the fixture too).
    expect(argmax(classes.data)).toBe(c.label);
  });

  it("D's score means something: real digits score higher than G's (fixture and card)", async () => {
    // D was fine-tuned alone against the final G (recipe.dCalibration), so its score separates
    // real from generated; at the end of adversarial training it was 0.41-0.52 for everything.
    const images = Float32Array.from(golden.generated.flatMap((c) => c.image.data));
    const fake = (await discriminate(images, golden.generated.length)).score.data;
    const real = (
      await discriminate(
        Float32Array.from(golden.real.flatMap((c) => c.image.data)),
        golden.real.length,
      )
    ).score.data;
    const mean = (a: Float32Array) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(real)).toBeGreaterThan(mean(fake) + 0.2);
    expect(Math.max(...fake)).toBeLessThan(0.5);
    const m = cardD.metrics;
    expect(Number(m.dAuc)).toBeGreaterThan(0.95);
    expect(Number(m.dMeanScoreRealHeldOut) - Number(m.dMeanScoreGenerated)).toBeGreaterThan(0.5);
  });
});
