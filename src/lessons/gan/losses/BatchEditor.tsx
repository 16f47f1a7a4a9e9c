/**
 * One batch of discriminator outputs: a text field for the whole list (type or paste
 * "0.9, 0.8") and a slider per value (keyboard: arrows; touch: drag), with + / − to change
 * the batch size. Changes go to `onChange`; the parent validates them (naming the field) and
 * keeps the last good values when they are refused.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseBlock } from '../../../viz/parseNumbers';
import { MAX_BATCH } from './config';
import { fmtP } from './format';

export function BatchEditor({
  field,
  label,
  symbol,
  values,
  onChange,
}: {
  field: 'dReal' | 'dFake';
  label: string;
  /** Short name of one value, e.g. "D(x)". */
  symbol: string;
  values: readonly number[];
  onChange: (values: number[]) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<{ text: string; valid: boolean } | null>(null);
  const text = values.map(fmtP).join(', ');
  const bad = draft !== null && !draft.valid;
  const testId = `gan.losses.${field}`;

  return (
    <section className="panel gan-batch" aria-labelledby={`${id}-title`} data-testid={testId}>
      <h2 id={`${id}-title`}>{label}</h2>
      <label htmlFor={`${id}-text`} className="gan-batch-label">
        {t('gan.losses.values')}
      </label>
      <input
        id={`${id}-text`}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={draft ? draft.text : text}
        className={bad ? 'invalid' : undefined}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? `${id}-error` : undefined}
        data-testid={`${testId}.text`}
        onChange={(e) => {
          const typed = e.target.value;
          const parsed = parseBlock(typed.trim().replace(/\s*[,;\s]\s*/g, ','));
          const list = parsed.ok ? parsed.rows.flat() : [];
          const valid = parsed.ok && list.length > 0;
          setDraft({ text: typed, valid });
          if (valid) onChange(list);
        }}
        onBlur={() => setDraft(null)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      {bad && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {t('gan.losses.valuesInvalid', { text: draft.text })}
        </span>
      )}
      <div className="gan-sliders">
        {values.map((v, i) => (
          <label key={i} className="gan-slider">
            <span className="gan-slider-name">
              {symbol}
              <sub>{i + 1}</sub>
            </span>
            <input
              type="range"
              min={0}
              max={1}
              step={0.01}
              value={v}
              aria-label={t('gan.losses.slider', { what: symbol, index: i + 1 })}
              aria-valuetext={fmtP(v)}
              data-testid={`${testId}.slider-${i}`}
              onChange={(e) => {
                const next = [...values];
                next[i] = Number(e.target.value);
                onChange(next);
              }}
            />
            <output className="gan-slider-value">{fmtP(v)}</output>
          </label>
        ))}
      </div>
      <div className="gan-batch-size">
        <button
          type="button"
          aria-label={t('gan.losses.remove', { what: symbol })}
          aria-disabled={values.length <= 1}
          onClick={() => values.length > 1 && onChange(values.slice(0, -1))}
          data-testid={`${testId}.remove`}
        >
          −
        </button>
        <span data-testid={`${testId}.count`}>n = {values.length}</span>
        <button
          type="button"
          aria-label={t('gan.losses.add', { what: symbol })}
          aria-disabled={values.length >= MAX_BATCH}
          onClick={() =>
            values.length < MAX_BATCH && onChange([...values, values[values.length - 1] ?? 0.5])
          }
          data-testid={`${testId}.add`}
        >
          +
        </button>
      </div>
    </section>
  );
}
