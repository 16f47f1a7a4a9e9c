import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { softmax } from '../core/softmax';
import { argmax, maxAbsDiff, sizeOf } from '../core/tensor';
import { sha256Hex } from './loader';
import { modelCardSchema } from './modelCard';
import { ModelSession } from './session';

// In Node, `onnxruntime-web` resolves to its Node build (dist/ort.node.min.mjs), which runs
// the same WASM backend as the page and loads its .wasm from node_modules by itself, so no
// `env.wasm.wasmPaths` is needed. `numThreads = 1` is not required for it to work (it also
// passes with 4 threads), but left unset the Node build picks min(4, cores / 2) worker
// threads — it has no `self.crossOriginIsolated` to check — whereas src/runtime/ort.ts runs the
// page single-threaded. Setting 1 here tests the configuration the page actually runs.
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

interface FixtureTensor {
  name?: string;
  shape: number[];
  data: number[];
}

interface Fixture {
  model: string;
  tolerance: number;
  generatedBy: string;
  cases: {
    label: number;
    source: string;
    input: FixtureTensor & { name: string };
    outputs: Record<string, FixtureTensor>;
  }[];
}

/** Every model card (models/NAME.json) that points at golden fixtures. */
const cards = readdirSync(MODELS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({
    file: f,
    raw: JSON.parse(readFileSync(join(MODELS_DIR, f), 'utf8')) as Record<string, unknown>,
  }))
  .filter((c) => typeof c.raw.fixtures === 'string');

it('finds at least one model card with golden fixtures', () => {
  expect(cards.map((c) => c.file)).toContain('mnist_cnn.json');
});

describe.each(cards)('$file', ({ raw }) => {
  const card = modelCardSchema.parse(raw);
  const fixture = JSON.parse(
    readFileSync(join(MODELS_DIR, raw.fixtures as string), 'utf8'),
  ) as Fixture;
  const bytes = new Uint8Array(readFileSync(join(MODELS_DIR, card.file)));
  let session: ModelSession;

  beforeAll(async () => {
    session = await ModelSession.create(ort, bytes, 'wasm');
  });
  afterAll(async () => {
    await session?.dispose();
  });

  it('passes the card schema and names its own fixtures', () => {
    expect(modelCardSchema.safeParse(raw).success).toBe(true);
    expect(fixture.model).toBe(card.name);
    expect(fixture.cases.length).toBeGreaterThan(0);
  });

  it('ships the .onnx the card describes (size and sha256)', async () => {
    expect(bytes.byteLength).toBe(card.sizeBytes);
    expect(await sha256Hex(bytes)).toBe(card.sha256);
  });

  it("has the card's inputs and outputs, in order", () => {
    expect(session.inputNames).toEqual(card.inputs.map((i) => i.name));
    expect(session.outputNames).toEqual(card.outputs.map((o) => o.name));
  });

  it.each(fixture.cases.map((c, i) => ({ i, ...c })))(
    'case $i ($source) reproduces PyTorch within the fixture tolerance',
    async (c) => {
      // Tolerance: the fixture's own (1e-4 max abs diff for mnist_cnn), written by the recipe
      // that computed the outputs with PyTorch in float32. What it has to absorb: the fixture
      // keeps 7 significant digits (a logit of 14.38008 is rounded by up to 5e-6) and ORT sums
      // in another order than PyTorch (~1e-6). Measured worst case: 7.7e-6 (logits).
      const tol = fixture.tolerance;
      expect(tol).toBeGreaterThan(0);
      expect(tol).toBeLessThanOrEqual(1e-4);
      expect(c.input.data).toHaveLength(sizeOf(c.input.shape));
      const out = await session.run({
        [c.input.name]: { data: Float32Array.from(c.input.data), dims: c.input.shape },
      });
      const names = Object.keys(c.outputs);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        const expected = c.outputs[name]!;
        const actual = out[name];
        expect(actual, `output ${name}`).toBeDefined();
        expect([...actual!.dims], `shape of ${name}`).toEqual(expected.shape);
        expect(actual!.data.length, `size of ${name}`).toBe(sizeOf(expected.shape));
        const diff = maxAbsDiff(actual!.data, expected.data);
        recordDiff(card.name, name, diff);
        expect(diff, `max |ORT − PyTorch| of ${name}`).toBeLessThanOrEqual(tol);
      }
      // A fixture must at least pin the model's final output (the card lists it last).
      expect(names).toContain(card.outputs.at(-1)!.name);
      if (out.probabilities) checkProbabilities(out.probabilities.data, out.logits?.data, c.label);
    },
  );

  const samplesFile = raw.samples;
  if (typeof samplesFile === 'string') {
    const samples = JSON.parse(readFileSync(join(MODELS_DIR, samplesFile), 'utf8')) as {
      digits: { label: number; pixels: number[] }[];
    };
    const input = card.inputs[0]!;
    it.each(samples.digits)(
      'classifies sample digit $label correctly',
      async ({ label, pixels }) => {
        const dims = input.shape.map((d) => (typeof d === 'number' ? d : 1));
        expect(pixels).toHaveLength(sizeOf(dims));
        const out = await session.run({ [input.name]: { data: Float32Array.from(pixels), dims } });
        expect(out.probabilities, 'the model has a probabilities output').toBeDefined();
        checkProbabilities(out.probabilities!.data, out.logits?.data, label);
      },
    );
  }
});

/**
 * Probabilities are a distribution over the classes and pick `label`; when the model also
 * returns logits, the probabilities are softmax(logits) as computed by core/softmax.
 */
function checkProbabilities(
  p: Float32Array,
  logits: Float32Array | undefined,
  label: number,
): void {
  // 1e-5: a float32 sum of 10 terms in [0, 1] is off from 1 by a few ulps (~1e-7 each).
  const total = p.reduce((a, b) => a + b, 0);
  expect(Math.abs(total - 1), 'probabilities sum to 1').toBeLessThan(1e-5);
  expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
  expect(argmax(p), 'predicted class').toBe(label);
  if (logits) {
    // 1e-6: the model's Softmax and ours both work in float32 on the same logits.
    expect(maxAbsDiff(p, softmax(logits)), 'probabilities = softmax(logits)').toBeLessThan(1e-6);
  }
}

/** Largest max-abs-diff seen per model output, printed once at the end for the record. */
const worst = new Map<string, number>();
function recordDiff(model: string, output: string, diff: number): void {
  const key = `${model}/${output}`;
  worst.set(key, Math.max(worst.get(key) ?? 0, diff));
}
afterAll(() => {
  if (process.env.GLASSBOX_PRINT_DIFFS) console.log(Object.fromEntries(worst));
});
