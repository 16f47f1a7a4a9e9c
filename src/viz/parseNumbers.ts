/**
 * Reading numbers people type or paste into a grid: one cell's text, or a block copied from a
 * spreadsheet (tab-separated), a CSV line (comma or semicolon) or plain text (spaces).
 */

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The number a cell's text means, or null when it is not a finite number ("", "-", "1.2.3"). */
export function parseNumber(text: string): number | null {
  // A typographic minus (−) and full-width digits come in from documents and IMEs.
  const s = text
    .trim()
    .replace(/[−–]/g, '-')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.');
  if (!NUMBER.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

export type ParsedBlock =
  { ok: true; rows: number[][] } | { ok: false; row: number; col: number; text: string };

/**
 * Splits pasted text into rows of numbers. Rows are lines (trailing empty lines dropped);
 * a row is split on tabs if it has any, else on commas/semicolons, else on spaces. The first
 * cell that is not a number is reported (0-based row and column) and nothing is returned.
 */
export function parseBlock(text: string): ParsedBlock {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  const rows: number[][] = [];
  for (let r = 0; r < lines.length; r++) {
    const line = lines[r]!;
    const cells = line.includes('\t')
      ? line.replace(/\t+$/, '').split('\t')
      : /[,;]/.test(line)
        ? line.split(/[,;]/)
        : line.trim().split(/\s+/);
    const row: number[] = [];
    for (let c = 0; c < cells.length; c++) {
      const v = parseNumber(cells[c]!);
      if (v === null) return { ok: false, row: r, col: c, text: cells[c]!.trim() };
      row.push(v);
    }
    rows.push(row);
  }
  return { ok: true, rows };
}

/** Whether pasted text is more than one cell (so the grid, not the cell, should take it). */
export function isBlock(text: string): boolean {
  return /[\t\n,;]/.test(text.trim()) || /\S\s+\S/.test(text.trim());
}
