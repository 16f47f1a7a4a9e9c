/**
 * One chart of the losses view's figure: curves of a loss term over D's output, with labelled
 * axes and the batch's current D outputs marked on them. The SVG fills the box it is given
 * (the stage figure sizes it), so it grows with the window.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Curve } from '../../../core/ganLoss';
import { formatValue } from '../../../viz/format';

export interface ChartCurve {
  id: string;
  label: string;
  points: Curve;
  /** Drawn bold; the others faint and dashed. */
  highlight: boolean;
  /** Which of the colour-blind-safe colours and dash patterns (0, 1, 2). */
  style: number;
}

export interface ChartMark {
  x: number;
  y: number;
  /** The curve it lies on (its colour). */
  style: number;
  /** Text beside the dot (only drawn for small batches). */
  label?: string;
}

/** Okabe–Ito colours (safe for colour-blind readers), each with its own dash pattern. */
const COLOURS = ['#0072b2', '#d55e00', '#009e73'];
const DASHES = [undefined, '7 4', '2 4'];

/** Drawing units: the height is fixed, the width follows the box's shape (see `useWidth`). */
const H = 300;
const MIN_W = 380;
const MAX_W = 960;
const PAD = { left: 52, right: 14, top: 14, bottom: 46 };

/** A mark's label above its dot (every other one below, to keep neighbours apart), if room. */
function labelY(y: number, i: number): number {
  const above = y - 10;
  const below = y + 22;
  const roomAbove = above > PAD.top + 24;
  const roomBelow = below < H - PAD.bottom - 4;
  if (i % 2 === 0) return roomAbove || !roomBelow ? above : below;
  return roomBelow || !roomAbove ? below : above;
}

function ticks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) {
    out.push(Math.round(t / step) * step);
  }
  return out;
}

export function LossChart({
  title,
  xLabel,
  yLabel,
  xDomain,
  yDomain,
  curves,
  marks,
  shade,
  testId,
  onHoverX,
}: {
  title: string;
  xLabel: string;
  yLabel: string;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  curves: readonly ChartCurve[];
  marks: readonly ChartMark[];
  /** A shaded band on the x axis with a note, e.g. where G is losing badly. */
  shade?: { from: number; to: number; label: string };
  testId: string;
  /** Called with the x under the pointer while it moves over the plot (hover to read a value). */
  onHoverX?: (x: number) => void;
}) {
  const clip = useId().replace(/[^\w-]/g, '');
  const box = useRef<SVGSVGElement>(null);
  const W = useWidth(box);
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => PAD.top + ((y1 - y) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const path = (pts: Curve) =>
    pts
      .filter(([, y]) => Number.isFinite(y))
      .map(([x, y], i) => {
        const yy = Math.max(y0 - 1, Math.min(y1 + 1, y));
        return `${i === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(yy).toFixed(1)}`;
      })
      .join(' ');
  const ordered = [...curves].sort((a, b) => Number(a.highlight) - Number(b.highlight));
  const inside = marks.filter((m) => Number.isFinite(m.y) && m.y >= y0 && m.y <= y1);
  const labelled = marks.length <= 3;

  return (
    <figure className="gan-loss-chart" data-testid={testId}>
      <figcaption className="gan-loss-chart-title">{title}</figcaption>
      <svg
        ref={box}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${title}: ${yLabel} / ${xLabel}`}
        preserveAspectRatio="xMidYMid meet"
        data-export={testId}
        data-export-label={title}
        onPointerMove={
          onHoverX &&
          ((e) => {
            const ctm = e.currentTarget.getScreenCTM();
            if (!ctm) return;
            const u = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse()).x;
            const f = (u - PAD.left) / (W - PAD.left - PAD.right);
            if (f >= 0 && f <= 1) onHoverX(x0 + f * (x1 - x0));
          })
        }
      >
        <defs>
          <clipPath id={clip}>
            <rect
              x={PAD.left}
              y={PAD.top}
              width={W - PAD.left - PAD.right}
              height={H - PAD.top - PAD.bottom}
            />
          </clipPath>
        </defs>
        {shade && (
          <g className="gan-loss-chart-shade">
            <rect
              x={sx(shade.from)}
              y={PAD.top}
              width={sx(shade.to) - sx(shade.from)}
              height={H - PAD.top - PAD.bottom}
            />
            <text x={sx(shade.from) + 4} y={PAD.top + 14}>
              {shade.label}
            </text>
          </g>
        )}
        <g className="gan-loss-chart-axes" aria-hidden="true">
          {ticks(x0, x1).map((t) => (
            <g key={`x${t}`}>
              <line x1={sx(t)} x2={sx(t)} y1={PAD.top} y2={H - PAD.bottom} className="grid" />
              <text x={sx(t)} y={H - PAD.bottom + 16} textAnchor="middle" className="tick">
                {formatValue(t)}
              </text>
            </g>
          ))}
          {ticks(y0, y1).map((t) => (
            <g key={`y${t}`}>
              <line x1={PAD.left} x2={W - PAD.right} y1={sy(t)} y2={sy(t)} className="grid" />
              <text x={PAD.left - 6} y={sy(t) + 4} textAnchor="end" className="tick">
                {formatValue(t)}
              </text>
            </g>
          ))}
          {y0 < 0 && y1 > 0 && (
            <line x1={PAD.left} x2={W - PAD.right} y1={sy(0)} y2={sy(0)} className="zero" />
          )}
          <text x={(PAD.left + W - PAD.right) / 2} y={H - 8} textAnchor="middle" className="label">
            {xLabel}
          </text>
          <text
            x={14}
            y={(PAD.top + H - PAD.bottom) / 2}
            textAnchor="middle"
            transform={`rotate(-90 14 ${(PAD.top + H - PAD.bottom) / 2})`}
            className="label"
          >
            {yLabel}
          </text>
        </g>
        <g clipPath={`url(#${clip})`}>
          {ordered.map((c) => (
            <path
              key={c.id}
              d={path(c.points)}
              className={c.highlight ? 'curve highlight' : 'curve'}
              stroke={COLOURS[c.style % 3]}
              strokeDasharray={DASHES[c.style % 3]}
              data-series={c.id}
            />
          ))}
        </g>
        {inside.map((m, i) => (
          <g key={i} className="gan-loss-chart-mark" data-x={m.x} data-y={m.y}>
            <circle cx={sx(m.x)} cy={sy(m.y)} r={6} fill={COLOURS[m.style % 3]} />
            {labelled && m.label && (
              <text
                x={sx(m.x) + (m.x > (x0 + x1) / 2 ? -10 : 10)}
                y={labelY(sy(m.y), i)}
                textAnchor={m.x > (x0 + x1) / 2 ? 'end' : 'start'}
                className="mark-label"
              >
                {m.label}
              </text>
            )}
          </g>
        ))}
      </svg>
      <div className="gan-loss-chart-legend">
        {curves.map((c) => (
          <span key={c.id} className={c.highlight ? 'key highlight' : 'key'}>
            <svg width="26" height="10" aria-hidden="true">
              <line
                x1="0"
                x2="26"
                y1="5"
                y2="5"
                stroke={COLOURS[c.style % 3]}
                strokeDasharray={DASHES[c.style % 3]}
                strokeWidth={c.highlight ? 3.5 : 2}
              />
            </svg>
            {c.label}
          </span>
        ))}
      </div>
    </figure>
  );
}

/**
 * The drawing's width in SVG units for the box the SVG is given: H units high, as wide as the
 * box's shape allows, so a wide stage gets a wide chart (text keeps its size) rather than a
 * small one centred in white space.
 */
function useWidth(ref: React.RefObject<SVGSVGElement | null>): number {
  const [w, setW] = useState(480);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        const next = Math.round(Math.min(MAX_W, Math.max(MIN_W, (H * r.width) / r.height)));
        setW((prev) => (Math.abs(prev - next) > 4 ? next : prev));
      }
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return w;
}
