import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { argmax } from '../../../core/tensor';
import { useRegisterExport } from '../../../store/exports';
import { loadModel } from '../../../store/runtime';
import { useAppStore } from '../../../store/store';
import { formatPercent } from '../../../viz/format';
import { Heatmap } from '../../../viz/Heatmap';
import { ModelStatus } from '../../shared/ModelStatus';
import { StepControls } from '../../shared/StepControls';
import { latestOnly } from '../../shared/latestOnly';
import { usePlayback } from '../../shared/usePlayback';
import { useStepKeys } from '../../shared/useStepKeys';
import { useGanConfig, useGanStep } from '../config';
import type { DigitsConfig, Endpoint } from './config';
import { GAN_D, GAN_G, IMAGE_SIDE } from './ganModels';
import { LATENT_DIM, STRIP_MAX, STRIP_MIN, Z_LIMIT, sameLatent } from './latent';
import { computeDigits, type DigitsOutputs } from './lessonParts';
import './digits.css';

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const RANGE = [0, 1] as const;
/** Scores and t shown with 2 decimals; the exact value is in data-score / data-t. */
const fmt2 = (v: number) => v.toFixed(2);

/** Runs the models for a config; while sliders move, only the newest config runs next. */
const computeLatest = latestOnly(computeDigits);

/** The GAN lesson's digits view: samples, a latent vector to edit, and a walk between two. */
export function DigitsView() {
  const config = useGanConfig();
  // GanLesson renders this view only in digits mode.
  return config.mode === 'digits' ? <DigitsPanels config={config} /> : null;
}

function DigitsPanels({ config }: { config: DigitsConfig }) {
  const { t } = useTranslation();
  const step = useGanStep();
  const hide = useAppStore((s) => s.embed.hide);
  const lang = useAppStore((s) => s.lang);
  const gCard = useAppStore((s) => s.models[GAN_G]?.card);
  const dCard = useAppStore((s) => s.models[GAN_D]?.card);
  const setConfig = useAppStore((s) => s.setConfig);
  const setStep = useAppStore((s) => s.setStep);
  const [attempt, setAttempt] = useState(0);
  // The outputs and the config they were computed for (stale while a run is pending).
  const [result, setResult] = useState<{ config: DigitsConfig; out: DigitsOutputs } | null>(null);
  const [failed, setFailed] = useState<DigitsConfig | null>(null);

  useEffect(() => {
    // One after the other: onnxruntime-web's WebGPU EP refuses to create two sessions at once
    // ("another WebGPU EP inference session is being created"), and the worker does not queue
    // session creation yet.
    loadModel(GAN_G)
      .then(() => loadModel(GAN_D))
      .catch(() => undefined);
  }, [attempt]);

  useEffect(() => {
    let current = true;
    computeLatest(config).then(
      (out) => {
        if (current) setResult({ config, out });
      },
      () => {
        if (current) setFailed(config);
      },
    );
    return () => {
      current = false;
    };
  }, [config, attempt]);

  const update = useCallback(
    (patch: Partial<DigitsConfig>) => {
      const latest = useAppStore.getState().configs.gan as DigitsConfig;
      if (latest.mode !== 'digits') return;
      setConfig('gan', { ...latest, ...patch });
    },
    [setConfig],
  );
  const go = useCallback((n: number) => setStep('gan', n), [setStep]);
  useStepKeys(step, config.steps, go);
  const playback = usePlayback(step, config.steps, go);
  useRegisterExport(t('classroom.export.names.digits'), () => digitsExport(result));

  const out = result?.out;
  const busy = result?.config !== config && failed !== config;
  const shown = (name: string) => !hide.includes(name);
  const selected: Endpoint = { z: config.z, label: config.label };
  const point = out?.strip.points[Math.min(step, config.steps - 1)];
  const reads = out ? argmax(out.selected.classes) : -1;

  return (
    <div className="gan-digits" data-testid="gan.digits" aria-busy={busy}>
      <ModelStatus model={GAN_G} onRetry={() => setAttempt((a) => a + 1)} />
      <ModelStatus model={GAN_D} onRetry={() => setAttempt((a) => a + 1)} />
      <p className="lead">{t('ganDigits.intro')}</p>

      <div className="gan-digits-top">
        {shown('digits-grid') && (
          <section className="panel gan-grid-panel" aria-labelledby="gan-digits-samples">
            <h2 id="gan-digits-samples">{t('ganDigits.samples')}</h2>
            <div className="gan-digit-picker" role="group" aria-label={t('ganDigits.pickDigit')}>
              {DIGITS.map((d) => (
                <button
                  key={d}
                  type="button"
                  aria-pressed={config.label === d}
                  aria-label={t('ganDigits.digit', { digit: d })}
                  onClick={() => update({ label: d })}
                  data-testid={`gan.digits.digit-${d}`}
                >
                  {d}
                </button>
              ))}
            </div>
            <div className="gan-reroll">
              <button
                type="button"
                onClick={() => update({ seed: (config.seed + 1) % 0x100000000 })}
                data-testid="gan.digits.reroll"
              >
                {t('ganDigits.reroll')}
              </button>
              <span className="hint" data-testid="gan.digits.seed" data-seed={config.seed}>
                {t('ganDigits.seed', { seed: config.seed })}
              </span>
            </div>
            <p className="hint">{t('ganDigits.samplesHint')}</p>
            <ol className="gan-grid" aria-label={t('ganDigits.samples')}>
              {out?.grid.z.map((z, i) => {
                const score = out.grid.scores[i]!;
                return (
                  <li key={i}>
                    <button
                      type="button"
                      className="gan-sample"
                      aria-pressed={sameLatent(z, config.z)}
                      aria-label={t('ganDigits.sample', { n: i + 1, score: fmt2(score) })}
                      onClick={() => update({ z })}
                      data-testid={`gan.digits.sample-${i}`}
                      data-score={String(score)}
                    >
                      <Heatmap
                        data={out.grid.images[i]!}
                        width={IMAGE_SIDE}
                        height={IMAGE_SIDE}
                        range={RANGE}
                        colormap="ink"
                        label=""
                        size="100%"
                      />
                      <span className="gan-score" aria-hidden="true">
                        {fmt2(score)}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
          </section>
        )}

        {shown('digits-latent') && (
          <section className="panel gan-latent-panel" aria-labelledby="gan-digits-selected">
            <h2 id="gan-digits-selected">{t('ganDigits.selected')}</h2>
            <div className="gan-selected">
              {out && (
                <figure
                  className="gan-selected-figure"
                  data-testid="gan.digits.selected"
                  data-score={String(out.selected.score)}
                  aria-live="polite"
                >
                  <Heatmap
                    data={out.selected.image}
                    width={IMAGE_SIDE}
                    height={IMAGE_SIDE}
                    range={RANGE}
                    colormap="ink"
                    label={t('ganDigits.selectedAlt')}
                    size="10rem"
                    hoverValues
                    testId="gan.digits.selected.image"
                  />
                  <figcaption>
                    <strong>{t('ganDigits.verdict', { score: fmt2(out.selected.score) })}</strong>
                    <meter min={0} max={1} value={out.selected.score} aria-hidden="true" />
                    <span>
                      {t('ganDigits.reads', {
                        digit: reads,
                        percent: formatPercent(out.selected.classes[reads]!, 0),
                      })}
                    </span>
                  </figcaption>
                </figure>
              )}
              <div className="gan-latent">
                <h3>{t('ganDigits.latent')}</h3>
                <p className="hint">{t('ganDigits.latentHint')}</p>
                {Array.from({ length: LATENT_DIM }, (_, i) => (
                  <label key={i} className="gan-slider">
                    <span className="gan-slider-name" aria-hidden="true">
                      {t('ganDigits.zName', { i: i + 1 })}
                    </span>
                    <input
                      type="range"
                      min={-Z_LIMIT}
                      max={Z_LIMIT}
                      step={0.05}
                      value={config.z[i]}
                      aria-label={t('ganDigits.zSlider', { i: i + 1 })}
                      onChange={(e) =>
                        update({
                          z: config.z.map((v, j) => (j === i ? Number(e.target.value) : v)),
                        })
                      }
                      data-testid={`gan.digits.z-${i}`}
                    />
                    <output className="gan-slider-value">{config.z[i]!.toFixed(2)}</output>
                  </label>
                ))}
                <div className="gan-actions">
                  <button
                    type="button"
                    onClick={() => update({ z: new Array<number>(LATENT_DIM).fill(0) })}
                    data-testid="gan.digits.zero"
                  >
                    {t('ganDigits.zero')}
                  </button>
                  <button
                    type="button"
                    onClick={() => update({ from: selected })}
                    data-testid="gan.digits.use-from"
                  >
                    {t('ganDigits.useFrom')}
                  </button>
                  <button
                    type="button"
                    onClick={() => update({ to: selected })}
                    data-testid="gan.digits.use-to"
                  >
                    {t('ganDigits.useTo')}
                  </button>
                </div>
              </div>
            </div>
          </section>
        )}
      </div>

      {shown('digits-strip') && (
        <section className="panel gan-strip-panel" aria-labelledby="gan-digits-strip">
          <h2 id="gan-digits-strip">{t('ganDigits.strip')}</h2>
          <p className="hint">{t('ganDigits.stripHint')}</p>
          <StepControls
            step={step}
            count={config.steps}
            go={go}
            playback={playback}
            stepName={point ? `t = ${fmt2(point.t)}` : undefined}
            testIdPrefix="gan.digits.step"
          />
          <div className="gan-strip-row">
            <span className="gan-end">{t('ganDigits.endA', { digit: config.from.label })}</span>
            <ol
              className="gan-strip"
              aria-label={t('ganDigits.strip')}
              data-testid="gan.digits.strip"
            >
              {out?.strip.images.map((image, k) => {
                const score = out.strip.scores[k]!;
                const tk = out.strip.points[k]!.t;
                return (
                  <li key={k} className={k === step ? 'current' : undefined}>
                    <button
                      type="button"
                      className="gan-sample"
                      aria-current={k === step ? 'step' : undefined}
                      aria-label={t('ganDigits.stripImage', {
                        k: k + 1,
                        t: fmt2(tk),
                        score: fmt2(score),
                      })}
                      onClick={() => go(k)}
                      data-testid={`gan.digits.strip-${k}`}
                      data-score={String(score)}
                      data-t={String(tk)}
                    >
                      <Heatmap
                        data={image}
                        width={IMAGE_SIDE}
                        height={IMAGE_SIDE}
                        range={RANGE}
                        colormap="ink"
                        label=""
                        size="100%"
                      />
                      <span className="gan-score" aria-hidden="true">
                        {fmt2(score)}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
            <span className="gan-end">{t('ganDigits.endB', { digit: config.to.label })}</span>
          </div>
          {out && point && (
            <p className="gan-current" data-testid="gan.digits.current">
              {t('ganDigits.current', {
                t: fmt2(point.t),
                score: fmt2(out.strip.scores[Math.min(step, config.steps - 1)]!),
              })}
            </p>
          )}
          <label className="gan-slider gan-count">
            <span>{t('ganDigits.stripCount')}</span>
            <input
              type="range"
              min={STRIP_MIN}
              max={STRIP_MAX}
              step={1}
              value={config.steps}
              onChange={(e) => update({ steps: Number(e.target.value) })}
              data-testid="gan.digits.steps"
            />
            <output className="gan-slider-value">{config.steps}</output>
          </label>
        </section>
      )}

      {gCard && dCard && (
        <p className="model-card hint" data-testid="gan.digits.model-card">
          {t('ganDigits.model', {
            gParams: gCard.parameterCount.toLocaleString(lang),
            dParams: dCard.parameterCount.toLocaleString(lang),
            accuracy: formatPercent(Number(gCard.metrics.cnnAccuracyOnGenerated)),
          })}
        </p>
      )}
    </div>
  );
}

/** A 28 × 28 image as rows of numbers in [0, 1]. */
const imageRows = (image: Float32Array): number[][] =>
  Array.from({ length: IMAGE_SIDE }, (_, r) =>
    Array.from(image.subarray(r * IMAGE_SIDE, (r + 1) * IMAGE_SIDE)),
  );

/**
 * The numbers the view shows, for Export: every image (28 × 28) with its z and D's score as
 * JSON; the CSV lists each image's place, digit and score.
 */
function digitsExport(result: { config: DigitsConfig; out: DigitsOutputs } | null) {
  if (!result) return { json: null };
  const { config, out } = result;
  const json = {
    label: config.label,
    grid: out.grid.z.map((z, i) => ({
      z,
      score: out.grid.scores[i]!,
      image: imageRows(out.grid.images[i]!),
    })),
    selected: { z: config.z, score: out.selected.score, image: imageRows(out.selected.image) },
    strip: out.strip.points.map((p, i) => ({
      t: p.t,
      z: p.z,
      score: out.strip.scores[i]!,
      image: imageRows(out.strip.images[i]!),
    })),
  };
  const csv = [
    'image,index,score',
    ...json.grid.map((g, i) => `grid,${i},${g.score}`),
    `selected,0,${json.selected.score}`,
    ...json.strip.map((g, i) => `walk,${i},${g.score}`),
  ].join('\n');
  return { json, csv };
}
