import { describe, expect, it } from 'vitest';
import { attnModelEn } from '../../../i18n/attnModel.en';
import { attnModelZhCN } from '../../../i18n/attnModel.zh-CN';
import { attnSandboxEn } from '../../../i18n/attnSandbox.en';
import { attnSandboxZhCN } from '../../../i18n/attnSandbox.zh-CN';
import { productTerms } from './formula';

describe('model formulas', () => {
  it('writes out the first products of a dot product, then …', () => {
    expect(productTerms([0.1, -0.2], [0.4, 0.5])).toBe('0.1 \\cdot 0.4 + (-0.2) \\cdot 0.5');
    expect(productTerms([1, 2, 3, 4], [1, 1, 1, 1])).toBe(
      '1 \\cdot 1 + 2 \\cdot 1 + 3 \\cdot 1 + \\dots',
    );
  });
});

/** Every leaf key of a strings object, as a dotted path. */
const leaves = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? leaves(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
const at = (o: object, path: string) =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], o);

describe('attention strings', () => {
  for (const [name, en, zh] of [
    ['model', attnModelEn, attnModelZhCN],
    ['sandbox', attnSandboxEn, attnSandboxZhCN],
  ] as const) {
    it(`${name}: every English string has a Chinese one, with the same placeholders`, () => {
      expect(leaves(zh).sort()).toEqual(leaves(en).sort());
      for (const key of leaves(en)) {
        const e = String(at(en, key));
        const z = String(at(zh, key));
        expect(z.length, key).toBeGreaterThan(0);
        const vars = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
        expect(vars(z), key).toEqual(vars(e));
      }
    });
    it(`${name}: no raw TeX subscripts in plain text, no “the article”`, () => {
      for (const key of leaves(en)) {
        for (const s of [String(at(en, key)), String(at(zh, key))]) {
          expect(s, key).not.toMatch(/_\{|[A-Za-z]_[A-Za-z0-9]/);
          expect(s, key).not.toMatch(/\barticle\b|文章/i);
        }
      }
    });
  }
});
