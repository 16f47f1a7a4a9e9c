/** The frame both descent figures share: a plot area in SVG units, grid lines, ticks and axis names. */
import { ticks } from '../../../viz/LineChart';
import { formatTick } from '../../../viz/format';

export const PLOT = { w: 360, h: 320, left: 44, right: 10, top: 10, bottom: 38 };

export interface PlotScale {
  x: readonly [number, number];
  y: readonly [number, number];
  sx: (v: number) => number;
  sy: (v: number) => number;
  /** SVG units back to data. */
  ix: (px: number) => number;
  iy: (py: number) => number;
}

export function plotScale(x: readonly [number, number], y: readonly [number, number]): PlotScale {
  const iw = PLOT.w - PLOT.left - PLOT.right;
  const ih = PLOT.h - PLOT.top - PLOT.bottom;
  return {
    x,
    y,
    sx: (v) => PLOT.left + ((v - x[0]) / (x[1] - x[0])) * iw,
    sy: (v) => PLOT.top + ((y[1] - v) / (y[1] - y[0])) * ih,
    ix: (px) => x[0] + ((px - PLOT.left) / iw) * (x[1] - x[0]),
    iy: (py) => y[1] - ((py - PLOT.top) / ih) * (y[1] - y[0]),
  };
}

/** Grid lines and tick labels under the plot, the axes' names along its edges. */
export function PlotAxes({
  scale,
  xName,
  yName,
  grid = true,
}: {
  scale: PlotScale;
  xName: string;
  yName: string;
  grid?: boolean;
}) {
  const { x, y, sx, sy } = scale;
  const bottom = PLOT.h - PLOT.bottom;
  const right = PLOT.w - PLOT.right;
  return (
    <g className="descent-axes" aria-hidden="true">
      {ticks(x[0], x[1]).map((t) => (
        <g key={`x${t}`}>
          {grid && <line x1={sx(t)} x2={sx(t)} y1={PLOT.top} y2={bottom} className="grid" />}
          <text x={sx(t)} y={bottom + 16} textAnchor="middle">
            {formatTick(t)}
          </text>
        </g>
      ))}
      {ticks(y[0], y[1]).map((t) => (
        <g key={`y${t}`}>
          {grid && <line x1={PLOT.left} x2={right} y1={sy(t)} y2={sy(t)} className="grid" />}
          <text x={PLOT.left - 5} y={sy(t) + 5} textAnchor="end">
            {formatTick(t)}
          </text>
        </g>
      ))}
      <text x={(PLOT.left + right) / 2} y={PLOT.h - 3} textAnchor="middle" className="axis-name">
        {xName}
      </text>
      <text
        x={13}
        y={(PLOT.top + bottom) / 2}
        textAnchor="middle"
        className="axis-name"
        transform={`rotate(-90 13 ${(PLOT.top + bottom) / 2})`}
      >
        {yName}
      </text>
    </g>
  );
}

/** Clips drawing to the plot area. */
export function PlotClip({ id }: { id: string }) {
  return (
    <clipPath id={id}>
      <rect
        x={PLOT.left}
        y={PLOT.top}
        width={PLOT.w - PLOT.left - PLOT.right}
        height={PLOT.h - PLOT.top - PLOT.bottom}
      />
    </clipPath>
  );
}
