import { useId, useState } from 'react';
import { parseNumber } from '../../../viz/parseNumbers';

/**
 * A text field for one number (e.g. a bias). A valid number applies as it is typed; other
 * text is marked invalid, explained, and not applied (the stored value stays).
 */
export function NumberField({
  label,
  value,
  onChange,
  invalidMessage,
  testId,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  invalidMessage: (text: string) => string;
  testId: string;
}) {
  const id = useId();
  // The typed text, kept while the stored value is still the one it was typed over.
  const [draft, setDraft] = useState<{ text: string; base: number; valid: boolean } | null>(null);
  const d = draft && Object.is(draft.base, value) ? draft : null;
  const bad = d !== null && !d.valid;
  return (
    <span className="number-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={d ? d.text : String(value)}
        className={bad ? 'invalid' : undefined}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? `${id}-error` : undefined}
        data-testid={testId}
        data-value={String(value)}
        onChange={(e) => {
          const text = e.target.value;
          const v = parseNumber(text);
          if (v === null) {
            setDraft({ text, base: value, valid: false });
          } else {
            setDraft({ text, base: v, valid: true });
            if (!Object.is(v, value)) onChange(v);
          }
        }}
        onFocus={(e) => e.currentTarget.select()}
        onBlur={() => {
          if (d?.valid) setDraft(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      {bad && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {invalidMessage(d.text)}
        </span>
      )}
    </span>
  );
}
