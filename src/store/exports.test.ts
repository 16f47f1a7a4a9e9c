import { describe, expect, it } from 'vitest';
import { registerExport, registeredExports, toCsv } from './exports';

describe('export registry', () => {
  it('lists providers while registered, and forgets them once removed', () => {
    const remove = registerExport('weights', () => ({ json: [[1, 2]] }));
    expect(registeredExports().map((e) => e.name)).toContain('weights');
    expect(
      registeredExports()
        .find((e) => e.name === 'weights')!
        .provider(),
    ).toEqual({
      json: [[1, 2]],
    });
    remove();
    expect(registeredExports().map((e) => e.name)).not.toContain('weights');
  });

  it('a stale remover does not remove a newer provider of the same name', () => {
    const first = registerExport('x', () => ({ json: 1 }));
    const second = registerExport('x', () => ({ json: 2 }));
    first();
    expect(
      registeredExports()
        .find((e) => e.name === 'x')!
        .provider().json,
    ).toBe(2);
    second();
  });
});

describe('toCsv', () => {
  it('writes vectors, matrices and labelled rows, quoting where needed', () => {
    expect(toCsv([1, 2.5, -Infinity])).toBe('1\n2.5\n-Infinity\n');
    expect(
      toCsv([
        [1, 2],
        [3, 4],
      ]),
    ).toBe('1,2\n3,4\n');
    expect(
      toCsv(
        [
          ['a,b', 1],
          ['say "hi"', 2],
        ],
        ['label', 'value'],
      ),
    ).toBe('label,value\n"a,b",1\n"say ""hi""",2\n');
  });
});
