/**
 * The detail of one unit of the CNN: its computation recomputed from the layer before and the
 * model's own weights with the core/ references, step by step. The result is compared with
 * the model's activation for that unit — they must agree (tested in e2e).
 */
import { convUnitStep, poolUnitStep, type ConvPositionStep, type PoolStep } from '../../core/conv';
import { softmax } from '../../core/softmax';
import type { Tensor } from '../../core/tensor';
import { CNN_OPS, layerOf, type CnnActivations } from './cnn';
import type { Unit } from './config';

export type UnitDetail =
  | {
      kind: 'conv';
      unit: Unit;
      mac: ConvPositionStep;
      inputLayer: 'input' | 'pool1';
      relu: number;
      model: number;
    }
  | { kind: 'relu'; unit: Unit; pre: number; post: number; model: number }
  | { kind: 'pool'; unit: Unit; pool: PoolStep; inputLayer: 'relu1' | 'relu2'; model: number }
  | {
      kind: 'dense';
      unit: Unit;
      terms: { index: number; value: number; weight: number; product: number }[];
      bias: number;
      sum: number;
      model: number;
    }
  | {
      kind: 'softmax';
      unit: Unit;
      logits: Float32Array;
      exps: number[];
      sumExp: number;
      result: number;
      model: number;
    };

/** Whether a unit lies inside its layer (a link or the embed API may name any unit). */
export function unitInRange(unit: Unit): boolean {
  const shape = layerOf(unit.layer).shape;
  if (shape.length === 1) return unit.channel < shape[0]! && unit.y === 0 && unit.x === 0;
  const [c, h, w] = shape as [number, number, number];
  return unit.channel < c && unit.y < h && unit.x < w;
}

/** Steps of a unit's animation: each multiply-accumulate, then + bias = result, then ReLU. */
export function unitStepCount(unit: Unit): number {
  const op = CNN_OPS[unit.layer];
  if (op.kind === 'conv') return layerOf(op.input).shape[0]! * 9 + 2;
  if (op.kind === 'pool') return op.size * op.size + 1;
  return 1;
}

const at = (t: Tensor, unit: Unit) => {
  const dims = t.dims;
  if (dims.length === 1) return t.data[unit.channel]!;
  const [, h, w] = dims as [number, number, number];
  return t.data[(unit.channel * h + unit.y) * w + unit.x]!;
};

/** The model's own activation of a unit. */
export function unitActivation(acts: CnnActivations, unit: Unit): number {
  return at(acts[unit.layer], unit);
}

export function computeUnitDetail(
  unit: Unit,
  acts: CnnActivations,
  weights: Record<string, Tensor>,
): UnitDetail {
  const op = CNN_OPS[unit.layer];
  const model = unitActivation(acts, unit);
  switch (op.kind) {
    case 'conv': {
      const w = weights[op.weight];
      const b = weights[op.bias];
      if (!w || !b) throw new Error(`the model has no weights named ${op.weight}`);
      const mac = convUnitStep(acts[op.input], w, b.data, op, unit.channel, unit.y, unit.x);
      return {
        kind: 'conv',
        unit,
        mac,
        inputLayer: op.input,
        relu: Math.max(0, mac.result),
        model,
      };
    }
    case 'relu': {
      const pre = at(acts[op.input], unit);
      return { kind: 'relu', unit, pre, post: Math.max(0, pre), model };
    }
    case 'pool': {
      const pool = poolUnitStep(
        acts[op.input],
        'max',
        op.size,
        op.stride,
        unit.channel,
        unit.y,
        unit.x,
      );
      return { kind: 'pool', unit, pool, inputLayer: op.input, model };
    }
    case 'dense': {
      const w = weights[op.weight];
      const b = weights[op.bias];
      if (!w || !b) throw new Error(`the model has no weights named ${op.weight}`);
      const a = acts[op.input].data;
      const n = a.length;
      let sum = 0;
      const terms = Array.from(a, (value, index) => {
        const weight = w.data[unit.channel * n + index]!;
        sum += value * weight;
        return { index, value, weight, product: value * weight };
      });
      const bias = b.data[unit.channel]!;
      return { kind: 'dense', unit, terms, bias, sum: sum + bias, model };
    }
    case 'softmax': {
      const logits = acts.logits.data;
      const max = Math.max(...logits);
      const exps = Array.from(logits, (z) => Math.exp(z - max));
      const sumExp = exps.reduce((s, e) => s + e, 0);
      return {
        kind: 'softmax',
        unit,
        logits,
        exps,
        sumExp,
        result: softmax(logits)[unit.channel]!,
        model,
      };
    }
  }
}
