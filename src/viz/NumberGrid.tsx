import { formatValue } from './format';

export interface NumberGridProps {
  /** [rows][cols] */
  values: readonly (readonly number[])[];
  label: string;
  /** Extra class per cell, e.g. "active", "padding", "done". */
  cellClass?: (row: number, col: number) => string | undefined;
  digits?: number;
  testIdPrefix?: string;
}

/** A small matrix printed as numbers (a table, so screen readers can read it cell by cell). */
export function NumberGrid({
  values,
  label,
  cellClass,
  digits = 3,
  testIdPrefix,
}: NumberGridProps) {
  return (
    <table className="number-grid" aria-label={label}>
      <tbody>
        {values.map((row, r) => (
          <tr key={r}>
            {row.map((v, c) => (
              <td
                key={c}
                className={cellClass?.(r, c)}
                data-testid={testIdPrefix ? `${testIdPrefix}-${r}-${c}` : undefined}
                data-value={String(v)}
              >
                {formatValue(v, digits)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
