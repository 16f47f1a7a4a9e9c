/**
 * The backprop mode's part of the lesson definition: the steps (forward neuron by neuron,
 * the loss, backward edge by edge, the update layer by layer), the embed API's getResult
 * (computed by onnxruntime-web on the train-step graph), and the hideable controls.
 */
import type { BackpropAnswer } from '../../../core/backprop';
import {
  backpropAnswerFromOutputs,
  backpropGraph,
  backpropGraphInputs,
} from '../../../runtime/graph/backprop';
import { runGraph } from '../../../store/runtime';
import type { BackpropConfig } from './config';

/** Names `?hide=` can give to hide parts of the backprop view. */
export const BACKPROP_HIDEABLE = [
  'backprop-settings',
  'backprop-params',
  'backprop-train',
  'backprop-history',
] as const;

/**
 * One step. Layers `l` are 1-based (layer 0 is the input), neurons `j` and inputs `i`
 * 0-based: forward z and a of neuron j; the loss; backward δ of neuron j, then ∂L/∂w of each
 * of its incoming edges i and ∂L/∂b; then the update of each layer.
 */
export type BackpropStep =
  | { kind: 'forward'; l: number; j: number }
  | { kind: 'loss' }
  | { kind: 'delta'; l: number; j: number }
  | { kind: 'weight'; l: number; j: number; i: number }
  | { kind: 'bias'; l: number; j: number }
  | { kind: 'update'; l: number };

export function backpropSteps(sizes: readonly number[]): BackpropStep[] {
  const layers = sizes.length - 1;
  const steps: BackpropStep[] = [];
  for (let l = 1; l <= layers; l++)
    for (let j = 0; j < sizes[l]!; j++) steps.push({ kind: 'forward', l, j });
  steps.push({ kind: 'loss' });
  for (let l = layers; l >= 1; l--)
    for (let j = 0; j < sizes[l]!; j++) {
      steps.push({ kind: 'delta', l, j });
      for (let i = 0; i < sizes[l - 1]!; i++) steps.push({ kind: 'weight', l, j, i });
      steps.push({ kind: 'bias', l, j });
    }
  for (let l = 1; l <= layers; l++) steps.push({ kind: 'update', l });
  return steps;
}

export function backpropStepCount(config: BackpropConfig): number {
  return backpropSteps(config.sizes).length;
}

/** Runs the train-step graph for a config in the inference worker. */
export async function runBackprop(config: BackpropConfig): Promise<BackpropAnswer> {
  const out = await runGraph(backpropGraph(config), backpropGraphInputs(config));
  return backpropAnswerFromOutputs(config.sizes, out);
}

/** The embed API's getResult: `{z, a, loss, dz, dW, db, weightsAfter, biasesAfter}`. */
export function backpropResult(config: BackpropConfig): Promise<BackpropAnswer> {
  return runBackprop(config);
}
