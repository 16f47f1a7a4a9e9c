import { formatValue } from './format';

export interface BarChartProps {
  values: ArrayLike<number>;
  labels: readonly string[];
  /** Index drawn emphasised (e.g. the predicted class). */
  highlight?: number;
  /** Text after each bar, e.g. a percentage. */
  format?: (v: number) => string;
  /** Accessible description of each bar, read by screen readers. */
  describe?: (label: string, v: number) => string;
  label: string;
  testIdPrefix?: string;
}

/**
 * Horizontal bars, one per value, as an accessible list; signed values grow left and right
 * of a centre axis. Each bar carries its exact value in `data-value`.
 */
export function BarChart({
  values,
  labels,
  highlight,
  format = (v) => formatValue(v),
  describe,
  label,
  testIdPrefix,
}: BarChartProps) {
  const arr = Array.from(values);
  const signed = arr.some((v) => v < 0);
  const max = Math.max(1e-12, ...arr.map(Math.abs));
  return (
    <ol className={`barchart${signed ? ' signed' : ''}`} aria-label={label}>
      {arr.map((v, i) => {
        const w = (Math.abs(v) / max) * (signed ? 50 : 100);
        const left = signed ? (v < 0 ? 50 - w : 50) : 0;
        return (
          <li
            key={i}
            className={i === highlight ? 'bar highlight' : 'bar'}
            data-testid={testIdPrefix ? `${testIdPrefix}-${i}` : undefined}
            data-value={String(v)}
            aria-label={describe?.(labels[i] ?? String(i), v)}
          >
            <span className="bar-label" aria-hidden={!!describe}>
              {labels[i]}
            </span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ left: `${left}%`, width: `${w}%` }} />
            </span>
            <span className="bar-value" aria-hidden={!!describe}>
              {format(v)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
