import { afterEach, describe, expect, it } from 'vitest';
import { problemsOf } from '../../../store/lessonRegistry';
import { ganConfigSchema, ganDefaults } from '../config';
import { OPTIMIZER_DEFAULTS, trainConfigSchema, trainDefaults } from './config';
import { provideTrainResult, trainResult, trainStepCount, trainSubsteps } from './lessonParts';

const problems = (patch: Record<string, unknown>) => {
  const r = ganConfigSchema.safeParse({ ...trainDefaults, ...patch });
  return r.success ? [] : problemsOf(r.error, 'config').map((p) => `${p.field}: ${p.message}`);
};

describe('train config', () => {
  it('defaults are valid and are the lesson’s defaults', () => {
    expect(trainConfigSchema.parse(trainDefaults)).toEqual(trainDefaults);
    expect(ganDefaults).toBe(trainDefaults);
  });
  it('accepts every built-in distribution and custom points', () => {
    for (const kind of ['ring', 'two-gaussians', 'line', 'spiral', 'gaussians-8']) {
      expect(problems({ data: { kind } })).toEqual([]);
    }
    const points = [
      [0, 0],
      [0.5, -0.5],
      [-1, 1],
    ];
    expect(problems({ data: { kind: 'custom', points } })).toEqual([]);
  });
  it('names the bad field', () => {
    expect(problems({ generator: { layers: 7, width: 16, activation: 'relu' } })).toEqual([
      'config.generator.layers: at most 6 hidden layers',
    ]);
    expect(problems({ discriminator: { layers: 2, width: 129, activation: 'relu' } })).toEqual([
      'config.discriminator.width: at most 128 units per layer',
    ]);
    expect(problems({ batchSize: 513 })).toEqual([
      'config.batchSize: at most 512 samples per batch',
    ]);
    expect(problems({ noiseDim: 0 })).toEqual(['config.noiseDim: at least 1 noise dimension']);
    expect(problems({ optimizerD: { kind: 'adam', lr: 0, beta1: 0.5, beta2: 0.999 } })).toEqual([
      'config.optimizerD.lr: the learning rate is above 0',
    ]);
    expect(problems({ optimizerG: { kind: 'sgd', lr: 0.1, momentum: 1 } })).toEqual([
      'config.optimizerG.momentum: momentum is at most 0.99',
    ]);
    expect(
      problems({
        data: {
          kind: 'custom',
          points: [
            [0, 0],
            [0, 0],
            [2, 0],
          ],
        },
      }),
    ).toEqual(['config.data.points.2.0: points lie in the plane [-1, 1]']);
    expect(problems({ data: { kind: 'custom', points: [[0, 0]] } })).toEqual([
      'config.data.points: at least 3 points',
    ]);
    expect(problems({ dSteps: 11 })).toEqual(['config.dSteps: at most 10 D steps per G step']);
  });
  it('optimizer defaults are valid', () => {
    expect(problems({ optimizerG: OPTIMIZER_DEFAULTS.sgd })).toEqual([]);
    expect(problems({ optimizerD: OPTIMIZER_DEFAULTS.adam })).toEqual([]);
  });
});

describe('train lesson parts', () => {
  afterEach(() => provideTrainResult(() => null)());
  it('one iteration: 6 sub-steps per D step, then L_G and G’s update', () => {
    expect(trainStepCount(trainDefaults)).toBe(8);
    expect(trainStepCount({ ...trainDefaults, dSteps: 3 })).toBe(20);
    expect(trainSubsteps({ ...trainDefaults, dSteps: 2 }).map((s) => s.name)).toEqual([
      ...['sampleReal', 'sampleNoise', 'generate', 'discriminate', 'lossD', 'updateD'],
      ...['sampleReal', 'sampleNoise', 'generate', 'discriminate', 'lossD', 'updateD'],
      'lossG',
      'updateG',
    ]);
  });
  it('getResult rejects until a trainer provides numbers, then returns them', async () => {
    await expect(trainResult(trainDefaults)).rejects.toThrow('training is not running');
    const snapshot = { steps: 12, lossD: 1.3, lossG: 0.7, meanDReal: 0.55, meanDFake: 0.45 };
    const stop = provideTrainResult(() => snapshot);
    await expect(trainResult(trainDefaults)).resolves.toEqual(snapshot);
    stop();
    await expect(trainResult(trainDefaults)).rejects.toThrow('training is not running');
  });
});
