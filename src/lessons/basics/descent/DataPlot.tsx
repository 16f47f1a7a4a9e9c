/**
 * The points and the current line ŷ = w·x + b, with each point's miss yᵢ − ŷᵢ dashed. Points
 * move by dragging (mouse, pen, finger) or, focused, by the arrow keys (x across, y up; Shift
 * for larger steps). The window stays put while a point is dragged.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatValue } from '../../../viz/format';
import { PLOT, PlotAxes, PlotClip, plotScale } from './PlotAxes';
import { dataWindow } from './surface';

/** Dragged and typed-by-key positions are rounded to this (a readable number in every formula). */
const GRAIN = 0.05;
const snap = (v: number) => Number((Math.round(v / GRAIN) * GRAIN).toFixed(2));

export function DataPlot({
  x,
  y,
  theta,
  step,
  onMove,
}: {
  x: readonly number[];
  y: readonly number[];
  theta: readonly [number, number];
  step: number;
  /** A point moved to (px, py). */
  onMove: (i: number, px: number, py: number) => void;
}) {
  const { t } = useTranslation();
  const svg = useRef<SVGSVGElement>(null);
  // While a point is dragged, the window and the plot's size on screen stay as they were (the
  // formulas above may change height), so the point stays under the pointer.
  const [drag, setDrag] = useState<{
    i: number;
    window: ReturnType<typeof dataWindow>;
    width: number;
  } | null>(null);
  const win = drag?.window ?? dataWindow({ x, y });
  const scale = plotScale(win.x, win.y);
  const { sx, sy } = scale;
  const [w, b] = theta;
  const lineOk = Number.isFinite(w) && Number.isFinite(b);

  /** The pointer's position in data units. */
  const toData = (e: PointerEvent): [number, number] | null => {
    const el = svg.current;
    const m = el?.getScreenCTM();
    if (!el || !m) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));
    return [snap(clamp(scale.ix(p.x), win.x)), snap(clamp(scale.iy(p.y), win.y))];
  };

  const onKey = (i: number) => (e: KeyboardEvent) => {
    const d = e.shiftKey ? 1 : 0.1;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-d, 0],
      ArrowRight: [d, 0],
      ArrowUp: [0, d],
      ArrowDown: [0, -d],
    };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    // The lesson's ←/→ step keys must not also fire.
    e.stopPropagation();
    onMove(i, snap(x[i]! + m[0]), snap(y[i]! + m[1]));
  };

  return (
    <figure className="descent-plot" data-testid="basics.descent.data">
      <figcaption className="descent-plot-title">
        {t('basics.descent.data.title', { k: step })}
      </figcaption>
      <svg
        ref={svg}
        style={drag?.width ? { width: drag.width } : undefined}
        viewBox={`0 0 ${PLOT.w} ${PLOT.h}`}
        role="group"
        aria-label={t('basics.descent.data.label', {
          w: formatValue(w, 4),
          b: formatValue(b, 4),
        })}
        data-export="descent-data"
        data-export-label={t('basics.descent.data.title', { k: step })}
        onPointerMove={(e) => {
          if (!drag) return;
          const p = toData(e);
          if (p) onMove(drag.i, p[0], p[1]);
        }}
        onPointerUp={() => setDrag(null)}
        onPointerCancel={() => setDrag(null)}
      >
        <defs>
          <PlotClip id="descent-data-clip" />
        </defs>
        <rect
          x={PLOT.left}
          y={PLOT.top}
          width={PLOT.w - PLOT.left - PLOT.right}
          height={PLOT.h - PLOT.top - PLOT.bottom}
          className="descent-data-bg"
        />
        <PlotAxes scale={scale} xName="x" yName="y" />
        <g clipPath="url(#descent-data-clip)">
          {lineOk &&
            x.map((xi, i) => (
              <line
                key={i}
                x1={sx(xi)}
                x2={sx(xi)}
                y1={sy(y[i]!)}
                y2={sy(w * xi + b)}
                className="descent-miss"
              />
            ))}
          {lineOk && (
            <line
              x1={sx(win.x[0])}
              y1={sy(w * win.x[0] + b)}
              x2={sx(win.x[1])}
              y2={sy(w * win.x[1] + b)}
              className="descent-line"
              data-testid="basics.descent.data.line"
            />
          )}
        </g>
        {x.map((xi, i) => (
          <g
            key={i}
            className={drag?.i === i ? 'descent-point dragging' : 'descent-point'}
            transform={`translate(${sx(xi)} ${sy(y[i]!)})`}
            tabIndex={0}
            role="button"
            aria-label={t('basics.descent.data.point', {
              i: i + 1,
              x: formatValue(xi, 4),
              y: formatValue(y[i]!, 4),
            })}
            data-testid={`basics.descent.point-${i}`}
            data-x={xi}
            data-y={y[i]}
            onKeyDown={onKey(i)}
            onPointerDown={(e) => {
              e.preventDefault();
              try {
                svg.current?.setPointerCapture(e.pointerId);
              } catch {
                // synthetic pointers cannot be captured; dragging still works over the plot
              }
              setDrag({ i, window: win, width: svg.current?.getBoundingClientRect().width ?? 0 });
            }}
          >
            <circle r={16} className="hit" />
            <circle r={6.5} className="mark" />
          </g>
        ))}
      </svg>
      <div className="descent-plot-keys">
        <span className="descent-plot-hint">{t('basics.descent.data.hint')}</span>
      </div>
    </figure>
  );
}
