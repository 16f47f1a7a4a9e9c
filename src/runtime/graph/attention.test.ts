import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { attentionSteps, type AttentionOptions, type Matrix } from '../../core/attention';
import type { Tensor } from '../../core/tensor';
import { ModelSession } from '../session';
import { ATTENTION_OUTPUTS, attentionGraph, type AttentionGraphSpec } from './attention';
import { readModel } from './onnx';

// Single-threaded, as src/runtime/ort.ts configures the page (see models.test.ts).
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const sessions = new Map<string, Promise<ModelSession>>();
afterAll(async () => {
  for (const s of sessions.values()) await (await s).dispose();
});

const tensor = (m: Matrix): Tensor => ({
  data: Float32Array.from(m.flat()),
  dims: [m.length, m[0]!.length],
});

/** Builds the graph, runs it in ORT (WASM, as the page's fallback), returns every output. */
async function runAttention(q: Matrix, k: Matrix, v: Matrix, o: AttentionOptions) {
  const spec: AttentionGraphSpec = {
    tq: q.length,
    tk: k.length,
    dk: q[0]!.length,
    dv: v[0]!.length,
    ...o,
  };
  const graph = attentionGraph(spec);
  let session = sessions.get(graph.key);
  if (!session) {
    session = ModelSession.create(ort, graph.bytes, 'wasm');
    sessions.set(graph.key, session);
  }
  const out = await (await session).run({ q: tensor(q), k: tensor(k), v: tensor(v) });
  for (const name of ATTENTION_OUTPUTS) expect(out[name]!.dims, name).toEqual(graph.outputs[name]);
  return out;
}

/** Head n's [rows, cols] block of a [heads, rows, cols] tensor, as nested rows. */
function headOf(t: Tensor, n: number): Matrix {
  const [, rows, cols] = t.dims as [number, number, number];
  return Array.from({ length: rows }, (_, r) =>
    Array.from(t.data.subarray((n * rows + r) * cols, (n * rows + r + 1) * cols)),
  );
}
const rowsOf = (t: Tensor): Matrix => headOf({ data: t.data, dims: [1, ...t.dims] }, 0);

/** Largest difference, with −Infinity required in exactly the same places. */
function diff(a: Matrix, b: Matrix): number {
  let m = 0;
  expect(a.length).toBe(b.length);
  a.forEach((row, i) =>
    row.forEach((x, j) => {
      const y = b[i]![j]!;
      if (!Number.isFinite(y) || !Number.isFinite(x)) expect(x, `[${i}][${j}]`).toBe(y);
      else m = Math.max(m, Math.abs(x - y));
    }),
  );
  return m;
}

const ARTICLE: Matrix = [
  [0.1, 0.2, 0.3],
  [0.4, 0.5, 0.6],
  [0.7, 0.8, 0.9],
];

describe('attentionGraph, the graph itself', () => {
  it('uses only ops that run on the WebGPU EP, and names every intermediate', () => {
    const g = attentionGraph({
      tq: 4,
      tk: 4,
      dk: 4,
      dv: 4,
      heads: 2,
      mask: 'causal',
      scale: 'sqrt_dk',
    });
    const info = readModel(g.bytes);
    const ops = new Set(info.nodes.map((n) => n.op));
    expect([...ops].sort()).toEqual(['Add', 'Div', 'MatMul', 'Reshape', 'Softmax', 'Transpose']);
    expect(info.outputs.map((o) => o.name)).toEqual([...ATTENTION_OUTPUTS]);
    expect(info.inputs.map((i) => [i.name, i.dims])).toEqual([
      ['q', [4, 4]],
      ['k', [4, 4]],
      ['v', [4, 4]],
    ]);
    // The causal mask is a constant: 0 on and below the diagonal, −∞ above.
    const bias = info.initializers.mask_bias!;
    expect(bias.dtype === 'float32' && Array.from(bias.data.subarray(0, 4))).toEqual([
      0,
      -Infinity,
      -Infinity,
      -Infinity,
    ]);
  });

  it('keys by shape and attributes only', () => {
    const s: AttentionGraphSpec = {
      tq: 3,
      tk: 3,
      dk: 3,
      dv: 3,
      heads: 1,
      mask: 'none',
      scale: 'sqrt_dk',
    };
    expect(attentionGraph(s).key).toBe(attentionGraph({ ...s }).key);
    expect(attentionGraph({ ...s, mask: 'causal' }).key).not.toBe(attentionGraph(s).key);
    expect(attentionGraph({ ...s, scale: 'none' }).key).not.toBe(attentionGraph(s).key);
  });

  it('refuses specs it cannot build, naming the field', () => {
    const s: AttentionGraphSpec = {
      tq: 3,
      tk: 3,
      dk: 3,
      dv: 3,
      heads: 2,
      mask: 'none',
      scale: 'none',
    };
    expect(() => attentionGraph(s)).toThrow(/2 heads must divide d_k = 3/);
    expect(() => attentionGraph({ ...s, heads: 1, tq: 2, mask: 'causal' })).toThrow(/T_q = T_k/);
    expect(() => attentionGraph({ ...s, heads: 1, tk: 0 })).toThrow(
      /tk must be a positive integer/,
    );
  });
});

describe('attentionGraph in onnxruntime-web (WASM) against core/ and PyTorch', () => {
  it('the article example: PyTorch’s weights and output', async () => {
    const out = await runAttention(ARTICLE, ARTICLE, ARTICLE, {
      mask: 'none',
      scale: 'sqrt_dk',
      heads: 1,
    });
    const w = headOf(out.weights!, 0);
    expect(
      diff(w, [
        [0.2993529, 0.33213657, 0.36851054],
        [0.25137874, 0.32595795, 0.42266336],
        [0.20781748, 0.31493062, 0.47725195],
      ]),
    ).toBeLessThan(1e-6);
    expect(
      diff(rowsOf(out.output!), [
        [0.42074728, 0.5207473, 0.6207473],
        [0.45138538, 0.5513854, 0.6513854],
        [0.48083034, 0.5808304, 0.68083036],
      ]),
    ).toBeLessThan(1e-6);
  });

  const rnd = (r: number, c: number, seed: number): Matrix =>
    Array.from({ length: r }, (_, i) =>
      Array.from(
        { length: c },
        (_, j) => Math.round(Math.sin(seed * 53 + i * 5.1 + j * 2.3) * 150) / 100,
      ),
    );
  it.each([
    ['none', 'sqrt_dk', 1, 5, 5, 6, 6],
    ['causal', 'sqrt_dk', 2, 6, 6, 4, 8],
    ['causal', 'none', 4, 7, 7, 8, 4],
    ['none', 'none', 2, 3, 9, 2, 2],
  ] as const)(
    'mask %s, scale %s, %i head(s), T_q %i, T_k %i, d_k %i, d_v %i: equals core/',
    async (mask, scale, heads, tq, tk, dk, dv) => {
      const [q, k, v] = [rnd(tq, dk, 1), rnd(tk, dk, 2), rnd(tk, dv, 3)];
      const o = { mask, scale, heads };
      const out = await runAttention(q, k, v, o);
      const ref = attentionSteps(q, k, v, o);
      ref.perHead.forEach((h, n) => {
        for (const name of ['scores', 'scaled', 'masked', 'weights'] as const)
          expect(diff(headOf(out[name]!, n), h[name]), `${name} head ${n}`).toBeLessThan(1e-5);
        expect(diff(headOf(out.headOutput!, n), h.output)).toBeLessThan(1e-5);
        h.weights.forEach((row, i) =>
          row.forEach((_, j) => {
            if (mask === 'causal' && j > i) expect(headOf(out.weights!, n)[i]![j]).toBe(0);
          }),
        );
      });
      expect(diff(rowsOf(out.output!), ref.output)).toBeLessThan(1e-5);
    },
  );
});

interface FixtureCase {
  name: string;
  q: Matrix;
  k: Matrix;
  v: Matrix;
  attrs: AttentionOptions;
  expected: Record<string, (number | null)[][] | (number | null)[][][]>;
}
const fixture = JSON.parse(
  readFileSync(new URL('../../../models/fixtures/ops/attention.json', import.meta.url), 'utf8'),
) as { tolerance: number; cases: FixtureCase[] };
/** JSON has no −Infinity: the fixture writes masked entries as null. */
const inf = (m: (number | null)[][]): Matrix =>
  m.map((r) => r.map((x) => (x === null ? -Infinity : x)));

describe('attentionGraph on models/fixtures/ops/attention.json (PyTorch 1.13)', () => {
  it('covers masks, scaling, heads and T_q ≠ T_k', () => {
    const attrs = fixture.cases.map((c) => c.attrs);
    expect(attrs.some((a) => a.mask === 'causal')).toBe(true);
    expect(attrs.some((a) => a.scale === 'none')).toBe(true);
    expect(attrs.some((a) => a.heads === 2)).toBe(true);
    expect(attrs.some((a) => a.heads === 4)).toBe(true);
    expect(fixture.cases.some((c) => c.q.length !== c.k.length)).toBe(true);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const out = await runAttention(c.q, c.k, c.v, c.attrs);
    for (const name of ['scores', 'scaled', 'masked', 'weights', 'headOutput'] as const) {
      const want = c.expected[name] as (number | null)[][][];
      want.forEach((m, n) =>
        expect(diff(headOf(out[name]!, n), inf(m)), `${name} head ${n}`).toBeLessThan(
          fixture.tolerance,
        ),
      );
    }
    expect(diff(rowsOf(out.output!), inf(c.expected.output as (number | null)[][]))).toBeLessThan(
      fixture.tolerance,
    );
  });
});
