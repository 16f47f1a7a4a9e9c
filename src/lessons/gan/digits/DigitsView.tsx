import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { argmax } from '../../../core/tensor';
import { useRegisterExport } from '../../../store/exports';
import { loadModel } from '../../../store/runtime';
import { useAppStore } from '../../../store/store';
import { ColorLegend } from '../../../viz/ColorLegend';
import { FlowDiagram, type FlowEdge, type FlowNode } from '../../../viz/FlowDiagram';
import { formatPercent } from '../../../viz/format';
import { Formula } from '../../../viz/Formula';
import { Heatmap } from '../../../viz/Heatmap';
import { CNN_MODEL } from '../../convolution/cnn';
import { ModelStatus } from '../../shared/ModelStatus';
import { Stage, StagePanel } from '../../shared/Stage';
import { StepControls } from '../../shared/StepControls';
import { latestOnly } from '../../shared/latestOnly';
import { usePlayback } from '../../shared/usePlayback';
import { useStepKeys } from '../../shared/useStepKeys';
import { useGanConfig, useGanStep } from '../config';
import type { DigitsConfig, Endpoint } from './config';
import { dCalibration, GAN_D, GAN_G, IMAGE_SIDE, type DCalibration } from './ganModels';
import { gridLatents, LATENT_DIM, STRIP_MAX, STRIP_MIN, Z_LIMIT, sameLatent } from './latent';
import { computeDigits, type DigitsOutputs } from './lessonParts';
import './digits.css';

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const RANGE = [0, 1] as const;
/** Scores and t shown with 2 decimals; the exact value is in data-score / data-t. */
const fmt2 = (v: number) => v.toFixed(2);
/** The three models this view runs: G, D and the Convolution lesson's CNN. */
const MODELS = [GAN_G, GAN_D, CNN_MODEL] as const;

/** Runs the models for a config; while sliders move, only the newest config runs next. */
const computeLatest = latestOnly(computeDigits);

/** The GAN lesson's digits view: samples, a latent vector to edit, and a walk between two. */
export function DigitsView() {
  const config = useGanConfig();
  // GanLesson renders this view only in digits mode.
  return config.mode === 'digits' ? <DigitsStage config={config} /> : null;
}

/**
 * What D's score says, in words, from the card's figures: which side of the midpoint between
 * its mean on real digits and its mean on G's it falls, or that D can barely tell them apart.
 */
function verdictKey(score: number, cal: DCalibration | null): string {
  if (!cal) return 'ganDigits.verdictPlain';
  if (Math.abs(cal.meanReal - cal.meanGenerated) < 0.1) return 'ganDigits.verdictUnsure';
  const mid = (cal.meanReal + cal.meanGenerated) / 2;
  const real = cal.meanReal > cal.meanGenerated ? score >= mid : score <= mid;
  return real ? 'ganDigits.verdictReal' : 'ganDigits.verdictFake';
}

function DigitsStage({ config }: { config: DigitsConfig }) {
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
      .then(() => loadModel(CNN_MODEL))
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
  const at = Math.min(step, config.steps - 1);
  const point = out?.strip.points[at];
  // The grid is a pure function of the seed: which sample is selected is known before G runs.
  const gridZ = useMemo(() => gridLatents(config.seed), [config.seed]);
  const gridIndex = gridZ.findIndex((z) => sameLatent(z, config.z));
  const reads = out ? argmax(out.selected.cnn) : -1;
  const cal = dCalibration(dCard?.metrics);
  const retry = () => setAttempt((a) => a + 1);

  const score = out?.selected.score;
  const nodes: FlowNode[] = [
    { id: 'z', label: 'z', sub: t('ganDigits.flow.z'), col: 0, row: 0, kind: 'data' },
    {
      id: 'label',
      label: t('ganDigits.flow.digit'),
      sub: String(config.label),
      col: 0,
      row: 1,
      kind: 'data',
    },
    { id: 'G', label: 'G', sub: t('ganDigits.flow.g'), col: 1, row: 0, kind: 'net' },
    { id: 'image', label: t('ganDigits.flow.image'), sub: '28×28', col: 2, row: 0, kind: 'data' },
    { id: 'D', label: 'D', sub: t('ganDigits.flow.d'), col: 3, row: 0, kind: 'net' },
    {
      id: 'score',
      label: t('ganDigits.flow.score'),
      sub: score === undefined ? '…' : fmt2(score),
      col: 4,
      row: 0,
      kind: 'loss',
    },
    { id: 'cnn', label: 'CNN', sub: t('ganDigits.flow.cnn'), col: 3, row: 1, kind: 'net' },
    {
      id: 'reading',
      label: t('ganDigits.flow.reading'),
      sub: out ? `${reads} · ${formatPercent(out.selected.cnn[reads]!, 0)}%` : '…',
      col: 4,
      row: 1,
      kind: 'data',
    },
  ];
  const edges: FlowEdge[] = [
    { from: 'z', to: 'G' },
    { from: 'label', to: 'G' },
    { from: 'G', to: 'image' },
    { from: 'image', to: 'D' },
    { from: 'D', to: 'score' },
    { from: 'image', to: 'cnn' },
    { from: 'cnn', to: 'reading' },
  ];

  const statuses = MODELS.map((m) => <ModelStatus key={m} model={m} onRetry={retry} />);

  const bar = (
    <>
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
          onClick={() => {
            // A new grid, and its first sample selected: the selected digit is always one shown.
            const seed = (config.seed + 1) % 0x100000000;
            update({ seed, z: gridLatents(seed)[0]! });
          }}
          data-testid="gan.digits.reroll"
        >
          {t('ganDigits.reroll')}
        </button>
        <span className="hint" data-testid="gan.digits.seed" data-seed={config.seed}>
          {t('ganDigits.seed', { seed: config.seed })}
        </span>
      </div>
      {shown('digits-strip') && (
        <div className="gan-digits-walk">
          <span className="gan-digits-walk-name">{t('ganDigits.walkShort')}</span>
          <StepControls
            step={step}
            count={config.steps}
            go={go}
            playback={playback}
            stepName={point ? `t = ${fmt2(point.t)}` : undefined}
            testIdPrefix="gan.digits.step"
          />
        </div>
      )}
    </>
  );

  const title =
    gridIndex >= 0
      ? t('ganDigits.selectedSample', {
          n: gridIndex + 1,
          count: gridZ.length,
          digit: config.label,
        })
      : t('ganDigits.selectedOwn', { digit: config.label });

  const caption = out && (
    <>
      <p data-testid="gan.digits.verdict" data-score={String(out.selected.score)}>
        {t(verdictKey(out.selected.score, cal), {
          score: fmt2(out.selected.score),
          real: cal ? fmt2(cal.meanReal) : '',
          gen: cal ? fmt2(cal.meanGenerated) : '',
        })}
        {cal?.auc != null && <> {t('ganDigits.auc', { auc: formatPercent(cal.auc, 0) })}</>}
      </p>
      <p className="gan-cnn-reading" data-testid="gan.digits.cnn" data-digit={reads}>
        {t(reads === config.label ? 'ganDigits.cnnReads' : 'ganDigits.cnnReadsOther', {
          digit: reads,
          percent: formatPercent(out.selected.cnn[reads]!, 0),
          asked: config.label,
        })}
      </p>
    </>
  );

  const figure = (
    <div className="gan-digits-figure" data-testid="gan.digits.figure">
      <div className="gan-digits-status">{statuses}</div>
      {out && (
        <figure
          className="gan-big"
          data-testid="gan.digits.selected"
          data-score={String(out.selected.score)}
          data-sample={gridIndex}
          aria-live="polite"
        >
          <Heatmap
            data={out.selected.image}
            width={IMAGE_SIDE}
            height={IMAGE_SIDE}
            range={RANGE}
            colormap="ink"
            label={t('ganDigits.selectedAlt', { digit: config.label })}
            size="100%"
            hoverValues
            testId="gan.digits.selected.image"
          />
          <figcaption>
            <ColorLegend colormap="ink" range={RANGE} label={t('ganDigits.legend')} />
            <span className="gan-legend-name">{t('ganDigits.legend')}</span>
          </figcaption>
        </figure>
      )}
      {shown('digits-grid') && out && (
        <section className="gan-grid-area" aria-labelledby="gan-digits-samples">
          <h3 id="gan-digits-samples" className="gan-area-title">
            {t('ganDigits.samples')}
          </h3>
          <ol className="gan-grid" aria-label={t('ganDigits.samples')}>
            {out.grid.z.map((z, i) => {
              const s = out.grid.scores[i]!;
              const on = sameLatent(z, config.z);
              return (
                <li key={i} className={on ? 'selected' : undefined}>
                  <button
                    type="button"
                    className="gan-sample"
                    aria-pressed={on}
                    aria-label={t('ganDigits.sample', { n: i + 1, score: fmt2(s) })}
                    onClick={() => update({ z })}
                    data-testid={`gan.digits.sample-${i}`}
                    data-score={String(s)}
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
                      {fmt2(s)}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {shown('digits-strip') && out && (
        <section className="gan-strip-area" aria-labelledby="gan-digits-strip">
          <h3 id="gan-digits-strip" className="gan-area-title">
            {t('ganDigits.strip')}
            {point && (
              <span className="gan-current" data-testid="gan.digits.current">
                {' · '}
                {t('ganDigits.current', {
                  k: at + 1,
                  t: fmt2(point.t),
                  score: fmt2(out.strip.scores[at]!),
                })}
              </span>
            )}
          </h3>
          <div className="gan-strip-row">
            <span className="gan-end">{t('ganDigits.endA', { digit: config.from.label })}</span>
            <ol
              className="gan-strip"
              aria-label={t('ganDigits.strip')}
              data-testid="gan.digits.strip"
              style={{ '--strip-n': config.steps } as React.CSSProperties}
            >
              {out.strip.images.map((image, k) => {
                const s = out.strip.scores[k]!;
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
                        score: fmt2(s),
                      })}
                      onClick={() => go(k)}
                      data-testid={`gan.digits.strip-${k}`}
                      data-score={String(s)}
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
                    </button>
                  </li>
                );
              })}
            </ol>
            <span className="gan-end">{t('ganDigits.endB', { digit: config.to.label })}</span>
          </div>
        </section>
      )}
    </div>
  );

  const side = (
    <>
      <StagePanel title={t('ganDigits.about')} testId="gan.digits.about">
        <p className="lead">{t('ganDigits.intro')}</p>
        <p className="hint">{t('ganDigits.samplesHint')}</p>
      </StagePanel>
      {shown('digits-latent') && (
        <StagePanel title={t('ganDigits.latent')} testId="gan.digits.latent">
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
        </StagePanel>
      )}
      {shown('digits-strip') && (
        <StagePanel title={t('ganDigits.strip')} defaultOpen={false} testId="gan.digits.walk">
          <p className="hint">{t('ganDigits.stripHint')}</p>
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
        </StagePanel>
      )}
      {gCard && dCard && (
        <StagePanel
          title={t('ganDigits.modelTitle')}
          defaultOpen={false}
          testId="gan.digits.models"
        >
          <p className="model-card hint" data-testid="gan.digits.model-card">
            {t('ganDigits.model', {
              gParams: gCard.parameterCount.toLocaleString(lang),
              dParams: dCard.parameterCount.toLocaleString(lang),
              accuracy: formatPercent(Number(gCard.metrics.cnnAccuracyOnGenerated)),
            })}
          </p>
        </StagePanel>
      )}
    </>
  );

  return (
    <div className="gan-digits" data-testid="gan.digits" aria-busy={busy}>
      <Stage
        id="gan"
        label={t('ganDigits.stage')}
        bar={bar}
        overview={
          <FlowDiagram
            nodes={nodes}
            edges={edges}
            current="image"
            lit={out ? ['score', 'reading', 'image>D', 'D>score', 'image>cnn', 'cnn>reading'] : []}
            label={t('ganDigits.flow.name')}
            testIdPrefix="gan.digits.flow"
            cell={{ w: 124, h: 46 }}
          />
        }
        title={<span data-testid="gan.digits.selected-title">{title}</span>}
        formula={
          out && (
            <Formula
              tex={`D\\big(G(z,\\ ${config.label})\\big) = ${fmt2(out.selected.score)}`}
              label={t('ganDigits.dScore', { score: fmt2(out.selected.score) })}
              testId="gan.digits.formula"
            />
          )
        }
        caption={caption}
        figure={figure}
        side={side}
        busy={busy}
        focusKey={[config.z, config.label, config.seed, step]}
      />
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
    selected: {
      z: config.z,
      score: out.selected.score,
      cnn: out.selected.cnn,
      image: imageRows(out.selected.image),
    },
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
