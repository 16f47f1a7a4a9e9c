import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { activateAll, conv2d, convTranspose2d, pool2d } from '../../core/conv';
import { maxAbsDiff, type Tensor } from '../../core/tensor';
import { ModelSession } from '../session';
import { convGraph, type ConvGraphSpec } from './conv';
import { readModel } from './onnx';

// Single-threaded, as src/runtime/ort.ts configures the page (see models.test.ts).
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const base: ConvGraphSpec = {
  inChannels: 1,
  outChannels: 1,
  height: 3,
  width: 3,
  kernelH: 3,
  kernelW: 3,
  stride: 1,
  padding: 0,
  dilation: 1,
  transposed: false,
  activation: 'none',
  pool: 'none',
  poolSize: 2,
  poolStride: 2,
};

const t = (dims: number[], data: readonly number[]): Tensor => ({
  dims,
  data: Float32Array.from(data),
});

/** One session per graph key, as the worker keeps them; all released after the file. */
const sessions = new Map<string, Promise<ModelSession>>();
afterAll(async () => {
  for (const s of sessions.values()) await (await s).dispose();
});

/** Builds the graph for `spec`, runs it in ORT (WASM, as the page's fallback) and returns every output. */
async function runConv(
  spec: ConvGraphSpec,
  x: readonly number[],
  w: readonly number[],
  b: readonly number[],
): Promise<Record<string, Tensor>> {
  const graph = convGraph(spec);
  let session = sessions.get(graph.key);
  if (!session) {
    session = ModelSession.create(ort, graph.bytes, 'wasm');
    sessions.set(graph.key, session);
  }
  const { inChannels: cin, outChannels: cout, kernelH: kh, kernelW: kw } = spec;
  const out = await (
    await session
  ).run({
    x: t([1, cin, spec.height, spec.width], x),
    w: t(spec.transposed ? [cin, cout, kh, kw] : [cout, cin, kh, kw], w),
    b: t([cout], b),
  });
  // The dims convGraph announces are the dims ORT produces.
  expect(out.conv!.dims).toEqual(graph.outputs.conv);
  expect(out.act!.dims).toEqual(graph.outputs.act);
  if (graph.outputs.pool) expect(out.pool!.dims).toEqual(graph.outputs.pool);
  else expect(out.pool).toBeUndefined();
  return out;
}

const values = (x: Tensor | undefined) => Array.from(x!.data);

describe('convGraph, against hand-computed values', () => {
  const image = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const kernel = [0, 1, 0, 2, 0, 3, 0, 4, 0];

  it('reproduces the article example: one 3×3 window gives 60', async () => {
    // 1·2 + 2·4 + 3·6 + 4·8 = 60: the kernel's non-zero taps hit 2, 4, 6 and 8.
    const out = await runConv(base, image, kernel, [0]);
    expect(out.conv!.dims).toEqual([1, 1, 1, 1]);
    expect(values(out.conv)).toEqual([60]);
    expect(values(out.act)).toEqual([60]);
  });

  it('pads with zeros and adds the bias (padding 1 keeps 3×3)', async () => {
    const out = await runConv({ ...base, padding: 1 }, image, kernel, [0.5]);
    // out[i][j] = 1·x[i−1][j] + 2·x[i][j−1] + 3·x[i][j+1] + 4·x[i+1][j] + 0.5, zero outside;
    // top-left: 0 + 0 + 3·2 + 4·4 + 0.5 = 22.5.
    const x = (i: number, j: number) => (i < 0 || j < 0 || i > 2 || j > 2 ? 0 : image[i * 3 + j]!);
    const expected: number[] = [];
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        expected.push(x(i - 1, j) + 2 * x(i, j - 1) + 3 * x(i, j + 1) + 4 * x(i + 1, j) + 0.5);
    expect(expected.slice(0, 3)).toEqual([22.5, 31.5, 28.5]);
    expect(values(out.conv)).toEqual(expected);
  });

  it('strides and dilates', async () => {
    // 5×5 ramp 0..24, 2×2 kernel of ones, dilation 2 (taps 2 apart), stride 2: windows at
    // (0,0), (0,2), (2,0), (2,2); each sums x[r][c] + x[r][c+2] + x[r+2][c] + x[r+2][c+2].
    const ramp = Array.from({ length: 25 }, (_, i) => i);
    const spec = { ...base, height: 5, width: 5, kernelH: 2, kernelW: 2, stride: 2, dilation: 2 };
    const out = await runConv(spec, ramp, [1, 1, 1, 1], [0]);
    const at = (r: number, c: number) => r * 5 + c;
    const win = (r: number, c: number) => at(r, c) + at(r, c + 2) + at(r + 2, c) + at(r + 2, c + 2);
    expect(out.conv!.dims).toEqual([1, 1, 2, 2]);
    expect(values(out.conv)).toEqual([win(0, 0), win(0, 2), win(2, 0), win(2, 2)]);
    expect(values(out.conv)).toEqual([24, 32, 64, 72]);
  });

  it('sums over input channels and keeps output channels apart', async () => {
    // Two 2×2 input channels, 1×1 kernels: out channel 0 = 1·c0 + 10·c1, channel 1 = c0 − c1 − 1.
    const spec = {
      ...base,
      inChannels: 2,
      outChannels: 2,
      height: 2,
      width: 2,
      kernelH: 1,
      kernelW: 1,
    };
    const out = await runConv(spec, [1, 2, 3, 4, 5, 6, 7, 8], [1, 10, 1, -1], [0, -1]);
    expect(values(out.conv)).toEqual([51, 62, 73, 84, -5, -5, -5, -5]);
  });

  it('transposes: each input scatters a copy of the kernel, stride apart', async () => {
    const spec = { ...base, height: 2, width: 2, kernelH: 2, kernelW: 2, transposed: true };
    const x = [1, 2, 3, 4];
    const diag = [1, 0, 0, 1];
    const s1 = await runConv(spec, x, diag, [0]);
    expect(s1.conv!.dims).toEqual([1, 1, 3, 3]);
    expect(values(s1.conv)).toEqual([1, 2, 0, 3, 5, 2, 0, 3, 4]);
    const s2 = await runConv({ ...spec, stride: 2 }, x, diag, [0]);
    expect(values(s2.conv)).toEqual([1, 0, 2, 0, 0, 1, 0, 2, 3, 0, 4, 0, 0, 3, 0, 4]);
    // padding p crops p rows and columns from each side of the stride-1 result.
    const p1 = await runConv({ ...spec, padding: 1 }, x, diag, [0]);
    expect(values(p1.conv)).toEqual([5]);
  });

  it('uses PyTorch layouts for ConvTranspose weights: [Cin, Cout, kH, kW]', async () => {
    // Cin 2, Cout 1, 1×1 kernel: out = 2·c0 + 3·c1 (a [Cout, Cin] reading would fail the dims).
    const spec = {
      ...base,
      inChannels: 2,
      height: 1,
      width: 2,
      kernelH: 1,
      kernelW: 1,
      transposed: true,
    };
    const out = await runConv(spec, [1, 2, 10, 20], [2, 3], [1]);
    expect(values(out.conv)).toEqual([33, 65]);
  });

  it('applies each activation after the convolution, and keeps the pre-activation output', async () => {
    const spec = { ...base, height: 1, width: 4, kernelH: 1, kernelW: 1 };
    const x = [-100, -1, 0, 2];
    const act = async (activation: ConvGraphSpec['activation']) => {
      const out = await runConv({ ...spec, activation }, x, [1], [0]);
      expect(values(out.conv)).toEqual(x);
      return values(out.act);
    };
    expect(await act('none')).toEqual(x);
    expect(await act('relu')).toEqual([0, 0, 0, 2]);
    expect(await act('leakyrelu')).toEqual([-1, -0.01, 0, 2].map(Math.fround));
    const sigmoid = await act('sigmoid');
    expect(
      maxAbsDiff(
        sigmoid,
        x.map((v) => 1 / (1 + Math.exp(-v))),
      ),
    ).toBeLessThan(1e-6);
    const tanh = await act('tanh');
    expect(maxAbsDiff(tanh, x.map(Math.tanh))).toBeLessThan(1e-6);
  });

  it('pools the activation: max and average, kernel and stride, no padding', async () => {
    // 4×4 ramp through a 1×1 identity kernel, ReLU after subtracting 5.
    const ramp = Array.from({ length: 16 }, (_, i) => i);
    const spec = {
      ...base,
      height: 4,
      width: 4,
      kernelH: 1,
      kernelW: 1,
      activation: 'relu' as const,
    };
    const max = await runConv({ ...spec, pool: 'max' }, ramp, [1], [-5]);
    expect(values(max.act)).toEqual(ramp.map((v) => Math.max(0, v - 5)));
    expect(values(max.pool)).toEqual([0, 2, 8, 10]);
    const avg = await runConv({ ...spec, pool: 'avg' }, ramp, [1], [-5]);
    // Windows of act: [0,0,0,0], [0,0,1,2], [3,4,7,8], [5,6,9,10].
    expect(values(avg.pool)).toEqual([0, 0.75, 5.5, 7.5]);
    // 3×3 window, stride 1 → 2×2, overlapping windows; floor mode drops nothing here.
    const over = await runConv(
      { ...spec, pool: 'max', poolSize: 3, poolStride: 1 },
      ramp,
      [1],
      [-5],
    );
    expect(values(over.pool)).toEqual([5, 6, 9, 10]);
    // Floor mode: a 3×3 window at stride 2 on 4×4 fits once per axis.
    const floor = await runConv(
      { ...spec, pool: 'avg', poolSize: 3, poolStride: 2 },
      ramp,
      [1],
      [0],
    );
    expect(values(floor.pool)).toEqual([5]);
  });
});

describe('convGraph, the graph itself', () => {
  it('takes the kernel and bias as inputs, with no initializers', () => {
    const info = readModel(convGraph(base).bytes);
    expect(info.inputs).toEqual([
      { name: 'x', dims: [1, 1, 3, 3] },
      { name: 'w', dims: [1, 1, 3, 3] },
      { name: 'b', dims: [1] },
    ]);
    expect(info.initializers).toEqual({});
    expect(info.outputs.map((o) => o.name)).toEqual(['conv', 'act']);
  });

  it('sets every Conv / ConvTranspose / pool attribute explicitly', () => {
    const spec: ConvGraphSpec = {
      ...base,
      inChannels: 2,
      outChannels: 3,
      height: 5,
      width: 6,
      kernelH: 2,
      kernelW: 3,
      stride: 2,
      padding: 1,
      dilation: 2,
      activation: 'leakyrelu',
      pool: 'avg',
      poolSize: 2,
      poolStride: 1,
    };
    const conv = readModel(convGraph(spec).bytes);
    expect(conv.inputs[1]).toEqual({ name: 'w', dims: [3, 2, 2, 3] });
    expect(conv.nodes.map((n) => n.op)).toEqual(['Conv', 'LeakyRelu', 'AveragePool']);
    expect(conv.nodes[0]!.attrs).toEqual({
      kernel_shape: [2, 3],
      strides: [2, 2],
      pads: [1, 1, 1, 1],
      dilations: [2, 2],
      group: 1,
    });
    expect(conv.nodes[1]!.attrs).toEqual({ alpha: { float: Math.fround(0.01) } });
    expect(conv.nodes[2]!.attrs).toEqual({
      kernel_shape: [2, 2],
      strides: [1, 1],
      pads: [0, 0, 0, 0],
    });

    const convT = readModel(convGraph({ ...spec, transposed: true, pool: 'max' }).bytes);
    expect(convT.inputs[1]).toEqual({ name: 'w', dims: [2, 3, 2, 3] });
    expect(convT.nodes.map((n) => n.op)).toEqual(['ConvTranspose', 'LeakyRelu', 'MaxPool']);
    expect(convT.nodes[0]!.attrs).toMatchObject({ output_padding: [0, 0], kernel_shape: [2, 3] });
  });

  it('reports output shapes by PyTorch formulas', () => {
    const g = convGraph({
      ...base,
      height: 7,
      width: 9,
      kernelH: 3,
      kernelW: 2,
      stride: 2,
      padding: 1,
      dilation: 2,
    });
    // floor((7 + 2 − 2·2 − 1) / 2) + 1 = 3;  floor((9 + 2 − 2·1 − 1) / 2) + 1 = 5
    expect(g.outputs).toEqual({ conv: [1, 1, 3, 5], act: [1, 1, 3, 5], pool: null });
    const gt = convGraph({
      ...base,
      height: 3,
      width: 4,
      kernelH: 3,
      kernelW: 2,
      stride: 2,
      padding: 1,
      dilation: 2,
      transposed: true,
      pool: 'max',
      poolSize: 2,
      poolStride: 2,
    });
    // (3 − 1)·2 − 2 + 2·2 + 1 = 7;  (4 − 1)·2 − 2 + 2·1 + 1 = 7;  pool floor((7 − 2) / 2) + 1 = 3
    expect(gt.outputs).toEqual({ conv: [1, 1, 7, 7], act: [1, 1, 7, 7], pool: [1, 1, 3, 3] });
  });

  it('keys graphs by shape and attributes only', () => {
    const key = (s: Partial<ConvGraphSpec>) =>
      convGraph({ ...base, height: 6, width: 6, ...s }).key;
    expect(key({})).toBe(key({}));
    // Field order does not matter.
    const reordered = Object.fromEntries(
      Object.entries({ ...base, height: 6, width: 6 }).reverse(),
    );
    expect(convGraph(reordered as unknown as ConvGraphSpec).key).toBe(key({}));
    // Pool size and stride only count when pooling.
    expect(key({ poolSize: 3, poolStride: 1 })).toBe(key({}));
    expect(key({ pool: 'max', poolSize: 3 })).not.toBe(key({ pool: 'max', poolSize: 2 }));
    const variants: Partial<ConvGraphSpec>[] = [
      { inChannels: 2 },
      { outChannels: 2 },
      { height: 5 },
      { width: 5 },
      { kernelH: 2 },
      { kernelW: 2 },
      { stride: 2 },
      { padding: 1 },
      { dilation: 2 },
      { transposed: true },
      { activation: 'relu' },
      { pool: 'max' },
      { pool: 'avg' },
    ];
    const keys = new Set([key({}), ...variants.map(key)]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it('refuses empty outputs with a message naming the sizes', () => {
    expect(() => convGraph({ ...base, kernelH: 5, kernelW: 5 })).toThrow(
      'The convolution output would be empty (-1×-1): a 5×5 kernel with dilation 1 spans 5×5, on a 3×3 input padded by 0 (3×3).',
    );
    expect(() => convGraph({ ...base, dilation: 2 })).toThrow(
      /spans 5×5, on a 3×3 input padded by 0/,
    );
    // Padding makes room: 5×5 kernel on 3×3 padded by 1 gives 1×1.
    expect(convGraph({ ...base, kernelH: 5, kernelW: 5, padding: 1 }).outputs.conv).toEqual([
      1, 1, 1, 1,
    ]);
    expect(() =>
      convGraph({
        ...base,
        height: 1,
        width: 1,
        kernelH: 1,
        kernelW: 1,
        padding: 1,
        transposed: true,
      }),
    ).toThrow(/transposed convolution output would be empty \(-1×-1\)/);
    expect(() => convGraph({ ...base, pool: 'max', poolSize: 2 })).toThrow(
      'The pooling output would be empty: a 2×2 window does not fit the 1×1 convolution output.',
    );
    expect(() => convGraph({ ...base, stride: 0 })).toThrow(
      /stride must be a positive integer, got 0/,
    );
    expect(() => convGraph({ ...base, padding: 0.5 })).toThrow(
      /padding must be a non-negative integer/,
    );
  });
});

interface TorchCase {
  name: string;
  spec: ConvGraphSpec;
  x: number[];
  w: number[];
  b: number[];
  conv: { shape: number[]; data: number[] };
  act: { shape: number[]; data: number[] };
  pool: { shape: number[]; data: number[] } | null;
}

const torchCases = JSON.parse(
  readFileSync(new URL('./testdata/conv_graph.torch.json', import.meta.url), 'utf8'),
) as { tolerance: number; cases: TorchCase[] };

describe('convGraph, against PyTorch (testdata/conv_graph.torch.json)', () => {
  it('covers every layer kind', () => {
    const specs = torchCases.cases.map((c) => c.spec);
    expect(specs.filter((s) => s.transposed).length).toBeGreaterThan(5);
    expect(specs.filter((s) => s.dilation > 1 && s.transposed).length).toBeGreaterThan(1);
    for (const a of ['none', 'relu', 'leakyrelu', 'sigmoid', 'tanh'])
      expect(specs.some((s) => s.activation === a)).toBe(true);
    for (const p of ['none', 'max', 'avg']) expect(specs.some((s) => s.pool === p)).toBe(true);
  });

  // Tolerance 1e-4 absolute: float32 sums of ≤ 27 products of two-decimal numbers, compared
  // with PyTorch's float32 result printed to 6 significant digits.
  it.each(torchCases.cases)('$name', async (c) => {
    const out = await runConv(c.spec, c.x, c.w, c.b);
    for (const stage of ['conv', 'act', 'pool'] as const) {
      const expected = c[stage];
      if (!expected) continue;
      expect(out[stage]!.dims, stage).toEqual(expected.shape);
      expect(maxAbsDiff(out[stage]!.data, expected.data), stage).toBeLessThan(torchCases.tolerance);
    }
  });
});

// --- the shared operator fixtures and the core reference ------------------------------------

interface OpCase {
  name: string;
  input: { shape: number[]; data: number[] };
  weight?: { shape: number[]; data: number[] };
  bias?: number[] | null;
  attrs: { stride?: number; padding?: number; dilation?: number; type?: string; kernel?: number };
  expected: { shape: number[]; data: number[] };
}
interface OpFixture {
  op: string;
  tolerance: number;
  cases: OpCase[];
}

/** models/fixtures/ops/NAME.json: PyTorch's outputs for single operators, without batch axis. */
const opFixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../models/fixtures/ops/${name}.json`, import.meta.url), 'utf8'),
  ) as OpFixture;

/** An identity 1×1 convolution over C channels: w[c][c] = 1. */
const identityKernel = (c: number) =>
  Array.from({ length: c * c }, (_, i) => (Math.floor(i / c) === i % c ? 1 : 0));

describe.each(['conv2d', 'conv_transpose2d'])('convGraph on models/fixtures/ops/%s.json', (op) => {
  const fixture = opFixture(op);
  it.each(fixture.cases)('$name', async (c) => {
    const [cin, h, w] = c.input.shape as [number, number, number];
    const [w0, w1, kh, kw] = c.weight!.shape as [number, number, number, number];
    const transposed = op === 'conv_transpose2d';
    const cout = transposed ? w1 : w0;
    const spec: ConvGraphSpec = {
      ...base,
      inChannels: cin,
      outChannels: cout,
      height: h,
      width: w,
      kernelH: kh,
      kernelW: kw,
      stride: c.attrs.stride!,
      padding: c.attrs.padding!,
      dilation: c.attrs.dilation!,
      transposed,
    };
    const bias = c.bias ?? new Array<number>(cout).fill(0);
    const out = await runConv(spec, c.input.data, c.weight!.data, bias);
    expect(out.conv!.dims).toEqual([1, ...c.expected.shape]);
    expect(maxAbsDiff(out.conv!.data, c.expected.data)).toBeLessThan(fixture.tolerance);
  });
});

describe('convGraph pooling on models/fixtures/ops/pool2d.json', () => {
  const fixture = opFixture('pool2d');
  // The pool reads the activation; an identity 1×1 convolution with no activation passes
  // the fixture's input through unchanged.
  it.each(fixture.cases)('$name', async (c) => {
    const [ch, h, w] = c.input.shape as [number, number, number];
    const spec: ConvGraphSpec = {
      ...base,
      inChannels: ch,
      outChannels: ch,
      height: h,
      width: w,
      kernelH: 1,
      kernelW: 1,
      pool: c.attrs.type === 'avg' ? 'avg' : 'max',
      poolSize: c.attrs.kernel!,
      poolStride: c.attrs.stride!,
    };
    const out = await runConv(
      spec,
      c.input.data,
      identityKernel(ch),
      new Array<number>(ch).fill(0),
    );
    expect(values(out.act)).toEqual(c.input.data.map(Math.fround));
    expect(out.pool!.dims).toEqual([1, ...c.expected.shape]);
    expect(maxAbsDiff(out.pool!.data, c.expected.data)).toBeLessThan(fixture.tolerance);
  });
});

/** What core/conv.ts computes for the same spec and data: conv, activation, pool. */
function coreReference(spec: ConvGraphSpec, x: number[], w: number[], b: number[]) {
  const { inChannels: cin, outChannels: cout, kernelH: kh, kernelW: kw } = spec;
  const input = t([cin, spec.height, spec.width], x);
  const p = { stride: spec.stride, padding: spec.padding, dilation: spec.dilation };
  const conv = spec.transposed
    ? convTranspose2d(input, t([cin, cout, kh, kw], w), Float32Array.from(b), p)
    : conv2d(input, t([cout, cin, kh, kw], w), Float32Array.from(b), p);
  const act = { data: activateAll(conv.data, spec.activation), dims: conv.dims };
  const pool = spec.pool === 'none' ? null : pool2d(act, spec.pool, spec.poolSize, spec.poolStride);
  return { conv, act, pool };
}

/** A deterministic PRNG (mulberry32), so a failing random case can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** 120 random specs that have a non-empty output, with data, from a fixed seed. */
function randomCases() {
  const rand = prng(20240611);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)]!;
  const data = (n: number) =>
    Array.from({ length: n }, () => Math.round((rand() * 4 - 2) * 100) / 100);
  const cases: { name: string; spec: ConvGraphSpec; x: number[]; w: number[]; b: number[] }[] = [];
  while (cases.length < 120) {
    const spec: ConvGraphSpec = {
      inChannels: int(1, 3),
      outChannels: int(1, 3),
      height: int(1, 9),
      width: int(1, 9),
      kernelH: int(1, 4),
      kernelW: int(1, 4),
      stride: int(1, 3),
      padding: int(0, 3),
      dilation: int(1, 3),
      transposed: rand() < 0.4,
      activation: pick(['none', 'relu', 'leakyrelu', 'sigmoid', 'tanh'] as const),
      pool: pick(['none', 'max', 'avg'] as const),
      poolSize: int(1, 3),
      poolStride: int(1, 3),
    };
    try {
      convGraph(spec);
    } catch {
      continue; // empty output: covered by the error tests
    }
    const { inChannels: cin, outChannels: cout, kernelH: kh, kernelW: kw } = spec;
    cases.push({
      name: `random ${cases.length}: ${convGraph(spec).key}`,
      spec,
      x: data(cin * spec.height * spec.width),
      w: data(cin * cout * kh * kw),
      b: data(cout),
    });
  }
  return cases;
}

describe('convGraph against core/conv.ts', () => {
  // Tolerance 1e-4 absolute: both sides round each stage to float32; core sums in float64 and
  // ORT in float32, over at most 3·4·4 = 48 products of values below 2 in magnitude.
  const TOLERANCE = 1e-4;
  const compare = async (c: { spec: ConvGraphSpec; x: number[]; w: number[]; b: number[] }) => {
    const out = await runConv(c.spec, c.x, c.w, c.b);
    const ref = coreReference(c.spec, c.x, c.w, c.b);
    for (const stage of ['conv', 'act', 'pool'] as const) {
      const r = ref[stage];
      if (!r) continue;
      expect(out[stage]!.dims, stage).toEqual([1, ...r.dims]);
      expect(maxAbsDiff(out[stage]!.data, r.data), stage).toBeLessThan(TOLERANCE);
    }
  };

  it.each(torchCases.cases)('the core reference agrees on PyTorch $name too', async (c) => {
    await compare(c);
  });

  const cases = randomCases();
  it('draws random cases of every kind, dilated transposed ones included', () => {
    const specs = cases.map((c) => c.spec);
    expect(
      specs.filter((s) => s.transposed && s.dilation > 1 && s.padding > 0).length,
    ).toBeGreaterThan(5);
    expect(
      specs.filter((s) => !s.transposed && s.stride > 1 && s.pool !== 'none').length,
    ).toBeGreaterThan(5);
  });

  it.each(cases)('$name', compare);
});
