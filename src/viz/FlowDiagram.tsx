import type { KeyboardEvent } from 'react';

/**
 * The overview diagram every lesson shares ("you are here"): boxes on a grid of columns and
 * rows, arrows for the forward flow and dashed arrows for gradients flowing back. The current
 * box is filled, lit boxes and edges are outlined (slow motion, the walk), and a box with
 * `onSelect` is a button (click, Enter or space).
 */
export interface FlowNode {
  id: string;
  /** Short label drawn in the box (plain text: Unicode sub/superscripts, no TeX). */
  label: string;
  /** A second, smaller line (a shape, a value). */
  sub?: string;
  col: number;
  row: number;
  /** Width in columns (default 1). */
  span?: number;
  /** data: tensors and samples; op: a computation; net: a network; loss: a loss value. */
  kind?: 'data' | 'op' | 'net' | 'loss';
  /** Accessible name when it differs from the label. */
  name?: string;
}

export interface FlowEdge {
  from: string;
  to: string;
  /** backward: a gradient flowing back (dashed, drawn under the boxes' row). */
  kind?: 'forward' | 'backward';
}

export interface FlowDiagramProps {
  nodes: readonly FlowNode[];
  edges: readonly FlowEdge[];
  current?: string | null;
  /** Boxes and edges (`from>to`) lit by the walk or slow motion. */
  lit?: readonly string[];
  onSelect?: (id: string) => void;
  /** Which boxes are steps you can go to (default: all, when onSelect is given). */
  selectable?: (id: string) => boolean;
  label: string;
  testIdPrefix: string;
  /** Column width and row height in SVG units (the SVG scales to the width it gets). */
  cell?: { w: number; h: number };
}

const GAP_X = 14;
const GAP_Y = 14;

export function FlowDiagram({
  nodes,
  edges,
  current = null,
  lit = [],
  onSelect,
  selectable,
  label,
  testIdPrefix,
  cell = { w: 104, h: 50 },
}: FlowDiagramProps) {
  const cols = Math.max(...nodes.map((n) => n.col + (n.span ?? 1)));
  const rows = Math.max(...nodes.map((n) => n.row + 1));
  const width = cols * cell.w;
  const height = rows * cell.h + (edges.some((e) => e.kind === 'backward') ? 18 : 0);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const box = (n: FlowNode) => {
    const x = n.col * cell.w + GAP_X / 2;
    const y = n.row * cell.h + GAP_Y / 2;
    return { x, y, w: (n.span ?? 1) * cell.w - GAP_X, h: cell.h - GAP_Y };
  };
  const litSet = new Set(lit);

  const path = (e: FlowEdge): string | null => {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) return null;
    const A = box(a);
    const B = box(b);
    if (e.kind === 'backward') {
      // Under the boxes: from the bottom of `from` back to the bottom of `to`.
      const y0 = A.y + A.h;
      const y1 = B.y + B.h;
      const low = Math.max(y0, y1) + 14;
      const x0 = A.x + A.w / 2 - 8;
      const x1 = B.x + B.w / 2 + 8;
      return `M${x0},${y0} C${x0},${low} ${x1},${low} ${x1},${y1 + 2}`;
    }
    if (b.col >= a.col + (a.span ?? 1)) {
      const x0 = A.x + A.w;
      const y0 = A.y + A.h / 2;
      const x1 = B.x - 2;
      const y1 = B.y + B.h / 2;
      const mx = (x0 + x1) / 2;
      return `M${x0},${y0} C${mx},${y0} ${mx},${y1} ${x1},${y1}`;
    }
    if (b.row === a.row && b.col + (b.span ?? 1) <= a.col) {
      // Right to left on the same row (the second row of a snake).
      const x0 = A.x;
      const y0 = A.y + A.h / 2;
      const x1 = B.x + B.w + 2;
      return `M${x0},${y0} L${x1},${y0}`;
    }
    // Same column (or wrapping to the next row): from the bottom of one to the top of the other.
    const down = b.row > a.row;
    const x0 = A.x + A.w / 2;
    const y0 = down ? A.y + A.h : A.y;
    const x1 = B.x + B.w / 2;
    const y1 = down ? B.y - 2 : B.y + B.h + 2;
    const my = (y0 + y1) / 2;
    return `M${x0},${y0} C${x0},${my} ${x1},${my} ${x1},${y1}`;
  };

  const canSelect = (id: string) => !!onSelect && (selectable ? selectable(id) : true);
  const onKey = (id: string) => (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopPropagation();
    onSelect?.(id);
  };

  return (
    <svg
      className="flow"
      viewBox={`0 0 ${width} ${height}`}
      role="group"
      aria-label={label}
      data-testid={testIdPrefix}
      preserveAspectRatio="xMidYMid meet"
    >
      <defs>
        <marker
          id={`${testIdPrefix}-arrow`}
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L8,4 L0,8 z" className="flow-arrowhead" />
        </marker>
        <marker
          id={`${testIdPrefix}-arrow-back`}
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L8,4 L0,8 z" className="flow-arrowhead back" />
        </marker>
      </defs>
      {edges.map((e) => {
        const d = path(e);
        if (!d) return null;
        const key = `${e.from}>${e.to}`;
        const back = e.kind === 'backward';
        return (
          <path
            key={`${key}-${e.kind ?? 'f'}`}
            d={d}
            className={`flow-edge${back ? ' back' : ''}${litSet.has(key) ? ' lit' : ''}`}
            markerEnd={`url(#${testIdPrefix}-arrow${back ? '-back' : ''})`}
            data-testid={`${testIdPrefix}.edge.${key}`}
          />
        );
      })}
      {nodes.map((n) => {
        const b = box(n);
        const isCurrent = n.id === current;
        const cls = [
          'flow-node',
          n.kind ?? 'op',
          isCurrent ? 'current' : '',
          litSet.has(n.id) ? 'lit' : '',
          canSelect(n.id) ? 'selectable' : '',
        ]
          .filter(Boolean)
          .join(' ');
        const sel = canSelect(n.id);
        const text = n.sub ? (
          <>
            <text x={b.x + b.w / 2} y={b.y + b.h / 2 - 3} className="flow-label">
              {n.label}
            </text>
            <text x={b.x + b.w / 2} y={b.y + b.h / 2 + 12} className="flow-sub">
              {n.sub}
            </text>
          </>
        ) : (
          <text x={b.x + b.w / 2} y={b.y + b.h / 2 + 5} className="flow-label">
            {n.label}
          </text>
        );
        return (
          <g
            key={n.id}
            className={cls}
            role={sel ? 'button' : 'img'}
            tabIndex={sel ? 0 : undefined}
            aria-label={n.name ?? (n.sub ? `${n.label} (${n.sub})` : n.label)}
            aria-current={isCurrent ? 'step' : undefined}
            onClick={sel ? () => onSelect?.(n.id) : undefined}
            onKeyDown={sel ? onKey(n.id) : undefined}
            data-testid={`${testIdPrefix}.node.${n.id}`}
            data-current={isCurrent || undefined}
            data-lit={litSet.has(n.id) || undefined}
          >
            <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={8} />
            {text}
          </g>
        );
      })}
    </svg>
  );
}
