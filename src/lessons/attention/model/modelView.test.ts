import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTokenDistribution, sampleIndex, samplingUniform } from '../../../core/sampling';
import { softmax } from '../../../core/softmax';
import { problemsOf } from '../../../store/lessonRegistry';
import { ModelSession } from '../../../runtime/session';
import { ATTN_MODEL_FACTS, ATTN_MODELS, modelConfigSchema, modelDefaults } from './config';
import { nextLogits, nextTop, sliceOutput, tokenize, type TransformerRun } from './run';
import { headOutput, layerOutput, padIds, transformerSpec } from '../../../runtime/transformer';
import { MODEL_STEPS } from './steps';
import { modelStepCount } from './lessonParts';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const MODELS = fileURLToPath(new URL('../../../../models/', import.meta.url));
const present = ATTN_MODELS.filter((m) => existsSync(`${MODELS}${m}.json`));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;

interface Golden {
  tolerance: number;
  cases: {
    text: string;
    input: { data: number[] };
    outputs: Record<string, { shape: number[]; rows?: number; data: (number | string)[] }>;
  }[];
}

const problems = (patch: object) => {
  const r = modelConfigSchema.safeParse({ ...modelDefaults, ...patch });
  return r.success ? [] : problemsOf(r.error, 'config').map((p) => p.field);
};

describe('model view config', () => {
  it('accepts the defaults and has one step per stage of the forward pass', () => {
    expect(modelConfigSchema.parse(modelDefaults)).toEqual(modelDefaults);
    expect(modelStepCount(modelDefaults)).toBe(MODEL_STEPS.length);
    expect(MODEL_STEPS).toHaveLength(15);
  });

  it('names the field of every bad value', () => {
    expect(problems({ layer: 2 })).toEqual(['config.layer']);
    expect(problems({ head: 4 })).toEqual(['config.head']);
    expect(problems({ text: 'x'.repeat(65) })).toEqual(['config.text']);
    expect(problems({ text: '' })).toEqual(['config.text']);
    expect(problems({ sampling: { temperature: 0, topK: 0, topP: 1, seed: 1 } })).toEqual([
      'config.sampling.temperature',
    ]);
    expect(problems({ sampling: { temperature: 1, topK: 0, topP: 1.5, seed: 1 } })).toEqual([
      'config.sampling.topP',
    ]);
    expect(problems({ sampling: { temperature: 1, topK: 0, topP: 1, seed: NaN } })).toEqual([
      'config.sampling.seed',
    ]);
    expect(problems({ cell: { row: 0, col: 19 } })).toEqual(['config.cell.col']);
    expect(problems({ generated: 20 })).toEqual(['config.generated']);
    expect(problems({ model: 'gpt4' })).toEqual(['config.model']);
    expect(problems({ heads: 4 })).toEqual(['config']);
  });

  it('counts characters, not UTF-16 units: 64 Chinese characters fit the Chinese model', () => {
    expect(problems({ model: 'char_gpt_zh', text: '学'.repeat(64) })).toEqual([]);
    expect(problems({ model: 'char_gpt_zh', text: '𠀀'.repeat(64) })).toEqual([]);
    expect(problems({ model: 'char_gpt_zh', text: '学'.repeat(65) })).toEqual(['config.text']);
  });
});

describe.each(present)('%s', (model) => {
  const raw = readJson(`${MODELS}${model}.json`) as { file: string; golden: string };
  const golden = readJson(`${MODELS}${raw.golden}`) as Golden;
  const spec = transformerSpec(raw);
  let session: ModelSession;

  beforeAll(async () => {
    session = await ModelSession.create(
      ort,
      new Uint8Array(readFileSync(`${MODELS}${raw.file}`)),
      'wasm',
    );
  });
  afterAll(async () => {
    await session?.dispose();
  });

  it('has the layers, heads and context the config schema assumes', () => {
    const facts = ATTN_MODEL_FACTS[model];
    expect({ layers: spec.layers, heads: spec.heads, context: spec.context }).toEqual({
      layers: facts.layers,
      heads: facts.heads,
      context: facts.context,
    });
    expect(Array.from(facts.example).length).toBeLessThanOrEqual(spec.context);
    expect(facts.head[0]).toBeLessThan(spec.layers);
    expect(facts.head[1]).toBeLessThan(spec.heads);
    // A model opens on the head its card names: the toy model's reversal head; a retrained
    // character model's named showcase head, else the head its card measured putting the most
    // weight on the previous character (`attentionHeads`, written by models/recipes/char_gpt.py).
    const card = readJson(`${MODELS}${model}.json`) as {
      metrics: { reversalHead?: string; showcaseHead?: string };
      attentionHeads?: { showcase?: string; heads?: Record<string, { previous?: number }> };
    };
    const measured = Object.entries(card.attentionHeads?.heads ?? {}).sort(
      ([, a], [, b]) => (b.previous ?? 0) - (a.previous ?? 0),
    )[0]?.[0];
    const showcase =
      card.metrics.reversalHead ??
      card.metrics.showcaseHead ??
      card.attentionHeads?.showcase ??
      measured;
    if (showcase)
      expect(
        `l${facts.head[0]}.h${facts.head[1]}`,
        `ATTN_MODEL_FACTS.${model}.head should be the card's ${showcase}`,
      ).toBe(showcase);
  });

  it.runIf(model === 'char_gpt_en')(
    'the English model opens on a previous-character head (golden weights)',
    () => {
      const [l, h] = ATTN_MODEL_FACTS.char_gpt_en.head;
      const w = golden.cases[0]!.outputs[headOutput(l, h, 'weights')]!;
      const T = spec.context;
      const n = w.rows ?? T;
      let prev = 0;
      for (let i = 1; i < n; i++) prev += Number(w.data[i * T + i - 1]);
      // On average at least 40% of each row's weight on the character just before.
      expect(prev / (n - 1)).toBeGreaterThan(0.4);
    },
  );

  it.each(golden.cases.map((c, i) => ({ i, ...c })))(
    'case $i: the tokens, the sliced matrices and the next-token distribution match PyTorch',
    async (c) => {
      const { chars, ids, unknown, dropped } = tokenize(spec, c.text);
      expect(Array.from(padIds(spec, ids))).toEqual(c.input.data);
      unknown.forEach((u, i) => expect(u).toBe(ids[i] === spec.unk));
      const outputs = await session.run({
        tokens: { data: padIds(spec, ids), dims: [1, spec.context] },
      });
      const run: TransformerRun = {
        model,
        text: c.text,
        spec,
        chars,
        ids,
        unknown,
        dropped,
        outputs,
      };
      const n = chars.length;
      const T = spec.context;
      for (const [name, square] of [
        [headOutput(spec.layers - 1, spec.heads - 1, 'weights'), true],
        [headOutput(0, 0, 'masked'), true],
        [headOutput(0, 1, 'q'), false],
        [layerOutput(spec.layers - 1, 'norm2'), false],
        ['embed', false],
      ] as const) {
        const expected = c.outputs[name];
        if (!expected) continue;
        const m = sliceOutput(run, name, square);
        const width = expected.shape[2]!;
        const rows = Math.min(n, expected.rows ?? T);
        expect([m.rows, m.cols]).toEqual([n, square ? n : width]);
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < m.cols; j++) {
            // The fixture writes −∞ as the string "-Infinity" (JSON has no infinities).
            const want = Number(expected.data[i * width + j]);
            const got = m.data[i * m.cols + j]!;
            if (want === -Infinity || got === -Infinity) expect(got).toBe(want);
            else expect(Math.abs(got - want)).toBeLessThanOrEqual(golden.tolerance);
          }
        }
        if (name.endsWith('weights')) {
          // Causal: nothing above the diagonal, each row sums to 1.
          for (let i = 0; i < n; i++) {
            let sum = 0;
            for (let j = 0; j < n; j++) {
              if (j > i) expect(m.data[i * n + j]).toBe(0);
              sum += m.data[i * n + j]!;
            }
            expect(sum).toBeCloseTo(1, 5);
          }
        }
      }
      const logits = c.outputs.logits;
      if (logits && (logits.rows ?? T) >= n) {
        const V = logits.shape[2]!;
        const want = logits.data.slice((n - 1) * V, n * V).map(Number);
        const got = nextLogits(run);
        expect(Math.max(...want.map((v, i) => Math.abs(v - got[i]!)))).toBeLessThan(
          golden.tolerance,
        );
        // T = 1, no filters: the plain softmax of PyTorch's logits.
        const plain = softmax(want);
        const { top } = nextTop(run, { temperature: 1, topK: 0, topP: 1, seed: 0 });
        expect(top).toHaveLength(10);
        for (const e of top) expect(Math.abs(e.probability - plain[e.id]!)).toBeLessThan(1e-5);
        // Top-k keeps exactly k candidates; a colder temperature concentrates the mass.
        const k3 = nextTop(run, { temperature: 1, topK: 3, topP: 1, seed: 0 });
        expect(k3.top.filter((e) => e.probability > 0)).toHaveLength(3);
        const cold = nextTop(run, { temperature: 0.5, topK: 0, topP: 1, seed: 0 });
        expect(cold.top[0]!.probability).toBeGreaterThanOrEqual(top[0]!.probability);
        // The draw the view makes is the core draw at position n with the seed's stream.
        const probs = nextTokenDistribution(got, { temperature: 1, topK: 0, topP: 1 });
        expect(sampleIndex(probs, samplingUniform(7, n))).toBe(
          sampleIndex(
            nextTop(run, { temperature: 1, topK: 0, topP: 1, seed: 7 }).probs,
            samplingUniform(7, n),
          ),
        );
      }
    },
  );
});

describe.runIf(present.includes('toy_reverse'))('toy_reverse through the view’s pipeline', () => {
  it('generating from 31415> (any seed, top-k 1) answers 51413.', async () => {
    const raw = readJson(`${MODELS}toy_reverse.json`) as { file: string };
    const spec = transformerSpec(raw);
    const session = await ModelSession.create(
      ort,
      new Uint8Array(readFileSync(`${MODELS}${raw.file}`)),
      'wasm',
    );
    try {
      let text = '31415>';
      const sampling = { temperature: 1, topK: 1, topP: 1, seed: 99 };
      while (!text.endsWith('.') && text.length < spec.context) {
        const { chars, ids, unknown, dropped } = tokenize(spec, text);
        const outputs = await session.run({
          tokens: { data: padIds(spec, ids), dims: [1, spec.context] },
        });
        const run = {
          model: 'toy_reverse' as const,
          text,
          spec,
          chars,
          ids,
          unknown,
          dropped,
          outputs,
        };
        const { probs } = nextTop(run, sampling);
        text += spec.vocab[sampleIndex(probs, samplingUniform(sampling.seed, chars.length))];
      }
      expect(text).toBe('31415>51413.');
    } finally {
      await session.dispose();
    }
  });
});
