import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sizeOf } from '../core/tensor';
import { sha256Hex } from './loader';
import { modelCardSchema } from './modelCard';
import { ModelSession, type NamedTensors } from './session';
import {
  LOGITS,
  TOKENS_INPUT,
  allOutputNames,
  decodeIds,
  encodeText,
  headOutput,
  outputShape,
  padIds,
  transformerSpec,
  type TransformerSpec,
} from './transformer';

// Same ORT setup as models.test.ts: the Node build of onnxruntime-web runs the page's WASM
// backend; one thread is what the page runs.
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));
const MODELS = ['char_gpt_en', 'char_gpt_zh', 'toy_reverse'];
// Loading and running the 3,000-character model on a busy CI machine takes a few seconds.
const SLOW = 60_000;

/** A golden output; `rows` set: only the first `rows` positions (axis 1) are stored. */
interface FixtureOutput {
  shape: number[];
  rows?: number;
  data: (number | '-Infinity')[];
}

interface Fixture {
  model: string;
  tolerance: number;
  generatedBy: string;
  cases: {
    label: number;
    source: string;
    text: string;
    input: { name: string; shape: number[]; data: number[] };
    outputs: Record<string, FixtureOutput>;
  }[];
}

const readJson = (file: string): unknown =>
  JSON.parse(readFileSync(join(MODELS_DIR, file), 'utf8')) as unknown;

describe.each(MODELS)('%s', (name) => {
  const raw = readJson(`${name}.json`) as Record<string, unknown>;
  const card = modelCardSchema.parse(raw);
  const spec = transformerSpec(card);
  const fixture = readJson(card.golden!) as Fixture;
  const bytes = new Uint8Array(readFileSync(join(MODELS_DIR, card.file)));
  const T = spec.context;
  let session: ModelSession;

  beforeAll(async () => {
    session = await ModelSession.create(ort, bytes, 'wasm');
  }, SLOW);
  afterAll(async () => {
    await session?.dispose();
  });

  const run = (tokens: Float32Array): Promise<NamedTensors> =>
    session.run({ [TOKENS_INPUT]: { data: tokens, dims: [1, T] } });

  it('has a card that parses, with the transformer fields and its own fixture', () => {
    expect(card.name).toBe(name);
    expect(card.architecture?.kind).toBe('decoder');
    expect(card.tokenizer?.kind).toBe('char');
    expect(fixture.model).toBe(name);
    expect(fixture.tolerance).toBeLessThanOrEqual(1e-4);
    expect(card.inputs).toEqual([
      expect.objectContaining({ name: TOKENS_INPUT, shape: [1, T], dtype: 'float32' }),
    ]);
  });

  it('ships the .onnx the card describes (size and sha256)', async () => {
    expect(bytes.byteLength).toBe(card.sizeBytes);
    expect(await sha256Hex(bytes)).toBe(card.sha256);
  });

  it('has exactly the outputs the accessors name, in order', () => {
    expect(session.inputNames).toEqual([TOKENS_INPUT]);
    expect(session.outputNames).toEqual(allOutputNames(spec));
    expect(card.outputs.map((o) => o.name)).toEqual(allOutputNames(spec));
  });

  it.each(fixture.cases)(
    'case $label ($text): the tokenizer matches the recipe and every output matches PyTorch',
    async (c) => {
      const { ids } = encodeText(spec, c.text);
      expect(Array.from(padIds(spec, ids.slice(0, T)))).toEqual(c.input.data);
      const out = await run(Float32Array.from(c.input.data));
      for (const [outName, expected] of Object.entries(c.outputs)) {
        const actual = out[outName];
        expect(actual, outName).toBeDefined();
        expect([...actual!.dims], `shape of ${outName}`).toEqual(expected.shape);
        const rowSize = sizeOf(expected.shape.slice(2));
        const kept = (expected.rows ?? expected.shape[1]!) * rowSize;
        expect(expected.data, `stored values of ${outName}`).toHaveLength(kept);
        let worst = 0;
        for (let i = 0; i < kept; i++) {
          const e = expected.data[i]!;
          const a = actual!.data[i]!;
          if (e === '-Infinity') expect(a, `${outName}[${i}]`).toBe(-Infinity);
          else worst = Math.max(worst, Math.abs(a - e));
        }
        expect(worst, `max |ORT − PyTorch| of ${outName}`).toBeLessThanOrEqual(fixture.tolerance);
      }
      expect(Object.keys(c.outputs)).toContain(LOGITS);
    },
    SLOW,
  );

  it('has the first case pin every named output', () => {
    expect(Object.keys(fixture.cases[0]!.outputs)).toEqual(allOutputNames(spec));
  });

  it(
    'masks causally: weights rows sum to 1, masked entries are -Infinity and weigh 0',
    async () => {
      const out = await run(Float32Array.from(fixture.cases[0]!.input.data));
      for (let l = 0; l < spec.layers; l++)
        for (let h = 0; h < spec.heads; h++) checkCausal(out, spec, l, h);
    },
    SLOW,
  );

  it(
    'ignores what follows a position: padding does not change earlier positions',
    async () => {
      const c = fixture.cases[0]!;
      const n = encodeText(spec, c.text).ids.length;
      expect(n).toBeLessThan(T);
      const padded = Float32Array.from(c.input.data);
      // The same prefix followed by other tokens instead of padding.
      const other = Float32Array.from(padded, (v, i) => (i < n ? v : (i * 7) % spec.vocab.length));
      const [a, b] = [await run(padded), await run(other)];
      for (const outName of allOutputNames(spec)) {
        const [, , width] = outputShape(spec, outName);
        // scores and scaled are q·kᵀ before the mask: row i holds every key, so only the
        // columns of the kept prefix are unchanged. Everything else is per position.
        const cols = width === T && outName !== LOGITS ? n : width;
        let worst = 0;
        for (let i = 0; i < n; i++)
          for (let j = 0; j < cols; j++) {
            const [x, y] = [a[outName]!.data[i * width + j]!, b[outName]!.data[i * width + j]!];
            if (x !== y) worst = Math.max(worst, Math.abs(x - y));
          }
        expect(worst, `${outName} in the first ${n} positions`).toBeLessThan(1e-5);
      }
      // ...while later positions do see the change (the test is not vacuous).
      expect(b[LOGITS]!.data[T * spec.vocab.length - 1]).not.toBe(
        a[LOGITS]!.data[T * spec.vocab.length - 1],
      );
    },
    SLOW,
  );

  if (spec.task?.kind === 'reverse') {
    const task = spec.task;
    it.each(['31415', '8', '90210', '12345678', '4444', '700'])(
      'greedy decoding through ORT reverses %s',
      async (digits) => {
        expect(digits.length).toBeLessThanOrEqual(task.maxLength);
        const ids = encodeText(spec, digits + task.separator).ids;
        const end = encodeText(spec, task.end ?? '').ids[0];
        while (ids.length < T && ids.at(-1) !== end) {
          const logits = (await run(padIds(spec, ids)))[LOGITS]!.data;
          const row = logits.subarray(
            (ids.length - 1) * spec.vocab.length,
            ids.length * spec.vocab.length,
          );
          ids.push(row.indexOf(Math.max(...row)));
        }
        const answer = decodeIds(spec, ids.slice(digits.length + 1));
        expect(answer).toBe([...digits].reverse().join('') + (task.end ?? ''));
      },
      SLOW,
    );
  }
});

/** Causal-mask invariants of one head's outputs. */
function checkCausal(out: NamedTensors, spec: TransformerSpec, l: number, h: number): void {
  const T = spec.context;
  const masked = out[headOutput(l, h, 'masked')]!.data;
  const scaled = out[headOutput(l, h, 'scaled')]!.data;
  const weights = out[headOutput(l, h, 'weights')]!.data;
  let notMasked = 0;
  let notZero = 0;
  let changed = 0;
  let negative = 0;
  let worstSum = 0;
  for (let i = 0; i < T; i++) {
    let sum = 0;
    for (let j = 0; j < T; j++) {
      const at = i * T + j;
      if (j > i) {
        if (masked[at] !== -Infinity) notMasked++;
        if (weights[at] !== 0) notZero++;
      } else {
        if (masked[at] !== scaled[at]) changed++;
        // Not > 0: a sharp head (toy_reverse) can underflow exp() to 0 for unmasked keys too.
        if (!(weights[at]! >= 0)) negative++;
      }
      sum += weights[at]!;
    }
    worstSum = Math.max(worstSum, Math.abs(sum - 1));
  }
  const head = `l${l}.h${h}`;
  expect(notMasked, `${head}: masked entries above the diagonal that are not -Infinity`).toBe(0);
  expect(notZero, `${head}: weights above the diagonal that are not exactly 0`).toBe(0);
  expect(changed, `${head}: masked entries on/below the diagonal that differ from scaled`).toBe(0);
  expect(negative, `${head}: negative or NaN weights`).toBe(0);
  // 1e-5: a float32 sum of up to T terms in [0, 1].
  expect(worstSum, `${head}: largest |row sum − 1| of the weights`).toBeLessThan(1e-5);
}
