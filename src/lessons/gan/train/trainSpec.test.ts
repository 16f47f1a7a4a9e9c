import { describe, expect, it } from 'vitest';
import { OPTIMIZER_DEFAULTS, trainDefaults } from './config';
import { Curves } from './trainController';
import { arrowsOf, changeOf, fieldOf, hyperOf, manifoldLines, specOf } from './trainSpec';

describe('config → trainer', () => {
  it('maps the defaults to the GAN Lab-sized spec and hyperparameters', () => {
    expect(specOf(trainDefaults)).toEqual({
      dataDim: 2,
      noiseDim: 2,
      batch: 128,
      generator: { hidden: [16, 16], activation: 'relu' },
      discriminator: { hidden: [16, 16], activation: 'relu' },
      loss: 'non-saturating',
      optimizerG: 'adam',
      optimizerD: 'adam',
      dStepsPerG: 1,
    });
    expect(hyperOf(trainDefaults)).toEqual({
      lrG: 0.002,
      lrD: 0.002,
      momentum: 0,
      beta1: 0.5,
      beta2: 0.999,
      eps: 1e-8,
    });
    const sgd = { ...trainDefaults, optimizerD: { ...OPTIMIZER_DEFAULTS.sgd, momentum: 0.9 } };
    expect(hyperOf(sgd).momentum).toBe(0.9);
  });
  it('classifies edits: lr is a hyperparameter, loss keeps params, width reinitialises', () => {
    const lr = changeOf(trainDefaults, {
      ...trainDefaults,
      optimizerG: { ...OPTIMIZER_DEFAULTS.adam, lr: 0.001 },
    });
    expect(lr).toEqual({
      reset: false,
      data: false,
      spec: false,
      architecture: false,
      hyper: true,
    });
    const loss = changeOf(trainDefaults, { ...trainDefaults, loss: 'lsgan' });
    expect(loss).toMatchObject({ spec: true, architecture: false, hyper: false });
    const width = changeOf(trainDefaults, {
      ...trainDefaults,
      generator: { ...trainDefaults.generator, width: 32 },
    });
    expect(width).toMatchObject({ spec: true, architecture: true });
    expect(changeOf(trainDefaults, { ...trainDefaults, speed: 50 })).toEqual({
      reset: false,
      data: false,
      spec: false,
      architecture: false,
      hyper: false,
    });
    expect(changeOf(trainDefaults, { ...trainDefaults, seed: 7 }).reset).toBe(true);
  });
});

describe('snapshot → picture', () => {
  it('flips the grid so row 0 is the top of the plane', () => {
    // 2 × 2 grid, row-major from (xMin, yMin): bottom row [0, 1], top row [2, 3].
    const f = fieldOf({ grid: Float32Array.of(0, 1, 2, 3), gridSize: 2 });
    expect(Array.from(f.values)).toEqual([2, 3, 0, 1]);
    expect(f.range).toEqual([0, 1]);
  });
  it('points arrows along −gradient, the longest 0.15 long', () => {
    const a = arrowsOf([0, 0, 0.5, 0.5], [1, 0, 0, -0.5]);
    expect(a[0]).toEqual({ from: [0, 0], to: [-0.15, 0] });
    expect(a[1]!.to[0]).toBeCloseTo(0.5);
    expect(a[1]!.to[1]).toBeCloseTo(0.575);
    expect(arrowsOf([0, 0], [NaN, 0])).toEqual([]);
  });
  it('turns a 3 × 3 noise grid into 3 rows and 3 columns', () => {
    const m = Float32Array.from({ length: 18 }, (_, i) => i);
    const lines = manifoldLines(m, 3);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(lines[3]).toEqual([
      [0, 1],
      [6, 7],
      [12, 13],
    ]);
    expect(manifoldLines(null, 3)).toEqual([]);
  });
  it('curves repeat the last value where a run computed none', () => {
    const c = new Curves();
    c.push(1, 1.2, 0.7, 0.6, 0.4);
    c.push(1, 1.1, NaN, NaN, NaN);
    expect(c.lossG).toEqual([0.7, 0.7]);
    expect(c.lossD).toEqual([1.2, 1.1]);
  });
});
