import { describe, expect, it } from 'vitest';
import { formatTick, formatValue } from './format';

describe('formatValue', () => {
  it('shows ∞, −∞ and NaN as such, never as empty or cut-off cells', () => {
    expect(formatValue(Infinity)).toBe('∞');
    expect(formatValue(-Infinity)).toBe('−∞');
    expect(formatValue(NaN)).toBe('NaN');
  });

  it('rounds to significant digits, denormals to 0, large and tiny values as exponents', () => {
    expect(formatValue(0.123456)).toBe('0.123');
    expect(formatValue(1e-40)).toBe('0');
    expect(formatValue(12345)).toBe('1.23e+4');
    expect(formatTick(25000)).toBe('25k');
  });
});
