/**
 * Every hyperparameter of the playground, editable while training runs. Each edit goes to
 * `edit`, which validates it with the config schema (naming the field when it is refused)
 * and stores it, so links and the embed API see the same values.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GAN_LOSSES } from '../../../core/ganLoss';
import {
  ACTIVATIONS,
  OPTIMIZERS,
  OPTIMIZER_DEFAULTS,
  TRAIN_LIMITS,
  type NetworkConfig,
  type OptimizerConfig,
  type TrainConfig,
} from './config';

/** A number input that keeps what is typed until it reads as a number. */
function NumberField({
  label,
  value,
  onCommit,
  min,
  max,
  step,
  testId,
}: {
  label: string;
  value: number;
  onCommit: (v: number) => void;
  min?: number;
  max?: number;
  step?: number | 'any';
  testId: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <label className="gan-field">
      <span>{label}</span>
      <input
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step ?? 'any'}
        value={draft ?? String(value)}
        onChange={(e) => {
          setDraft(e.target.value);
          const v = e.target.valueAsNumber;
          if (e.target.value.trim() !== '' && Number.isFinite(v)) onCommit(v);
        }}
        onBlur={() => setDraft(null)}
        data-testid={testId}
      />
    </label>
  );
}

function Choice<T extends string>({
  label,
  value,
  options,
  names,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: readonly T[];
  names: (o: T) => string;
  onChange: (v: T) => void;
  testId: string;
}) {
  return (
    <label className="gan-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId}>
        {options.map((o) => (
          <option key={o} value={o}>
            {names(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function HyperPanel({
  config,
  edit,
}: {
  config: TrainConfig;
  edit: (patch: Partial<TrainConfig>) => void;
}) {
  const { t } = useTranslation();
  const id = useId();

  const network = (net: 'generator' | 'discriminator') => {
    const n = config[net];
    const set = (patch: Partial<NetworkConfig>) => edit({ [net]: { ...n, ...patch } });
    const p = `gan.train.${net === 'generator' ? 'g' : 'd'}`;
    return (
      <fieldset className="gan-fieldset">
        <legend>{t(`gan.train.net.${net}`)}</legend>
        <NumberField
          label={t('gan.train.hiddenLayers')}
          value={n.layers}
          min={0}
          max={TRAIN_LIMITS.layers}
          step={1}
          onCommit={(layers) => set({ layers })}
          testId={`${p}.layers`}
        />
        <NumberField
          label={t('gan.train.width')}
          value={n.width}
          min={1}
          max={TRAIN_LIMITS.width}
          step={1}
          onCommit={(width) => set({ width })}
          testId={`${p}.width`}
        />
        <Choice
          label={t('gan.train.activation')}
          value={n.activation}
          options={ACTIVATIONS}
          names={(a) => t(`gan.train.activations.${a}`)}
          onChange={(activation) => set({ activation })}
          testId={`${p}.activation`}
        />
      </fieldset>
    );
  };

  const optimizer = (net: 'optimizerG' | 'optimizerD') => {
    const o = config[net];
    const other = config[net === 'optimizerG' ? 'optimizerD' : 'optimizerG'];
    const p = `gan.train.${net === 'optimizerG' ? 'g' : 'd'}`;
    // Momentum and Adam's betas are shared by both networks in the trainer: edit both.
    const setShared = (patch: Partial<Record<'momentum' | 'beta1' | 'beta2', number>>) => {
      const fit = (x: OptimizerConfig): OptimizerConfig =>
        x.kind === 'sgd'
          ? { ...x, ...(patch.momentum !== undefined ? { momentum: patch.momentum } : {}) }
          : {
              ...x,
              ...(patch.beta1 !== undefined ? { beta1: patch.beta1 } : {}),
              ...(patch.beta2 !== undefined ? { beta2: patch.beta2 } : {}),
            };
      edit({ optimizerG: fit(config.optimizerG), optimizerD: fit(config.optimizerD) });
    };
    const setLr = (lr: number) => edit({ [net]: { ...o, lr } });
    const which = net === 'optimizerG' ? 'G' : 'D';
    return (
      <fieldset className="gan-fieldset">
        <legend>{t(`gan.train.opt.${which}`)}</legend>
        <Choice
          label={t('gan.train.optimizer')}
          value={o.kind}
          options={OPTIMIZERS}
          names={(k) => t(`gan.train.optimizers.${k}`)}
          onChange={(kind) => {
            if (kind === o.kind) return;
            const base = OPTIMIZER_DEFAULTS[kind];
            // Keep the shared values the other network already uses.
            const next: OptimizerConfig =
              base.kind === 'sgd'
                ? { ...base, momentum: other.kind === 'sgd' ? other.momentum : base.momentum }
                : other.kind === 'adam'
                  ? { ...base, beta1: other.beta1, beta2: other.beta2 }
                  : base;
            edit({ [net]: next });
          }}
          testId={`${p}.optimizer`}
        />
        <div className="gan-lr">
          <NumberField
            label={t('gan.train.lr')}
            value={o.lr}
            min={0}
            max={1}
            onCommit={setLr}
            testId={`${p}.lr`}
          />
          <button
            type="button"
            onClick={() => setLr(o.lr / 2)}
            aria-label={t('gan.train.halveLr', { net: which })}
            data-testid={`${p}.lr-half`}
          >
            ½
          </button>
          <button
            type="button"
            onClick={() => setLr(Math.min(1, o.lr * 2))}
            aria-label={t('gan.train.doubleLr', { net: which })}
            data-testid={`${p}.lr-double`}
          >
            ×2
          </button>
        </div>
        {o.kind === 'sgd' ? (
          <NumberField
            label={t('gan.train.momentum')}
            value={o.momentum}
            min={0}
            max={0.99}
            step={0.05}
            onCommit={(momentum) => setShared({ momentum })}
            testId={`${p}.momentum`}
          />
        ) : (
          <>
            <NumberField
              label="β₁"
              value={o.beta1}
              min={0}
              max={0.999}
              step={0.05}
              onCommit={(beta1) => setShared({ beta1 })}
              testId={`${p}.beta1`}
            />
            <NumberField
              label="β₂"
              value={o.beta2}
              min={0}
              max={0.9999}
              step={0.001}
              onCommit={(beta2) => setShared({ beta2 })}
              testId={`${p}.beta2`}
            />
          </>
        )}
      </fieldset>
    );
  };

  return (
    <section
      className="panel gan-hyper"
      aria-labelledby={`${id}-title`}
      data-testid="gan.train.hyper"
    >
      <h2 id={`${id}-title`}>{t('gan.train.hyper')}</h2>
      <p className="gan-note">{t('gan.train.hyperLive')}</p>
      <div className="gan-hyper-grid">
        {network('generator')}
        {network('discriminator')}
        <fieldset className="gan-fieldset">
          <legend>{t('gan.train.game')}</legend>
          <Choice
            label={t('gan.train.loss')}
            value={config.loss}
            options={GAN_LOSSES}
            names={(l) => t(`gan.lossNames.${l}`)}
            onChange={(loss) => edit({ loss })}
            testId="gan.train.loss"
          />
          <NumberField
            label={t('gan.train.noiseDim')}
            value={config.noiseDim}
            min={1}
            max={TRAIN_LIMITS.noiseDim}
            step={1}
            onCommit={(noiseDim) => edit({ noiseDim })}
            testId="gan.train.noiseDim"
          />
          <NumberField
            label={t('gan.train.batch')}
            value={config.batchSize}
            min={1}
            max={TRAIN_LIMITS.batchSize}
            step={1}
            onCommit={(batchSize) => edit({ batchSize })}
            testId="gan.train.batch"
          />
          <NumberField
            label={t('gan.train.dSteps')}
            value={config.dSteps}
            min={1}
            max={TRAIN_LIMITS.dSteps}
            step={1}
            onCommit={(dSteps) => edit({ dSteps })}
            testId="gan.train.dSteps"
          />
        </fieldset>
        {optimizer('optimizerG')}
        {optimizer('optimizerD')}
      </div>
      <p className="gan-note">{t('gan.train.archNote')}</p>
    </section>
  );
}
