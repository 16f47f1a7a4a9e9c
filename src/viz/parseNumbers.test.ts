import { describe, expect, it } from 'vitest';
import { isBlock, parseBlock, parseNumber } from './parseNumbers';

describe('parseNumber', () => {
  it.each([
    ['3', 3],
    ['-2.5', -2.5],
    [' +.5 ', 0.5],
    ['1e-3', 0.001],
    ['1.', 1],
    ['−4', -4], // typographic minus
    ['０.５', 0.5], // full-width digits from an IME
  ])('reads %j as %d', (text, value) => expect(parseNumber(text)).toBe(value));

  it.each(['', '-', '.', 'abc', '1.2.3', '1e', '0x10', 'Infinity', 'NaN', '1e999', '1,5'])(
    'rejects %j',
    (text) => expect(parseNumber(text)).toBeNull(),
  );
});

describe('parseBlock', () => {
  it('reads tab-separated spreadsheet rows (CRLF, trailing newline)', () => {
    expect(parseBlock('1\t2\t3\r\n4\t5\t6\r\n')).toEqual({
      ok: true,
      rows: [
        [1, 2, 3],
        [4, 5, 6],
      ],
    });
  });

  it('reads comma, semicolon and space separated rows', () => {
    expect(parseBlock('1, 2,3\n4;5;6\n7 8   9')).toEqual({
      ok: true,
      rows: [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
    });
  });

  it('names the first cell that is not a number (0-based)', () => {
    expect(parseBlock('1\t2\n3\tx\t5')).toEqual({ ok: false, row: 1, col: 1, text: 'x' });
    // An empty spreadsheet cell is not silently shifted left.
    expect(parseBlock('1\t\t3')).toEqual({ ok: false, row: 0, col: 1, text: '' });
  });
});

describe('isBlock', () => {
  it('tells one value from a block', () => {
    expect(isBlock(' 42 ')).toBe(false);
    expect(isBlock('-1.5')).toBe(false);
    expect(isBlock('1 2')).toBe(true);
    expect(isBlock('1\t2')).toBe(true);
    expect(isBlock('1\n2')).toBe(true);
    expect(isBlock('1,2')).toBe(true);
  });
});
