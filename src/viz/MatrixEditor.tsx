import { useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { formatValue } from './format';
import { isBlock, parseBlock, parseNumber } from './parseNumbers';

export interface MatrixEditorMessages {
  /** Accessible name of one cell, e.g. "Input row 1, column 2". */
  cell: (row: number, col: number) => string;
  /** Shown when a cell's text is not a number; the old value stays. */
  invalid: (text: string, row: number, col: number, kept: string) => string;
  /** Shown when pasted text has a cell that is not a number. */
  invalidPaste: (text: string, row: number, col: number) => string;
  /** Shown when a pasted block would not fit in the largest grid. */
  tooBig: (rows: number, cols: number) => string;
}

export interface MatrixEditorProps {
  values: readonly (readonly number[])[];
  /** A cell's new value (only called with finite numbers). */
  onChange: (row: number, col: number, value: number) => void;
  /** A pasted block, to be written with its top-left corner at (row, col); it fits in max. */
  onPasteBlock: (row: number, col: number, block: number[][]) => void;
  /** The largest grid the block may grow the matrix to. */
  maxRows: number;
  maxCols: number;
  label: string;
  messages: MatrixEditorMessages;
  /** Test ids: `${testIdPrefix}.cell-R-C`, and `${testIdPrefix}.error` for the message. */
  testIdPrefix: string;
  /** Unique id prefix for aria links between cells and the message. */
  idPrefix: string;
}

/** A draft of a cell's text: shown while the value is still the one it was typed over. */
interface Draft {
  text: string;
  base: number;
  valid: boolean;
}

/** Short text for a value in a narrow cell; the exact value is in its title. */
function cellText(v: number): string {
  const s = String(v);
  return s.length <= 6 ? s : formatValue(v, 4);
}

/**
 * A grid of number inputs, like a small spreadsheet: type into a cell (a valid number applies
 * at once), move with Tab or the arrow keys (←/→ at the ends of the text), Enter moves down,
 * and paste a block of numbers (rows of tab-, comma- or space-separated values) at any cell.
 * Text that is not a number is marked on the cell and explained below; it is never applied.
 */
export function MatrixEditor({
  values,
  onChange,
  onPasteBlock,
  maxRows,
  maxCols,
  label,
  messages,
  testIdPrefix,
  idPrefix,
}: MatrixEditorProps) {
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [pasteError, setPasteError] = useState<string | null>(null);
  const rows = values.length;
  const cols = values[0]?.length ?? 0;
  const cellId = (r: number, c: number) => `${idPrefix}-${r}-${c}`;
  const errorId = `${idPrefix}-error`;

  const draftAt = (r: number, c: number): Draft | undefined => {
    const d = drafts[`${r}-${c}`];
    return d && Object.is(d.base, values[r]?.[c]) ? d : undefined;
  };

  const setDraft = (r: number, c: number, d: Draft | null) =>
    setDrafts((all) => {
      const next = { ...all };
      if (d) next[`${r}-${c}`] = d;
      else delete next[`${r}-${c}`];
      return next;
    });

  const onText = (r: number, c: number, text: string) => {
    setPasteError(null);
    const v = parseNumber(text);
    if (v === null) {
      setDraft(r, c, { text, base: values[r]![c]!, valid: false });
      return;
    }
    setDraft(r, c, { text, base: v, valid: true });
    if (!Object.is(v, values[r]![c])) onChange(r, c, v);
  };

  const focusCell = (r: number, c: number) => {
    if (r < 0 || c < 0 || r >= rows || c >= cols) return;
    const el = document.getElementById(cellId(r, c));
    if (el instanceof HTMLInputElement) {
      el.focus();
      el.select();
    }
  };

  const onKeyDown = (r: number, c: number, e: KeyboardEvent<HTMLInputElement>) => {
    const el = e.currentTarget;
    const len = el.value.length;
    const start = el.selectionStart ?? 0;
    const end = el.selectionEnd ?? len;
    const all = start === 0 && end === len;
    if (e.key === 'Escape') {
      // Back to the stored value.
      setDraft(r, c, null);
      return;
    }
    let target: [number, number] | null = null;
    if (e.key === 'ArrowUp') target = [r - 1, c];
    else if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.shiftKey)) target = [r + 1, c];
    else if (e.key === 'Enter' && e.shiftKey) target = [r - 1, c];
    else if (e.key === 'ArrowLeft' && start === 0 && (end === 0 || all)) target = [r, c - 1];
    else if (e.key === 'ArrowRight' && end === len && (start === len || all)) target = [r, c + 1];
    if (!target) return;
    e.preventDefault();
    focusCell(...target);
  };

  const onPaste = (r: number, c: number, e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!isBlock(text)) return; // one value: the input takes it and onText checks it
    e.preventDefault();
    const parsed = parseBlock(text);
    if (!parsed.ok) {
      setPasteError(messages.invalidPaste(parsed.text, parsed.row + 1, parsed.col + 1));
      return;
    }
    const height = parsed.rows.length;
    const width = Math.max(...parsed.rows.map((row) => row.length));
    if (r + height > maxRows || c + width > maxCols) {
      setPasteError(messages.tooBig(maxRows, maxCols));
      return;
    }
    setPasteError(null);
    setDrafts({});
    onPasteBlock(r, c, parsed.rows);
  };

  const invalid: { r: number; c: number; d: Draft }[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const d = draftAt(r, c);
      if (d && !d.valid) invalid.push({ r, c, d });
    }
  }
  const message = [
    ...invalid.map(({ r, c, d }) =>
      messages.invalid(d.text, r + 1, c + 1, cellText(values[r]![c]!)),
    ),
    ...(pasteError ? [pasteError] : []),
  ];

  return (
    <div className="matrix-editor">
      <div className="matrix-scroll">
        <table className="matrix editable" aria-label={label}>
          <tbody>
            {values.map((row, r) => (
              <tr key={r}>
                {row.map((v, c) => {
                  const d = draftAt(r, c);
                  const bad = d !== undefined && !d.valid;
                  return (
                    <td key={c}>
                      <input
                        id={cellId(r, c)}
                        type="text"
                        autoComplete="off"
                        spellCheck={false}
                        className={bad ? 'invalid' : undefined}
                        value={d ? d.text : cellText(v)}
                        title={String(v)}
                        aria-label={messages.cell(r + 1, c + 1)}
                        aria-invalid={bad || undefined}
                        aria-describedby={bad || pasteError ? errorId : undefined}
                        data-testid={`${testIdPrefix}.cell-${r}-${c}`}
                        data-value={String(v)}
                        onChange={(e) => onText(r, c, e.target.value)}
                        onFocus={(e) => e.currentTarget.select()}
                        onBlur={() => {
                          // A valid draft has been applied: show the value as stored again.
                          if (d?.valid) setDraft(r, c, null);
                        }}
                        onKeyDown={(e) => onKeyDown(r, c, e)}
                        onPaste={(e) => onPaste(r, c, e)}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {message.length > 0 && (
        <p id={errorId} className="matrix-error" role="alert" data-testid={`${testIdPrefix}.error`}>
          {message.join(' ')}
        </p>
      )}
    </div>
  );
}
