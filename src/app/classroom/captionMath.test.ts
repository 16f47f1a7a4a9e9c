import { describe, expect, it } from 'vitest';
import { captionText, splitCaption } from './captionMath';

describe('tour captions with inline TeX', () => {
  it('splits text and formulas', () => {
    expect(splitCaption('Scores: $QK^\\top$, scaled by $\\sqrt{d_k}$.')).toEqual([
      { kind: 'text', text: 'Scores: ' },
      { kind: 'math', tex: 'QK^\\top' },
      { kind: 'text', text: ', scaled by ' },
      { kind: 'math', tex: '\\sqrt{d_k}' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps a caption without dollars as one text', () => {
    expect(splitCaption('Softmax turns each row into weights.')).toEqual([
      { kind: 'text', text: 'Softmax turns each row into weights.' },
    ]);
  });

  it('reads \\$ as a dollar and a lone $ as text', () => {
    expect(splitCaption('costs \\$5, or $3')).toEqual([{ kind: 'text', text: 'costs $5, or $3' }]);
    expect(splitCaption('$$')).toEqual([{ kind: 'text', text: '$$' }]);
  });

  it('leaves markup in the text as text', () => {
    const evil = '<img src=x onerror="alert(1)"> and $<b>x</b>$';
    const pieces = splitCaption(evil);
    expect(pieces[0]).toEqual({ kind: 'text', text: '<img src=x onerror="alert(1)"> and ' });
    expect(pieces[1]).toEqual({ kind: 'math', tex: '<b>x</b>' });
    expect(captionText(evil)).toBe('<img src=x onerror="alert(1)"> and <b>x</b>');
  });
});
