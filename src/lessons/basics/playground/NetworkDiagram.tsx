/**
 * The playground's overview: the network drawn column by column — the input features, each
 * hidden layer, the output — with every neuron's output over the plane as a small heatmap and
 * every weight as an edge (colour: sign on the diverging scale; thickness: |w|; hover shows
 * the value, and focusing or hovering a neuron lists the weights into it). The part of the
 * network the current step is about is lit ("you are here").
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cssColor, symmetricRange } from '../../../viz/colormap';
import { formatValue } from '../../../viz/format';
import { Heatmap } from '../../../viz/Heatmap';
import type { PlaygroundStep } from './lessonParts';

export interface NeuronMap {
  /** [size²] the neuron's output over the plane, row-major from the top. */
  values: Float32Array;
  label: string;
}

export interface NetworkDiagramProps {
  /** Per column (inputs, hidden layers, output): its neurons' maps. */
  columns: NeuronMap[][];
  gridSize: number;
  /** Per layer after the input: weight [out, in] row-major. */
  weights: Float32Array[];
  step: PlaygroundStep;
  /** The weight the stepper follows: layer, to, from. */
  followed: { layer: number; to: number; from: number } | null;
  onFollow: (w: { layer: number; to: number; from: number }) => void;
}

const COL_W = 150;
const ROW_H = 46;
const CELL = 40;

const rangeOf = (v: Float32Array): [number, number] => {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of v) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return symmetricRange([lo, hi]);
};

export function NetworkDiagram({
  columns,
  gridSize,
  weights,
  step,
  followed,
  onFollow,
}: NetworkDiagramProps) {
  const { t } = useTranslation();
  const [hover, setHover] = useState<{ col: number; row: number } | null>(null);
  const rows = Math.max(...columns.map((c) => c.length));
  const W = columns.length * COL_W;
  const H = rows * ROW_H;
  const at = (col: number, row: number) => ({
    x: (col + 0.5) * COL_W,
    y: H / 2 + (row - (columns[col]!.length - 1) / 2) * ROW_H,
  });
  const maxW = useMemo(
    () => Math.max(1e-6, ...weights.map((w) => w.reduce((m, v) => Math.max(m, Math.abs(v)), 0))),
    [weights],
  );
  const lit = step === 'forward' || step === 'loss' ? 'forward' : step === 'train' ? null : 'back';
  const inbound = hover && hover.col > 0 ? weights[hover.col - 1] : null;
  const hoverName = hover ? columns[hover.col]![hover.row]!.label : '';

  return (
    <div className="pg-net" data-testid="basics.playground.net" data-lit={lit ?? 'none'}>
      <div
        className="pg-net-area"
        style={{
          aspectRatio: `${W} / ${H}`,
          width: `min(100%, calc(min(${Math.min(rows * 2.6, 12).toFixed(1)}rem, 24vh) * ${(W / H).toFixed(3)}))`,
        }}
      >
        <svg
          className="pg-net-edges"
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          {weights.map((w, l) => {
            const nIn = columns[l]!.length;
            return Array.from(w, (v, k) => {
              const to = Math.floor(k / nIn);
              const from = k % nIn;
              const a = at(l, from);
              const b = at(l + 1, to);
              const isFollowed =
                followed?.layer === l && followed.to === to && followed.from === from;
              const isHover =
                (hover?.col === l + 1 && hover.row === to) ||
                (hover?.col === l && hover.row === from);
              return (
                <line
                  key={`${l}-${k}`}
                  x1={a.x + CELL / 2}
                  y1={a.y}
                  x2={b.x - CELL / 2}
                  y2={b.y}
                  stroke={cssColor('diverging', 0.5 + (0.5 * v) / maxW)}
                  strokeWidth={0.5 + (4 * Math.abs(v)) / maxW + (isFollowed ? 2 : 0)}
                  vectorEffect="non-scaling-stroke"
                  className={[isFollowed ? 'followed' : '', isHover ? 'hover' : ''].join(' ')}
                  onClick={() => onFollow({ layer: l, to, from })}
                >
                  <title>
                    {t('basics.playground.net.weight', {
                      from: columns[l]![from]!.label,
                      to: columns[l + 1]![to]!.label,
                      value: formatValue(v, 4),
                    })}
                  </title>
                </line>
              );
            });
          })}
        </svg>
        {columns.map((col, c) =>
          col.map((n, r) => {
            const p = at(c, r);
            return (
              <button
                type="button"
                key={`${c}-${r}`}
                className={`pg-neuron${hover?.col === c && hover.row === r ? ' hover' : ''}`}
                style={{
                  left: `${((p.x - CELL / 2) / W) * 100}%`,
                  top: `${((p.y - CELL / 2) / H) * 100}%`,
                  width: `${(CELL / W) * 100}%`,
                }}
                aria-label={n.label}
                data-testid={`basics.playground.neuron.${c}.${r}`}
                onMouseEnter={() => setHover({ col: c, row: r })}
                onMouseLeave={() => setHover(null)}
                onFocus={() => setHover({ col: c, row: r })}
                onBlur={() => setHover(null)}
                onClick={() => {
                  if (c > 0) onFollow({ layer: c - 1, to: r, from: 0 });
                }}
              >
                <Heatmap
                  data={n.values}
                  width={gridSize}
                  height={gridSize}
                  range={c === columns.length - 1 ? [-1, 1] : rangeOf(n.values)}
                  colormap="diverging"
                  label={n.label}
                  size="100%"
                />
              </button>
            );
          }),
        )}
      </div>
      <p className="pg-net-note" aria-live="polite" data-testid="basics.playground.net.note">
        {hover && inbound
          ? t('basics.playground.net.inbound', {
              neuron: hoverName,
              weights: Array.from(
                { length: columns[hover.col - 1]!.length },
                (_, i) =>
                  `${columns[hover.col - 1]![i]!.label}: ${formatValue(inbound[hover.row * columns[hover.col - 1]!.length + i]!, 3)}`,
              ).join(', '),
            })
          : hover
            ? hoverName
            : t('basics.playground.net.hint')}
      </p>
    </div>
  );
}
