/**
 * A list of numbers typed or pasted as text ("0.9, 0.1, 0.8"), or rows of them separated by
 * ";" or new lines ("0.7 0.2 0.1; 0.1 0.8 0.1"). A text that is not numbers is marked and the
 * last good value kept; a parsed value goes to `onChange`, whose owner validates it with the
 * mode's schema (which names the field when it refuses).
 */
import { useId, useState } from 'react';
import { formatValue } from '../../viz/format';
import { parseBlock } from '../../viz/parseNumbers';

const show = (v: number) => formatValue(v, 6);

/** The text a value is shown as. */
export function numbersText(value: readonly number[] | readonly (readonly number[])[]): string {
  return value
    .map((r) => (Array.isArray(r) ? r.map(show).join(', ') : show(r as number)))
    .join(value.some(Array.isArray) ? '; ' : ', ');
}

/** The numbers a text means (rows when `rows`), or null. */
export function parseNumbers(text: string, rows: boolean): number[] | number[][] | null {
  const lines = rows ? text.split(/[;\n]/).filter((l) => l.trim() !== '') : [text];
  const out: number[][] = [];
  for (const line of lines) {
    const parsed = parseBlock(line.trim().replace(/\s*[,\s]\s*/g, ','));
    if (!parsed.ok) return null;
    const list = parsed.rows.flat();
    if (list.length === 0) return null;
    out.push(list);
  }
  if (out.length === 0) return null;
  return rows ? out : out[0]!;
}

export function NumbersField({
  label,
  value,
  rows = false,
  onChange,
  invalidMessage,
  testId,
}: {
  label: string;
  value: readonly number[] | readonly (readonly number[])[];
  /** Rows of numbers (class probabilities) rather than one list. */
  rows?: boolean;
  onChange: (value: number[] | number[][]) => void;
  /** The message for a text that is not numbers. */
  invalidMessage: (text: string) => string;
  testId: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState<{ text: string; valid: boolean } | null>(null);
  const bad = draft !== null && !draft.valid;
  return (
    <div className="numbers-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={draft ? draft.text : numbersText(value)}
        className={bad ? 'invalid' : undefined}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? `${id}-error` : undefined}
        data-testid={testId}
        onChange={(e) => {
          const typed = e.target.value;
          const parsed = parseNumbers(typed, rows);
          setDraft({ text: typed, valid: parsed !== null });
          if (parsed) onChange(parsed);
        }}
        onBlur={() => setDraft(null)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      {bad && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {invalidMessage(draft.text)}
        </span>
      )}
    </div>
  );
}
