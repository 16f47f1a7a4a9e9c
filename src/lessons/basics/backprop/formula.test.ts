import { describe, expect, it } from 'vitest';
import { backpropStep } from '../../../core/backprop';
import fixture from '../../../../models/fixtures/basics_backprop.golden.json';
import { ensureTemml, renderTex } from '../../../viz/Formula';
import { backpropConfigSchema, backpropDefaults, type BackpropConfig } from './config';
import { resize } from './edit';
import { stepTex } from './formula';
import { backpropSteps } from './lessonParts';
import { problemsOf } from '../../../store/lessonRegistry';

const r = backpropStep(backpropDefaults);
const tex = (i: number) => stepTex(backpropSteps(backpropDefaults.sizes)[i]!, backpropDefaults, r);

describe('backprop steps and formulas (3-2-1 example)', () => {
  it('walks forward neuron by neuron, the loss, backward edge by edge, the update', () => {
    const steps = backpropSteps([3, 2, 1]);
    // 3 forward, 1 loss, output δ + 2 edges + bias, 2 × (δ + 3 edges + bias), 2 updates
    expect(steps).toHaveLength(3 + 1 + 4 + 10 + 2);
    expect(steps[4]).toEqual({ kind: 'delta', l: 2, j: 0 });
  });

  it('writes every step with its numbers', () => {
    expect(tex(0)).toContain('1 \\cdot 1 + 1 \\cdot 2 + 1 \\cdot 3 + 1 = 7');
    expect(tex(2)).toContain('1 \\cdot 7 + 1 \\cdot 7 + 1 = 15');
    expect(tex(3)).toContain('(15 - 1)^2 = 196');
    expect(tex(4)).toContain('\\frac{2}{1}(15 - 1) = 28');
    expect(tex(4)).toContain('28 \\cdot 1 = 28');
    expect(tex(5)).toContain('28 \\cdot 7 = 196');
    expect(tex(7)).toContain('28 \\cdot 1 = 28');
    // δ⁽¹⁾₁ = ReLU′(z) · (w⁽²⁾₁₁ δ⁽²⁾₁) = 1 · (1 · 28) = 28; ∂L/∂w⁽¹⁾₁₂ = 28 · 2 = 56
    expect(tex(8)).toContain('1 \\cdot \\big(1 \\cdot 28\\big) = 28');
    expect(tex(10)).toContain('28 \\cdot 2 = 56');
    expect(tex(18)).toContain('- 0.1 \\cdot');
    expect(tex(18)).toContain('-4.6');
  });
});

describe('backprop config: a bad field is named and nothing changes', () => {
  const fields = (patch: object) => {
    const res = backpropConfigSchema.safeParse({ ...backpropDefaults, ...patch });
    return res.success ? [] : problemsOf(res.error, 'config').map((p) => p.field);
  };
  it('names a ragged or wrongly shaped matrix, a bias vector, x and y', () => {
    expect(
      fields({
        weights: [
          [
            [1, 1, 1],
            [1, 1],
          ],
          [[1, 1]],
        ],
      }),
    ).toEqual(['config.weights.0']);
    expect(
      fields({
        weights: [
          [
            [1, 1, 1],
            [1, 1, 1],
          ],
          [[1, 1, 1]],
        ],
      }),
    ).toEqual(['config.weights.1']);
    expect(
      fields({
        biases: [
          [1, 1],
          [1, 2],
        ],
      }),
    ).toEqual(['config.biases.1']);
    expect(fields({ x: [1, 2] })).toEqual(['config.x']);
    expect(fields({ y: [1, 2] })).toEqual(['config.y']);
  });
  it('bce needs y in [0, 1] and an output in (0, 1)', () => {
    expect(fields({ loss: 'bce', output: 'sigmoid', y: [2] })).toEqual(['config.y.0']);
    expect(fields({ loss: 'bce' })).toEqual(['config.output']);
    expect(fields({ loss: 'bce', output: 'sigmoid' })).toEqual([]);
  });
});

describe('every formula typesets, wide and narrow', () => {
  const wide = resize(backpropDefaults, [5, 6, 6, 2]);
  const cases = [
    ...fixture.cases.map((c) => [c.name, c.config] as const),
    ['5-6-6-2', wide] as const,
  ];
  it.each(cases)('%s', async (_, net) => {
    await ensureTemml();
    const config = { mode: 'backprop', ...net } as BackpropConfig;
    const res = backpropStep(config);
    for (const s of backpropSteps(config.sizes))
      for (const narrow of [false, true]) {
        const mathml = renderTex(stepTex(s, config, res, narrow), true)!;
        expect(mathml, JSON.stringify(s)).not.toMatch(/temml-error|ParseError/);
      }
    // A phone's formula breaks at every “=”: more lines, the same numbers.
    const first = backpropSteps(config.sizes)[0]!;
    const wide = stepTex(first, config, res);
    const narrow = stepTex(first, config, res, true);
    expect(narrow.split('\\\\').length).toBeGreaterThan(wide.split('\\\\').length);
  });
});
