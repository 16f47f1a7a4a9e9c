/**
 * The Basics playground's float64 reference: the 2-D data sets (deterministic from a seed),
 * the input features, and one SGD training step of a small fully connected network with its
 * loss, gradients and L1/L2 regularization. The train-step graph (runtime/graph/playground.ts)
 * is checked against it and against PyTorch (models/recipes/basics_playground_cases.py).
 *
 * Conventions (TensorFlow Playground's):
 * - points live in the square [−6, 6]²; classification labels are −1 and +1, regression
 *   labels lie in [−1, 1];
 * - the output layer has one unit: tanh for classification, linear (identity) for regression;
 *   a point is classed +1 when the output is ≥ 0;
 * - the data loss is the batch mean of ½ (ŷ − y)²; regularization adds
 *   rate · Σ |w| (L1) or rate · ½ Σ w² (L2) over the weights (not the biases);
 * - one step is plain SGD: θ ← θ − lr · ∂(loss + reg)/∂θ.
 *
 * Parameters are one flat vector, per layer l: the weight W_l [out, in] (PyTorch's nn.Linear
 * layout, row-major) then the bias b_l [out].
 */
import { mixSeed, seededNormal, seededRandom } from './random';

export const PG_DATASETS = ['circle', 'xor', 'gaussians', 'spiral', 'plane', 'multi-gaussian'];
export type PgDataset = 'circle' | 'xor' | 'gaussians' | 'spiral' | 'plane' | 'multi-gaussian';
export const PG_FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;
export type PgFeature = (typeof PG_FEATURES)[number];
export type PgActivation = 'relu' | 'tanh' | 'sigmoid' | 'linear';
export type PgRegularization = 'none' | 'l1' | 'l2';

/** Half the side of the data square. */
export const PG_EXTENT = 6;
/** Points per data set (before the train/test split). */
export const PG_POINTS = 400;

export const isRegression = (d: PgDataset) => d === 'plane' || d === 'multi-gaussian';

export interface PgData {
  /** [n, 2] interleaved x₁, x₂. */
  points: Float64Array;
  /** [n] labels. */
  labels: Float64Array;
}

/**
 * The data set `dataset` with `noise` in [0, 1], PG_POINTS points drawn from `seed`.
 * circle: inside r < 2.5 is +1, the ring 3.5 < r < 5 is −1, each point moved by up to
 * ±5·noise per axis; xor: label sign(x₁x₂); gaussians: N((2, 2)) +1 and N((−2, −2)) −1 with
 * variance 0.5 + 3.5·noise; spiral: two arms; plane: y = (x₁ + x₂)/10 of the clean point;
 * multi-gaussian: ±1 bumps on a 3 × 2 grid. Noise moves points (regression: the label's
 * points) uniformly by up to ±noise·(a data set's scale).
 */
export function makeData(dataset: PgDataset, noise: number, seed: number): PgData {
  const u = seededRandom(mixSeed(seed, 11));
  const normal = seededNormal(seededRandom(mixSeed(seed, 12)));
  const n = PG_POINTS;
  const points = new Float64Array(2 * n);
  const labels = new Float64Array(n);
  const uni = (a: number, b: number) => a + (b - a) * u();
  const put = (i: number, x: number, y: number, label: number) => {
    points[2 * i] = Math.max(-PG_EXTENT, Math.min(PG_EXTENT, x));
    points[2 * i + 1] = Math.max(-PG_EXTENT, Math.min(PG_EXTENT, y));
    labels[i] = label;
  };
  const half = n / 2;
  for (let i = 0; i < n; i++) {
    const pos = i < half;
    if (dataset === 'circle') {
      const r = pos ? uni(0, 2.5) : uni(3.5, 5);
      const a = uni(0, 2 * Math.PI);
      const [nx, ny] = [uni(-5, 5) * noise, uni(-5, 5) * noise];
      put(i, r * Math.sin(a) + nx, r * Math.cos(a) + ny, pos ? 1 : -1);
    } else if (dataset === 'xor') {
      const pad = 0.3;
      let x = uni(-5, 5);
      x += x > 0 ? pad : -pad;
      let y = uni(-5, 5);
      y += y > 0 ? pad : -pad;
      put(i, x + uni(-5, 5) * noise, y + uni(-5, 5) * noise, x * y >= 0 ? 1 : -1);
    } else if (dataset === 'gaussians') {
      const sd = Math.sqrt(0.5 + 3.5 * noise);
      const c = pos ? 2 : -2;
      put(i, c + sd * normal(), c + sd * normal(), pos ? 1 : -1);
    } else if (dataset === 'spiral') {
      const k = pos ? i : i - half;
      const r = (k / half) * 5;
      const t = ((1.75 * k) / half) * 2 * Math.PI + (pos ? 0 : Math.PI);
      put(
        i,
        r * Math.sin(t) + uni(-1, 1) * noise,
        r * Math.cos(t) + uni(-1, 1) * noise,
        pos ? 1 : -1,
      );
    } else if (dataset === 'plane') {
      const [x, y] = [uni(-PG_EXTENT, PG_EXTENT), uni(-PG_EXTENT, PG_EXTENT)];
      put(i, x + uni(-6, 6) * noise, y + uni(-6, 6) * noise, (x + y) / 12);
    } else {
      const [x, y] = [uni(-PG_EXTENT, PG_EXTENT), uni(-PG_EXTENT, PG_EXTENT)];
      put(i, x + uni(-6, 6) * noise, y + uni(-6, 6) * noise, multiGaussianLabel(x, y));
    }
  }
  return { points, labels };
}

const BUMPS: readonly [number, number, number][] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];

/** The multi-gaussian target: the strongest of six ±exp(−d²/2) bumps. */
export function multiGaussianLabel(x: number, y: number): number {
  let best = 0;
  for (const [cx, cy, s] of BUMPS) {
    const v = s * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 2);
    if (Math.abs(v) > Math.abs(best)) best = v;
  }
  return best;
}

/**
 * Splits indices 0..n−1, shuffled by `seed` (Fisher–Yates), into the first
 * round(ratio·n) for training and the rest for testing.
 */
export function splitIndices(n: number, ratio: number, seed: number) {
  const u = seededRandom(mixSeed(seed, 13));
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  const cut = Math.round(ratio * n);
  return { train: idx.slice(0, cut), test: idx.slice(cut) };
}

/** One feature of a point: x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂. */
export function feature(f: PgFeature, x: number, y: number): number {
  switch (f) {
    case 'x1':
      return x;
    case 'x2':
      return y;
    case 'x1sq':
      return x * x;
    case 'x2sq':
      return y * y;
    case 'x1x2':
      return x * y;
    case 'sinx1':
      return Math.sin(x);
    default:
      return Math.sin(y);
  }
}

/** [rows, features.length] the features of the points at `rows` of `points` ([n, 2]). */
export function featureMatrix(
  points: ArrayLike<number>,
  rows: readonly number[],
  features: readonly PgFeature[],
): Float64Array {
  const out = new Float64Array(rows.length * features.length);
  rows.forEach((r, i) =>
    features.forEach((f, j) => {
      out[i * features.length + j] = feature(f, points[2 * r]!, points[2 * r + 1]!);
    }),
  );
  return out;
}

/** Cell centres of a size × size grid over [−6, 6]², row-major from the top (y = +6) down. */
export function gridPoints(size: number): Float64Array {
  const out = new Float64Array(size * size * 2);
  const step = (2 * PG_EXTENT) / size;
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      out[(r * size + c) * 2] = -PG_EXTENT + (c + 0.5) * step;
      out[(r * size + c) * 2 + 1] = PG_EXTENT - (r + 0.5) * step;
    }
  return out;
}

/** Layer sizes [features, ...hidden, 1]. */
export const pgDims = (features: number, hidden: readonly number[]) => [features, ...hidden, 1];

/** Where layer l's weight and bias start in the flat vector. */
export function layerOffsets(dims: readonly number[]): { w: number; b: number }[] {
  const out: { w: number; b: number }[] = [];
  let o = 0;
  for (let l = 0; l + 1 < dims.length; l++) {
    out.push({ w: o, b: o + dims[l]! * dims[l + 1]! });
    o += (dims[l]! + 1) * dims[l + 1]!;
  }
  return out;
}

export function pgParamCount(dims: readonly number[]): number {
  let n = 0;
  for (let l = 0; l + 1 < dims.length; l++) n += (dims[l]! + 1) * dims[l + 1]!;
  return n;
}

/** PyTorch's nn.Linear init from `seed`: weight and bias ~ U(−1/√in, 1/√in). */
export function initParams(dims: readonly number[], seed: number): Float64Array {
  const u = seededRandom(mixSeed(seed, 0));
  const theta = new Float64Array(pgParamCount(dims));
  let o = 0;
  for (let l = 0; l + 1 < dims.length; l++) {
    const bound = 1 / Math.sqrt(dims[l]!);
    const n = (dims[l]! + 1) * dims[l + 1]!;
    for (let i = 0; i < n; i++) theta[o + i] = (2 * u() - 1) * bound;
    o += n;
  }
  return theta;
}

export function activate(a: PgActivation, z: number): number {
  if (a === 'relu') return z > 0 ? z : 0;
  if (a === 'tanh') return Math.tanh(z);
  if (a === 'sigmoid') return 1 / (1 + Math.exp(-z));
  return z;
}

/** f′(z) as autograd gives it (ReLU's at 0 is 0). */
export function activateGrad(a: PgActivation, z: number): number {
  if (a === 'relu') return z > 0 ? 1 : 0;
  if (a === 'tanh') return 1 - Math.tanh(z) ** 2;
  if (a === 'sigmoid') {
    const s = 1 / (1 + Math.exp(-z));
    return s * (1 - s);
  }
  return 1;
}

export interface PgNet {
  dims: number[];
  activation: PgActivation;
  /** tanh (classification) or linear (regression). */
  output: 'tanh' | 'linear';
}

/**
 * The forward pass on `x` [B, dims[0]]: per layer after the input, z [B, out] and a [B, out].
 */
export function forward(net: PgNet, theta: ArrayLike<number>, x: ArrayLike<number>, batch: number) {
  const z: Float64Array[] = [];
  const a: Float64Array[] = [];
  const offs = layerOffsets(net.dims);
  let h: ArrayLike<number> = x;
  for (let l = 0; l + 1 < net.dims.length; l++) {
    const [nIn, nOut] = [net.dims[l]!, net.dims[l + 1]!];
    const act = l + 2 === net.dims.length ? net.output : net.activation;
    const zl = new Float64Array(batch * nOut);
    const al = new Float64Array(batch * nOut);
    for (let s = 0; s < batch; s++)
      for (let o = 0; o < nOut; o++) {
        let v = theta[offs[l]!.b + o]!;
        for (let i = 0; i < nIn; i++) v += theta[offs[l]!.w + o * nIn + i]! * h[s * nIn + i]!;
        zl[s * nOut + o] = v;
        al[s * nOut + o] = activate(act, v);
      }
    z.push(zl);
    a.push(al);
    h = al;
  }
  return { z, a };
}

/** The regularization term: rate·Σ|w| (l1) or rate·½Σw² (l2) over the weights. */
export function regularization(
  dims: readonly number[],
  theta: ArrayLike<number>,
  kind: PgRegularization,
  rate: number,
): number {
  if (kind === 'none') return 0;
  let s = 0;
  layerOffsets(dims).forEach(({ w, b }) => {
    for (let i = w; i < b; i++) s += kind === 'l1' ? Math.abs(theta[i]!) : 0.5 * theta[i]! ** 2;
  });
  return rate * s;
}

export interface PgStepInput {
  net: PgNet;
  theta: ArrayLike<number>;
  /** [B, features] and [B] targets. */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  lr: number;
  regularization: PgRegularization;
  regRate: number;
}

export interface PgStep {
  z: Float64Array[];
  a: Float64Array[];
  /** [B] the network's outputs and the batch mean of ½ (ŷ − y)². */
  output: Float64Array;
  loss: number;
  /** The regularization term and loss + reg (what the gradient is of). */
  reg: number;
  total: number;
  /** Per layer ∂total/∂z [B, out] (δ). */
  delta: Float64Array[];
  /** The flat gradient and the parameters after the step. */
  grad: Float64Array;
  thetaNext: Float64Array;
}

/** One SGD step of loss + reg on a batch (see the file comment); L1's gradient at 0 is 0. */
export function trainStep(inp: PgStepInput): PgStep {
  const { net, theta } = inp;
  const batch = inp.y.length;
  const { z, a } = forward(net, theta, inp.x, batch);
  const L = net.dims.length - 1;
  const output = a[L - 1]!;
  let loss = 0;
  for (let s = 0; s < batch; s++) loss += 0.5 * (output[s]! - inp.y[s]!) ** 2;
  loss /= batch;
  const reg = regularization(net.dims, theta, inp.regularization, inp.regRate);
  const grad = new Float64Array(theta.length);
  const offs = layerOffsets(net.dims);
  const delta: Float64Array[] = new Array<Float64Array>(L);
  let d = new Float64Array(batch);
  for (let s = 0; s < batch; s++)
    d[s] = ((output[s]! - inp.y[s]!) / batch) * activateGrad(net.output, z[L - 1]![s]!);
  for (let l = L - 1; l >= 0; l--) {
    delta[l] = d;
    const [nIn, nOut] = [net.dims[l]!, net.dims[l + 1]!];
    const prev: ArrayLike<number> = l === 0 ? inp.x : a[l - 1]!;
    for (let s = 0; s < batch; s++)
      for (let o = 0; o < nOut; o++) {
        const g = d[s * nOut + o]!;
        grad[offs[l]!.b + o]! += g;
        for (let i = 0; i < nIn; i++) grad[offs[l]!.w + o * nIn + i]! += g * prev[s * nIn + i]!;
      }
    if (l === 0) break;
    const next = new Float64Array(batch * nIn);
    for (let s = 0; s < batch; s++)
      for (let i = 0; i < nIn; i++) {
        let v = 0;
        for (let o = 0; o < nOut; o++) v += d[s * nOut + o]! * theta[offs[l]!.w + o * nIn + i]!;
        next[s * nIn + i] = v * activateGrad(net.activation, z[l - 1]![s * nIn + i]!);
      }
    d = next;
  }
  if (inp.regularization !== 'none')
    offs.forEach(({ w, b }) => {
      for (let i = w; i < b; i++)
        grad[i]! += inp.regRate * (inp.regularization === 'l1' ? Math.sign(theta[i]!) : theta[i]!);
    });
  const thetaNext = Float64Array.from(theta, (t, i) => t - inp.lr * grad[i]!);
  return { z, a, output, loss, reg, total: loss + reg, delta, grad, thetaNext };
}

/** Mean ½ (ŷ − y)² and, for classification, the share with sign(ŷ) (≥ 0 → +1) equal to y. */
export function evaluate(pred: ArrayLike<number>, y: ArrayLike<number>, classify: boolean) {
  let loss = 0;
  let right = 0;
  for (let i = 0; i < y.length; i++) {
    loss += 0.5 * (pred[i]! - y[i]!) ** 2;
    if ((pred[i]! >= 0 ? 1 : -1) === y[i]) right++;
  }
  const n = Math.max(1, y.length);
  return { loss: loss / n, accuracy: classify ? right / n : null };
}

/** Training rows drawn with replacement, uniformly from 0..n−1, seeded: the batch stream. */
export function rowSampler(n: number, seed: number): () => number {
  const u = seededRandom(mixSeed(seed, 1));
  return () => Math.min(n - 1, Math.floor(u() * n));
}
