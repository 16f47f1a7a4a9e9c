import { describe, expect, it } from 'vitest';
import { ganLosses } from '../../../core/ganLoss';
import { problemsOf } from '../../../store/lessonRegistry';
import { ganConfigSchema, ganModeDefaults } from '../config';
import { lossesConfigSchema, lossesDefaults } from './config';
import { LOSSES_STEPS, lossesResult, lossesStepCount } from './lessonParts';
import { LOSS_PRESETS, lossPreset, matchLossPreset } from './presets';

const problems = (value: unknown) => {
  const r = ganConfigSchema.safeParse(value);
  return r.success ? [] : problemsOf(r.error, 'config').map((p) => `${p.field}: ${p.message}`);
};

describe('losses config', () => {
  it('defaults to the widely copied example, which is valid', () => {
    expect(ganModeDefaults.losses).toEqual({
      mode: 'losses',
      dReal: [0.9],
      dFake: [0.1],
      loss: 'non-saturating',
    });
    expect(lossesConfigSchema.parse(lossesDefaults)).toEqual(lossesDefaults);
  });
  it('names the bad field', () => {
    expect(problems({ ...lossesDefaults, dReal: [0.9, 0.8, 1.5] })).toEqual([
      'config.dReal.2: D outputs a probability: at most 1',
    ]);
    expect(problems({ ...lossesDefaults, dFake: [] })).toEqual([
      'config.dFake: dFake needs at least 1 value',
    ]);
    expect(problems({ ...lossesDefaults, dFake: ['x'] })).toEqual([
      'config.dFake.0: must be a number',
    ]);
    expect(problems({ ...lossesDefaults, loss: 'wasserstein' })[0]).toMatch(/^config\.loss: /);
    expect(problems({ ...lossesDefaults, lr: 0.1 })[0]).toMatch(/lr/);
    expect(problems({ ...lossesDefaults, dReal: Array(65).fill(0.5) })).toEqual([
      'config.dReal: dReal has at most 64 values',
    ]);
  });
  it('fills in the default loss', () => {
    expect(lossesConfigSchema.parse({ mode: 'losses', dReal: [0.5], dFake: [0.5] }).loss).toBe(
      'non-saturating',
    );
  });
});

describe('losses lesson parts', () => {
  it('steps through D real, D fake, L_D, L_G, gradient', () => {
    expect(lossesStepCount(lossesDefaults)).toBe(5);
    expect(LOSSES_STEPS).toEqual(['dReal', 'dFake', 'lossD', 'lossG', 'gradient']);
  });
  it('getResult gives {lossD, lossG}: the copied example’s 0.2107 and 2.3026', async () => {
    const r = await lossesResult(lossesDefaults);
    expect(Object.keys(r).sort()).toEqual(['lossD', 'lossG']);
    expect(r.lossD).toBeCloseTo(0.2107, 4);
    expect(r.lossG).toBeCloseTo(2.3026, 4);
    const mm = await lossesResult({ ...lossesDefaults, loss: 'minimax' });
    expect(mm.lossG).toBeCloseTo(Math.log(0.9), 15);
    const ls = await lossesResult({ ...lossesDefaults, loss: 'lsgan' });
    expect(ls).toEqual(ganLosses([0.9], [0.1], 'lsgan'));
    expect(ls.lossD).toBeCloseTo(0.01, 15);
    expect(ls.lossG).toBeCloseTo(0.405, 15);
  });
  it('reports infinity at the edges, never NaN', async () => {
    const r = await lossesResult({ mode: 'losses', dReal: [0], dFake: [1], loss: 'minimax' });
    expect(r).toEqual({ lossD: Infinity, lossG: -Infinity });
  });
});

describe('presets', () => {
  it.each(LOSS_PRESETS)('%s is a valid config and is recognised', (name) => {
    const v = lossPreset(name);
    expect(lossesConfigSchema.safeParse({ mode: 'losses', ...v }).success).toBe(true);
    expect(matchLossPreset(v.dReal, v.dFake)).toBe(name);
  });
  it('the widely copied example is the default', () => {
    expect(matchLossPreset(lossesDefaults.dReal, lossesDefaults.dFake)).toBe('copied');
  });
});
