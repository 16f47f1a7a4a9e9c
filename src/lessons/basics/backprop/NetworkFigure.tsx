/**
 * The network, drawn large (SVG): neurons as circles with their value, weights as edges
 * coloured on the diverging scale and as thick as they are large, the current neuron or edge
 * lit ("you are here"), and, once the backward pass reaches them, gradients as dashed arrows
 * flowing against the forward direction with δ under each neuron.
 */
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackpropAnswer } from '../../../core/backprop';
import { ColorLegend } from '../../../viz/ColorLegend';
import { cssColor, normalize } from '../../../viz/colormap';
import { formatValue } from '../../../viz/format';
import type { BackpropConfig } from './config';
import type { BackpropStep } from './lessonParts';

const LEFT = 50;
const RIGHT = 190;
const TOP = 48;
const BOTTOM = 24;
const LOSS_W = 124;
/** Vertical distance between neurons by the largest layer's size: the drawing is as tall as it needs, and wide nets stay wider than tall. */
const spacingFor = (n: number) => (n <= 3 ? 70 : n <= 5 ? 58 : 48);

export interface Edge {
  l: number;
  j: number;
  i: number;
}

/** Index of each step by key, so "is this computed yet" is one comparison. */
export function stepKey(s: BackpropStep): string {
  switch (s.kind) {
    case 'forward':
      return `f:${s.l}:${s.j}`;
    case 'loss':
      return 'loss';
    case 'delta':
      return `d:${s.l}:${s.j}`;
    case 'weight':
      return `w:${s.l}:${s.j}:${s.i}`;
    case 'bias':
      return `b:${s.l}:${s.j}`;
    case 'update':
      return `u:${s.l}`;
  }
}

export interface NetworkFigureProps {
  config: BackpropConfig;
  result: BackpropAnswer;
  steps: readonly BackpropStep[];
  step: number;
  selected: Edge | null;
  onSelectEdge: (e: Edge) => void;
  onSelectNeuron: (l: number, j: number) => void;
  /** A phone's width: a narrower drawing. */
  narrow?: boolean;
}

const fmt = (v: number) => formatValue(v, 3);

export function NetworkFigure({
  config,
  result,
  steps,
  step,
  selected,
  onSelectEdge,
  onSelectNeuron,
  narrow = false,
}: NetworkFigureProps) {
  const { t } = useTranslation();
  const index = new Map(steps.map((s, n) => [stepKey(s), n]));
  const done = (key: string) => (index.get(key) ?? Infinity) <= step;
  const cur = steps[step]!;
  const sizes = config.sizes;
  const layers = sizes.length - 1;
  const colX = (l: number) => LEFT + (l * (W - LEFT - RIGHT)) / layers;
  // Narrower on a phone, so the drawing is not scaled down to unreadable text.
  const W = narrow ? 500 : 720;
  const most = Math.max(2, ...sizes);
  const spacing = spacingFor(most);
  const H = TOP + BOTTOM + most * spacing;
  const r = Math.min(25, spacing * 0.4);
  const rowY = (l: number, j: number) =>
    TOP + (H - TOP - BOTTOM) / 2 + (j - (sizes[l]! - 1) / 2) * spacing;
  const weightOf = (l: number, j: number, i: number) =>
    done(`u:${l}`) ? result.weightsAfter[l - 1]![j]![i]! : config.weights[l - 1]![j]![i]!;
  let m = 0;
  for (let l = 1; l <= layers; l++)
    for (let j = 0; j < sizes[l]!; j++)
      for (let i = 0; i < sizes[l - 1]!; i++) m = Math.max(m, Math.abs(weightOf(l, j, i)));
  m ||= 1;

  const value = (l: number, j: number): number | null =>
    l === 0 ? config.x[j]! : done(`f:${l}:${j}`) ? result.a[l - 1]![j]! : null;

  const isLitEdge = (l: number, j: number, i: number): boolean => {
    switch (cur.kind) {
      case 'forward':
        return cur.l === l && cur.j === j;
      case 'delta':
        return cur.l + 1 === l && i === cur.j;
      case 'weight':
        return cur.l === l && cur.j === j && cur.i === i;
      case 'update':
        return cur.l === l;
      default:
        return false;
    }
  };
  const isLitNeuron = (l: number, j: number): 'current' | 'lit' | null => {
    switch (cur.kind) {
      case 'forward':
        if (cur.l === l && cur.j === j) return 'current';
        return cur.l - 1 === l ? 'lit' : null;
      case 'loss':
        return l === layers ? 'lit' : null;
      case 'delta':
        if (cur.l === l && cur.j === j) return 'current';
        return cur.l + 1 === l ? 'lit' : null;
      case 'weight':
        if (cur.l === l && cur.j === j) return 'current';
        return cur.l - 1 === l && cur.i === j ? 'lit' : null;
      case 'bias':
        return cur.l === l && cur.j === j ? 'current' : null;
      case 'update':
        return null;
    }
  };
  const anyLit = cur.kind !== 'loss' && cur.kind !== 'bias';
  const backward = !['forward', 'loss'].includes(cur.kind);

  const edges = [];
  const flows = [];
  const labels = [];
  for (let l = 1; l <= layers; l++)
    for (let j = 0; j < sizes[l]!; j++)
      for (let i = 0; i < sizes[l - 1]!; i++) {
        const [x1, y1, x2, y2] = [colX(l - 1) + r, rowY(l - 1, i), colX(l) - r, rowY(l, j)];
        const w = weightOf(l, j, i);
        const lit = isLitEdge(l, j, i);
        const isSelected = selected?.l === l && selected.j === j && selected.i === i;
        const name = `w(${l})${j + 1}${i + 1}`;
        edges.push(
          <g
            key={`e${l}-${j}-${i}`}
            className={[
              'bp-edge',
              lit ? 'lit' : anyLit ? 'dim' : '',
              isSelected ? 'selected' : '',
            ].join(' ')}
            onClick={() => onSelectEdge({ l, j, i })}
            data-testid={`basics.backprop.edge.${l}.${j}.${i}`}
            data-value={w}
          >
            <title>{t('basics.backprop.edgeTitle', { name, value: fmt(w) })}</title>
            {(lit || isSelected) && <line className="bp-halo" x1={x1} y1={y1} x2={x2} y2={y2} />}
            <line className="bp-base" x1={x1} y1={y1} x2={x2} y2={y2} />
            <line
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              stroke={cssColor('diverging', normalize(w, [-m, m], 'diverging'))}
              strokeWidth={1.5 + (5 * Math.abs(w)) / m}
              strokeLinecap="round"
            />
            <line className="bp-hit" x1={x1} y1={y1} x2={x2} y2={y2} />
          </g>,
        );
        if (done(`w:${l}:${j}:${i}`) && backward && !done(`u:${l}`)) {
          const [mx, my] = [(x1 + x2) / 2, (y1 + y2) / 2];
          const ang = (Math.atan2(y1 - y2, x1 - x2) * 180) / Math.PI;
          flows.push(
            <g key={`g${l}-${j}-${i}`} className="bp-flow" aria-hidden="true">
              <line x1={x2} y1={y2} x2={x1} y2={y1} />
              <path
                d="M 7 0 L -5 -5 L -5 5 Z"
                transform={`translate(${mx} ${my}) rotate(${ang})`}
              />
            </g>,
          );
        }
        // Labels on the current step's edges: the weight forward, ∂L/∂w backward.
        const label =
          cur.kind === 'forward' && lit
            ? `w = ${fmt(w)}`
            : cur.kind === 'delta' && lit
              ? `w = ${fmt(w)}`
              : cur.kind === 'weight' && lit
                ? `∂L/∂w = ${fmt(result.dW[l - 1]![j]![i]!)}`
                : null;
        if (label) {
          const f = cur.kind === 'delta' ? 0.72 : cur.kind === 'weight' ? 0.5 : 0.3;
          labels.push(
            <text
              key={`l${l}-${j}-${i}`}
              className="bp-edge-label"
              x={x1 + (x2 - x1) * f}
              y={y1 + (y2 - y1) * f - 6}
              data-testid={`basics.backprop.edge-label.${l}.${j}.${i}`}
            >
              {label}
            </text>,
          );
        }
      }

  const neurons = [];
  for (let l = 0; l <= layers; l++)
    for (let j = 0; j < sizes[l]!; j++) {
      const [cx, cy] = [colX(l), rowY(l, j)];
      const v = value(l, j);
      const lit = isLitNeuron(l, j);
      const delta = l > 0 && done(`d:${l}:${j}`) ? result.dz[l - 1]![j]! : null;
      const name = l === 0 ? `x${j + 1}` : `a(${l})${j + 1}`;
      const select = () => onSelectNeuron(l, j);
      const onKey = (e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          select();
        }
      };
      neurons.push(
        <g
          key={`n${l}-${j}`}
          className={[
            'bp-neuron',
            lit ?? '',
            v === null ? 'unknown' : '',
            l === 0 ? 'input' : '',
          ].join(' ')}
          role={l > 0 ? 'button' : undefined}
          tabIndex={l > 0 ? 0 : undefined}
          aria-label={
            l > 0
              ? t('basics.backprop.neuronLabel', { name, value: v === null ? '?' : fmt(v) })
              : undefined
          }
          onClick={l > 0 ? select : undefined}
          onKeyDown={l > 0 ? onKey : undefined}
          data-testid={`basics.backprop.neuron.${l}.${j}`}
          data-value={v ?? ''}
          data-delta={delta ?? ''}
        >
          <circle cx={cx} cy={cy} r={r} />
          <text className="bp-value" x={cx} y={cy} fontSize={Math.max(10, r * 0.62)}>
            {v === null ? '?' : fmt(v)}
          </text>
          {delta !== null && (
            <text className="bp-delta" x={cx} y={cy + r + 12}>
              δ = {fmt(delta)}
            </text>
          )}
        </g>,
      );
    }

  // Two short lines per column head (the layer, then its activation), so six columns fit.
  const heads = Array.from({ length: layers + 1 }, (_, l) => {
    const [name, fn] =
      l === 0
        ? [t('basics.backprop.layerInput'), '']
        : l === layers
          ? [t('basics.backprop.layerOutput'), t(`basics.backprop.fn.${config.output}`)]
          : [
              t('basics.backprop.layerHidden', { n: l }),
              t(`basics.backprop.fn.${config.activation}`),
            ];
    return (
      <text key={`h${l}`} className="bp-head" x={colX(l)} y={15}>
        <tspan>{name}</tspan>
        {fn && (
          <tspan className="bp-head-fn" x={colX(l)} dy={16}>
            {fn}
          </tspan>
        )}
      </text>
    );
  });

  // The loss box, right of the output layer.
  const lx = colX(layers) + r + 30;
  const lossKnown = done('loss');
  const outY = rowY(layers, 0);
  const lastY = rowY(layers, sizes[layers]! - 1);
  const ly = (outY + lastY) / 2;
  const lossLit =
    cur.kind === 'loss' ? 'current' : cur.kind === 'delta' && cur.l === layers ? 'lit' : '';
  const target = `y = ${config.y.map(fmt).join(', ')}`;
  const lossFlow = done(`d:${layers}:0`) && backward;

  return (
    <div className="bp-figure">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="bp-net"
        role="img"
        aria-label={t('basics.backprop.figureLabel', { sizes: sizes.join('-') })}
        data-testid="basics.backprop.network"
      >
        {heads}
        <g>{edges}</g>
        {Array.from({ length: sizes[layers]! }, (_, k) => (
          <line
            key={`o${k}`}
            className={lossFlow ? 'bp-loss-link flowing' : 'bp-loss-link'}
            x1={lx}
            y1={ly}
            x2={colX(layers) + r}
            y2={rowY(layers, k)}
          />
        ))}
        <g>{flows}</g>
        <g>{neurons}</g>
        <g className={`bp-loss ${lossLit}`} data-testid="basics.backprop.loss-node">
          <rect x={lx} y={ly - 30} width={LOSS_W} height={60} rx={8} />
          <text x={lx + LOSS_W / 2} y={ly - 8}>
            L = {lossKnown ? fmt(result.loss) : '?'}
          </text>
          <text
            x={lx + LOSS_W / 2}
            y={ly + 16}
            className="bp-target"
            // A long list of targets is squeezed into the box rather than overflowing it.
            textLength={target.length > 14 ? LOSS_W - 12 : undefined}
            lengthAdjust="spacingAndGlyphs"
          >
            {target}
          </text>
        </g>
        {labels}
      </svg>
      <div className="bp-legend">
        <ColorLegend colormap="diverging" range={[-m, m]} label={t('basics.backprop.legend')} />
        <p>
          <span>{t('basics.backprop.legend')}</span>
          {backward && <span className="bp-legend-flow">{t('basics.backprop.legendFlow')}</span>}
        </p>
      </div>
    </div>
  );
}
