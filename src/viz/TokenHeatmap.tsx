import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { ColorLegend } from './ColorLegend';
import { colorAt, normalize, paintValues, type ColormapName } from './colormap';
import { formatValue } from './format';

export interface MatrixCell {
  row: number;
  col: number;
}

export interface TokenHeatmapProps {
  /** [rows·cols], row-major. */
  data: ArrayLike<number>;
  rows: number;
  cols: number;
  /** Row labels (e.g. the query tokens). */
  rowLabels: readonly string[];
  /** Column labels (e.g. the key tokens); column numbers when omitted. */
  colLabels?: readonly string[];
  range: readonly [number, number];
  colormap: ColormapName;
  /** Accessible name (and caption) of the matrix. */
  label: string;
  /** A row and a column to highlight (e.g. the hovered query and key, across views). */
  highlightRow?: number | null;
  highlightCol?: number | null;
  /** A single cell to outline, e.g. a locked one. */
  marked?: MatrixCell | null;
  /** Cells drawn hatched, whatever their value (e.g. −∞ above the diagonal). Keep it stable. */
  isMasked?: (row: number, col: number) => boolean;
  /** The pointer or keyboard cursor is over a cell (null when it leaves). */
  onHover?: (cell: MatrixCell | null) => void;
  /** A click, or Enter/space on the keyboard cursor. */
  onSelect?: (cell: MatrixCell) => void;
  /** Show the numbers in the cells (default: when the cells are few enough to read). */
  numbers?: boolean;
  testId?: string;
  /** Names the figure for export (`data-export`): PNG / SVG in the export dialog. */
  exportName?: string;
  /**
   * Cell size relative to `--fit` (set by the figure around it, e.g. from the stage's cqw /
   * cqh): 1 for the step's main matrix, less for the inputs drawn beside it.
   */
  scale?: number;
  /** The colour legend's name; `masked` names the grey −∞ cells in the legend. */
  legend?: { label: string; masked?: string };
  /** The hover readout of a cell, naming its row and column (default `row · col = value`). */
  describe?: (rowLabel: string, colLabel: string, value: string) => string;
}

/** Which column labels are drawn: all of them up to 16 columns, then every n-th. */
export function labelStep(cols: number): number {
  return cols <= 16 ? 1 : cols <= 32 ? 4 : cols <= 64 ? 8 : 32;
}

/**
 * A matrix with labelled rows and columns, each cell tinted by value and, when small enough,
 * showing its number; large matrices are drawn on a canvas, one pixel per cell, that scrolls. Hover, click,
 * and the arrow keys plus Enter report cells; highlighted rows and columns are overlays in the
 * same CSS grid, so hovering never re-renders the cells. The exact values are in
 * `data-values` (JSON, row-major; −Infinity as the string "-Infinity") for tests and tools.
 */
export function TokenHeatmap({
  data,
  rows,
  cols,
  rowLabels,
  colLabels,
  range,
  colormap,
  label,
  highlightRow,
  highlightCol,
  marked,
  isMasked,
  onHover,
  onSelect,
  numbers,
  testId,
  exportName,
  scale = 1,
  legend,
  describe,
}: TokenHeatmapProps) {
  const [cursor, setCursor] = useState<MatrixCell | null>(null);
  const showNumbers = numbers ?? (cols <= 12 && rows <= 24);
  const every = colLabels ? 1 : labelStep(Math.round(cols / Math.min(1, scale)));
  // Many tokens: every other token label, twice as large (the hover readout names the rest).
  const tokenEvery = rows > 40 || (colLabels && cols > 40) ? 2 : 1;

  const canvas = useRef<HTMLCanvasElement>(null);

  // Many cells: one canvas pixel per cell, scaled up without smoothing (a div per cell of a
  // 64 × 256 matrix would be 16,384 nodes).
  useEffect(() => {
    if (showNumbers) return;
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(cols, rows);
    const values =
      data.length > rows * cols ? Array.prototype.slice.call(data, 0, rows * cols) : data;
    paintValues(img.data, values, range, colormap, {
      masked: isMasked ? (i) => isMasked(Math.floor(i / cols), i % cols) : undefined,
    });
    ctx.putImageData(img, 0, 0);
  }, [data, rows, cols, range, colormap, showNumbers, isMasked]);

  const cells = useMemo(() => {
    if (!showNumbers) return null;
    const out = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = data[r * cols + c] ?? 0;
        const masked = isMasked?.(r, c) ?? false;
        const [red, green, blue] = colorAt(colormap, normalize(v, range, colormap));
        const alpha = 0.55;
        out.push(
          <div
            key={`${r}-${c}`}
            className={masked ? 'tkh-cell masked' : 'tkh-cell'}
            data-r={r}
            data-c={c}
            style={{
              gridRow: r + 2,
              gridColumn: c + 2,
              backgroundColor: masked
                ? undefined
                : `rgb(${Math.round(red)} ${Math.round(green)} ${Math.round(blue)} / ${alpha})`,
            }}
          >
            <span className="tkh-num">{v === -Infinity ? '−∞' : formatValue(v, 3)}</span>
          </div>,
        );
      }
    }
    return out;
  }, [data, rows, cols, range, colormap, showNumbers, isMasked]);

  const values = useMemo(
    () => JSON.stringify(Array.from(data, (v) => (Number.isFinite(v) ? v : String(v)))),
    [data],
  );

  const report = (cell: MatrixCell | null) => {
    setCursor(cell);
    onHover?.(cell);
  };
  const cellOf = (e: { target: EventTarget; clientX: number; clientY: number }) => {
    const target = e.target;
    if (target instanceof HTMLCanvasElement) {
      const rect = target.getBoundingClientRect();
      const col = Math.floor(((e.clientX - rect.left) / rect.width) * cols);
      const row = Math.floor(((e.clientY - rect.top) / rect.height) * rows);
      return row >= 0 && row < rows && col >= 0 && col < cols ? { row, col } : null;
    }
    if (!(target instanceof HTMLElement) || target.dataset.r === undefined) return null;
    return { row: Number(target.dataset.r), col: Number(target.dataset.c) };
  };
  const interactive = !!(onHover ?? onSelect);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = cursor ?? { row: 0, col: 0 };
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[e.key];
    if (move) {
      report({
        row: Math.min(rows - 1, Math.max(0, at.row + move[0])),
        col: Math.min(cols - 1, Math.max(0, at.col + move[1])),
      });
    } else if ((e.key === 'Enter' || e.key === ' ') && onSelect) {
      onSelect(at);
    } else {
      return;
    }
    // The arrow keys move the cursor here, not the lesson's step.
    e.preventDefault();
    e.stopPropagation();
  };

  const tip = cursor ? data[cursor.row * cols + cursor.col] : undefined;
  const tipText = (cell: MatrixCell, v: number) => {
    const r = rowLabels[cell.row] ?? String(cell.row);
    const c = colLabels?.[cell.col] ?? String(cell.col);
    const value = v === -Infinity ? '−∞' : formatValue(v, 5);
    return describe ? describe(r, c, value) : `${r} · ${c} = ${value}`;
  };

  return (
    <figure
      className="token-heatmap"
      data-testid={testId}
      data-values={values}
      data-export={exportName}
      data-export-label={exportName ? label : undefined}
      style={{ '--scale': scale } as CSSProperties}
    >
      <div className="tkh-head">
        <figcaption>{label}</figcaption>
        {legend && <ColorLegend colormap={colormap} range={range} label={legend.label} />}
        {legend?.masked && (
          <span className="tkh-masked-key" data-testid={testId && `${testId}.masked-key`}>
            <span className="tkh-masked-swatch" aria-hidden="true" />
            {legend.masked}
          </span>
        )}
      </div>
      <div className="tkh-scroll">
        <div
          className={interactive ? 'tkh-grid interactive' : 'tkh-grid'}
          style={{
            gridTemplateColumns: `auto repeat(${cols}, var(--cell))`,
            gridTemplateRows: `auto repeat(${rows}, var(--cell))`,
            ...({ '--label-every': tokenEvery } as CSSProperties),
          }}
          role="img"
          aria-label={label}
          tabIndex={interactive ? 0 : undefined}
          onPointerMove={interactive ? (e: PointerEvent) => report(cellOf(e)) : undefined}
          onPointerLeave={interactive ? () => report(null) : undefined}
          onClick={
            onSelect
              ? (e) => {
                  const cell = cellOf(e);
                  if (cell) onSelect(cell);
                }
              : undefined
          }
          onKeyDown={interactive ? onKeyDown : undefined}
          onFocus={interactive ? () => report(cursor ?? { row: 0, col: 0 }) : undefined}
          onBlur={interactive ? () => report(null) : undefined}
        >
          {Array.from({ length: cols }, (_, c) => (
            <span
              key={`c${c}`}
              className={c === highlightCol ? 'tkh-label col on' : 'tkh-label col'}
              style={{ gridRow: 1, gridColumn: c + 2 }}
              aria-hidden="true"
            >
              {colLabels ? (c % tokenEvery === 0 ? colLabels[c] : '') : c % every === 0 ? c : ''}
            </span>
          ))}
          {Array.from({ length: rows }, (_, r) => (
            <span
              key={`r${r}`}
              className={r === highlightRow ? 'tkh-label row on' : 'tkh-label row'}
              style={{ gridRow: r + 2, gridColumn: 1 }}
              aria-hidden="true"
            >
              {r % tokenEvery === 0 ? rowLabels[r] : ''}
            </span>
          ))}
          {cells ?? (
            <canvas
              ref={canvas}
              className="tkh-canvas"
              width={cols}
              height={rows}
              style={{ gridRow: `2 / span ${rows}`, gridColumn: `2 / span ${cols}` }}
            />
          )}
          {highlightRow != null && highlightRow < rows && (
            <span
              className="tkh-band"
              style={{ gridRow: highlightRow + 2, gridColumn: `2 / span ${cols}` }}
            />
          )}
          {highlightCol != null && highlightCol < cols && (
            <span
              className="tkh-band"
              style={{ gridRow: `2 / span ${rows}`, gridColumn: highlightCol + 2 }}
            />
          )}
          {marked && marked.row < rows && marked.col < cols && (
            <span
              className="tkh-mark"
              style={{ gridRow: marked.row + 2, gridColumn: marked.col + 2 }}
            />
          )}
          {cursor && (
            <span
              className="tkh-cursor"
              style={{ gridRow: cursor.row + 2, gridColumn: cursor.col + 2 }}
            />
          )}
        </div>
      </div>
      <p className="tkh-tip" role="status">
        {cursor && tip !== undefined ? tipText(cursor, tip) : ' '}
      </p>
    </figure>
  );
}
