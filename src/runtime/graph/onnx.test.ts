import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../loader';
import { ModelSession } from '../session';
import { GraphBuilder, readInitializers, readModel } from './onnx';

// Single-threaded, as src/runtime/ort.ts configures the page (see models.test.ts).
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const mnistBytes = new Uint8Array(
  readFileSync(new URL('../../../models/mnist_cnn.onnx', import.meta.url)),
);

interface DumpedTensor {
  shape: number[];
  sum: number;
  spot: [number, number][];
  data?: number[];
}
/** What Python's onnx.numpy_helper reads from the same file (testdata/dump_initializers.py). */
const dumped = JSON.parse(
  readFileSync(new URL('./testdata/mnist_cnn.initializers.json', import.meta.url), 'utf8'),
) as { sha256: string; tensors: Record<string, DumpedTensor> };

const sessions: ModelSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

async function open(bytes: Uint8Array): Promise<ModelSession> {
  const s = await ModelSession.create(ort, bytes, 'wasm');
  sessions.push(s);
  return s;
}

const t = (dims: number[], data: number[]) => ({ dims, data: Float32Array.from(data) });

describe('readInitializers on models/mnist_cnn.onnx', () => {
  it('reads the same file the Python dump was made from', async () => {
    expect(await sha256Hex(mnistBytes)).toBe(dumped.sha256);
  });

  const weights = readInitializers(mnistBytes);

  it('finds every trained tensor with its PyTorch name and shape', () => {
    expect(Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v.dims]))).toEqual({
      'model.conv1.weight': [8, 1, 3, 3],
      'model.conv1.bias': [8],
      'model.conv2.weight': [16, 8, 3, 3],
      'model.conv2.bias': [16],
      'model.fc.weight': [10, 784],
      'model.fc.bias': [10],
    });
    for (const [name, d] of Object.entries(dumped.tensors))
      expect(weights[name]!.dims).toEqual(d.shape);
  });

  it.each(Object.keys(dumped.tensors))('%s equals what onnx.numpy_helper reads', (name) => {
    const d = dumped.tensors[name]!;
    const w = weights[name]!;
    // Exact (tolerance 0): both sides decode the same float32 bits; JSON keeps a float64 that
    // rounds back to the same float32.
    if (d.data) expect(Array.from(w.data)).toEqual(d.data.map(Math.fround));
    for (const [i, v] of d.spot) expect(w.data[i], `${name}[${i}]`).toBe(Math.fround(v));
    // The sum checks every element; float64 summation on both sides, so only order differs.
    const sum = w.data.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - d.sum)).toBeLessThan(1e-9 * Math.max(1, Math.abs(d.sum)) + 1e-12);
  });

  it('gives each tensor its own buffer, so they can be transferred one by one', () => {
    const buffers = Object.values(weights).map((w) => w.data.buffer);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).not.toContain(mnistBytes.buffer);
  });

  it('reads the graph signature and nodes', () => {
    const info = readModel(mnistBytes);
    expect(info.irVersion).toBe(8);
    expect(info.opset).toBe(17);
    expect(info.inputs).toEqual([{ name: 'image', dims: ['N', 1, 28, 28] }]);
    expect(info.outputs.map((o) => o.name)).toEqual([
      'conv1',
      'relu1',
      'pool1',
      'conv2',
      'relu2',
      'pool2',
      'logits',
      'probabilities',
    ]);
    expect(info.nodes.map((n) => n.op)).toEqual([
      'Conv',
      'Relu',
      'MaxPool',
      'Conv',
      'Relu',
      'MaxPool',
      'Flatten',
      'Gemm',
      'Softmax',
    ]);
    expect(info.nodes[0]!.attrs.kernel_shape).toEqual([3, 3]);
    expect(info.nodes[0]!.inputs).toEqual(['image', 'model.conv1.weight', 'model.conv1.bias']);
  });
});

describe('GraphBuilder', () => {
  /** y = LeakyRelu(x·W + b, 0.5), z = y·2 (a Constant); x [batch, 2], W [2, 3]. */
  function smallGraph() {
    const g = new GraphBuilder('small');
    g.input('x', ['batch', 2]);
    g.initializer('W', t([2, 3], [1, -1, 2, 0.5, 3, -2]));
    g.initializer('b', t([3], [0.25, -4, 1]));
    g.node('MatMul', ['x', 'W'], ['xw']);
    g.node('Add', ['xw', 'b'], ['pre']);
    g.node('LeakyRelu', ['pre'], ['y'], { alpha: { float: 0.5 } });
    g.node('Constant', [], ['two'], { value: { tensor: t([], [2]) } });
    g.node('Mul', ['y', 'two'], ['z']);
    g.output('y', ['batch', 3]);
    g.output('z', ['batch', 3]);
    return g;
  }

  it('emits a model ORT runs, with the numbers worked out by hand', async () => {
    const session = await open(smallGraph().toBytes());
    expect(session.inputNames).toEqual(['x']);
    expect(session.outputNames).toEqual(['y', 'z']);
    const out = await session.run({ x: t([2, 2], [1, 2, -1, 0]) });
    // Row 1: [1·1 + 2·0.5, 1·(−1) + 2·3, 1·2 + 2·(−2)] + b = [2.25, 1, −1]; LeakyRelu(0.5) → [2.25, 1, −0.5].
    // Row 2: [−1, 1, −2] + b = [−0.75, −3, −1] → [−0.375, −1.5, −0.5].
    expect(out.y!.dims).toEqual([2, 3]);
    expect(Array.from(out.y!.data)).toEqual([2.25, 1, -0.5, -0.375, -1.5, -0.5]);
    expect(Array.from(out.z!.data)).toEqual([4.5, 2, -1, -0.75, -3, -1]);
    // The symbolic batch dim takes any size.
    const one = await session.run({ x: t([1, 2], [0, 0]) });
    expect(Array.from(one.y!.data)).toEqual([0.25, -2, 1]);
  });

  it('round-trips through the reader: signature, nodes, attributes, initializers', () => {
    const bytes = smallGraph().toBytes();
    const info = readModel(bytes);
    expect(info).toMatchObject({ irVersion: 8, opset: 17, graphName: 'small' });
    expect(info.inputs).toEqual([{ name: 'x', dims: ['batch', 2] }]);
    expect(info.outputs).toEqual([
      { name: 'y', dims: ['batch', 3] },
      { name: 'z', dims: ['batch', 3] },
    ]);
    expect(info.nodes.map((n) => [n.op, n.inputs, n.outputs])).toEqual([
      ['MatMul', ['x', 'W'], ['xw']],
      ['Add', ['xw', 'b'], ['pre']],
      ['LeakyRelu', ['pre'], ['y']],
      ['Constant', [], ['two']],
      ['Mul', ['y', 'two'], ['z']],
    ]);
    expect(info.nodes[2]!.attrs).toEqual({ alpha: { float: 0.5 } });
    expect(info.nodes[3]!.attrs).toEqual({ value: { tensor: t([], [2]) } });
    expect(readInitializers(bytes)).toEqual({
      W: t([2, 3], [1, -1, 2, 0.5, 3, -2]),
      b: t([3], [0.25, -4, 1]),
    });
  });

  it('encodes every attribute kind by the documented convention', () => {
    const g = new GraphBuilder('attrs', 13);
    g.input('x', [1]);
    g.node('Identity', ['x'], ['y'], {
      i: -3,
      ints: [1, -2, 2 ** 40],
      f: { float: 0.1 },
      fs: { floats: [1.5, -0.25] },
      s: 'héllo',
    });
    g.output('y', [1]);
    const info = readModel(g.toBytes());
    expect(info.opset).toBe(13);
    expect(info.nodes[0]!.attrs).toEqual({
      i: -3,
      ints: [1, -2, 2 ** 40],
      f: { float: Math.fround(0.1) },
      fs: { floats: [1.5, -0.25] },
      s: 'héllo',
    });
  });

  it('writes int64 initializers that ORT uses as shapes', async () => {
    const g = new GraphBuilder('reshape');
    g.input('x', [2, 3]);
    g.int64Initializer('shape', [3, -1]);
    g.node('Reshape', ['x', 'shape'], ['y']);
    g.output('y', [3, 2]);
    const bytes = g.toBytes();
    expect(readModel(bytes).initializers.shape).toEqual({
      dtype: 'int64',
      dims: [2],
      data: [3, -1],
    });
    expect(readInitializers(bytes)).toEqual({}); // not a weight
    const out = await open(bytes).then((s) => s.run({ x: t([2, 3], [1, 2, 3, 4, 5, 6]) }));
    expect(out.y!.dims).toEqual([3, 2]);
    expect(Array.from(out.y!.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('leaves optional inputs out with an empty name', async () => {
    const g = new GraphBuilder('clip');
    g.input('x', [4]);
    g.initializer('hi', t([], [1]));
    g.node('Clip', ['x', '', 'hi'], ['y']); // no min, max 1
    g.output('y', [4]);
    const out = await open(g.toBytes()).then((s) => s.run({ x: t([4], [-5, 0.5, 1, 7]) }));
    expect(Array.from(out.y!.data)).toEqual([-5, 0.5, 1, 1]);
  });

  it('catches the mistakes ONNX would only report at session creation, naming them', () => {
    const g = new GraphBuilder('bad');
    g.input('x', [1]);
    expect(() => g.node('Relu', ['nope'], ['y'])).toThrow(/"nope", which is not defined/);
    expect(() => g.input('x', [2])).toThrow(/"x" is defined twice/);
    g.node('Relu', ['x'], ['y']);
    expect(() => g.node('Relu', ['x'], ['y'])).toThrow(/"y" is defined twice .*node 0 \(Relu\)/);
    expect(() => g.node('LeakyRelu', ['x'], ['z'], { alpha: 0.1 })).toThrow(
      /alpha = 0.1 is not an integer; write \{ float: 0.1 \}/,
    );
    expect(() => g.node('Foo', ['x'], ['w'], { v: [1, 0.5] })).toThrow(/floats/);
    expect(() => g.initializer('w', t([2, 2], [1, 2, 3]))).toThrow(/hold 4 values, data has 3/);
    g.output('missing', [1]);
    expect(() => g.toBytes()).toThrow(/output "missing" is not produced/);
  });

  it('rejects bytes that are not a model', () => {
    expect(() => readModel(Uint8Array.of(0x08, 0x08))).toThrow(/no graph/);
    expect(() => readModel(mnistBytes.subarray(0, 1000))).toThrow(/protobuf/);
  });
});
