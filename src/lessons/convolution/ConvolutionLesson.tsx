import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { frameDigit, quantize } from '../../core/digit';
import { argmax } from '../../core/tensor';
import { loadModel } from '../../store/runtime';
import { useAppStore } from '../../store/store';
import { BarChart } from '../../viz/BarChart';
import { DrawingPad } from '../../viz/DrawingPad';
import { FeatureMapGrid } from '../../viz/FeatureMapGrid';
import { formatPercent, formatValue } from '../../viz/format';
import { Heatmap } from '../../viz/Heatmap';
import { ModelStatus } from '../shared/ModelStatus';
import { useStepKeys } from '../shared/useStepKeys';
import { CNN_LAYERS, CNN_MODEL, type CnnActivations, type CnnLayer } from './cnn';
import { useConvConfig, useConvStep, type DigitSource } from './config';
import { digitImage, loadSamples, predictDigit, toRows, type SampleDigits } from './digits';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export default function ConvolutionLesson() {
  const { t } = useTranslation();
  const config = useConvConfig();
  const step = useConvStep();
  const hide = useAppStore((s) => s.embed.hide);
  const card = useAppStore((s) => s.models[CNN_MODEL]?.card);
  const lang = useAppStore((s) => s.lang);
  const setConfig = useAppStore((s) => s.setConfig);
  const setStep = useAppStore((s) => s.setStep);
  const [samples, setSamples] = useState<SampleDigits | null>(null);
  const [image, setImage] = useState<Float32Array | null>(null);
  // The activations and the digit source they were computed for (stale while a run is pending).
  const [result, setResult] = useState<{ digit: DigitSource; acts: CnnActivations } | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The digit this pad drew last: while the config still holds it, the pad keeps its strokes.
  const [drawn, setDrawn] = useState<DigitSource | null>(null);

  useEffect(() => {
    loadSamples().then(setSamples, () => undefined);
    loadModel(CNN_MODEL).catch(() => undefined);
  }, [attempt]);

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
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [config.digit, attempt]);

  const onInk = useCallback(
    (ink: Float32Array, w: number, h: number) => {
      const framed = frameDigit(ink, w, h);
      if (framed.empty) return;
      const digit: DigitSource = { pixels: toRows(quantize(framed.image)) };
      setDrawn(digit);
      setConfig('convolution', {
        ...(useAppStore.getState().configs.convolution as object),
        digit,
      });
    },
    [setConfig],
  );

  const stepCount = CNN_LAYERS.length;
  const go = useCallback((n: number) => setStep('convolution', n), [setStep]);
  useStepKeys(step, stepCount, go);

  const ownDrawing = config.digit === drawn;
  const padKey = ownDrawing ? 'drawn' : image ? `image-${hashImage(image)}` : 'none';
  const blank = !image || image.every((v) => v === 0);
  const acts = result?.acts;
  const busy = result?.digit !== config.digit;
  const probs = blank ? undefined : acts?.probabilities.data;
  const predicted = probs ? argmax(probs) : -1;
  const layer = CNN_LAYERS[step]!;
  const shown = (name: string) => !hide.includes(name);

  return (
    <section className="lesson conv" aria-labelledby="conv-title">
      <header className="lesson-head">
        <h1 id="conv-title">{t('conv.title')}</h1>
        <p className="lead">{t('conv.lead')}</p>
      </header>
      <ModelStatus model={CNN_MODEL} onRetry={() => setAttempt((a) => a + 1)} />
      <div className="conv-top">
        {shown('draw') && (
          <div className="panel draw-panel">
            <DrawingPad
              image={ownDrawing ? null : image}
              imageKey={padKey}
              onInk={onInk}
              label={t('conv.drawLabel')}
              hint={t('conv.drawHint')}
              testId="conv.draw.pad"
            />
            <button
              type="button"
              data-testid="conv.draw.clear"
              onClick={() => {
                setDrawn(null);
                const blank: DigitSource = { pixels: toRows(new Array(784).fill(0)) };
                setConfig('convolution', { ...config, digit: blank });
              }}
            >
              {t('conv.clear')}
            </button>
          </div>
        )}
        {shown('samples') && (
          <div className="panel samples-panel">
            <h2>{t('conv.samples')}</h2>
            <div className="samples" role="group" aria-label={t('conv.samples')}>
              {DIGITS.map((d, i) => (
                <button
                  key={d}
                  type="button"
                  className="sample"
                  aria-pressed={'sample' in config.digit && config.digit.sample === i}
                  aria-label={t('conv.sample', { digit: d })}
                  data-testid={`conv.sample-${i}`}
                  onClick={() => setConfig('convolution', { ...config, digit: { sample: i } })}
                >
                  {samples ? (
                    <Heatmap
                      data={samples.digits[i]!.pixels}
                      width={28}
                      height={28}
                      range={[0, 1]}
                      colormap="ink"
                      label=""
                      size="2.5rem"
                    />
                  ) : (
                    d
                  )}
                </button>
              ))}
            </div>
          </div>
        )}
        {shown('input') && image && (
          <div className="panel input-panel">
            <h2>{t('conv.modelInput')}</h2>
            <Heatmap
              data={image}
              width={28}
              height={28}
              range={[0, 1]}
              colormap="ink"
              label={t('conv.modelInputAlt')}
              size="9rem"
              hoverValues
              testId="conv.input"
            />
          </div>
        )}
        {shown('prediction') && (
          <div
            className="panel prediction-panel"
            aria-live="polite"
            aria-busy={busy}
            data-testid="conv.prediction"
          >
            <h2>{t('conv.prediction')}</h2>
            {probs ? (
              <>
                <p className="predicted" data-testid="conv.prediction.label" data-digit={predicted}>
                  {t('conv.predicted', {
                    digit: predicted,
                    percent: formatPercent(probs[predicted]!),
                  })}
                </p>
                <BarChart
                  values={probs}
                  labels={DIGITS}
                  highlight={predicted}
                  format={(v) => `${formatPercent(v)}%`}
                  describe={(d, v) =>
                    t('conv.probability', { digit: d, percent: formatPercent(v) })
                  }
                  label={t('conv.prediction')}
                  testIdPrefix="conv.prediction.bar"
                />
              </>
            ) : (
              <p>{t('conv.nothingDrawn')}</p>
            )}
            {card && (
              <p className="model-card" data-testid="conv.model-card">
                {t('conv.model', {
                  params: card.parameterCount.toLocaleString(lang),
                  accuracy: formatPercent(Number(card.metrics.testAccuracy)),
                  digits: Number(card.metrics.testDigits).toLocaleString(lang),
                })}
              </p>
            )}
          </div>
        )}
      </div>
      {shown('layers') && (
        <div className="panel layers-panel">
          <div className="stepper">
            <h2>{t('conv.layers')}</h2>
            <button
              type="button"
              onClick={() => go(step - 1)}
              disabled={step === 0}
              aria-label={t('conv.prev')}
              data-testid="conv.step.prev"
            >
              ←
            </button>
            <input
              type="range"
              min={0}
              max={stepCount - 1}
              value={step}
              onChange={(e) => go(Number(e.target.value))}
              aria-label={t('conv.stepOf', { step: step + 1, count: stepCount })}
              aria-valuetext={t(`conv.layer.${layer.id}`)}
              data-testid="conv.step.scrub"
            />
            <button
              type="button"
              onClick={() => go(step + 1)}
              disabled={step === stepCount - 1}
              aria-label={t('conv.next')}
              data-testid="conv.step.next"
            >
              →
            </button>
            <span className="step-count">
              {t('conv.stepOf', { step: step + 1, count: stepCount })}
            </span>
          </div>
          <h3 data-testid="conv.layer.title">{t(`conv.layer.${layer.id}`)}</h3>
          <p>{t(`conv.layerDesc.${layer.id}`)}</p>
          {acts && <LayerView layer={layer} acts={acts} />}
        </div>
      )}
    </section>
  );
}

/** A cheap content hash (FNV-1a over the pixels), so the pad repaints only for a new image. */
function hashImage(image: Float32Array): string {
  let h = 0x811c9dc5;
  for (const v of image) h = Math.imul(h ^ Math.round(v * 1000), 0x01000193);
  return (h >>> 0).toString(36);
}

function LayerView({ layer, acts }: { layer: CnnLayer; acts: CnnActivations }) {
  const { t } = useTranslation();
  const data = acts[layer.id].data;
  if (layer.kind === 'dense' || layer.kind === 'softmax') {
    return (
      <BarChart
        values={data}
        labels={DIGITS}
        highlight={argmax(data)}
        format={(v) => formatValue(v, 4)}
        label={t(`conv.layer.${layer.id}`)}
        testIdPrefix={`conv.layer.${layer.id}`}
      />
    );
  }
  const [channels, height, width] = layer.shape as [number, number, number];
  return (
    <FeatureMapGrid
      data={data}
      channels={channels}
      height={height}
      width={width}
      colormap={layer.kind === 'conv' ? 'diverging' : layer.kind === 'input' ? 'ink' : 'viridis'}
      channelLabel={(i) => t('conv.channel', { index: i })}
      legendLabel={t('conv.scale')}
      testIdPrefix={`conv.layer.${layer.id}`}
    />
  );
}
