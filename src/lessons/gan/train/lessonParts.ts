/** The train mode's part of the lesson definition: steps, embed result, hideable controls. */
import type { TrainConfig } from './config';

/** Names `?hide=` can give to hide parts of the 2-D playground. */
export const TRAIN_HIDEABLE = ['data', 'train-controls', 'hyperparameters'] as const;

/**
 * One training iteration, sub-step by sub-step (slow motion). Each of the `dSteps`
 * discriminator steps samples a real batch and noise, runs G and D on both, computes L_D and
 * updates D; then the generator step computes L_G on fresh G(z) through the updated D and
 * updates G with the gradient that flows back through D.
 */
export const D_SUBSTEPS = [
  'sampleReal',
  'sampleNoise',
  'generate',
  'discriminate',
  'lossD',
  'updateD',
] as const;
export const G_SUBSTEPS = ['lossG', 'updateG'] as const;
export type TrainSubstep = (typeof D_SUBSTEPS)[number] | (typeof G_SUBSTEPS)[number];

/** The sub-steps of one iteration in order, with the D step (0-based) each belongs to. */
export function trainSubsteps(config: TrainConfig): { name: TrainSubstep; dStep: number | null }[] {
  const out: { name: TrainSubstep; dStep: number | null }[] = [];
  for (let k = 0; k < config.dSteps; k++) {
    for (const name of D_SUBSTEPS) out.push({ name, dStep: k });
  }
  for (const name of G_SUBSTEPS) out.push({ name, dStep: null });
  return out;
}

/** Steps of "one iteration, step by step": 6 per D step, then 2 for G. */
export function trainStepCount(config: TrainConfig): number {
  return config.dSteps * D_SUBSTEPS.length + G_SUBSTEPS.length;
}

/** What the embed API's getResult reports while the playground trains. */
export interface TrainSnapshot {
  /** Generator steps (iterations) done so far. */
  steps: number;
  lossD: number;
  lossG: number;
  /** mean D(x) over the latest real batch, and mean D(G(z)) over the latest fakes. */
  meanDReal: number;
  meanDFake: number;
}

// The training view registers where its latest numbers are; null while no trainer is open.
let source: (() => TrainSnapshot | null) | null = null;

/**
 * Called by the training view (or its store slice) when a trainer starts: getResult then
 * reads `read()`. Returns the function that unregisters it (call it on unmount).
 */
export function provideTrainResult(read: () => TrainSnapshot | null): () => void {
  source = read;
  return () => {
    if (source === read) source = null;
  };
}

/** The embed API's getResult: {steps, lossD, lossG, meanDReal, meanDFake}. */
export function trainResult(_config: TrainConfig): Promise<TrainSnapshot> {
  const snapshot = source?.() ?? null;
  return snapshot
    ? Promise.resolve({ ...snapshot })
    : Promise.reject(new Error('training is not running: no step has been taken yet'));
}
