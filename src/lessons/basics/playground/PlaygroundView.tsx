/**
 * The playground (TensorFlow Playground and beyond), on the lesson stage: the network as the
 * overview (every neuron's output over the plane, weights as edges); the decision surface
 * large with the train and test points; the loss curves, data, features, network and training
 * settings in the side column. The stepper walks into one training step — the batch forward,
 * the loss, backward, the update — with the numbers for one weight. The worker's ONNX train
 * step does the training; the stepper's numbers are core/playground's float64 step on the
 * same batch and weights (the two are checked against PyTorch).
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  feature,
  gridPoints,
  isRegression,
  makeData,
  pgDims,
  splitIndices,
  trainStep,
  PG_EXTENT,
  type PgStep,
} from '../../../core/playground';
import type { PgStepDetail } from '../../../runtime/trainer/playground';
import { useConfigEdit } from '../../shared/useConfigEdit';
import { useAppStore } from '../../../store/store';
import { ColorLegend } from '../../../viz/ColorLegend';
import { Formula, texNum } from '../../../viz/Formula';
import { formatPercent, formatValue } from '../../../viz/format';
import { LineChart } from '../../../viz/LineChart';
import { ScatterPlot, type PointSeries } from '../../../viz/ScatterPlot';
import { Stage, StagePanel } from '../../shared/Stage';
import { StepControls } from '../../shared/StepControls';
import { useStepKeys } from '../../shared/useStepKeys';
import { useBasicsModeConfig, useBasicsStep } from '../config';
import {
  ACTIVATIONS,
  DATASETS,
  FEATURES,
  MAX_LAYERS,
  MAX_NEURONS,
  playgroundConfigSchema,
  REGULARIZATIONS,
  type PlaygroundConfig,
} from './config';
import { PLAYGROUND_STEPS, type PLAYGROUND_HIDEABLE } from './lessonParts';
import { NetworkDiagram, type NeuronMap } from './NetworkDiagram';
import './playground.css';
import { provideLiveResult } from './trainer';
import { provideTrainingControls } from '../../../store/trainingControls';
import { useTraining } from './useTraining';

/** Iterations the fast-forward button runs at once. */
const FAST_FORWARD = 500;
const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const FEATURE_TEX: Record<string, string> = {
  x1: 'x₁',
  x2: 'x₂',
  x1sq: 'x₁²',
  x2sq: 'x₂²',
  x1x2: 'x₁x₂',
  sinx1: 'sin x₁',
  sinx2: 'sin x₂',
};
/**
 * Okabe–Ito colours on the side of the diverging scale their label is on (+1 orange, −1
 * blue); shape tells training (● ▲) from test (■ ✕) points.
 */
const POS = '#D55E00';
const NEG = '#0072B2';
const BOUNDS = { min: -PG_EXTENT, max: PG_EXTENT };

type Weight = { layer: number; to: number; from: number };

export function PlaygroundView() {
  const { t } = useTranslation();
  const config = useBasicsModeConfig('playground');
  const storedStep = useBasicsStep();
  const hide = useAppStore((s) => s.embed.hide);
  const setStep = useAppStore((s) => s.setStep);
  const { edit, problem } = useConfigEdit('basics', playgroundConfigSchema, config);
  const [followed, setFollowed] = useState<Weight | null>(null);
  const shown = (name: (typeof PLAYGROUND_HIDEABLE)[number]) => !hide.includes(name);

  const count = PLAYGROUND_STEPS.length;
  const step = Math.min(Math.max(0, storedStep ?? 0), count - 1);
  const stepId = PLAYGROUND_STEPS[step]!;
  const go = useCallback((n: number) => setStep('basics', n), [setStep]);
  useStepKeys(step, count, go);

  const tr = useTraining(config);
  const { snap, detail } = tr;

  useEffect(() => provideLiveResult(tr.result), [tr.result]);
  // Training moves on from the step being walked through: back to the live view first (on a
  // walk step without its numbers the view would run one step to get them).
  const { play: trPlay, train: trTrain, reset: trReset } = tr;
  const play = useCallback(() => {
    go(0);
    trPlay();
  }, [go, trPlay]);
  const train = useCallback(
    (n: number) => {
      go(0);
      return trTrain(n);
    },
    [go, trTrain],
  );
  const reset = useCallback(() => {
    go(0);
    return trReset();
  }, [go, trReset]);
  useEffect(
    () => provideTrainingControls('basics', { play, pause: tr.pause, train }),
    [play, tr.pause, train],
  );
  // Walking into a step needs one step's numbers: run one (paused) when there are none.
  const { stepInto } = tr;
  useEffect(() => {
    if (step > 0 && !detail) void stepInto();
  }, [step, detail, stepInto]);

  const regression = isRegression(config.dataset);
  const data = useMemo(
    () => makeData(config.dataset, config.noise, config.seed),
    [config.dataset, config.noise, config.seed],
  );
  const split = useMemo(
    () => splitIndices(data.labels.length, config.trainRatio, config.seed),
    [data, config.trainRatio, config.seed],
  );
  const series = useMemo((): PointSeries[] => {
    const pt = (i: number) => [data.points[2 * i]!, data.points[2 * i + 1]!] as const;
    const pick = (rows: number[], sign: number) =>
      rows.filter((i) => (data.labels[i]! >= 0 ? 1 : -1) === sign).map(pt);
    const key = (k: string) => t(`basics.playground.${k}${regression ? 'R' : ''}`);
    return [
      {
        id: 'train-pos',
        label: key('trainPos'),
        points: pick(split.train, 1),
        color: POS,
        shape: 'circle',
      },
      {
        id: 'train-neg',
        label: key('trainNeg'),
        points: pick(split.train, -1),
        color: NEG,
        shape: 'triangle',
      },
      {
        id: 'test-pos',
        label: key('testPos'),
        points: pick(split.test, 1),
        color: POS,
        shape: 'square',
      },
      {
        id: 'test-neg',
        label: key('testNeg'),
        points: pick(split.test, -1),
        color: NEG,
        shape: 'cross',
      },
    ];
  }, [data, split, regression, t]);

  // Input features over the plane (the overview's first column), from core.
  const inputMaps = useMemo((): NeuronMap[] => {
    const size = snap?.gridSize ?? 40;
    const g = gridPoints(size);
    return config.features.map((f) => ({
      label: t('basics.playground.net.input', { name: FEATURE_TEX[f] }),
      values: Float32Array.from({ length: size * size }, (_, i) =>
        feature(f, g[2 * i]!, g[2 * i + 1]!),
      ),
    }));
  }, [config.features, snap?.gridSize, t]);

  const layers = snap ? snap.neurons.length : 0;
  const archMatches =
    snap !== null &&
    layers === config.hidden.length + 1 &&
    snap.layout[0]?.shape[1] === config.features.length;
  const columns = useMemo((): NeuronMap[][] => {
    if (!snap || !archMatches) return [inputMaps];
    const n = snap.gridSize ** 2;
    const cols = snap.neurons.map((m, l) => {
      const width = m.length / n;
      return Array.from({ length: width }, (_, j) => ({
        label:
          l === snap.neurons.length - 1
            ? t('basics.playground.net.output')
            : t('basics.playground.net.neuron', { layer: l + 1, index: j + 1 }),
        values: Float32Array.from({ length: n }, (_, i) => m[i * width + j]!),
      }));
    });
    return [inputMaps, ...cols];
  }, [snap, archMatches, inputMaps, t]);
  const weights = useMemo(() => {
    if (!snap || !archMatches) return [];
    return snap.layout
      .filter((e) => e.name.endsWith('.weight'))
      .map((e) => snap.theta.subarray(e.offset, e.offset + e.size));
  }, [snap, archMatches]);

  const dims = pgDims(config.features.length, config.hidden);
  const follow: Weight =
    followed &&
    followed.layer < dims.length - 1 &&
    followed.to < dims[followed.layer + 1]! &&
    followed.from < dims[followed.layer]!
      ? followed
      : { layer: dims.length - 2, to: 0, from: 0 };

  // The stepper's numbers: core's float64 step on the batch and weights the worker used.
  const ref = useMemo((): PgStep | null => {
    if (!detail || detail.x.length !== detail.y.length * config.features.length) return null;
    if (detail.thetaBefore.length !== detail.layout.reduce((s, e) => s + e.size, 0)) return null;
    return trainStep({
      net: { dims, activation: config.activation, output: regression ? 'linear' : 'tanh' },
      theta: detail.thetaBefore,
      x: detail.x,
      y: detail.y,
      lr: config.lr,
      regularization: config.regularization,
      regRate: config.regRate,
    });
    // dims follows config.features/hidden
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [detail]);

  const field =
    snap && archMatches
      ? {
          values: snap.neurons.at(-1)!,
          cols: snap.gridSize,
          rows: snap.gridSize,
          colormap: 'diverging' as const,
          range: [-1, 1] as const,
        }
      : null;

  const metrics = snap ? (
    <p className="pg-metrics" aria-live="polite" data-testid="basics.playground.metrics">
      <span>
        {t('basics.playground.iterations')}{' '}
        <strong data-testid="basics.playground.steps" data-value={snap.steps}>
          {snap.steps}
        </strong>
      </span>
      <span>
        {t('basics.playground.trainLoss')}{' '}
        <strong data-testid="basics.playground.trainLoss" data-value={snap.trainLoss}>
          {formatValue(snap.trainLoss, 3)}
        </strong>
      </span>
      <span>
        {t('basics.playground.testLoss')}{' '}
        <strong data-testid="basics.playground.testLoss" data-value={snap.testLoss}>
          {formatValue(snap.testLoss, 3)}
        </strong>
      </span>
      {snap.testAccuracy !== null && (
        <span>
          {t('basics.playground.testAccuracy')}{' '}
          <strong data-testid="basics.playground.testAccuracy" data-value={snap.testAccuracy}>
            {formatPercent(snap.testAccuracy)}%
          </strong>
        </span>
      )}
    </p>
  ) : null;

  const bar = (
    <>
      <div className="pg-run" role="group" aria-label={t('basics.playground.run')}>
        <button
          type="button"
          className="primary"
          onClick={tr.playing ? tr.pause : play}
          aria-pressed={tr.playing}
          data-testid="basics.playground.play"
        >
          {tr.playing ? `❚❚ ${t('basics.playground.pause')}` : `▶ ${t('basics.playground.play')}`}
        </button>
        <button type="button" onClick={() => void train(1)} data-testid="basics.playground.once">
          {t('basics.playground.once')}
        </button>
        <button
          type="button"
          onClick={() => void train(FAST_FORWARD)}
          data-testid="basics.playground.fast"
        >
          {t('basics.playground.fast', { count: FAST_FORWARD })}
        </button>
        <button type="button" onClick={() => void reset()} data-testid="basics.playground.reset">
          {t('basics.playground.reset')}
        </button>
      </div>
      <StepControls
        step={step}
        count={count}
        go={go}
        stepName={t(`basics.playground.step.${stepId}`)}
        testIdPrefix="basics.playground.steps"
      />
      {metrics}
    </>
  );

  const notices = (
    <>
      {tr.restarted && tr.restarted.length > 0 && (
        <p className="pg-notice" role="status" data-testid="basics.playground.restarted">
          {t('basics.playground.restarted', {
            fields: tr.restarted.map((f) => t(`basics.playground.field.${f}`)).join(', '),
          })}
        </p>
      )}
      {snap?.diverged && (
        <p className="pg-notice" role="alert" data-testid="basics.playground.diverged">
          {t('basics.playground.diverged', { steps: snap.diverged.steps })}{' '}
          <button type="button" onClick={() => void tr.restore()}>
            {t('basics.playground.restore')}
          </button>
        </p>
      )}
      {tr.error && (
        <p className="sandbox-problem" role="alert" data-testid="basics.playground.error">
          {tr.error}
        </p>
      )}
    </>
  );

  const select = <T extends string | number>(
    id: string,
    label: string,
    value: T,
    options: readonly T[],
    onChange: (v: T) => void,
    name: (v: T) => string = String,
  ) => (
    <label className="select-label pg-field">
      {label}
      <select
        value={String(value)}
        onChange={(e) => {
          const v = options.find((o) => String(o) === e.target.value);
          if (v !== undefined) onChange(v);
        }}
        data-testid={`basics.playground.${id}`}
      >
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {name(o)}
          </option>
        ))}
      </select>
    </label>
  );

  const range = (
    id: string,
    label: string,
    value: number,
    min: number,
    max: number,
    stepBy: number,
    onChange: (v: number) => void,
    show: (v: number) => string = String,
  ) => (
    <label className="pg-field pg-range">
      <span>
        {label} <output>{show(value)}</output>
      </span>
      <input
        type="range"
        min={min}
        max={max}
        step={stepBy}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        data-testid={`basics.playground.${id}`}
      />
    </label>
  );

  const side = (
    <>
      {shown('playground-curves') && (
        <StagePanel title={t('basics.playground.curves')} testId="basics.playground.curves">
          <LossCurves history={tr.history} />
        </StagePanel>
      )}
      {shown('playground-data') && (
        <StagePanel title={t('basics.playground.data')} testId="basics.playground.data">
          {select(
            'dataset',
            t('basics.playground.dataset'),
            config.dataset,
            DATASETS,
            (dataset) => edit({ dataset }),
            (d) => t(`basics.playground.datasets.${d}`),
          )}
          {range(
            'noise',
            t('basics.playground.noise'),
            config.noise,
            0,
            0.5,
            0.05,
            (noise) => edit({ noise }),
            (v) => formatPercent(v, 0),
          )}
          {range(
            'trainRatio',
            t('basics.playground.trainRatio'),
            config.trainRatio,
            0.1,
            0.9,
            0.1,
            (trainRatio) => edit({ trainRatio }),
            (v) => formatPercent(v, 0),
          )}
          {range(
            'batchSize',
            t('basics.playground.batchSize'),
            config.batchSize,
            1,
            30,
            1,
            (batchSize) => edit({ batchSize }),
          )}
          <label className="pg-field">
            {t('basics.playground.seed')}
            <input
              type="number"
              min={0}
              value={config.seed}
              onChange={(e) => edit({ seed: Number(e.target.value) })}
              data-testid="basics.playground.seed"
            />
          </label>
        </StagePanel>
      )}
      {shown('playground-network') && (
        <StagePanel title={t('basics.playground.network')} testId="basics.playground.network">
          <fieldset className="pg-features">
            <legend>{t('basics.playground.features')}</legend>
            {FEATURES.map((f) => (
              <label key={f}>
                <input
                  type="checkbox"
                  checked={config.features.includes(f)}
                  onChange={(e) =>
                    edit({
                      features: e.target.checked
                        ? FEATURES.filter((g) => g === f || config.features.includes(g))
                        : config.features.filter((g) => g !== f),
                    })
                  }
                  data-testid={`basics.playground.feature.${f}`}
                />
                {FEATURE_TEX[f]}
              </label>
            ))}
          </fieldset>
          <div className="pg-layers" role="group" aria-label={t('basics.playground.hidden')}>
            <span>{t('basics.playground.hiddenLayers', { count: config.hidden.length })}</span>
            <button
              type="button"
              onClick={() => edit({ hidden: config.hidden.slice(0, -1) })}
              disabled={config.hidden.length === 0}
              aria-label={t('basics.playground.removeLayer')}
              data-testid="basics.playground.layer.remove"
            >
              −
            </button>
            <button
              type="button"
              onClick={() => edit({ hidden: [...config.hidden, 2] })}
              disabled={config.hidden.length >= MAX_LAYERS}
              aria-label={t('basics.playground.addLayer')}
              data-testid="basics.playground.layer.add"
            >
              +
            </button>
          </div>
          {config.hidden.map((n, l) => (
            <div
              key={l}
              className="pg-layers"
              role="group"
              aria-label={t('basics.playground.layerN', { layer: l + 1 })}
            >
              <span>{t('basics.playground.layerNeurons', { layer: l + 1, count: n })}</span>
              <button
                type="button"
                onClick={() => edit({ hidden: config.hidden.map((m, i) => (i === l ? m - 1 : m)) })}
                disabled={n <= 1}
                aria-label={t('basics.playground.removeNeuron', { layer: l + 1 })}
                data-testid={`basics.playground.layer.${l}.remove`}
              >
                −
              </button>
              <button
                type="button"
                onClick={() => edit({ hidden: config.hidden.map((m, i) => (i === l ? m + 1 : m)) })}
                disabled={n >= MAX_NEURONS}
                aria-label={t('basics.playground.addNeuron', { layer: l + 1 })}
                data-testid={`basics.playground.layer.${l}.add`}
              >
                +
              </button>
            </div>
          ))}
          {select(
            'activation',
            t('basics.playground.activation'),
            config.activation,
            ACTIVATIONS,
            (activation) => edit({ activation }),
            (a) => t(`basics.playground.activations.${a}`),
          )}
        </StagePanel>
      )}
      {shown('playground-training') && (
        <StagePanel title={t('basics.playground.training')} testId="basics.playground.training">
          {select(
            'lr',
            t('basics.playground.lr'),
            config.lr,
            LEARNING_RATES.includes(config.lr)
              ? LEARNING_RATES
              : [...LEARNING_RATES, config.lr].sort((a, b) => a - b),
            (lr) => edit({ lr }),
          )}
          {select(
            'regularization',
            t('basics.playground.regularization'),
            config.regularization,
            REGULARIZATIONS,
            (regularization) => edit({ regularization }),
            (r) => t(`basics.playground.regs.${r}`),
          )}
          {select(
            'regRate',
            t('basics.playground.regRate'),
            config.regRate,
            REG_RATES.includes(config.regRate)
              ? REG_RATES
              : [...REG_RATES, config.regRate].sort((a, b) => a - b),
            (regRate) => edit({ regRate }),
          )}
        </StagePanel>
      )}
      <StagePanel
        title={t('basics.playground.about')}
        defaultOpen={false}
        testId="basics.playground.about"
      >
        <p className="lead">{t('basics.playground.lead')}</p>
      </StagePanel>
    </>
  );

  const figure =
    stepId === 'train' || !detail || !ref ? (
      <div className="pg-figure">
        <ScatterPlot
          bounds={BOUNDS}
          series={series}
          field={field}
          label={t('basics.playground.surfaceLabel')}
          description={t('basics.playground.surfaceDescription')}
          size={400}
          testId="basics.playground.surface"
          exportName="basics-playground-surface"
        />
        <div className="pg-figure-key">
          <ColorLegend colormap="diverging" range={[-1, 1]} label={t('basics.playground.legend')} />
          <p className="pg-legend-note">
            {t(regression ? 'basics.playground.legendRegression' : 'basics.playground.legendClass')}
          </p>
        </div>
      </div>
    ) : (
      <StepFigure
        stepId={stepId}
        detail={detail}
        ref_={ref}
        follow={follow}
        dims={dims}
        series={series}
        config={config}
      />
    );

  return (
    <div className="pg" data-testid="basics.playground">
      <Stage
        id="basics.playground"
        label={t('basics.playground.stage')}
        bar={bar}
        overview={
          shown('playground-network') ? (
            <NetworkDiagram
              columns={columns}
              gridSize={snap?.gridSize ?? 40}
              weights={weights}
              step={stepId}
              followed={step > 0 ? follow : null}
              onFollow={(w) => {
                setFollowed(w);
                if (step === 0) go(3);
              }}
            />
          ) : undefined
        }
        title={t(`basics.playground.step.${stepId}`)}
        formula={
          <Formula
            tex={stepTex(stepId, snap, ref, detail, follow, dims, config)}
            testId="basics.playground.formula"
          />
        }
        caption={
          <>
            <p data-testid="basics.playground.caption">
              {t(`basics.playground.caption.${stepId}`)}
            </p>
            {notices}
            {problem && (
              <p className="sandbox-problem" role="alert" data-testid="basics.playground.problem">
                {t('basics.playground.rejected', { detail: problem })}
              </p>
            )}
          </>
        }
        figure={figure}
        side={side}
        focusKey={step}
      />
    </div>
  );
}

function LossCurves({
  history,
}: {
  history: { steps: number; trainLoss: number; testLoss: number; testAccuracy: number | null }[];
}) {
  const { t } = useTranslation();
  const last = history.at(-1);
  const maxX = Math.max(10, last?.steps ?? 0);
  const maxY = Math.max(
    1e-3,
    ...history.map((h) => Math.max(h.trainLoss, h.testLoss)).filter(Number.isFinite),
  );
  return (
    <LineChart
      series={[
        {
          id: 'train',
          label: t('basics.playground.trainLoss'),
          points: history.map((h) => [h.steps, h.trainLoss]),
        },
        {
          id: 'test',
          label: t('basics.playground.testLoss'),
          points: history.map((h) => [h.steps, h.testLoss]),
        },
      ]}
      highlight="test"
      xDomain={[0, maxX]}
      yDomain={[0, maxY]}
      label={t('basics.playground.curvesLabel')}
      testId="basics.playground.curves.chart"
      exportName="basics-playground-curves"
    />
  );
}

/** Index of a weight in the flat vector (layout: per layer weight [out, in], then bias). */
function weightIndex(dims: readonly number[], w: Weight): number {
  let o = 0;
  for (let l = 0; l < w.layer; l++) o += (dims[l]! + 1) * dims[l + 1]!;
  return o + w.to * dims[w.layer]! + w.from;
}

const wName = (w: Weight) => `w^{(${w.layer + 1})}_{${w.to + 1},${w.from + 1}}`;

function stepTex(
  stepId: (typeof PLAYGROUND_STEPS)[number],
  snap: ReturnType<typeof useTraining>['snap'],
  ref: PgStep | null,
  detail: PgStepDetail | null,
  w: Weight,
  dims: number[],
  config: PlaygroundConfig,
): string {
  const n = (v: number) => texNum(v, 4);
  if (stepId === 'train' || !ref || !detail) {
    if (!snap) return 'L = \\frac{1}{N}\\sum_i \\tfrac12(\\hat y_i - y_i)^2';
    return `L_{\\text{train}} = ${n(snap.trainLoss)},\\quad L_{\\text{test}} = ${n(snap.testLoss)}`;
  }
  const B = detail.y.length;
  const L = dims.length - 1;
  const out = ref.output;
  if (stepId === 'forward') {
    const z = ref.z[L - 1]![0]!;
    const f = config.dataset === 'plane' || config.dataset === 'multi-gaussian' ? '' : '\\tanh';
    return `z_1 = W^{(${L})} a_1 + b^{(${L})} = ${n(z)},\\quad \\hat y_1 = ${f}(z_1) = ${n(out[0]!)},\\quad y_1 = ${n(detail.y[0]!)}`;
  }
  if (stepId === 'loss') {
    const reg =
      config.regularization === 'none'
        ? ''
        : ` + ${config.regularization === 'l1' ? '\\lambda\\sum|w|' : '\\tfrac{\\lambda}{2}\\sum w^2'} = ${n(ref.loss)} + ${n(ref.reg)} = ${n(ref.total)}`;
    return `L = \\frac{1}{${B}}\\sum_{i=1}^{${B}} \\tfrac12(\\hat y_i - y_i)^2 = ${n(ref.loss)}${reg}`;
  }
  const k = weightIndex(dims, w);
  const g = ref.grad[k]!;
  if (stepId === 'backward') {
    const regPart =
      config.regularization === 'l2'
        ? ` + \\lambda ${wName(w)}`
        : config.regularization === 'l1'
          ? ` + \\lambda\\,\\mathrm{sign}(${wName(w)})`
          : '';
    return `\\frac{\\partial L}{\\partial ${wName(w)}} = \\sum_{i=1}^{${B}} \\delta^{(${w.layer + 1})}_{i,${w.to + 1}}\\, a^{(${w.layer})}_{i,${w.from + 1}}${regPart} = ${n(g)}`;
  }
  const before = detail.thetaBefore[k]!;
  return `${wName(w)} \\leftarrow ${wName(w)} - \\eta \\frac{\\partial L}{\\partial ${wName(w)}} = ${n(before)} - ${texNum(config.lr, 5)} \\cdot (${n(g)}) = ${n(ref.thetaNext[k]!)}`;
}

function StepFigure({
  stepId,
  detail,
  ref_: ref,
  follow,
  dims,
  series,
  config,
}: {
  stepId: (typeof PLAYGROUND_STEPS)[number];
  detail: PgStepDetail;
  ref_: PgStep;
  follow: Weight;
  dims: number[];
  series: PointSeries[];
  config: PlaygroundConfig;
}) {
  const { t } = useTranslation();
  const B = detail.y.length;
  const F = config.features.length;
  const data = useMemo(
    () => makeData(config.dataset, config.noise, config.seed),
    [config.dataset, config.noise, config.seed],
  );
  const batchSeries: PointSeries[] = [
    ...series.map((s) => ({ ...s, radius: 2 })),
    {
      id: 'batch',
      label: t('basics.playground.batch'),
      points: detail.rows.map((r) => [data.points[2 * r]!, data.points[2 * r + 1]!] as const),
      color: '#000000',
      shape: 'circle',
      radius: 5,
    },
  ];
  const prev = (i: number) =>
    follow.layer === 0
      ? detail.x[i * F + follow.from]!
      : ref.a[follow.layer - 1]![i * dims[follow.layer]! + follow.from]!;
  const delta = (i: number) => ref.delta[follow.layer]![i * dims[follow.layer + 1]! + follow.to]!;
  const rows: ReactNode[] = [];
  for (let i = 0; i < Math.min(B, 12); i++)
    rows.push(
      <tr key={i} data-testid={`basics.playground.batch.row.${i}`}>
        <th scope="row">{i + 1}</th>
        <td>{formatValue(data.points[2 * detail.rows[i]!]!, 3)}</td>
        <td>{formatValue(data.points[2 * detail.rows[i]! + 1]!, 3)}</td>
        <td>{formatValue(detail.y[i]!, 3)}</td>
        <td data-value={ref.output[i]}>{formatValue(ref.output[i]!, 4)}</td>
        {stepId !== 'forward' && (
          <td>{formatValue(0.5 * (ref.output[i]! - detail.y[i]!) ** 2, 4)}</td>
        )}
        {(stepId === 'backward' || stepId === 'update') && (
          <>
            <td>{formatValue(delta(i), 4)}</td>
            <td>{formatValue(prev(i), 4)}</td>
            <td>{formatValue(delta(i) * prev(i), 4)}</td>
          </>
        )}
      </tr>,
    );
  return (
    <div className="pg-step-figure">
      <ScatterPlot
        bounds={BOUNDS}
        series={batchSeries}
        label={t('basics.playground.batchLabel')}
        size={300}
        testId="basics.playground.batch.plot"
      />
      <div className="pg-batch-wrap">
        <table className="pg-batch" data-testid="basics.playground.batch">
          <caption>
            {t('basics.playground.batchCaption', { count: B, shown: Math.min(B, 12) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">i</th>
              <th scope="col">x₁</th>
              <th scope="col">x₂</th>
              <th scope="col">y</th>
              <th scope="col">ŷ</th>
              {stepId !== 'forward' && <th scope="col">½(ŷ − y)²</th>}
              {(stepId === 'backward' || stepId === 'update') && (
                <>
                  <th scope="col">δ</th>
                  <th scope="col">a</th>
                  <th scope="col">δ·a</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
        {(stepId === 'backward' || stepId === 'update') && (
          <p className="pg-step-note" data-testid="basics.playground.weightNote">
            {t('basics.playground.followedNote', {
              layer: follow.layer + 1,
              to: follow.to + 1,
              from: follow.from + 1,
            })}
          </p>
        )}
      </div>
    </div>
  );
}
