import { describe, expect, it } from 'vitest';
import { sandboxConfigSchema, sandboxDefaults, SANDBOX_LIMITS } from '../config';
import {
  INPUT_PRESETS,
  KERNEL_PRESETS,
  inputPreset,
  kernelPreset,
  matchInputPreset,
  matchKernelPreset,
  randomInput,
  randomSeed,
} from './presets';

const sum = (m: number[][]) => m.flat().reduce((a, b) => a + b, 0);

describe('sandbox presets', () => {
  it('every input preset is a valid sandbox input', () => {
    for (const p of INPUT_PRESETS) {
      const input = p === 'random' ? randomInput(1, 1, 5, 5)[0]! : inputPreset(p);
      expect(input.length).toBeLessThanOrEqual(SANDBOX_LIMITS.size);
      expect(sandboxConfigSchema.safeParse({ ...sandboxDefaults, input }).success).toBe(true);
    }
  });

  it('the article preset is the default config', () => {
    expect(inputPreset('article')).toEqual(sandboxDefaults.input);
    expect(kernelPreset('article')).toEqual(sandboxDefaults.kernel);
    expect(matchInputPreset('article', [sandboxDefaults.input as number[][]])).toBe('article');
  });

  it('kernels have their standard values', () => {
    expect(sum(kernelPreset('box'))).toBeCloseTo(1, 12);
    expect(sum(kernelPreset('gaussian'))).toBe(1);
    expect(kernelPreset('gaussian')[1]![1]).toBe(0.25);
    expect(sum(kernelPreset('sharpen'))).toBe(1);
    expect(sum(kernelPreset('laplacian'))).toBe(0);
    expect(sum(kernelPreset('sobelX'))).toBe(0);
    expect(kernelPreset('sobelX')[1]).toEqual([-2, 0, 2]);
    expect(kernelPreset('sobelY')[0]).toEqual([-1, -2, -1]);
    expect(kernelPreset('emboss')).toEqual([
      [-2, -1, 0],
      [-1, 1, 1],
      [0, 1, 2],
    ]);
    for (const p of KERNEL_PRESETS) expect(matchKernelPreset(kernelPreset(p))).toBe(p);
  });

  it('random inputs are whole numbers 0–9, the same for the same seed', () => {
    const a = randomInput(7, 2, 4, 5);
    expect(randomInput(7, 2, 4, 5)).toEqual(a);
    expect(randomInput(8, 2, 4, 5)).not.toEqual(a);
    expect(a.flat(2).every((v) => Number.isInteger(v) && v >= 0 && v <= 9)).toBe(true);
    expect(matchInputPreset('random:7', a)).toBe('random');
    expect(matchInputPreset('random:7', randomInput(8, 2, 4, 5))).toBeNull();
    expect(randomSeed('random:7')).toBe(7);
    expect(randomSeed('article')).toBe(0);
  });

  it('an edited input no longer matches its preset', () => {
    const edge = inputPreset('edge');
    expect(matchInputPreset('edge', [edge])).toBe('edge');
    edge[0]![0] = 5;
    expect(matchInputPreset('edge', [edge])).toBeNull();
    expect(matchInputPreset(undefined, [edge])).toBeNull();
  });
});
