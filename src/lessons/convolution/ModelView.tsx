import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { frameDigit, quantize } from '../../core/digit';
import { argmax, extent, type Tensor } from '../../core/tensor';
import { toCsv, useRegisterExport } from '../../store/exports';
import { loadModel, modelWeights } from '../../store/runtime';
import { useAppStore } from '../../store/store';
import { BarChart } from '../../viz/BarChart';
import { ColorLegend } from '../../viz/ColorLegend';
import { DrawingPad } from '../../viz/DrawingPad';
import { FeatureMapGrid } from '../../viz/FeatureMapGrid';
import { formatPercent, formatValue } from '../../viz/format';
import { Heatmap } from '../../viz/Heatmap';
import { ModelStatus } from '../shared/ModelStatus';
import { StepControls } from '../shared/StepControls';
import { usePlayback } from '../shared/usePlayback';
import { useStepKeys } from '../shared/useStepKeys';
import { CNN_LAYERS, CNN_MODEL, layerOf, type CnnActivations, type CnnLayer } from './cnn';
import type { DigitSource, ModelConfig, Unit } from './config';
import {
  digitImage,
  imageToInk,
  loadSamples,
  predictDigit,
  toRows,
  type SampleDigits,
} from './digits';
import { UnitDetail } from './UnitDetail';
import { layerTex, unitStepTex, unitTex } from './formulas';
import { colormapOf, NetworkOverview, unitOfCell } from './NetworkOverview';
import { prefersReducedMotion, Stage, StagePanel } from '../shared/Stage';
import { Formula } from '../../viz/Formula';
import './convModel.css';
import { computeUnitDetail, unitInRange, unitStepCount } from './unitDetail';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const EMPTY_PROBS = new Float32Array(10);

/** The model view: a digit in, every layer of the CNN out, any unit opened step by step. */
export function ModelView({ config, step }: { config: ModelConfig; step: number }) {
  const { t } = useTranslation();
  const hide = useAppStore((s) => s.embed.hide);
  const card = useAppStore((s) => s.models[CNN_MODEL]?.card);
  const lang = useAppStore((s) => s.lang);
  const setConfig = useAppStore((s) => s.setConfig);
  const setStep = useAppStore((s) => s.setStep);
  const [samples, setSamples] = useState<SampleDigits | null>(null);
  const [image, setImage] = useState<Float32Array | null>(null);
  // The activations and the digit source they were computed for (stale while a run is pending).
  const [result, setResult] = useState<{ digit: DigitSource; acts: CnnActivations } | null>(null);
  const [weights, setWeights] = useState<Record<string, Tensor> | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The digit whose prediction failed (so the panel stops saying it is busy).
  const [failed, setFailed] = useState<DigitSource | null>(null);
  // The digit this pad drew last: while the config still holds it, the pad keeps its strokes.
  const [drawn, setDrawn] = useState<DigitSource | null>(null);
  // The unit under the pointer (overview or large figure): the overview draws what it reads.
  const [hoverUnit, setHoverUnit] = useState<Unit | null>(null);

  useEffect(() => {
    loadSamples().then(setSamples, () => undefined);
    loadModel(CNN_MODEL).catch(() => undefined);
  }, [attempt]);

  // Weights are only needed once a unit is opened.
  const wantWeights = config.unit !== null;
  useEffect(() => {
    if (!wantWeights || weights) return;
    modelWeights(CNN_MODEL).then(setWeights, () => undefined);
  }, [wantWeights, weights, attempt]);

  // Config → image → activations. A stale answer (the digit changed meanwhile) is dropped.
  useEffect(() => {
    let current = true;
    digitImage(config.digit)
      .then((img) => {
        if (!current) return undefined;
        setImage(img);
        return predictDigit(img);
      })
      .then((a) => {
        if (current && a) setResult({ digit: config.digit, acts: a });
      })
      .catch(() => {
        if (current) setFailed(config.digit);
      });
    return () => {
      current = false;
    };
  }, [config.digit, attempt]);

  const setDigit = useCallback(
    (digit: DigitSource) => {
      const latest = useAppStore.getState().configs.convolution as ModelConfig;
      // An upload may finish after the user switched to the sandbox: then it is dropped.
      if (latest.mode !== 'model') return;
      setConfig('convolution', { ...latest, digit });
    },
    [setConfig],
  );

  const onInk = useCallback(
    (ink: Float32Array, w: number, h: number) => {
      const framed = frameDigit(ink, w, h);
      if (framed.empty) return;
      const digit: DigitSource = { pixels: toRows(quantize(framed.image)) };
      setDrawn(digit);
      setDigit(digit);
    },
    [setDigit],
  );

  const unit = config.unit && unitInRange(config.unit) ? config.unit : null;
  const stepCount = unit ? unitStepCount(unit) : CNN_LAYERS.length;
  const go = useCallback((n: number) => setStep('convolution', n), [setStep]);
  useStepKeys(step, stepCount, go);
  const playback = usePlayback(step, stepCount, go);

  const openUnit = (next: Unit | null) => {
    setSliding(false);
    setConfig('convolution', { ...config, unit: next });
    // With a unit open, steps walk through its computation; closed, through the layers.
    setStep('convolution', next ? 0 : CNN_LAYERS.findIndex((l) => l.id === config.unit?.layer));
  };

  // Sliding the window: the opened unit moves across its map, one position at a time, so the
  // window slides over the model's own map of the layer before (the step stays where it is).
  const [slidingOn, setSliding] = useState(false);
  // Closing the unit stops sliding.
  const sliding = slidingOn && config.unit !== null;
  const moveUnit = useCallback(
    (dy: number, dx: number, wrap = false) => {
      const latest = useAppStore.getState().configs.convolution as ModelConfig;
      const u = latest.mode === 'model' ? latest.unit : null;
      if (!u) return;
      const shape = layerOf(u.layer).shape;
      if (shape.length !== 3) return;
      const [, h, w] = shape as [number, number, number];
      let y = u.y + dy;
      let x = u.x + dx;
      if (wrap && x >= w) {
        x = 0;
        y = (y + 1) % h;
      }
      setConfig('convolution', {
        ...latest,
        unit: { ...u, y: Math.min(h - 1, Math.max(0, y)), x: Math.min(w - 1, Math.max(0, x)) },
      });
    },
    [setConfig],
  );
  useEffect(() => {
    if (!sliding) return;
    const timer = setInterval(() => moveUnit(0, 1, true), prefersReducedMotion() ? 1200 : 450);
    return () => clearInterval(timer);
  }, [sliding, moveUnit]);

  const ownDrawing = config.digit === drawn;
  const padKey = ownDrawing ? 'drawn' : image ? `image-${hashImage(image)}` : 'none';
  const blank = !image || image.every((v) => v === 0);
  const acts = result?.acts;
  const busy = result?.digit !== config.digit && failed !== config.digit;
  const probs = blank ? undefined : acts?.probabilities.data;
  const predicted = probs ? argmax(probs) : -1;
  const layer = unit ? layerOf(unit.layer) : CNN_LAYERS[Math.min(step, CNN_LAYERS.length - 1)]!;
  const shown = (name: string) => !hide.includes(name);
  const detail = unit && acts && weights ? computeUnitDetail(unit, acts, weights) : null;

  // Every layer's activations (the feature maps are canvases), for the export dialog.
  useRegisterExport(t('classroom.export.names.convActivations'), () => {
    if (!acts || busy) return { json: null, csv: '' };
    const layers = CNN_LAYERS.map((l) => ({
      id: l.id,
      shape: [...l.shape],
      data: acts[l.id].data,
    }));
    return {
      json: {
        layers: Object.fromEntries(
          layers.map((l) => [l.id, { shape: l.shape, values: Array.from(l.data) }]),
        ),
      },
      csv: toCsv(
        layers.flatMap((l) => Array.from(l.data, (v, i) => [l.id, i, v])),
        ['layer', 'index', 'value'],
      ),
    };
  });

  const drawPanel = (
    <div className="draw-panel">
      <DrawingPad
        image={ownDrawing ? null : image}
        imageKey={padKey}
        onInk={onInk}
        label={t('conv.drawLabel')}
        hint={t('conv.drawHint')}
        testId="conv.draw.pad"
      />
      <div className="draw-actions">
        <button
          type="button"
          data-testid="conv.draw.clear"
          onClick={() => {
            setDrawn(null);
            setDigit({ pixels: toRows(new Array(784).fill(0)) });
          }}
        >
          {t('conv.clear')}
        </button>
        <label className="upload">
          {t('conv.upload')}
          <input
            type="file"
            accept="image/*"
            data-testid="conv.draw.upload"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              imageToInk(file, 280)
                .then((ink) => {
                  const framed = frameDigit(ink, 280, 280);
                  if (framed.empty) return;
                  setDrawn(null);
                  setDigit({ pixels: toRows(quantize(framed.image)) });
                })
                .catch((err: unknown) =>
                  useAppStore.getState().notify({
                    level: 'error',
                    key: 'conv.uploadFailed',
                    params: { detail: err instanceof Error ? err.message : String(err) },
                  }),
                );
              e.target.value = '';
            }}
          />
        </label>
      </div>
    </div>
  );

  const prediction = (
    <div
      className="prediction-panel"
      aria-live="polite"
      aria-busy={busy}
      data-testid="conv.prediction"
    >
      {probs ? (
        <p className="predicted" data-testid="conv.prediction.label" data-digit={predicted}>
          {t('conv.predicted', {
            digit: predicted,
            percent: formatPercent(probs[predicted]!),
          })}
        </p>
      ) : (
        <p className="predicted">{t('conv.nothingDrawn')}</p>
      )}
      {/* Always drawn (empty while nothing is drawn), so the panel keeps its height and the
          drawing pad below it never moves under the pen. */}
      <BarChart
        values={probs ?? EMPTY_PROBS}
        labels={DIGITS}
        highlight={probs ? predicted : -1}
        format={(v) => (probs ? `${formatPercent(v)}%` : '—')}
        describe={(d, v) => t('conv.probability', { digit: d, percent: formatPercent(v) })}
        label={t('conv.prediction')}
        testIdPrefix={probs ? 'conv.prediction.bar' : 'conv.prediction.empty'}
      />
    </div>
  );

  const stepper = unit ? (
    <StepControls
      step={step}
      count={stepCount}
      go={go}
      playback={playback}
      testIdPrefix="conv.unit.step"
    />
  ) : (
    <StepControls
      step={step}
      count={stepCount}
      go={go}
      playback={playback}
      stepName={t(`conv.layer.${layer.id}`)}
      testIdPrefix="conv.step"
    />
  );

  const bar = (
    <>
      {shown('samples') && (
        <div className="samples" role="group" aria-label={t('conv.samples')}>
          {DIGITS.map((d, i) => (
            <button
              key={d}
              type="button"
              className="sample"
              aria-pressed={'sample' in config.digit && config.digit.sample === i}
              aria-label={t('conv.sample', { digit: d })}
              data-testid={`conv.sample-${i}`}
              onClick={() => setDigit({ sample: i })}
            >
              {samples ? (
                <Heatmap
                  data={samples.digits[i]!.pixels}
                  width={28}
                  height={28}
                  range={[0, 1]}
                  colormap="ink"
                  label=""
                  size="2rem"
                />
              ) : (
                d
              )}
            </button>
          ))}
        </div>
      )}
      {shown('layers') && stepper}
    </>
  );

  const title = unit ? (
    <span className="detail-head">
      <span data-testid="conv.unit.title">
        {t('conv.unit.title', {
          layer: t(`conv.layer.${unit.layer}`),
          channel: unit.channel + 1,
          y: unit.y,
          x: unit.x,
        })}
      </span>
      {layerOf(unit.layer).shape.length === 3 && (
        <span className="slide-controls" role="group" aria-label={t('conv.slide.label')}>
          {(
            [
              ['left', 0, -1, '←'],
              ['right', 0, 1, '→'],
              ['up', -1, 0, '↑'],
              ['down', 1, 0, '↓'],
            ] as const
          ).map(([dir, dy, dx, glyph]) => (
            <button
              key={dir}
              type="button"
              aria-label={t(`conv.slide.${dir}`)}
              title={t(`conv.slide.${dir}`)}
              onClick={() => moveUnit(dy, dx)}
              data-testid={`conv.unit.move-${dir}`}
            >
              {glyph}
            </button>
          ))}
          <button
            type="button"
            aria-pressed={sliding}
            onClick={() => setSliding((v) => !v)}
            data-testid="conv.unit.slide"
          >
            {sliding ? t('conv.slide.stop') : t('conv.slide.play')}
          </button>
        </span>
      )}
      <button type="button" onClick={() => openUnit(null)} data-testid="conv.unit.close">
        {t('conv.unit.close')}
      </button>
    </span>
  ) : (
    <span data-testid="conv.layer.title">{t(`conv.layer.${layer.id}`)}</span>
  );

  const stepTex = detail ? unitStepTex(detail, step) : null;
  // With a unit open, its result and (while the products are summed) the running sum, side by side.
  const formula = (
    <span className="conv-formulas">
      <Formula
        tex={detail ? unitTex(detail) : layerTex(layer.kind)}
        testId="conv.formula"
        label={t(`conv.layer.${layer.id}`)}
      />
      {stepTex && <Formula tex={stepTex} testId="conv.formula.step" className="formula-step" />}
    </span>
  );

  const figure = !acts ? (
    <p aria-busy="true">…</p>
  ) : unit ? (
    <div className="unit-figure">
      <UnitMap unit={unit} acts={acts} />
      {detail ? <UnitDetail detail={detail} acts={acts} step={step} /> : <p aria-busy="true">…</p>}
    </div>
  ) : (
    <LayerView layer={layer} acts={acts} onUnit={openUnit} onHover={setHoverUnit} />
  );

  return (
    <>
      <ModelStatus model={CNN_MODEL} onRetry={() => setAttempt((a) => a + 1)} />
      <Stage
        id="conv"
        label={t('conv.stageLabel')}
        className="conv-stage"
        bar={bar}
        overview={
          shown('network') && acts ? (
            <NetworkOverview
              acts={acts}
              focus={layer.id}
              unit={unit}
              onUnit={openUnit}
              onLayer={(i) => go(i)}
              hover={hoverUnit}
              onHover={setHoverUnit}
            />
          ) : undefined
        }
        title={shown('layers') ? title : undefined}
        formula={shown('layers') ? formula : undefined}
        caption={shown('layers') && !unit ? <p>{t(`conv.layerDesc.${layer.id}`)}</p> : undefined}
        figure={shown('layers') || shown('network') ? figure : prediction}
        focusKey={[step, unit]}
        busy={busy}
        side={
          <>
            {shown('prediction') && (
              <StagePanel title={t('conv.prediction')} testId="conv.panel.prediction">
                {prediction}
              </StagePanel>
            )}
            {shown('draw') && (
              <StagePanel title={t('conv.drawPanel')} testId="conv.panel.draw">
                {drawPanel}
              </StagePanel>
            )}
            {shown('input') && image && (
              <StagePanel title={t('conv.modelInput')} defaultOpen={false}>
                <Heatmap
                  data={image}
                  width={28}
                  height={28}
                  range={[0, 1]}
                  colormap="ink"
                  label={t('conv.modelInputAlt')}
                  size="10rem"
                  hoverValues
                  testId="conv.input"
                />
              </StagePanel>
            )}
            <StagePanel title={t('conv.about')} defaultOpen={false}>
              <p className="lead">{t('conv.lead')}</p>
              <p className="hint">{t('conv.networkHint')}</p>
              {card && (
                <p className="model-card" data-testid="conv.model-card">
                  {t('conv.model', {
                    params: card.parameterCount.toLocaleString(lang),
                    accuracy: formatPercent(Number(card.metrics.testAccuracy)),
                    digits: Number(card.metrics.testDigits).toLocaleString(lang),
                  })}
                </p>
              )}
            </StagePanel>
          </>
        }
      />
    </>
  );
}

/** The opened unit on its own map, enlarged, with the unit marked (its computation beside). */
function UnitMap({ unit, acts }: { unit: Unit; acts: CnnActivations }) {
  const { t } = useTranslation();
  const layer = layerOf(unit.layer);
  const data = acts[unit.layer].data;
  if (layer.shape.length !== 3) return null;
  const [, h, w] = layer.shape as [number, number, number];
  const range = extent(data);
  return (
    <figure className="unit-map">
      <ColorLegend colormap={colormapOf(layer)} range={range} label={t('conv.scale')} />
      <Heatmap
        data={data.subarray(unit.channel * h * w, (unit.channel + 1) * h * w)}
        width={w}
        height={h}
        range={range}
        colormap={colormapOf(layer)}
        label={t('conv.openedFrom')}
        hoverValues
        marked={{ row: unit.y, col: unit.x }}
        testId="conv.unit.map"
      />
      <figcaption>
        {t(`conv.layer.${unit.layer}`)} · {t('conv.channel', { index: unit.channel + 1 })}
      </figcaption>
    </figure>
  );
}

/** A cheap content hash (FNV-1a over the pixels), so the pad repaints only for a new image. */
function hashImage(image: Float32Array): string {
  let h = 0x811c9dc5;
  for (const v of image) h = Math.imul(h ^ Math.round(v * 1000), 0x01000193);
  return (h >>> 0).toString(36);
}

function LayerView({
  layer,
  acts,
  onUnit,
  onHover,
}: {
  layer: CnnLayer;
  acts: CnnActivations;
  onUnit: (unit: Unit) => void;
  onHover: (unit: Unit | null) => void;
}) {
  const { t } = useTranslation();
  const data = acts[layer.id].data;
  if (layer.kind === 'dense' || layer.kind === 'softmax') {
    return (
      <div className="conv-layer-figure">
        <BarChart
          values={data}
          labels={DIGITS}
          highlight={argmax(data)}
          format={(v) => formatValue(v, 4)}
          label={t(`conv.layer.${layer.id}`)}
          testIdPrefix={`conv.layer.${layer.id}`}
        />
      </div>
    );
  }
  const [channels, height, width] = layer.shape as [number, number, number];
  return (
    <div className={`conv-layer-figure maps-${channels}`}>
      <FeatureMapGrid
        data={data}
        channels={channels}
        height={height}
        width={width}
        colormap={colormapOf(layer)}
        channelLabel={(i) => t('conv.channel', { index: i })}
        legendLabel={t('conv.scale')}
        onUnitClick={
          layer.id === 'input'
            ? undefined
            : (channel, y, x) => onUnit({ layer: layer.id as Unit['layer'], channel, y, x })
        }
        onUnitHover={(cell) => onHover(unitOfCell(layer, cell))}
        testIdPrefix={`conv.layer.${layer.id}`}
      />
    </div>
  );
}
