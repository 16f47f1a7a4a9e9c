/**
 * The plane while training: real samples, G's samples, D's output as a heatmap, arrows along
 * −∂L_G/∂x at each fake and the manifold (G over a grid of noise). Redrawn on every frame
 * from the controller's subscription, straight onto the canvas; during the step-by-step walk
 * it shows the walk's picture (`still`) instead.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLANE } from '../../../core/ganData';
import { gradientCss } from '../../../viz/colormap';
import {
  FAKE_STYLE,
  REAL_STYLE,
  paintScatter,
  type Arrow,
  type FieldLayer,
  type PointSeries,
  type Polyline,
} from '../../../viz/ScatterPlot';
import type { TrainController, TrainFrame } from './trainController';
import { arrowsOf, fieldOf, manifoldLines, pointsOf } from './trainSpec';

export const LAYERS = ['heatmap', 'arrows', 'manifold', 'real', 'fake'] as const;
export type Layer = (typeof LAYERS)[number];

/** A fixed picture for the plane (a sub-step of the walk). */
export interface PlaneStill {
  series: PointSeries[];
  field: FieldLayer | null;
  arrows: Arrow[];
  lines: Polyline[];
}

/** The canvas's drawing size follows its size on screen (CSS pixels), within these bounds. */
const MIN_SIZE = 240;
const MAX_SIZE = 1400;

export function framePicture(
  f: TrainFrame,
  on: ReadonlySet<Layer>,
  labels: { real: string; fake: string },
): PlaneStill {
  const s = f.snapshot;
  return {
    series: [
      ...(on.has('real')
        ? [{ id: 'real', label: labels.real, points: f.reference, ...REAL_STYLE }]
        : []),
      ...(on.has('fake')
        ? [{ id: 'fake', label: labels.fake, points: pointsOf(s.fake), ...FAKE_STYLE }]
        : []),
    ],
    field: on.has('heatmap') ? fieldOf(s) : null,
    arrows: on.has('arrows') ? arrowsOf(s.fake, s.fakeGrad) : [],
    lines: on.has('manifold') ? manifoldLines(s.manifold, s.manifoldSize) : [],
  };
}

/** Which layers the plane shows (their switches sit in the stage's side column). */
export function LayerSwitches({
  layers,
  onChange,
}: {
  layers: ReadonlySet<Layer>;
  onChange: (next: ReadonlySet<Layer>) => void;
}) {
  const { t } = useTranslation();
  const toggle = (l: Layer) => {
    const next = new Set(layers);
    if (next.has(l)) next.delete(l);
    else next.add(l);
    onChange(next);
  };
  return (
    <div className="gan-layers" role="group" aria-label={t('gan.train.layers')}>
      {LAYERS.map((l) => (
        <label key={l}>
          <input
            type="checkbox"
            checked={layers.has(l)}
            onChange={() => toggle(l)}
            data-testid={`gan.train.layer.${l}`}
          />
          {t(`gan.train.layer.${l}`)}
        </label>
      ))}
    </div>
  );
}

export function TrainPlane({
  controller,
  still,
  caption,
  layers,
}: {
  controller: TrainController;
  still: PlaneStill | null;
  layers: ReadonlySet<Layer>;
  /** What the walk shows now (read with the plot). */
  caption?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLCanvasElement>(null);
  // Drawn at the size it is shown, so it stays sharp however large the stage makes it.
  const [size, setSize] = useState(420);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      const w = Math.round(canvas.getBoundingClientRect().width);
      if (w > 0) setSize(Math.max(MIN_SIZE, Math.min(MAX_SIZE, w)));
    });
    ro.observe(canvas);
    return () => ro.disconnect();
  }, []);
  const labels = { real: t('gan.train.realSamples'), fake: t('gan.train.fakeSamples') };
  const labelsKey = `${labels.real}|${labels.fake}`;

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const [real, fake] = labelsKey.split('|') as [string, string];
    if (still) {
      paintScatter(canvas, { bounds: PLANE, size, ...still });
      return;
    }
    return controller.onFrame((f) =>
      paintScatter(canvas, {
        bounds: PLANE,
        size,
        ...framePicture(f, layers, { real, fake }),
      }),
    );
  }, [controller, still, layers, labelsKey, size]);

  return (
    <figure
      className="gan-plane"
      aria-labelledby={`${id}-cap`}
      data-testid="gan.train.plane"
      data-export="gan-plane"
      data-export-label={t('gan.train.planeLabel')}
    >
      <canvas
        ref={ref}
        className="scatter-canvas"
        role="img"
        aria-label={t('gan.train.planeLabel')}
        style={{ aspectRatio: '1 / 1' }}
        data-testid="gan.train.plane.canvas"
      >
        {t('gan.train.planeDesc')}
      </canvas>
      <figcaption id={`${id}-cap`}>
        {caption && (
          <p className="gan-note visually-hidden" aria-live="polite">
            {caption}
          </p>
        )}
        <div className="scatter-legend">
          <span className="key">
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
              <circle cx="6" cy="6" r="4.5" fill={REAL_STYLE.color} />
            </svg>
            {labels.real}
          </span>
          <span className="key">
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
              <polygon points="6,1 11,10.5 1,10.5" fill={FAKE_STYLE.color} />
            </svg>
            {labels.fake}
          </span>
          <span className="key">→ {t('gan.train.arrowsKey')}</span>
          <span className="key">▦ {t('gan.train.manifoldKey')}</span>
          <span className="key">
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
              <polygon points="2,2 11,6 2,10" fill="#555" />
            </svg>
            {t('gan.train.outsideKey')}
          </span>
        </div>
        <div className="gan-heat-legend">
          <span>{t('gan.train.heatKey')}</span>
          <span className="gan-heat-bar" style={{ background: gradientCss('diverging') }} />
          <span className="gan-heat-ticks" aria-hidden="true">
            <span>0 · {t('gan.train.heatFake')}</span>
            <span>0.5</span>
            <span>1 · {t('gan.train.heatReal')}</span>
          </span>
        </div>
      </figcaption>
    </figure>
  );
}
