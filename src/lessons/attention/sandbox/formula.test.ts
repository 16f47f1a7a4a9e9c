import { describe, expect, it } from 'vitest';
import { attentionSteps } from '../../../core/attention';
import { ensureTemml, renderTex } from '../../../viz/Formula';
import { sandboxDefaults } from './config';
import { sandboxTex } from './formula';

const c = sandboxDefaults;
const steps = attentionSteps(c.q, c.k, c.v, { mask: c.mask, scale: c.scale, heads: c.heads });

describe('sandbox formulas with live numbers', () => {
  it('score(我, 爱) = q_我 · k_爱 = 0.1·0.4 + 0.2·0.5 + 0.3·0.6 = 0.32', () => {
    expect(sandboxTex('scores', c, steps, 0, { q: 0, k: 1, c: 0 })).toBe(
      's(\\text{我}, \\text{爱}) = q_{\\text{我}} \\cdot k_{\\text{爱}} = 0.1 \\cdot 0.4 + 0.2 \\cdot 0.5 + 0.3 \\cdot 0.6 = 0.32',
    );
  });
  it('the scaling, the softmax and the output carry the reference’s numbers', () => {
    expect(sandboxTex('scaled', c, steps, 0, { q: 0, k: 1, c: 0 })).toBe(
      '\\frac{s(\\text{我}, \\text{爱})}{\\sqrt{3}} = \\frac{0.32}{1.732} = 0.1848',
    );
    const w = sandboxTex('weights', c, steps, 0, { q: 0, k: 1, c: 0 });
    expect(w).toMatch(/= 0\.3321$/);
    expect(w).toContain('e^{0.08083} + e^{0.1848} + e^{0.2887}');
    // PyTorch's output[0][0] = 0.42075 (0.420749…).
    expect(sandboxTex('output', c, steps, 0, { q: 0, k: 0, c: 0 })).toMatch(/= 0\.4207$/);
  });
  it('a masked cell is −∞; without a mask the step says so', () => {
    const causal = { ...c, mask: 'causal' as const };
    const s = attentionSteps(c.q, c.k, c.v, { mask: 'causal', scale: 'sqrt_dk', heads: 1 });
    expect(sandboxTex('masked', causal, s, 0, { q: 0, k: 2, c: 0 })).toContain('-\\infty');
    expect(sandboxTex('weights', causal, s, 0, { q: 0, k: 2, c: 0 })).toMatch(/= 0$/);
  });
  it('typesets to MathML with the tokens as text', async () => {
    await ensureTemml();
    const html = renderTex(sandboxTex('scores', c, steps, 0, { q: 0, k: 1, c: 0 }), true)!;
    expect(html).toContain('<math');
    expect(html).toContain('爱');
    expect(html).not.toContain('merror');
  });
});
