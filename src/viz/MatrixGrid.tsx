import { memo } from 'react';
import { colorAt, normalize, type ColormapName } from './colormap';
import { formatValue } from './format';

export interface MatrixGridProps {
  /** [rows·cols], row-major. */
  data: ArrayLike<number>;
  rows: number;
  cols: number;
  /** Accessible name of the table. */
  label: string;
  /** Extra CSS classes of a cell: the caller's states (padding, window, current, …). */
  cellClass?: (row: number, col: number) => string | undefined;
  /** A small note in a cell's corner, e.g. the kernel weight applied to it. */
  cellNote?: (row: number, col: number) => string | undefined;
  /** Cells not reached yet: drawn empty (`data-value` still holds the exact value). */
  isPending?: (row: number, col: number) => boolean;
  /** Tints each cell lightly by value, so the numbers stay readable. */
  colormap?: ColormapName;
  range?: readonly [number, number];
  /** Significant digits shown (the exact value is in the cell's title and data-value). */
  digits?: number;
  /** Test ids: `${testIdPrefix}.cell-R-C`. */
  testIdPrefix?: string;
}

interface RowProps {
  data: ArrayLike<number>;
  r: number;
  cols: number;
  classes: (string | undefined)[];
  notes: (string | undefined)[];
  pending: boolean[];
  /** The row's classes, notes and pending flags in one string, for the memo comparison. */
  signature: string;
  colormap?: ColormapName;
  lo: number;
  hi: number;
  digits: number;
  testIdPrefix?: string;
}

function Row({
  data,
  r,
  cols,
  classes,
  notes,
  pending,
  colormap,
  lo,
  hi,
  digits,
  testIdPrefix,
}: RowProps) {
  const tint = (v: number): string | undefined => {
    if (!colormap) return undefined;
    const [red, green, blue] = colorAt(colormap, normalize(v, [lo, hi], colormap));
    return `rgb(${Math.round(red)} ${Math.round(green)} ${Math.round(blue)} / 0.45)`;
  };
  return (
    <tr>
      {Array.from({ length: cols }, (_, c) => {
        const v = data[r * cols + c] ?? 0;
        const wait = pending[c]!;
        const note = wait ? undefined : notes[c];
        const className = [wait ? 'pending' : '', classes[c] ?? ''].join(' ').trim();
        return (
          <td
            key={c}
            className={className || undefined}
            style={wait ? undefined : { backgroundColor: tint(v) }}
            title={wait ? undefined : String(v)}
            data-testid={testIdPrefix ? `${testIdPrefix}.cell-${r}-${c}` : undefined}
            data-value={String(v)}
            data-pending={wait || undefined}
          >
            {wait ? '' : formatValue(v, digits)}
            {note && <span className="cell-note">{note}</span>}
          </td>
        );
      })}
    </tr>
  );
}

/** Same row: same states and the same numbers (data is often a fresh view of the same values). */
function sameRow(a: RowProps, b: RowProps): boolean {
  if (
    a.signature !== b.signature ||
    a.r !== b.r ||
    a.cols !== b.cols ||
    a.colormap !== b.colormap ||
    a.lo !== b.lo ||
    a.hi !== b.hi ||
    a.digits !== b.digits ||
    a.testIdPrefix !== b.testIdPrefix
  ) {
    return false;
  }
  if (a.data === b.data) return true;
  for (let i = a.r * a.cols; i < (a.r + 1) * a.cols; i++) {
    if (!Object.is(a.data[i], b.data[i])) return false;
  }
  return true;
}

const MemoRow = memo(Row, sameRow);

/**
 * A matrix drawn as numbers in cells: a table, so it reads well and scrolls on small screens.
 * Rows whose numbers and states did not change are not redrawn, so stepping a window over a
 * large grid stays quick.
 */
export function MatrixGrid({
  data,
  rows,
  cols,
  label,
  cellClass,
  cellNote,
  isPending,
  colormap,
  range,
  digits = 3,
  testIdPrefix,
}: MatrixGridProps) {
  const [lo, hi] = range ?? [0, 1];
  return (
    <table className="matrix" aria-label={label}>
      <tbody>
        {Array.from({ length: rows }, (_, r) => {
          const classes = Array.from({ length: cols }, (_, c) => cellClass?.(r, c));
          const notes = Array.from({ length: cols }, (_, c) => cellNote?.(r, c));
          const pending = Array.from({ length: cols }, (_, c) => isPending?.(r, c) ?? false);
          const signature = `${classes.join('|')}#${notes.join('|')}#${pending.map(Number).join('')}`;
          return (
            <MemoRow
              key={r}
              data={data}
              r={r}
              cols={cols}
              classes={classes}
              notes={notes}
              pending={pending}
              signature={signature}
              colormap={range ? colormap : undefined}
              lo={lo}
              hi={hi}
              digits={digits}
              testIdPrefix={testIdPrefix}
            />
          );
        })}
      </tbody>
    </table>
  );
}
