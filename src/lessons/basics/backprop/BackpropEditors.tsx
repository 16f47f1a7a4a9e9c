/**
 * The backprop view's editors: the network's settings (sizes, activations, loss, learning
 * rate), the sample (x, y) and every weight and bias as small spreadsheets. Every change goes
 * through `edit`, which validates it with the config schema; a refused one changes nothing.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MatrixEditor } from '../../../viz/MatrixEditor';
import { useMatrixMessages } from '../../shared/useMatrixMessages';
import { parseNumber } from '../../../viz/parseNumbers';
import {
  BACKPROP_LOSSES,
  HIDDEN_ACTIVATIONS,
  MAX_LAYERS,
  MAX_UNITS,
  OUTPUT_ACTIVATIONS,
  type BackpropConfig,
} from './config';
import { pasteInto, resize, withMatrix, withVector } from './edit';

export type Edit = (patch: Partial<BackpropConfig>) => void;

interface Props {
  config: BackpropConfig;
  edit: Edit;
}

/** One matrix (or a vector as one row) of numbers, edited in place. */
function Grid({
  values,
  onValues,
  what,
  label,
  id,
}: {
  values: number[][];
  onValues: (m: number[][]) => void;
  what: string;
  label: string;
  id: string;
}) {
  const messages = useMatrixMessages(what);
  return (
    <div className="bp-grid">
      <h4>{label}</h4>
      <MatrixEditor
        values={values}
        onChange={(r, c, v) => onValues(pasteInto(values, r, c, [[v]]))}
        onPasteBlock={(r, c, block) => onValues(pasteInto(values, r, c, block))}
        maxRows={values.length}
        maxCols={values[0]!.length}
        label={label}
        messages={messages}
        testIdPrefix={`basics.backprop.${id}`}
        idPrefix={`bp-${id.replace(/\./g, '-')}`}
      />
    </div>
  );
}

/** The sizes as text, "3, 2, 1", applied on Enter or when leaving the field. */
function SizesField({ config, edit }: Props) {
  const { t } = useTranslation();
  const shown = config.sizes.join(', ');
  const [draft, setDraft] = useState<{ text: string; base: string } | null>(null);
  const text = draft && draft.base === shown ? draft.text : shown;
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    if (text === shown) return;
    const parts = text.split(/[\s,;-]+/).filter(Boolean);
    const sizes = parts.map((p) => parseNumber(p));
    if (
      sizes.length < 2 ||
      sizes.length > MAX_LAYERS ||
      sizes.some((n) => n === null || !Number.isInteger(n) || n < 1 || n > MAX_UNITS)
    ) {
      setError(t('basics.backprop.sizesInvalid', { text, layers: MAX_LAYERS, units: MAX_UNITS }));
      return;
    }
    setError(null);
    setDraft(null);
    edit(resize(config, sizes as number[]));
  };
  return (
    <div className="bp-field">
      <label>
        {t('basics.backprop.sizes')}
        <input
          type="text"
          value={text}
          inputMode="numeric"
          onChange={(e) => setDraft({ text: e.target.value, base: shown })}
          onBlur={apply}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply();
          }}
          aria-describedby="bp-sizes-hint"
          data-testid="basics.backprop.sizes"
        />
      </label>
      <small id="bp-sizes-hint">
        {t('basics.backprop.sizesHint', { layers: MAX_LAYERS, units: MAX_UNITS })}
      </small>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A typed number, applied when it parses (Enter or leaving the field). */
export function NumberField({
  label,
  value,
  onValue,
  testId,
}: {
  label: string;
  value: number;
  onValue: (v: number) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<{ text: string; base: number } | null>(null);
  const text = draft && Object.is(draft.base, value) ? draft.text : String(value);
  const parsed = parseNumber(text);
  const apply = () => {
    if (parsed !== null && parsed !== value) onValue(parsed);
  };
  return (
    <label className="bp-number">
      {label}
      <input
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={parsed === null || undefined}
        onChange={(e) => setDraft({ text: e.target.value, base: value })}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
        }}
        data-testid={testId}
      />
      {parsed === null && (
        <span className="field-error" role="alert">
          {t('sandbox.invalidNumber', { text, kept: value })}
        </span>
      )}
    </label>
  );
}

function Choice<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (v: T) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <label className="select-label">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId}>
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`basics.backprop.fn.${o}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Sizes, activations, loss, learning rate, and the sample x, y. */
export function SettingsEditor({ config, edit }: Props) {
  const { t } = useTranslation();
  return (
    <div className="bp-settings">
      <SizesField config={config} edit={edit} />
      <div className="bp-choices">
        <Choice
          label={t('basics.backprop.activation')}
          value={config.activation}
          options={HIDDEN_ACTIVATIONS}
          onChange={(activation) => edit({ activation })}
          testId="basics.backprop.activation"
        />
        <Choice
          label={t('basics.backprop.output')}
          value={config.output}
          options={OUTPUT_ACTIVATIONS}
          onChange={(output) => edit({ output })}
          testId="basics.backprop.output"
        />
        <Choice
          label={t('basics.backprop.loss')}
          value={config.loss}
          options={BACKPROP_LOSSES}
          onChange={(loss) => edit({ loss })}
          testId="basics.backprop.loss"
        />
        <NumberField
          label={t('basics.backprop.lr')}
          value={config.lr}
          onValue={(lr) => edit({ lr })}
          testId="basics.backprop.lr"
        />
      </div>
      <Grid
        values={[[...config.x]]}
        onValues={(m) => edit({ x: m[0]! })}
        what="x"
        label={t('basics.backprop.x')}
        id="x"
      />
      <Grid
        values={[[...config.y]]}
        onValues={(m) => edit({ y: m[0]! })}
        what="y"
        label={t('basics.backprop.y')}
        id="y"
      />
    </div>
  );
}

/** Every weight matrix W⁽ˡ⁾ [out × in] and bias vector b⁽ˡ⁾. */
export function ParamsEditor({ config, edit }: Props) {
  const { t } = useTranslation();
  return (
    <div className="bp-params">
      <p className="bp-hint">{t('basics.backprop.paramsHint')}</p>
      {config.weights.map((m, k) => (
        <div key={k} className="bp-layer-params">
          <Grid
            values={m.map((r) => [...r])}
            onValues={(w) => edit({ weights: withMatrix(config, k + 1, w) })}
            what={`W(${k + 1})`}
            label={t('basics.backprop.weightsOf', { l: k + 1, rows: m.length, cols: m[0]!.length })}
            id={`w${k + 1}`}
          />
          <Grid
            values={[[...config.biases[k]!]]}
            onValues={(b) => edit({ biases: withVector(config, k + 1, b[0]!) })}
            what={`b(${k + 1})`}
            label={t('basics.backprop.biasesOf', { l: k + 1 })}
            id={`b${k + 1}`}
          />
        </div>
      ))}
    </div>
  );
}
