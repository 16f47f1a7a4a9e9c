import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  attentionSteps,
  checkAttentionShapes,
  outputBreakdown,
  scoreBreakdown,
  type AttentionOptions,
  type Matrix,
} from './attention';

const ARTICLE: Matrix = [
  [0.1, 0.2, 0.3],
  [0.4, 0.5, 0.6],
  [0.7, 0.8, 0.9],
];
const base: AttentionOptions = { mask: 'none', scale: 'sqrt_dk', heads: 1 };

const expectClose = (a: Matrix, b: Matrix, tol: number) => {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => {
    expect(row.length).toBe(b[i]!.length);
    row.forEach((x, j) => {
      const y = b[i]![j]!;
      if (!Number.isFinite(y)) expect(x).toBe(y);
      else expect(Math.abs(x - y), `[${i}][${j}] ${x} vs ${y}`).toBeLessThan(tol);
    });
  });
};

describe('attentionSteps: the article example (我 爱 你, Q = K = V, ÷√3)', () => {
  const s = attentionSteps(ARTICLE, ARTICLE, ARTICLE, base);
  const h = s.perHead[0]!;

  // PyTorch 1.13, float32 (models/fixtures/ops/attention.json, case 0). A widely copied
  // version of this example prints other weights; these are what softmax(QKᵀ/√3) gives.
  it('gives PyTorch’s scores, weights and output', () => {
    expectClose(
      h.scores,
      [
        [0.14, 0.32, 0.5],
        [0.32, 0.77, 1.22],
        [0.5, 1.22, 1.94],
      ],
      1e-6,
    );
    expectClose(
      h.scaled,
      [
        [0.08082905, 0.18475209, 0.28867513],
        [0.18475209, 0.44455975, 0.70436734],
        [0.28867513, 0.70436734, 1.1200595],
      ],
      1e-6,
    );
    expectClose(
      h.weights,
      [
        [0.2993529, 0.33213657, 0.36851054],
        [0.25137874, 0.32595795, 0.42266336],
        [0.20781748, 0.31493062, 0.47725195],
      ],
      1e-6,
    );
    expectClose(
      s.output,
      [
        [0.42074728, 0.5207473, 0.6207473],
        [0.45138538, 0.5513854, 0.6513854],
        [0.48083034, 0.5808304, 0.68083036],
      ],
      1e-6,
    );
  });

  it('matches the formula softmax(QKᵀ/√d_k)·V written out by hand', () => {
    for (let i = 0; i < 3; i++) {
      const logits = [0, 1, 2].map(
        (j) => ARTICLE[i]!.reduce((acc, x, c) => acc + x * ARTICLE[j]![c]!, 0) / Math.sqrt(3),
      );
      const e = logits.map(Math.exp);
      const z = e.reduce((a, b) => a + b, 0);
      const w = e.map((x) => x / z);
      expectClose([h.weights[i]!], [w], 1e-6);
      const out = [0, 1, 2].map((c) => w.reduce((acc, wj, j) => acc + wj * ARTICLE[j]![c]!, 0));
      expectClose([s.output[i]!], [out], 1e-6);
    }
    expect(s.divisor).toBeCloseTo(Math.sqrt(3), 12);
    expect(h.masked).toEqual(h.scaled);
  });

  it('breaks a score and an output entry into their terms', () => {
    const b = scoreBreakdown(s, 0, 1, 2);
    expect(b.q).toEqual([0.4, 0.5, 0.6]);
    expect(b.k).toEqual([0.7, 0.8, 0.9]);
    expect(b.products.map((p) => +p.toFixed(10))).toEqual([0.28, 0.4, 0.54]);
    expect(b.score).toBeCloseTo(1.22, 12);
    expect(b.scaled).toBeCloseTo(1.22 / Math.sqrt(3), 12);
    expect(b.weight).toBeCloseTo(0.42266336, 6);
    const o = outputBreakdown(s, 0, 0, 1);
    expect(o.values).toEqual([0.2, 0.5, 0.8]);
    expect(o.products.reduce((a, x) => a + x, 0)).toBeCloseTo(o.sum, 6);
    expect(o.sum).toBeCloseTo(0.5207473, 6);
  });
});

describe('attentionSteps: invariants', () => {
  const rnd = (r: number, c: number, seed: number): Matrix =>
    Array.from({ length: r }, (_, i) =>
      Array.from(
        { length: c },
        (_, j) => Math.round(Math.sin(seed * 31 + i * 7.3 + j * 1.7) * 100) / 50,
      ),
    );

  it.each([
    ['none', 1],
    ['causal', 1],
    ['none', 2],
    ['causal', 4],
  ] as const)('mask %s, %i head(s): rows sum to 1, masked weights are exactly 0', (mask, heads) => {
    const q = rnd(6, 8, 1);
    const s = attentionSteps(q, rnd(6, 8, 2), rnd(6, 4, 3), { mask, scale: 'sqrt_dk', heads });
    expect(s.perHead).toHaveLength(heads);
    expect(s.dkHead).toBe(8 / heads);
    expect(s.output).toHaveLength(6);
    s.output.forEach((row) => expect(row).toHaveLength(4));
    for (const h of s.perHead) {
      expect(h.output[0]).toHaveLength(4 / heads);
      h.weights.forEach((row, i) => {
        expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-6);
        row.forEach((w, j) => {
          if (mask === 'causal' && j > i) {
            expect(w).toBe(0);
            expect(h.masked[i]![j]).toBe(-Infinity);
          } else {
            expect(w).toBeGreaterThan(0);
            expect(h.masked[i]![j]).toBe(h.scaled[i]![j]);
          }
        });
      });
    }
    // Head n sees column block n: concatenating the head outputs gives the output.
    s.output.forEach((row, i) => expect(row).toEqual(s.perHead.flatMap((h) => h.output[i]!)));
  });

  it('T_q ≠ T_k gives [T_q, T_k] weights and a [T_q, d_v] output', () => {
    const s = attentionSteps(rnd(2, 3, 4), rnd(5, 3, 5), rnd(5, 2, 6), base);
    expect(s.perHead[0]!.weights).toHaveLength(2);
    expect(s.perHead[0]!.weights[0]).toHaveLength(5);
    expect(s.output.map((r) => r.length)).toEqual([2, 2]);
  });

  it('scale none divides by 1; the same Q, K with scaling is flatter', () => {
    const q = rnd(4, 8, 7).map((r) => r.map((x) => x * 2));
    const sharp = attentionSteps(q, q, q, { ...base, scale: 'none' });
    const flat = attentionSteps(q, q, q, base);
    expect(sharp.divisor).toBe(1);
    expect(sharp.perHead[0]!.scaled).toEqual(sharp.perHead[0]!.scores);
    const peak = (m: Matrix) => Math.max(...m.map((r) => Math.max(...r)));
    expect(peak(sharp.perHead[0]!.weights)).toBeGreaterThan(peak(flat.perHead[0]!.weights));
  });

  it('names the matrix at fault on bad shapes', () => {
    expect(() => checkAttentionShapes([[1, 2]], [[1]], [[1]], base)).toThrow(
      /K has d_k = 1; Q has d_k = 2/,
    );
    expect(() => checkAttentionShapes([[1]], [[1], [2]], [[1]], base)).toThrow(
      /V has 1 rows; K has 2/,
    );
    expect(() =>
      checkAttentionShapes([[1]], [[1], [2]], [[1], [2]], { ...base, mask: 'causal' }),
    ).toThrow(/T_q = T_k/);
    expect(() =>
      checkAttentionShapes([[1, 2, 3]], [[1, 2, 3]], [[1, 2]], { ...base, heads: 2 }),
    ).toThrow(/2 heads must divide d_k = 3/);
  });
});

interface FixtureCase {
  name: string;
  q: Matrix;
  k: Matrix;
  v: Matrix;
  attrs: AttentionOptions;
  expected: Record<string, unknown>;
}
const fixture = JSON.parse(
  readFileSync(new URL('../../models/fixtures/ops/attention.json', import.meta.url), 'utf8'),
) as { tolerance: number; cases: FixtureCase[] };

/** JSON has no −Infinity: the fixture writes masked entries as null. */
const fromFixture = (m: unknown): Matrix =>
  (m as (number | null)[][]).map((r) => r.map((x) => (x === null ? -Infinity : x)));

describe('attentionSteps on models/fixtures/ops/attention.json (PyTorch)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const s = attentionSteps(c.q, c.k, c.v, c.attrs);
    for (const key of ['scores', 'scaled', 'masked', 'weights', 'output'] as const) {
      s.perHead.forEach((h, n) => {
        const want =
          key === 'output'
            ? (c.expected.headOutput as unknown[])[n]
            : (c.expected[key] as unknown[])[n];
        expectClose(h[key], fromFixture(want), fixture.tolerance);
      });
    }
    expectClose(s.output, fromFixture(c.expected.output), fixture.tolerance);
  });
});
