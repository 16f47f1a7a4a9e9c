/**
 * Reverse-mode autodiff over ONNX: an expression using every op (broadcasting included) runs
 * in onnxruntime-web (WASM, Node), and its gradients are checked against central finite
 * differences of the same expression in float64 JavaScript.
 */
import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../../core/tensor';
import { ModelSession } from '../session';
import { Autodiff, broadcastShapes } from './autodiff';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const X = [0.3, -1.2, 0.8, 0.1, -0.4, 0.9, -0.7, 1.5, 0.2, -0.3, 0.6, -1.1];
const W = [0.5, -0.2, 0.1, 0.7, -0.6, 0.3, 0.4, -0.8];
const B = [0.05, -0.1];
const C = [0.9, -0.5, 1.3];

/** The expression, in float64: see `build` for the same in the graph. */
function reference(x: number[], w: number[], b: number[], c: number[]): number {
  const h: number[] = [];
  for (let r = 0; r < 3; r++)
    for (let o = 0; o < 2; o++) {
      let s = b[o]!;
      for (let i = 0; i < 4; i++) s += x[r * 4 + i]! * w[i * 2 + o]!;
      h.push(s);
    }
  const u = h.map((v, i) => v * c[Math.floor(i / 2)]! - 0.5);
  const v = [...u, ...u.map(Math.tanh)]; // [6, 2] → reshape [2, 6]
  const m = [0, 1].map((r) => v.slice(r * 6, r * 6 + 6).reduce((a, e) => a + e, 0) / 6);
  const s = [0, 1, 2, 3, 4, 5].map((j) => v[j]! + v[6 + j]!);
  const logSig = (z: number) => -(Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z))));
  const relu = (z: number) => Math.max(0, z);
  const leaky = (z: number) => (z > 0 ? z : 0.2 * z);
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  let loss = (logSig(m[0]!) + logSig(m[1]!)) / 2;
  loss += 0.1 * s.reduce((a, e) => a + Math.sqrt(e * e + 1), 0);
  loss += x.reduce((a, e, i) => a + Math.exp(-Math.abs(e)) / (c[Math.floor(i / 4)]! + 2), 0) / 12;
  loss += h.reduce((a, e) => a + relu(e) + leaky(e) + sig(e) - Math.log(e * e + 1), 0) / 6;
  return loss;
}

function build() {
  const ad = new Autodiff('autodiff_test');
  const x = ad.input('x', [3, 4]);
  const w = ad.input('w', [4, 2]);
  const b = ad.input('b', [2]);
  const c = ad.input('c', [3, 1]);
  const h = ad.add(ad.matmul(x, w), b);
  const u = ad.sub(ad.mul(h, c), 0.5);
  const r = ad.reshape(ad.concat([u, ad.tanh(u)], 0), [2, 6]);
  const m = ad.meanAxis(r, 1);
  const s = ad.sumAxis(r, 0);
  let loss = ad.mean(ad.logSigmoid(m));
  loss = ad.add(loss, ad.mul(ad.sum(ad.sqrt(ad.add(ad.square(s), 1))), 0.1));
  loss = ad.add(loss, ad.mean(ad.div(ad.exp(ad.neg(ad.abs(x))), ad.add(c, 2))));
  const hTerms = ad.sub(
    ad.add(ad.add(ad.relu(h), ad.leakyRelu(h, 0.2)), ad.sigmoid(h)),
    ad.log(ad.add(ad.square(h), 1)),
  );
  loss = ad.add(loss, ad.mean(hTerms));
  const grads = ad.grad(loss, [x, w, b, c]);
  ad.output(loss, 'loss');
  ['dx', 'dw', 'db', 'dc'].forEach((n, i) => ad.output(grads[i]!, n));
  return ad;
}

function numeric(which: number, at: number[][]): number[] {
  const h = 1e-6;
  return at[which]!.map((_, i) => {
    const up = at.map((a) => [...a]);
    const down = at.map((a) => [...a]);
    up[which]![i]! += h;
    down[which]![i]! -= h;
    const f = (a: number[][]) => reference(a[0]!, a[1]!, a[2]!, a[3]!);
    return (f(up) - f(down)) / (2 * h);
  });
}

let session: ModelSession | undefined;
afterAll(() => session?.dispose());

describe('Autodiff', () => {
  it('broadcasts shapes as numpy does, and names a mismatch', () => {
    expect(broadcastShapes([3, 1], [2])).toEqual([3, 2]);
    expect(broadcastShapes([], [4, 5])).toEqual([4, 5]);
    expect(() => broadcastShapes([3, 2], [4, 2])).toThrow(/\[3, 2\] and \[4, 2\]/);
  });

  it('gives the gradients of every op, broadcasting included, as finite differences do', async () => {
    const ad = build();
    session = await ModelSession.create(ort, ad.toBytes(), 'wasm');
    const t = (dims: number[], data: number[]): Tensor => ({ dims, data: Float32Array.from(data) });
    const out = await session.run({
      x: t([3, 4], X),
      w: t([4, 2], W),
      b: t([2], B),
      c: t([3, 1], C),
    });
    // The float32 inputs, in float64, for the reference.
    const at = [X, W, B, C].map((a) => Array.from(Float32Array.from(a)));
    expect(out.loss!.data[0]).toBeCloseTo(reference(at[0]!, at[1]!, at[2]!, at[3]!), 5);
    (['dx', 'dw', 'db', 'dc'] as const).forEach((name, i) => {
      const want = numeric(i, at);
      const got = Array.from(out[name]!.data);
      expect(got).toHaveLength(want.length);
      got.forEach((g, j) => expect(g, `${name}[${j}]`).toBeCloseTo(want[j]!, 4));
    });
  });

  it('folds scalar constants and emits nothing for values off the path', () => {
    const ad = new Autodiff('fold');
    const x = ad.input('x', [2]);
    const y = ad.input('y', [2]);
    expect(ad.mul(x, 1)).toBe(x);
    expect(ad.add(x, 0)).toBe(x);
    expect(ad.mul(ad.constant(2), 3).constant).toBe(6);
    const loss = ad.mean(ad.mul(x, 3));
    const before = ad.nodeCount;
    const [gy] = ad.grad(loss, [y]);
    // y is off the path: a zero constant, no gradient nodes.
    expect(ad.nodeCount).toBe(before);
    expect(gy!.shape).toEqual([2]);
  });
});
