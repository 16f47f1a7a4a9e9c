/**
 * A number typed into a text field: kept as typed while it is being written ("0.", "-"), sent
 * on as soon as it reads as a number; the parent validates it (naming the field) and keeps the
 * last good config when it is refused.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseNumber } from '../../../viz/parseNumbers';

export function NumberField({
  label,
  value,
  onChange,
  testId,
  hideLabel = false,
  name,
}: {
  label: string;
  /** A fuller accessible name than the visible label (e.g. "Learning rate α" beside "α"). */
  name?: string;
  value: number;
  onChange: (v: number) => void;
  testId: string;
  hideLabel?: boolean;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const bad = draft !== null && parseNumber(draft) === null;
  return (
    <label className="descent-field">
      <span className={hideLabel ? 'visually-hidden' : undefined}>{label}</span>
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={draft ?? String(value)}
        aria-label={name}
        aria-invalid={bad || undefined}
        title={bad ? t('basics.descent.controls.invalid', { text: draft }) : undefined}
        className={bad ? 'invalid' : undefined}
        data-testid={testId}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = parseNumber(e.target.value);
          if (v !== null) onChange(v);
        }}
        onBlur={() => setDraft(null)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === 'Enter') setDraft(null);
        }}
      />
    </label>
  );
}
