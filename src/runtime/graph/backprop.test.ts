/**
 * The backprop train-step graph, run in onnxruntime-web (WASM, Node), equals PyTorch's
 * float64 numbers (models/fixtures/basics_backprop.golden.json) within 1e-4.
 */
import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import fixture from '../../../models/fixtures/basics_backprop.golden.json';
import { resultDifference, type BackpropAnswer, type BackpropNet } from '../../core/backprop';
import { ModelSession } from '../session';
import { backpropAnswerFromOutputs, backpropGraph, backpropGraphInputs } from './backprop';
import { readModel } from './onnx';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const cases = fixture.cases as unknown as {
  name: string;
  config: BackpropNet;
  result: BackpropAnswer;
}[];
const sessions: ModelSession[] = [];
afterAll(async () => {
  for (const s of sessions) await s.dispose();
});

describe('backpropGraph', () => {
  it('uses only ops the WebGPU EP runs, and names every output the view reads', () => {
    const g = backpropGraph({
      sizes: [2, 3, 1],
      activation: 'tanh',
      output: 'sigmoid',
      loss: 'bce',
    });
    const ops = new Set(readModel(g.bytes).nodes.map((n) => n.op));
    const allowed = [
      'Gemm',
      'Relu',
      'Sigmoid',
      'Tanh',
      'Abs',
      'Log',
      'Neg',
      'Sub',
      'Add',
      'Mul',
      'Div',
      'ReduceMean',
      'ReduceSum',
      'Greater',
      'Where',
      'Identity',
      'Expand',
      'Reshape',
    ];
    for (const op of ops) expect(allowed, op).toContain(op);
    const names = g.outputs.map((o) => o.name);
    for (const n of ['z1', 'a2', 'loss', 'dz1', 'dW2', 'db1', 'W1_after', 'b2_after'])
      expect(names).toContain(n);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s equals PyTorch within 1e-4', async (_, c) => {
    const net = c.config;
    const g = backpropGraph(net);
    const session = await ModelSession.create(ort, g.bytes, 'wasm');
    sessions.push(session);
    const out = await session.run(backpropGraphInputs(net));
    const answer = backpropAnswerFromOutputs(net.sizes, out);
    expect(resultDifference(answer, c.result)).toBeLessThan(1e-4);
  });
});
