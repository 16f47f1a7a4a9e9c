/**
 * Tour captions may hold inline TeX between dollar signs: `Scores: $QK^\top$`. The caption is
 * split into text and formula pieces; text is shown as text (never parsed as HTML), formulas
 * are typeset by the Formula component (Temml, `trust` off: no links or HTML from TeX).
 * `\$` is a literal dollar sign; a `$` with no closing partner is text.
 */
export type CaptionPiece = { kind: 'text'; text: string } | { kind: 'math'; tex: string };

export function splitCaption(caption: string): CaptionPiece[] {
  const pieces: CaptionPiece[] = [];
  let text = '';
  let i = 0;
  const pushText = () => {
    if (text) pieces.push({ kind: 'text', text });
    text = '';
  };
  while (i < caption.length) {
    const ch = caption[i]!;
    if (ch === '\\' && caption[i + 1] === '$') {
      text += '$';
      i += 2;
      continue;
    }
    if (ch === '$') {
      // The closing dollar: the next one not escaped.
      let j = i + 1;
      while (j < caption.length && !(caption[j] === '$' && caption[j - 1] !== '\\')) j++;
      const tex = caption.slice(i + 1, j);
      if (j < caption.length && tex.trim()) {
        pushText();
        pieces.push({ kind: 'math', tex });
        i = j + 1;
        continue;
      }
    }
    text += ch;
    i++;
  }
  pushText();
  return pieces;
}

/** The caption as plain text (formulas as their TeX source), e.g. for a link preview. */
export function captionText(caption: string): string {
  return splitCaption(caption)
    .map((p) => (p.kind === 'text' ? p.text : p.tex))
    .join('');
}
