import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTemml, renderTex } from '../../../viz/Formula';
import { sandboxDefaults } from '../config';
import { computeSandbox } from './derive';
import { activationTex, convStepTex, poolTex } from './stepTex';

beforeAll(async () => {
  await ensureTemml();
});

describe('the sandbox step formula', () => {
  it('writes the worked example term by term: w·x summed, plus the bias, = 60', () => {
    const model = computeSandbox(sandboxDefaults);
    const step = model.conv!.steps[0]!;
    const pieces = convStepTex(step, 1, 1);
    expect(pieces[0]).toBe('y[0,0] = \\sum w\\cdot x + b');
    expect(pieces.slice(1)).toEqual([
      '{}= 0\\cdot 1',
      '{}+ 1\\cdot 2',
      '{}+ 0\\cdot 3',
      '{}+ 2\\cdot 4',
      '{}+ 0\\cdot 5',
      '{}+ 3\\cdot 6',
      '{}+ 0\\cdot 7',
      '{}+ 4\\cdot 8',
      '{}+ 0\\cdot 9 + 0 = 60',
    ]);
    expect(step.result).toBe(60);
  });

  it('elides long sums but still writes their total, with negative factors in parentheses', () => {
    const model = computeSandbox({
      ...sandboxDefaults,
      input: [
        [1, -2, 3, 4],
        [5, 6, -7, 8],
        [9, 10, 11, 12],
        [13, 14, 15, -16],
      ],
      kernel: [
        [1, 2, 3, 4],
        [-1, 0, 1, 0],
        [2, 2, 2, 2],
        [0, 1, 0, -1],
      ],
      bias: -1.5,
    });
    const step = model.conv!.steps[0]!;
    const tex = convStepTex(step, 1, 1).join(' ');
    expect(tex).toContain('\\cdots');
    expect(tex).toContain('2\\cdot (-2)');
    const sum = step.cells.at(-1)!.sum;
    expect(tex).toContain(`= ${sum} - 1.5`);
    expect(tex.endsWith(`= ${step.result}`)).toBe(true);
    expect(step.result).toBe(sum - 1.5);
  });

  it('names the output channel and sums over input channels when there are several', () => {
    const model = computeSandbox({
      ...sandboxDefaults,
      input: [sandboxDefaults.input as number[][], sandboxDefaults.input as number[][]],
      kernel: [
        [sandboxDefaults.kernel as number[][], sandboxDefaults.kernel as number[][]],
        [sandboxDefaults.kernel as number[][], sandboxDefaults.kernel as number[][]],
      ],
      bias: [0, 1],
    });
    const last = model.conv!.steps.at(-1)!;
    const pieces = convStepTex(last, 2, 2);
    expect(pieces[0]).toBe('y_{2}[0,0] = \\sum_{c}\\sum w\\cdot x + b');
    expect(pieces.at(-1)).toMatch(/ \+ 1 = 121$/);
  });

  it('writes the activation and pooling with their numbers', () => {
    expect(activationTex('relu', -2.5, 0)).toBe('a = \\mathrm{ReLU}(y) = \\mathrm{ReLU}(-2.5) = 0');
    expect(activationTex('none', 1, 1)).toBe('');
    const win = {
      c: 0,
      oy: 0,
      ox: 1,
      argmax: 1,
      result: 5,
      cells: [1, 5, 2, 3].map((value) => ({ y: 0, x: 0, value })),
    };
    expect(poolTex('max', win, 5)).toBe('p[0,1] = \\max(1, 5, 2, 3) = 5');
    expect(poolTex('avg', win, 2.75)).toBe('p[0,1] = \\frac{1 + 5 + 2 + 3}{4} = 2.75');
  });

  it('typesets without errors', () => {
    const model = computeSandbox(sandboxDefaults);
    for (const tex of convStepTex(model.conv!.steps[0]!, 1, 1)) {
      const html = renderTex(tex, false)!;
      expect(html).toContain('<math');
      expect(html).not.toContain('temml-error');
    }
  });
});
