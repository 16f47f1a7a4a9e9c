import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { extent } from '../../../core/tensor';
import { symmetricRange } from '../../../viz/colormap';
import { LineChart } from '../../../viz/LineChart';
import { TokenHeatmap, type MatrixCell } from '../../../viz/TokenHeatmap';
import { NextTokenBars } from './NextToken';
import { nextLogits, showToken, sliceOutput, type Matrix, type TransformerRun } from './run';
import {
  headOutput,
  layerOutput,
  type HeadPart as HeadKind,
  type LayerPart as LayerKind,
} from '../../../runtime/transformer';
import type { ModelStepId } from './steps';
import type { SamplingConfig } from './config';

/** Which token a matrix's rows (and columns) belong to, for cross-view highlighting. */
type RowRole = 'query' | 'key';

export interface Focus {
  /** Query position (row of the attention matrix). */
  row: number | null;
  /** Key position (column of the attention matrix). */
  col: number | null;
}

export interface StepBodyProps {
  step: ModelStepId;
  run: TransformerRun;
  layer: number;
  head: number;
  sampling: SamplingConfig;
  focus: Focus;
  locked: MatrixCell | null;
  onHover: (cell: MatrixCell | null) => void;
  onSelect: (cell: MatrixCell) => void;
  /** Why there is no next token (the toy's answer is complete), or null. */
  ended?: string | null;
}

const upper = (r: number, c: number) => c > r;

const finiteRange = (data: ArrayLike<number>): [number, number] => {
  const finite = Array.from(data).filter(Number.isFinite);
  return finite.length ? extent(finite) : [0, 1];
};

/** The cell size of the step's figure: its matrices share the stage's width and height. */
function Figure({
  units,
  rows,
  count,
  main = units,
  children,
}: {
  /** Columns of the step's own (largest) matrix: on a phone each matrix gets the full width. */
  main?: number;
  /** Columns of all matrices side by side, each times its scale. */
  units: number;
  /** Rows of the tallest matrix. */
  rows: number;
  /** How many matrices (each has its row labels and gap). */
  count: number;
  children: ReactNode;
}) {
  return (
    <div
      className="attn-fig"
      style={
        { '--units': units, '--rows': rows, '--count': count, '--main': main } as CSSProperties
      }
    >
      {children}
    </div>
  );
}

/** One step of the forward pass: the model's own matrices for it, the step's own one largest. */
export function StepBody({
  step,
  run,
  layer,
  head,
  sampling,
  focus,
  locked,
  onHover,
  onSelect,
  ended = null,
}: StepBodyProps) {
  const { t } = useTranslation();
  const spec = run.spec;
  const labels = run.chars.map(showToken);
  const n = run.chars.length;
  const legend = (masked = false) => ({
    label: t('attn.model.legend'),
    masked: masked ? t('attn.model.maskedKey') : undefined,
  });
  const describe = (what: string) => (row: string, col: string, value: string) =>
    t('attn.model.tip', { what, row, col, value });

  /** A [n × d] matrix whose rows are tokens (queries, or keys for K and V). */
  const tokenRows = (name: string, title: string, role: RowRole = 'query', scale = 1) => {
    const m = sliceOutput(run, name);
    const row = role === 'query' ? focus.row : focus.col;
    return (
      <TokenHeatmap
        key={name}
        data={m.data}
        rows={m.rows}
        cols={m.cols}
        rowLabels={labels}
        range={symmetricRange(finiteRange(m.data))}
        colormap="diverging"
        label={title}
        scale={scale}
        legend={scale === 1 ? legend() : undefined}
        describe={(r, c, v) => t('attn.model.tipDim', { what: title, row: r, col: c, value: v })}
        highlightRow={row}
        onHover={(cell) =>
          onHover(
            cell &&
              (role === 'query'
                ? { row: cell.row, col: focus.col ?? cell.row }
                : { row: Math.max(cell.row, focus.row ?? cell.row), col: cell.row }),
          )
        }
        onSelect={(cell) =>
          onSelect(
            role === 'query'
              ? { row: cell.row, col: Math.min(cell.row, focus.col ?? cell.row) }
              : { row: Math.max(cell.row, focus.row ?? cell.row), col: cell.row },
          )
        }
        testId={`attention.model.m.${name}`}
        exportName={name}
      />
    );
  };

  /** An [n × n] attention matrix: rows are queries, columns keys. */
  const square = (kind: HeadKind, scale = 1) => {
    const name = headOutput(layer, head, kind);
    const m = sliceOutput(run, name, true);
    const probability = kind === 'weights';
    const hatched = kind === 'masked' || kind === 'weights';
    return (
      <TokenHeatmap
        key={name}
        data={m.data}
        rows={n}
        cols={n}
        rowLabels={labels}
        colLabels={labels}
        range={probability ? [0, 1] : symmetricRange(finiteRange(m.data))}
        colormap={probability ? 'viridis' : 'diverging'}
        label={t(`attn.model.matrix.${kind}`)}
        scale={scale}
        legend={scale === 1 ? legend(hatched) : undefined}
        describe={describe(t(`attn.model.what.${kind}`))}
        highlightRow={focus.row}
        highlightCol={focus.col}
        marked={locked}
        isMasked={hatched ? upper : undefined}
        onHover={onHover}
        onSelect={onSelect}
        testId={`attention.model.m.${name}`}
        exportName={name}
      />
    );
  };

  const head3 = (kind: HeadKind, role: RowRole = 'query', scale = 1) =>
    tokenRows(headOutput(layer, head, kind), t(`attn.model.matrix.${kind}`), role, scale);
  const layer3 = (kind: LayerKind, scale = 1) =>
    tokenRows(layerOutput(layer, kind), t(`attn.model.matrix.${kind}`), 'query', scale);
  const S = 0.4;
  const fig = (cols: [number, number][], children: ReactNode) => (
    <Figure
      units={cols.reduce((u, [c, s]) => u + c * s, 0)}
      main={Math.max(...cols.map(([c, s]) => c * s))}
      rows={n}
      count={cols.length}
    >
      {children}
    </Figure>
  );
  const { dK: dk, dV: dv, dModel: d, dFF: dff } = spec;
  const width = spec.heads * dv;

  switch (step) {
    case 'tokens':
      return (
        <ol className="attn-id-list" data-testid="attention.model.ids" data-ids={run.ids.join(',')}>
          {run.chars.map((c, i) => (
            <li
              key={i}
              className={
                [run.unknown[i] ? 'unknown' : '', i === focus.row ? 'query' : '']
                  .filter(Boolean)
                  .join(' ') || undefined
              }
            >
              <span className="attn-id-char">{showToken(c)}</span>
              <span className="attn-id-num">{run.ids[i]}</span>
            </li>
          ))}
        </ol>
      );
    case 'embed':
      return (
        <>
          {fig(
            [
              [d, S],
              [d, S],
              [d, 1],
            ],
            <>
              {tokenRows('tok_emb', t('attn.model.matrix.tok_emb'), 'query', S)}
              {tokenRows('pos_emb', t('attn.model.matrix.pos_emb'), 'query', S)}
              {tokenRows('embed', t('attn.model.matrix.embed'))}
            </>,
          )}
          {spec.positional === 'sinusoidal' && <PositionCurves run={run} />}
        </>
      );
    case 'qkv':
      return fig(
        [
          [dk, 1],
          [dk, 1],
          [dv, 1],
        ],
        <>
          {head3('q')}
          {head3('k', 'key')}
          {head3('v', 'key')}
        </>,
      );
    case 'scores':
      return fig(
        [
          [dk, S],
          [dk, S],
          [n, 1],
        ],
        <>
          {head3('q', 'query', S)}
          {head3('k', 'key', S)}
          {square('scores')}
        </>,
      );
    case 'scaled':
    case 'masked':
    case 'weights': {
      const before = step === 'scaled' ? 'scores' : step === 'masked' ? 'scaled' : 'masked';
      return fig(
        [
          [n, S],
          [n, 1],
        ],
        <>
          {square(before, S)}
          {square(step)}
        </>,
      );
    }
    case 'out':
      return fig(
        [
          [n, S],
          [dv, S],
          [dv, 1],
        ],
        <>
          {square('weights', S)}
          {head3('v', 'key', S)}
          {head3('out')}
        </>,
      );
    case 'concat':
      return fig([[width, 1]], layer3('concat'));
    case 'proj':
      return fig(
        [
          [width, S],
          [d, 1],
        ],
        <>
          {layer3('concat', S)}
          {layer3('proj')}
        </>,
      );
    case 'norm1':
    case 'norm2':
      return fig(
        [
          [d, S],
          [d, 1],
        ],
        <>
          {layer3(step === 'norm1' ? 'resid1' : 'resid2', S)}
          {layer3(step)}
        </>,
      );
    case 'mlp':
      return fig(
        [
          [dff, 0.25],
          [d, 1],
        ],
        <>
          {layer3('mlp_hidden', 0.25)}
          {layer3('mlp_out')}
        </>,
      );
    case 'logits':
      return <LogitsStep run={run} focusRow={focus.row} onHover={onHover} />;
    case 'next':
      return (
        <div className="attn-next-figure">
          {ended ? (
            <p className="attn-ended" data-testid="attention.model.step-ended">
              {ended}
            </p>
          ) : (
            <NextTokenBars run={run} sampling={sampling} testIdPrefix="attention.model.step-next" />
          )}
        </div>
      );
  }
}

const TOP_COLUMNS = 10;

/** The logits: only the columns of the most likely next characters (the vocabulary may be large). */
function LogitsStep({
  run,
  focusRow,
  onHover,
}: {
  run: TransformerRun;
  focusRow: number | null;
  onHover: (cell: MatrixCell | null) => void;
}) {
  const { t } = useTranslation();
  const all = sliceOutput(run, 'logits');
  const last = nextLogits(run);
  const columns = Array.from(last.keys())
    .sort((a, b) => last[b]! - last[a]! || a - b)
    .slice(0, TOP_COLUMNS);
  const picked: Matrix = {
    rows: all.rows,
    cols: columns.length,
    data: Float32Array.from(
      { length: all.rows * columns.length },
      (_, i) => all.data[Math.floor(i / columns.length) * all.cols + columns[i % columns.length]!]!,
    ),
  };
  const vocab = run.spec.vocab;
  const colLabels = columns.map((c) => showToken(vocab[c] ?? ''));
  return (
    <>
      <Figure units={columns.length} rows={picked.rows} count={1}>
        <TokenHeatmap
          data={picked.data}
          rows={picked.rows}
          cols={picked.cols}
          rowLabels={run.chars.map(showToken)}
          colLabels={colLabels}
          range={symmetricRange(extent(picked.data))}
          colormap="diverging"
          label={t('attn.model.matrix.logits', { count: columns.length })}
          legend={{ label: t('attn.model.legend') }}
          describe={(r, c, v) => t('attn.model.tipLogit', { row: r, col: c, value: v })}
          highlightRow={focusRow}
          onHover={(cell) => onHover(cell && { row: cell.row, col: cell.row })}
          testId="attention.model.m.logits"
          exportName="logits"
        />
      </Figure>
      <p className="visually-hidden" data-testid="attention.model.logit-columns">
        {columns.join(',')}
      </p>
    </>
  );
}

const CURVE_DIMS = [0, 1, 2, 3];

/** The sinusoidal encoding's first dimensions as curves over every position of the context. */
function PositionCurves({ run }: { run: TransformerRun }) {
  const { t } = useTranslation();
  const pos = run.outputs.pos_emb;
  if (!pos) return null;
  const T = pos.dims[pos.dims.length - 2]!;
  const D = pos.dims[pos.dims.length - 1]!;
  const dims = CURVE_DIMS.filter((d) => d < D);
  return (
    <LineChart
      series={dims.map((d) => ({
        id: String(d),
        label: t('attn.model.dim', { n: d }),
        points: Array.from({ length: T }, (_, p) => [p, pos.data[p * D + d]!] as const),
      }))}
      highlight="0"
      xDomain={[0, T - 1]}
      yDomain={[-1.1, 1.1]}
      label={t('attn.model.curves', { dims: dims.join(', ') })}
      testId="attention.model.curves"
      exportName="position-curves"
    />
  );
}
