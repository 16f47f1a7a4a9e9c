/**
 * The playground's side of the inference worker's trainer (runtime/trainer/playground.ts):
 * thin calls through the app's inference client, and the live trainer's result for the embed
 * API's getResult (the view registers it while it is mounted).
 */
import type { PgTrainConfig } from '../../../runtime/trainer/playground';
import { requireClient } from '../../../store/runtime';
import type { PlaygroundConfig } from './config';

export const trainConfigOf = (c: PlaygroundConfig): PgTrainConfig => ({
  dataset: c.dataset,
  seed: c.seed,
  noise: c.noise,
  trainRatio: c.trainRatio,
  batchSize: c.batchSize,
  features: [...c.features],
  hidden: [...c.hidden],
  activation: c.activation,
  lr: c.lr,
  regularization: c.regularization,
  regRate: c.regRate,
});

export const configure = (c: PlaygroundConfig) =>
  requireClient().configurePlayground(trainConfigOf(c));
export const trainIterations = (iterations: number) =>
  requireClient().playground('pgTrain', { iterations });
export const stepDetail = () => requireClient().playground('pgStep', {});
export const snapshot = () => requireClient().playground('pgSnapshot', {});
export const resetTrainer = () => requireClient().playground('pgReset', {});
export const restoreTrainer = () => requireClient().playground('pgRestore', {});
export const disposeTrainer = () => requireClient().playgroundDispose();

/** What getResult answers: the live trainer's steps, losses and (classification) accuracies. */
export interface PlaygroundResult {
  steps: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy?: number;
  testAccuracy?: number;
}

let live: (() => PlaygroundResult | null) | null = null;

/** The view provides its latest metrics while mounted; returns the function that withdraws them. */
export function provideLiveResult(get: () => PlaygroundResult | null): () => void {
  live = get;
  return () => {
    if (live === get) live = null;
  };
}

export function liveResult(): PlaygroundResult | null {
  return live?.() ?? null;
}
