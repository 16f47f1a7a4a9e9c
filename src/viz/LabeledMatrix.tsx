import { useState, type KeyboardEvent } from 'react';
import { colorAt, normalize, type ColormapName } from './colormap';
import { formatValue } from './format';

export interface LabeledMatrixProps {
  /** Rows of numbers; −Infinity is drawn as −∞. */
  data: readonly (readonly number[])[];
  /** Accessible name of the table. */
  label: string;
  /** Header of each row and each column (e.g. query and key tokens). */
  rowLabels: readonly string[];
  colLabels: readonly string[];
  /** Extra CSS classes of a cell (highlight states). */
  cellClass?: (row: number, col: number) => string | undefined;
  /** Extra CSS classes of a row or column header. */
  rowClass?: (row: number) => string | undefined;
  colClass?: (col: number) => string | undefined;
  /** Cells not computed yet at this step: drawn empty (data-value still holds the value). */
  pending?: boolean;
  colormap?: ColormapName;
  range?: readonly [number, number];
  digits?: number;
  /** Pointer over / keyboard focus on a cell (null when it leaves the grid). */
  onCellHover?: (row: number, col: number) => void;
  onLeave?: () => void;
  /** Click, Enter or Space on a cell. */
  onCellActivate?: (row: number, col: number) => void;
  /** Test ids `${testIdPrefix}.cell-R-C`; element ids `${idPrefix}-R-C`. */
  testIdPrefix: string;
  idPrefix: string;
  /** Names the figure for export (`data-export`): PNG / SVG in the export dialog. */
  exportName?: string;
}

function cellText(v: number, digits: number): string {
  if (v === -Infinity) return '−∞';
  return formatValue(v, digits).replace('-', '−');
}

/**
 * A matrix as a table with labelled rows and columns. When interactive (`onCellActivate`),
 * the grid is one Tab stop: the arrow keys move between cells (without reaching the page's
 * step keys), Enter or Space activates, and focus reports the cell like a hover does.
 */
export function LabeledMatrix({
  data,
  label,
  rowLabels,
  colLabels,
  cellClass,
  rowClass,
  colClass,
  pending = false,
  colormap,
  range,
  digits = 3,
  onCellHover,
  onLeave,
  onCellActivate,
  testIdPrefix,
  idPrefix,
  exportName,
}: LabeledMatrixProps) {
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const rows = data.length;
  const cols = data[0]?.length ?? 0;
  const interactive = onCellActivate !== undefined;
  const [ar, ac] = [Math.min(active[0], rows - 1), Math.min(active[1], cols - 1)];
  const [lo, hi] = range ?? [0, 1];

  const tint = (v: number): string | undefined => {
    if (!colormap || !range || !Number.isFinite(v)) return undefined;
    const [r, g, b] = colorAt(colormap, normalize(v, [lo, hi], colormap));
    return `rgb(${Math.round(r)} ${Math.round(g)} ${Math.round(b)} / 0.45)`;
  };

  const move = (r: number, c: number) => {
    if (r < 0 || c < 0 || r >= rows || c >= cols) return;
    setActive([r, c]);
    document.getElementById(`${idPrefix}-${r}-${c}`)?.focus();
  };

  const onKeyDown = (r: number, c: number, e: KeyboardEvent<HTMLTableCellElement>) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [r - 1, c],
      ArrowDown: [r + 1, c],
      ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1],
    };
    const to = moves[e.key];
    if (to) {
      e.preventDefault();
      e.stopPropagation(); // the arrows move in the grid here, not through the lesson's steps
      move(...to);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      onCellActivate?.(r, c);
    }
  };

  return (
    <table
      className={`matrix token-matrix${interactive ? ' interactive' : ''}`}
      aria-label={label}
      onMouseLeave={onLeave}
      data-export={exportName}
      data-export-label={exportName ? label : undefined}
    >
      <thead>
        <tr>
          <td aria-hidden="true" />
          {colLabels.slice(0, cols).map((l, c) => (
            <th key={c} scope="col" className={colClass?.(c)}>
              {l}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.map((row, r) => (
          <tr key={r}>
            <th scope="row" className={rowClass?.(r)}>
              {rowLabels[r]}
            </th>
            {row.map((v, c) => {
              const classes = [
                pending ? 'pending' : '',
                v === -Infinity ? 'neg-inf' : '',
                cellClass?.(r, c) ?? '',
              ]
                .join(' ')
                .trim();
              return (
                <td
                  key={c}
                  id={`${idPrefix}-${r}-${c}`}
                  className={classes || undefined}
                  style={pending ? undefined : { backgroundColor: tint(v) }}
                  title={pending ? undefined : String(v)}
                  tabIndex={interactive ? (r === ar && c === ac ? 0 : -1) : undefined}
                  aria-label={
                    interactive
                      ? `${rowLabels[r]}, ${colLabels[c]}: ${pending ? '' : cellText(v, 6)}`
                      : undefined
                  }
                  data-testid={`${testIdPrefix}.cell-${r}-${c}`}
                  data-value={String(v)}
                  data-pending={pending || undefined}
                  onMouseEnter={() => onCellHover?.(r, c)}
                  onFocus={() => {
                    setActive([r, c]);
                    onCellHover?.(r, c);
                  }}
                  onClick={() => onCellActivate?.(r, c)}
                  onKeyDown={interactive ? (e) => onKeyDown(r, c, e) : undefined}
                >
                  {pending ? '' : cellText(v, digits)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
