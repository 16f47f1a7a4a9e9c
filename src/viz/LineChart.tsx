import { formatTick, formatValue } from './format';

export interface LineSeries {
  id: string;
  label: string;
  /** Points [x, y] in drawing order. */
  points: readonly (readonly [number, number])[];
}

export interface LineChartProps {
  series: readonly LineSeries[];
  /** The series drawn bold; the others are faint (and dashed, so colour is not needed). */
  highlight?: string;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  /** A point marked on the highlighted series, e.g. the current input and its output. */
  marker?: { x: number; y: number } | null;
  /** Accessible name and a text description of what is drawn. */
  label: string;
  description?: string;
  testId?: string;
  /** Names the figure for export (`data-export`): PNG / SVG in the export dialog. */
  exportName?: string;
}

const W = 320;
const H = 200;
const PAD = { left: 30, right: 10, top: 10, bottom: 24 };
const DASHES = ['4 3', '2 3', '6 3 2 3', '1 3', '8 4'];

/** Lines on shared axes (SVG): curves of functions such as activations. */
export function LineChart({
  series,
  highlight,
  xDomain,
  yDomain,
  marker,
  label,
  description,
  testId,
  exportName,
}: LineChartProps) {
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => PAD.top + ((y1 - y) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const path = (pts: LineSeries['points']) =>
    pts
      .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`)
      .join(' ');
  const xTicks = ticks(x0, x1);
  const yTicks = ticks(y0, y1);
  const clipId = `clip-${testId ?? 'line'}`.replace(/[^\w-]/g, '-');
  const shown =
    marker && marker.x >= x0 && marker.x <= x1 && marker.y >= y0 && marker.y <= y1 ? marker : null;
  const ordered = [...series].sort(
    (a, b) => Number(a.id === highlight) - Number(b.id === highlight),
  );

  return (
    <figure className="linechart" data-testid={testId}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={label}
        data-export={exportName}
        data-export-label={exportName ? label : undefined}
      >
        {description && <desc>{description}</desc>}
        <defs>
          <clipPath id={clipId}>
            <rect
              x={PAD.left}
              y={PAD.top}
              width={W - PAD.left - PAD.right}
              height={H - PAD.top - PAD.bottom}
            />
          </clipPath>
        </defs>
        <g className="axes" aria-hidden="true">
          {xTicks.map((t) => (
            <g key={`x${t}`}>
              <line x1={sx(t)} x2={sx(t)} y1={PAD.top} y2={H - PAD.bottom} className="grid" />
              <text x={sx(t)} y={H - PAD.bottom + 14} textAnchor="middle">
                {formatTick(t)}
              </text>
            </g>
          ))}
          {yTicks.map((t) => (
            <g key={`y${t}`}>
              <line x1={PAD.left} x2={W - PAD.right} y1={sy(t)} y2={sy(t)} className="grid" />
              <text x={PAD.left - 4} y={sy(t) + 4} textAnchor="end">
                {formatTick(t)}
              </text>
            </g>
          ))}
          {x0 < 0 && x1 > 0 && (
            <line x1={sx(0)} x2={sx(0)} y1={PAD.top} y2={H - PAD.bottom} className="axis" />
          )}
          {y0 < 0 && y1 > 0 && (
            <line x1={PAD.left} x2={W - PAD.right} y1={sy(0)} y2={sy(0)} className="axis" />
          )}
        </g>
        <g clipPath={`url(#${clipId})`}>
          {ordered.map((s) => {
            const i = series.indexOf(s);
            const on = s.id === highlight;
            return (
              <path
                key={s.id}
                d={path(s.points)}
                className={on ? 'series highlight' : 'series'}
                strokeDasharray={on ? undefined : DASHES[i % DASHES.length]}
                data-series={s.id}
              />
            );
          })}
          {shown && (
            <circle cx={sx(shown.x)} cy={sy(shown.y)} r={5} className="marker">
              <title>{`(${formatValue(shown.x, 4)}, ${formatValue(shown.y, 4)})`}</title>
            </circle>
          )}
        </g>
      </svg>
      <figcaption className="linechart-legend">
        {series.map((s, i) => (
          <span key={s.id} className={s.id === highlight ? 'key highlight' : 'key'}>
            <svg width="22" height="8" aria-hidden="true">
              <line
                x1="0"
                x2="22"
                y1="4"
                y2="4"
                className={s.id === highlight ? 'series highlight' : 'series'}
                strokeDasharray={s.id === highlight ? undefined : DASHES[i % DASHES.length]}
              />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Round tick values across a range: steps of 1, 2 or 5 × 10ⁿ, about five of them. */
export function ticks(lo: number, hi: number): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) {
    out.push(Math.round(t / step) * step);
  }
  return out;
}
