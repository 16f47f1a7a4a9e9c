import { describe, expect, it } from 'vitest';
import { descend } from '../../../core/descent';
import { descentConfigSchema, descentDefaults } from './config';
import { gradSumsTex, gradTex, startTex, updateTex } from './formula';
import { descentResult, descentStepCount } from './lessonParts';
import { descentPreset, matchDescentPreset } from './presets';

const run = descend(descentDefaults);

describe('the descent formulas, with core’s numbers', () => {
  it('write the widely copied example: J = 41.5, ∇J = [−68, −15], θ₁ = [0.68, 0.15]', () => {
    expect(startTex(descentDefaults, run)).toContain('3^2 + 5^2 + 7^2');
    expect(startTex(descentDefaults, run)).toMatch(/= 41\.5$/);
    expect(gradTex(descentDefaults, run, 1)).toContain('= -68');
    expect(gradTex(descentDefaults, run, 1)).toContain('= -15');
    expect(gradSumsTex(descentDefaults, run, 1)).toContain('2\\cdot 3 + 4\\cdot 5 + 6\\cdot 7');
    const update = updateTex(descentDefaults, run, 1);
    expect(update).toContain('0 - 0.01\\cdot (-68) = 0.68');
    expect(update).toContain('0 - 0.01\\cdot (-15) = 0.15');
  });
  it('write momentum’s buffer and Adam’s moments', () => {
    const m = descentPreset('momentum');
    expect(updateTex(m, descend(m), 1)).toContain('v_{1} &= \\nabla J(\\theta_0)');
    expect(updateTex(m, descend(m), 2)).toContain('v_{2} &= \\mu\\,v_{1}');
    const a = descentPreset('adam');
    expect(updateTex(a, descend(a), 1)).toContain('\\hat m_{1}');
  });
});

describe('the descent config and lesson parts', () => {
  it('names the field of a bad config', () => {
    const bad = descentConfigSchema.safeParse({ ...descentDefaults, y: [1, 2] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['y']);
    const steps = descentConfigSchema.safeParse({ ...descentDefaults, steps: 1001 });
    expect(steps.error?.issues[0]?.path).toEqual(['steps']);
    const beta = descentConfigSchema.safeParse({ ...descentDefaults, beta2: 1 });
    expect(beta.error?.issues[0]?.path).toEqual(['beta2']);
  });
  it('walks steps 0…steps, or to the step that overflowed', async () => {
    expect(descentStepCount(descentDefaults)).toBe(21);
    const over = { ...descentDefaults, lr: 1, steps: 200 };
    const at = descend(over).overflowAt!;
    expect(descentStepCount(over)).toBe(at + 1);
    const r = await descentResult(over);
    expect(r.thetas).toHaveLength(201);
    expect(r.grads).toHaveLength(200);
  });
  it('recognises its presets', () => {
    expect(matchDescentPreset(descentDefaults)).toBe('copied');
    expect(matchDescentPreset(descentPreset('adam'))).toBe('adam');
    expect(matchDescentPreset({ ...descentDefaults, lr: 0.02 })).toBeNull();
  });
});
