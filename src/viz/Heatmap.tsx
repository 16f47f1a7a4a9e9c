import { useEffect, useRef, useState, type MouseEvent, type PointerEvent } from 'react';
import { paintValues, type ColormapName } from './colormap';
import { formatValue } from './format';

export interface HeatmapProps {
  /** [height·width], row-major. */
  data: ArrayLike<number>;
  width: number;
  height: number;
  range: readonly [number, number];
  colormap: ColormapName;
  /** Accessible name of the picture. */
  label: string;
  /** CSS size of the drawn square, e.g. "6rem". */
  size?: string;
  /** Show the value under the pointer. */
  hoverValues?: boolean;
  /** Told the cell under the pointer or keyboard cursor (null when it leaves). */
  onCellHover?: (cell: { row: number; col: number } | null) => void;
  /** Makes cells clickable (pointer or Enter on the focused map, which picks the hovered/centre cell). */
  onCellClick?: (row: number, col: number) => void;
  /** A rectangle of cells to outline, e.g. a receptive field (may extend past the edges into padding). */
  highlight?: { row: number; col: number; height: number; width: number } | null;
  /** A single cell to mark, e.g. the selected unit. */
  marked?: { row: number; col: number } | null;
  testId?: string;
  /** Names the figure for export (`data-export`): PNG / SVG in the export dialog. */
  exportName?: string;
}

/** A matrix drawn as coloured cells (one canvas pixel per cell, scaled up without smoothing). */
export function Heatmap({
  data,
  width,
  height,
  range,
  colormap,
  label,
  size,
  hoverValues,
  onCellHover,
  onCellClick,
  highlight,
  marked,
  testId,
  exportName,
}: HeatmapProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHoverState] = useState<{ row: number; col: number } | null>(null);
  const hoverRef = useRef(onCellHover);
  useEffect(() => {
    hoverRef.current = onCellHover;
  });
  const setHover = (
    next:
      | { row: number; col: number }
      | null
      | ((h: { row: number; col: number } | null) => { row: number; col: number } | null),
  ) =>
    setHoverState((h) => {
      const cell = typeof next === 'function' ? next(h) : next;
      if (cell?.row !== h?.row || cell?.col !== h?.col)
        queueMicrotask(() => hoverRef.current?.(cell));
      return cell;
    });

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(width, height);
    paintValues(img.data, data, range, colormap);
    ctx.putImageData(img, 0, 0);
  }, [data, width, height, range, colormap]);

  const cellAt = (e: MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const col = Math.floor(((e.clientX - rect.left) / rect.width) * width);
    const row = Math.floor(((e.clientY - rect.top) / rect.height) * height);
    return col >= 0 && col < width && row >= 0 && row < height ? { row, col } : null;
  };
  const onMove = (e: PointerEvent<HTMLCanvasElement>) => setHover(cellAt(e));
  const box = (row: number, col: number, h: number, w: number) => ({
    left: `${(col / width) * 100}%`,
    top: `${(row / height) * 100}%`,
    width: `${(w / width) * 100}%`,
    height: `${(h / height) * 100}%`,
  });

  return (
    <div className="heatmap" style={{ width: size }}>
      <canvas
        ref={ref}
        width={width}
        height={height}
        role={onCellClick ? 'button' : 'img'}
        aria-label={label}
        data-testid={testId}
        data-export={exportName}
        data-export-label={exportName ? label : undefined}
        className={onCellClick ? 'clickable' : undefined}
        tabIndex={onCellClick ? 0 : undefined}
        onPointerMove={hoverValues || onCellClick || onCellHover ? onMove : undefined}
        onPointerLeave={
          hoverValues || onCellClick || onCellHover ? () => setHover(null) : undefined
        }
        onClick={
          onCellClick
            ? (e) => {
                const cell = cellAt(e);
                if (cell) onCellClick(cell.row, cell.col);
              }
            : undefined
        }
        onFocus={
          onCellClick
            ? () =>
                setHover((h) => h ?? { row: Math.floor(height / 2), col: Math.floor(width / 2) })
            : undefined
        }
        onBlur={onCellClick ? () => setHover(null) : undefined}
        onKeyDown={
          onCellClick
            ? (e) => {
                // Arrow keys move a cursor over the cells; Enter or space opens the cell.
                const at = hover ?? { row: Math.floor(height / 2), col: Math.floor(width / 2) };
                const moves: Record<string, [number, number]> = {
                  ArrowUp: [-1, 0],
                  ArrowDown: [1, 0],
                  ArrowLeft: [0, -1],
                  ArrowRight: [0, 1],
                };
                const move = moves[e.key];
                if (move) {
                  setHover({
                    row: Math.min(height - 1, Math.max(0, at.row + move[0])),
                    col: Math.min(width - 1, Math.max(0, at.col + move[1])),
                  });
                } else if (e.key === 'Enter' || e.key === ' ') {
                  onCellClick(at.row, at.col);
                } else {
                  return;
                }
                e.preventDefault();
                e.stopPropagation();
              }
            : undefined
        }
      />
      {highlight && (
        <span
          className="heatmap-window"
          style={box(highlight.row, highlight.col, highlight.height, highlight.width)}
        />
      )}
      {marked && <span className="heatmap-mark" style={box(marked.row, marked.col, 1, 1)} />}
      {hover && onCellClick && (
        <span className="heatmap-cursor" style={box(hover.row, hover.col, 1, 1)} />
      )}
      {hover && (hoverValues || onCellClick) && (
        <span className="heatmap-tip" role="status">
          [{hover.row}, {hover.col}] = {formatValue(data[hover.row * width + hover.col] ?? 0, 4)}
        </span>
      )}
    </div>
  );
}
