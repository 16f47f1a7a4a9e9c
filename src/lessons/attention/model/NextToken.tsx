import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entropy, sampleIndex, samplingUniform } from '../../../core/sampling';
import { BarChart } from '../../../viz/BarChart';
import { formatPercent, formatValue } from '../../../viz/format';
import type { SamplingConfig } from './config';
import { nextTop, showToken, type TransformerRun } from './run';

/** The token the next "generate" adds: drawn from the filtered distribution with the seed. */
export function drawNext(run: TransformerRun, sampling: SamplingConfig) {
  const { probs } = nextTop(run, sampling);
  const position = run.chars.length;
  const u = samplingUniform(sampling.seed, position);
  const id = sampleIndex(probs, u);
  return { id, token: run.spec.vocab[id] ?? '', u, position };
}

/** The top-10 of the next-token distribution (only tokens that can still be drawn). */
export function NextTokenBars({
  run,
  sampling,
  testIdPrefix,
}: {
  run: TransformerRun;
  sampling: SamplingConfig;
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  const { probs, top } = nextTop(run, sampling);
  const shown = top.filter((e) => e.probability > 0);
  const drawn = drawNext(run, sampling);
  const kept = probs.reduce((k, p) => k + (p > 0 ? 1 : 0), 0);
  const h = entropy(probs);
  return (
    <div className="attn-next-bars">
      <BarChart
        values={shown.map((e) => e.probability)}
        labels={shown.map((e) => showToken(e.token))}
        highlight={shown.findIndex((e) => e.id === drawn.id)}
        format={(v) => `${formatPercent(v)}%`}
        describe={(token, v) => t('attn.model.probability', { token, percent: formatPercent(v) })}
        label={t('attn.model.next')}
        testIdPrefix={`${testIdPrefix}.bar`}
      />
      <p
        className="attn-entropy"
        data-testid={`${testIdPrefix}.entropy`}
        data-entropy={String(h)}
        data-kept={kept}
        data-ids={shown.map((e) => e.id).join(',')}
      >
        {t('attn.model.entropy', { value: formatValue(h, 3), kept })}
      </p>
      <p data-testid={`${testIdPrefix}.draw`} data-id={drawn.id}>
        {t('attn.model.draw', {
          seed: sampling.seed,
          position: drawn.position,
          u: formatValue(drawn.u, 4),
          token: showToken(drawn.token),
        })}
      </p>
    </div>
  );
}

/** Temperature, top-k, top-p and seed, edited live (re-sampling, not re-running). */
export function SamplingControls({
  sampling,
  vocabSize,
  onChange,
}: {
  sampling: SamplingConfig;
  vocabSize: number;
  onChange: (sampling: SamplingConfig) => void;
}) {
  const { t } = useTranslation();
  const maxK = Math.min(vocabSize, 40);
  const [seedDraft, setSeedDraft] = useState<string | null>(null);
  return (
    <div className="attn-sampling">
      <label>
        <span>{t('attn.model.temperature')}</span>
        <input
          type="range"
          min={0.1}
          max={3}
          step={0.05}
          value={sampling.temperature}
          onChange={(e) => onChange({ ...sampling, temperature: Number(e.target.value) })}
          data-testid="attention.model.temperature"
        />
        <output>{sampling.temperature.toFixed(2)}</output>
      </label>
      <label>
        <span>{t('attn.model.topK')}</span>
        <input
          type="range"
          min={0}
          max={maxK}
          step={1}
          value={Math.min(sampling.topK, maxK)}
          onChange={(e) => onChange({ ...sampling, topK: Number(e.target.value) })}
          data-testid="attention.model.topk"
        />
        <output>{sampling.topK === 0 ? t('attn.model.topKOff') : sampling.topK}</output>
      </label>
      <label>
        <span>{t('attn.model.topP')}</span>
        <input
          type="range"
          min={0.05}
          max={1}
          step={0.05}
          value={sampling.topP}
          onChange={(e) => onChange({ ...sampling, topP: Number(e.target.value) })}
          data-testid="attention.model.topp"
        />
        <output>{sampling.topP.toFixed(2)}</output>
      </label>
      <label>
        <span>{t('attn.model.seed')}</span>
        <input
          type="number"
          min={0}
          max={4294967295}
          step={1}
          value={seedDraft ?? String(sampling.seed)}
          onChange={(e) => {
            // The typed text stays while it is not a valid seed; the config check names it.
            setSeedDraft(e.target.value);
            onChange({ ...sampling, seed: e.target.value === '' ? NaN : Number(e.target.value) });
          }}
          onBlur={() => setSeedDraft(null)}
          data-testid="attention.model.seed"
        />
      </label>
    </div>
  );
}
