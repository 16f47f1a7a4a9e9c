import { describe, expect, it } from 'vitest';
import { ganLossTerms } from '../../../core/ganLoss';
import { stepTex, tex4 } from './formula';

const tex = (
  step: Parameters<typeof stepTex>[0],
  r: number[],
  f: number[],
  loss = 'non-saturating' as const,
) => stepTex(step, ganLossTerms(r, f, loss), r, f);

describe('losses formulas', () => {
  it('writes the widely copied example term by term with core’s numbers', () => {
    expect(tex('lossD', [0.9], [0.1])).toBe(
      'L_D = -\\log D(x) -\\log(1 - D(G(z))) = -\\log 0.9 -\\log(1 - 0.1) = 0.1054 + 0.1054 = 0.2107',
    );
    expect(tex('lossG', [0.9], [0.1])).toBe('L_G = -\\log D(G(z)) = -\\log 0.1 = 2.3026');
    expect(tex('dReal', [0.9], [0.1])).toBe('-\\log D(x) = -\\log 0.9 = 0.1054');
    expect(tex('gradient', [0.9], [0.1])).toBe(
      '\\frac{\\partial \\ell_G}{\\partial a} = -(1 - D(G(z))) = -(1 - 0.1) = -0.9000',
    );
  });
  it('the other losses: minimax is negative, LSGAN squares', () => {
    const mm = ganLossTerms([0.9], [0.1], 'minimax');
    expect(stepTex('lossG', mm, [0.9], [0.1])).toBe(
      'L_G = \\log(1 - D(G(z))) = \\log(1 - 0.1) = -0.1054',
    );
    const ls = ganLossTerms([0.9], [0.1], 'lsgan');
    expect(stepTex('lossD', ls, [0.9], [0.1])).toContain('= 0.0050 + 0.0050 = 0.0100');
  });
  it('a batch is a mean with every term, a long one elided', () => {
    const s = tex('dReal', [0.8, 0.6, 0.95], [0.3]);
    expect(s).toContain('\\tfrac{1}{3}');
    expect(s).toContain('-\\log 0.8 -\\log 0.6 -\\log 0.95');
    expect(s).toContain('0.2231 + 0.5108 + 0.0513');
    expect(
      s.endsWith(`= ${tex4(ganLossTerms([0.8, 0.6, 0.95], [0.3], 'minimax').lossDReal)}`),
    ).toBe(true);
    const long = tex('dFake', [0.9], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    expect(long).toContain('\\dots');
    expect(long).toContain('\\tfrac{1}{6}');
  });
  it('infinite values are symbols, never NaN', () => {
    expect(tex('lossG', [0.9], [0], 'non-saturating')).toContain('\\infty');
    expect(tex4(-0.00001)).toBe('0.0000');
  });
});
