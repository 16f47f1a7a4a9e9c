/**
 * The numbers and curves of a run, fed per frame from the controller (canvas and DOM writes,
 * no React render per frame): the step counts, the latest losses and mean D outputs, the
 * distance between real and generated samples, and their curves over training.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SLICES } from '../../../core/ganMetrics';
import { Formula } from '../../../viz/Formula';
import { paintStream, type StreamSeries } from '../../../viz/streamChart';
import type { TrainController, TrainFrame } from './trainController';

/** Okabe–Ito colours with dash patterns: told apart without colour too. */
const LINES = {
  lossD: { color: '#0072B2', dash: [] },
  lossG: { color: '#D55E00', dash: [6, 3] },
  meanDReal: { color: '#009E73', dash: [] },
  meanDFake: { color: '#CC79A7', dash: [2, 2] },
  sw: { color: '#000000', dash: [] },
} as const;

const W = 340;
const H = 150;

/** Shown numbers: 4 decimals; NaN (not computed yet) as a dash. */
export const fmtNum = (v: number, digits = 4) =>
  Number.isNaN(v) ? '—' : v === Infinity ? '∞' : v === -Infinity ? '−∞' : v.toFixed(digits);

const STATS = [
  'steps',
  'stepsD',
  'lossD',
  'lossG',
  'meanDReal',
  'meanDFake',
  'distance',
  'rate',
] as const;
type Stat = (typeof STATS)[number];

function statValue(f: TrainFrame, k: Stat): number {
  switch (k) {
    case 'steps':
      return f.stepsG;
    case 'rate':
      return f.itersPerSecond;
    default:
      return f[k];
  }
}

/** While training runs: the live numbers' and the charts' shortest redraw intervals. */
const TEXT_EVERY_MS = 150;
const CHARTS_EVERY_MS = 50;

/**
 * `show`: the live numbers or the curves (each in its own panel of the stage's side column);
 * both by default.
 */
export function TrainCharts({
  controller,
  show = 'both',
}: {
  controller: TrainController;
  show?: 'numbers' | 'curves' | 'both';
}) {
  const { t } = useTranslation();
  const lossRef = useRef<HTMLCanvasElement>(null);
  const dRef = useRef<HTMLCanvasElement>(null);
  const swRef = useRef<HTMLCanvasElement>(null);
  const statRefs = useRef<Partial<Record<Stat, HTMLElement | null>>>({});

  useEffect(() => {
    // While the loop runs, the numbers change faster than anyone reads them and the curves
    // move by a pixel: both are redrawn a few times a second (text) and at most 20 times a
    // second (charts), which keeps the main thread's frames short; any other frame (a step,
    // a pause, a blow-up) is drawn at once in full.
    let textAt = -Infinity;
    let chartsAt = -Infinity;
    return controller.onFrame((f) => {
      const now = performance.now();
      if (!f.live || now - textAt >= TEXT_EVERY_MS) {
        textAt = now;
        for (const k of STATS) {
          const el = statRefs.current[k];
          if (!el) continue;
          const v = statValue(f, k);
          el.dataset.value = String(v);
          el.textContent =
            k === 'steps' || k === 'stepsD' ? String(v) : k === 'rate' ? fmtNum(v, 0) : fmtNum(v);
        }
      }
      if (f.live && now - chartsAt < CHARTS_EVERY_MS) return;
      chartsAt = now;
      const c = f.curves;
      const line = (id: keyof typeof LINES, xs: number[], ys: number[]): StreamSeries => ({
        id,
        ...LINES[id],
        xs,
        ys,
        length: ys.length,
      });
      if (lossRef.current)
        paintStream(lossRef.current, {
          width: W,
          height: H,
          series: [line('lossD', c.x, c.lossD), line('lossG', c.x, c.lossG)],
        });
      if (dRef.current)
        paintStream(dRef.current, {
          width: W,
          height: H,
          yDomain: [0, 1],
          series: [line('meanDReal', c.x, c.meanDReal), line('meanDFake', c.x, c.meanDFake)],
        });
      if (swRef.current)
        paintStream(swRef.current, {
          width: W,
          height: H,
          series: [line('sw', c.swX, c.sw)],
        });
    });
  }, [controller]);

  const stat = (k: Stat, label: ReactNode) => (
    <div className="gan-stat">
      <dt>{label}</dt>
      <dd
        ref={(el) => {
          statRefs.current[k] = el;
        }}
        data-testid={`gan.train.${k}`}
        data-value="NaN"
      >
        —
      </dd>
    </div>
  );
  const key = (id: keyof typeof LINES, label: ReactNode) => (
    <span className="key">
      <svg width="22" height="8" aria-hidden="true">
        <line
          x1="0"
          x2="22"
          y1="4"
          y2="4"
          stroke={LINES[id].color}
          strokeWidth="2"
          strokeDasharray={LINES[id].dash.join(' ') || undefined}
        />
      </svg>
      {label}
    </span>
  );

  const numbers = (
    <dl className="gan-stats" aria-live="off">
      {stat('steps', t('gan.train.stat.steps'))}
      {stat('stepsD', t('gan.train.stat.stepsD'))}
      {stat('lossD', <Formula tex="L_D" />)}
      {stat('lossG', <Formula tex="L_G" />)}
      {stat('meanDReal', t('gan.train.stat.meanDReal'))}
      {stat('meanDFake', t('gan.train.stat.meanDFake'))}
      {stat('distance', t('gan.train.stat.distance'))}
      {stat('rate', t('gan.train.stat.rate'))}
    </dl>
  );
  const curves = (
    <>
      <figure className="gan-chart" data-export="gan-chart">
        <figcaption>
          <h3>{t('gan.train.chart.losses')}</h3>
          {key('lossD', <Formula tex="L_D" />)} {key('lossG', <Formula tex="L_G" />)}
        </figcaption>
        <canvas
          ref={lossRef}
          role="img"
          aria-label={t('gan.train.chart.losses')}
          data-testid="gan.train.chart.losses"
        />
      </figure>
      <figure className="gan-chart" data-export="gan-chart">
        <figcaption>
          <h3>{t('gan.train.chart.outputs')}</h3>
          {key('meanDReal', t('gan.train.stat.meanDReal'))}{' '}
          {key('meanDFake', t('gan.train.stat.meanDFake'))}
        </figcaption>
        <canvas
          ref={dRef}
          role="img"
          aria-label={t('gan.train.chart.outputs')}
          data-testid="gan.train.chart.outputs"
        />
      </figure>
      <figure className="gan-chart" data-export="gan-chart">
        <figcaption>
          <h3>{t('gan.train.chart.distance')}</h3>
          {key('sw', t('gan.train.stat.distance'))}
        </figcaption>
        <canvas
          ref={swRef}
          role="img"
          aria-label={t('gan.train.chart.distance')}
          data-testid="gan.train.chart.distance"
        />
        <p className="gan-note">{t('gan.train.distanceWhat', { slices: SLICES })}</p>
      </figure>
    </>
  );
  return (
    <div className="gan-charts" data-show={show}>
      {show !== 'curves' && numbers}
      {show !== 'numbers' && curves}
    </div>
  );
}
