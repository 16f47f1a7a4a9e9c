import { useEffect, useRef, type PointerEvent } from 'react';
import { paintValues, type ColormapName } from './colormap';
import './scatterPlot.css';

export type MarkerShape = 'circle' | 'triangle' | 'square' | 'cross';

/** A set of points drawn with one colour and marker shape (shape tells them apart without colour). */
export interface PointSeries {
  id: string;
  label: string;
  points: readonly (readonly [number, number])[];
  color: string;
  shape: MarkerShape;
  /** Marker radius in CSS pixels (default 3.2); larger marks e.g. the batch being stepped. */
  radius?: number;
}

/** A polyline on the plane, e.g. one line of the generator's warped noise grid. */
export type Polyline = readonly (readonly [number, number])[];

/**
 * A scalar field under the points, e.g. D(x) over the plane: [rows·cols] values, row 0 at the
 * top (y = max), column 0 at the left (x = min), each cell covering an equal part of the plane.
 */
export interface FieldLayer {
  values: ArrayLike<number>;
  cols: number;
  rows: number;
  colormap: ColormapName;
  range: readonly [number, number];
}

/** An arrow from one point to another, e.g. a generated sample and where its gradient pushes it. */
export interface Arrow {
  from: readonly [number, number];
  to: readonly [number, number];
}

/**
 * Okabe–Ito colours with distinct shapes for the GAN's two kinds of samples (safe for the
 * common kinds of colour blindness, and told apart by shape alone in greyscale).
 */
export const REAL_STYLE = { color: '#0072B2', shape: 'circle' } as const;
export const FAKE_STYLE = { color: '#D55E00', shape: 'triangle' } as const;

export interface ScatterPlotProps {
  /** The square shown: x and y in [min, max]. */
  bounds: { min: number; max: number };
  series: readonly PointSeries[];
  field?: FieldLayer | null;
  arrows?: readonly Arrow[];
  /** Lines drawn under the points (thin, grey), e.g. the manifold of G. */
  lines?: readonly Polyline[];
  /** When given, the plot is a drawing surface: each stroke's points are reported on release. */
  onDraw?: (points: [number, number][]) => void;
  /** Accessible name and a text description of what is drawn. */
  label: string;
  description?: string;
  /** Drawing resolution in CSS pixels (the canvas scales with the layout and devicePixelRatio). */
  size?: number;
  testId?: string;
  /** Names the figure for export (`data-export`): PNG / SVG in the export dialog. */
  exportName?: string;
}

const MARKER = 3.2;
/** Minimum distance between two drawn points, as a fraction of the plane's width. */
const DRAW_SPACING = 0.02;

/** Adds one marker to the current path (crosses are strokes only, the rest fill and stroke). */
function markPath(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  shape: MarkerShape,
  r: number,
) {
  switch (shape) {
    case 'circle':
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      break;
    case 'square':
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
      break;
    case 'triangle':
      ctx.moveTo(x, y - r * 1.25);
      ctx.lineTo(x + r * 1.15, y + r * 0.8);
      ctx.lineTo(x - r * 1.15, y + r * 0.8);
      ctx.closePath();
      break;
    case 'cross':
      ctx.moveTo(x - r, y - r);
      ctx.lineTo(x + r, y + r);
      ctx.moveTo(x + r, y - r);
      ctx.lineTo(x - r, y + r);
      break;
  }
}

/** The small canvas each plot's field is painted into before it is scaled up (kept per plot). */
const fieldCanvases = new WeakMap<HTMLCanvasElement, HTMLCanvasElement>();

function fieldImage(canvas: HTMLCanvasElement, field: FieldLayer): HTMLCanvasElement | null {
  let img = fieldCanvases.get(canvas);
  if (!img) {
    img = document.createElement('canvas');
    fieldCanvases.set(canvas, img);
  }
  if (img.width !== field.cols) img.width = field.cols;
  if (img.height !== field.rows) img.height = field.rows;
  const ictx = img.getContext('2d');
  if (!ictx) return null;
  const data = ictx.createImageData(field.cols, field.rows);
  // The field's range maps linearly onto the scale (D's 0.5 at a diverging scale's middle).
  paintValues(data.data, field.values, field.range, field.colormap, { alpha: 150, linear: true });
  ictx.putImageData(data, 0, 0);
  return img;
}

/** What `paintScatter` draws: the same as ScatterPlot's props, without the interaction. */
export interface ScatterPaint {
  bounds: { min: number; max: number };
  series: readonly PointSeries[];
  field?: FieldLayer | null;
  arrows?: readonly Arrow[];
  lines?: readonly Polyline[];
  size: number;
}

/**
 * Draws a scatter plot onto a canvas: white, the field, grid lines, lines, arrows, points.
 * For views that redraw on every animation frame without re-rendering React.
 */
export function paintScatter(
  canvas: HTMLCanvasElement,
  { bounds, series, field, arrows, lines, size }: ScatterPaint,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const span = bounds.max - bounds.min;
  const dpr = Math.min(3, globalThis.devicePixelRatio || 1);
  // Resizing reallocates the canvas: only when the size changes (views redraw every frame).
  if (canvas.width !== Math.round(size * dpr)) canvas.width = Math.round(size * dpr);
  if (canvas.height !== Math.round(size * dpr)) canvas.height = Math.round(size * dpr);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const px = (x: number) => ((x - bounds.min) / span) * size;
  const py = (y: number) => ((bounds.max - y) / span) * size;

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  if (field && field.cols > 0 && field.rows > 0) {
    const img = fieldImage(canvas, field);
    if (img) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(img, 0, 0, size, size);
    }
  }
  // Grid lines at every 0.5 and the axes through 0.
  ctx.lineWidth = 1;
  for (let v = Math.ceil(bounds.min * 2) / 2; v <= bounds.max + 1e-9; v += 0.5) {
    ctx.strokeStyle = Math.abs(v) < 1e-9 ? 'rgba(0,0,0,0.35)' : 'rgba(0,0,0,0.1)';
    ctx.beginPath();
    ctx.moveTo(px(v), 0);
    ctx.lineTo(px(v), size);
    ctx.moveTo(0, py(v));
    ctx.lineTo(size, py(v));
    ctx.stroke();
  }
  if (lines && lines.length > 0) {
    ctx.strokeStyle = 'rgba(40,40,40,0.45)';
    ctx.lineWidth = 1;
    for (const line of lines) {
      ctx.beginPath();
      line.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(px(x), py(y)) : ctx.lineTo(px(x), py(y))));
      ctx.stroke();
    }
  }
  if (arrows && arrows.length > 0) {
    ctx.strokeStyle = 'rgba(0,0,0,0.6)';
    ctx.lineWidth = 1;
    for (const { from, to } of arrows) {
      const [x0, y0, x1, y1] = [px(from[0]), py(from[1]), px(to[0]), py(to[1])];
      const len = Math.hypot(x1 - x0, y1 - y0);
      if (len < 0.5) continue;
      const [ux, uy] = [(x1 - x0) / len, (y1 - y0) / len];
      const head = Math.min(5, len / 2);
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - head * (ux - uy * 0.5), y1 - head * (uy + ux * 0.5));
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - head * (ux + uy * 0.5), y1 - head * (uy - ux * 0.5));
      ctx.stroke();
    }
  }
  for (const s of series) {
    ctx.fillStyle = s.color;
    ctx.strokeStyle = s.shape === 'cross' ? s.color : 'rgba(255,255,255,0.85)';
    ctx.lineWidth = s.shape === 'cross' ? 1.6 : 0.8;
    // One path per series: a fill and a stroke for all its markers.
    ctx.beginPath();
    const outside: [number, number][] = [];
    for (const [x, y] of s.points) {
      if (
        x < bounds.min ||
        x > bounds.max ||
        y < bounds.min ||
        y > bounds.max ||
        Number.isNaN(x) ||
        Number.isNaN(y)
      )
        outside.push([x, y]);
      else markPath(ctx, px(x), py(y), s.shape, s.radius ?? MARKER);
    }
    if (s.shape !== 'cross') ctx.fill();
    ctx.stroke();
    if (outside.length > 0) paintOutside(ctx, outside, s.color, bounds, size);
  }
}

/**
 * Points beyond the plane, clamped to its border: an arrowhead on the edge pointing the way to
 * where the point is (outlined, so it reads against any background). NaN points are skipped.
 */
function paintOutside(
  ctx: CanvasRenderingContext2D,
  points: readonly [number, number][],
  color: string,
  bounds: { min: number; max: number },
  size: number,
): void {
  const span = bounds.max - bounds.min;
  const c = (bounds.min + bounds.max) / 2;
  const inset = 7;
  ctx.beginPath();
  for (const [x, y] of points) {
    if (!Number.isFinite(x) && !Number.isFinite(y)) continue;
    // Direction from the plane's centre; the point where that ray leaves the square.
    const dx = Number.isFinite(x) ? x - c : Math.sign(x);
    const dy = Number.isFinite(y) ? y - c : Math.sign(y);
    const k = Math.max(Math.abs(dx), Math.abs(dy)) / (span / 2);
    if (!(k > 0)) continue;
    const ex = (dx / k / span) * size + size / 2;
    const ey = size / 2 - (dy / k / span) * size;
    const len = Math.hypot(dx, dy);
    const [ux, uy] = [dx / len, -dy / len];
    // Tip on the border, pulled in a little so the whole marker shows.
    const tx = Math.min(size - 1, Math.max(1, ex - ux * 1));
    const ty = Math.min(size - 1, Math.max(1, ey - uy * 1));
    const bx = tx - ux * inset;
    const by = ty - uy * inset;
    ctx.moveTo(tx, ty);
    ctx.lineTo(bx - uy * 4.5, by + ux * 4.5);
    ctx.lineTo(bx + uy * 4.5, by - ux * 4.5);
    ctx.closePath();
  }
  ctx.fillStyle = color;
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 1;
  ctx.fill();
  ctx.stroke();
}

/**
 * Points on a square of the plane (canvas), optionally over a heatmap field and with arrows:
 * the GAN playground's real and generated samples, D's decision field and G's gradients.
 * Props in, pixels out; with `onDraw` it also takes points drawn by mouse, pen or finger.
 */
export function ScatterPlot({
  bounds,
  series,
  field,
  arrows,
  lines,
  onDraw,
  label,
  description,
  size = 360,
  testId,
  exportName,
}: ScatterPlotProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const stroke = useRef<[number, number][] | null>(null);
  const span = bounds.max - bounds.min;

  useEffect(() => {
    const canvas = ref.current;
    if (canvas) paintScatter(canvas, { bounds, series, field, arrows, lines, size });
  }, [bounds, series, field, arrows, lines, size]);

  const toPlane = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const rect = e.currentTarget.getBoundingClientRect();
    const fx = (e.clientX - rect.left) / rect.width;
    const fy = (e.clientY - rect.top) / rect.height;
    const clamp = (v: number) => Math.min(bounds.max, Math.max(bounds.min, v));
    return [clamp(bounds.min + fx * span), clamp(bounds.max - fy * span)];
  };

  /** Paints a point of the stroke in progress straight onto the canvas (no re-render). */
  const addToStroke = (e: PointerEvent<HTMLCanvasElement>) => {
    const points = stroke.current;
    if (!points) return;
    const p = toPlane(e);
    const last = points[points.length - 1];
    if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < DRAW_SPACING * span) return;
    points.push(p);
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = REAL_STYLE.color;
    ctx.strokeStyle = '#ffffff';
    ctx.beginPath();
    markPath(
      ctx,
      ((p[0] - bounds.min) / span) * size,
      ((bounds.max - p[1]) / span) * size,
      'circle',
      MARKER,
    );
    ctx.fill();
    ctx.stroke();
  };

  const finish = () => {
    const points = stroke.current;
    stroke.current = null;
    if (points && points.length > 0) onDraw?.(points);
  };

  return (
    <figure className="scatter" data-testid={testId}>
      <canvas
        ref={ref}
        className={onDraw ? 'scatter-canvas drawable' : 'scatter-canvas'}
        role="img"
        aria-label={label}
        style={{ aspectRatio: '1 / 1' }}
        data-testid={testId ? `${testId}.canvas` : undefined}
        data-export={exportName}
        data-export-label={exportName ? label : undefined}
        onPointerDown={
          onDraw
            ? (e) => {
                try {
                  e.currentTarget.setPointerCapture(e.pointerId);
                } catch {
                  // synthetic pointers cannot be captured; drawing still works
                }
                stroke.current = [];
                addToStroke(e);
              }
            : undefined
        }
        onPointerMove={onDraw ? addToStroke : undefined}
        onPointerUp={onDraw ? finish : undefined}
        onPointerCancel={onDraw ? finish : undefined}
      >
        {description}
      </canvas>
      <figcaption className="scatter-legend">
        {series.map((s) => (
          <span
            key={s.id}
            className="key"
            data-testid={testId ? `${testId}.legend.${s.id}` : undefined}
            data-count={s.points.length}
          >
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
              {s.shape === 'circle' && <circle cx="6" cy="6" r="4.5" fill={s.color} />}
              {s.shape === 'square' && <rect x="1.5" y="1.5" width="9" height="9" fill={s.color} />}
              {s.shape === 'triangle' && <polygon points="6,1 11,10.5 1,10.5" fill={s.color} />}
              {s.shape === 'cross' && (
                <path d="M2 2 L10 10 M10 2 L2 10" stroke={s.color} strokeWidth="2" />
              )}
            </svg>
            {s.label} ({s.points.length})
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
