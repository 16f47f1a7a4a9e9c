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
}

const upper = (r: number, c: number) => c > r;

const finiteRange = (data: ArrayLike<number>): [number, number] => {
  const finite = Array.from(data).filter(Number.isFinite);
  return finite.length ? extent(finite) : [0, 1];
};

/** One step of the forward pass: its formula and the model's own matrices for it. */
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
}: StepBodyProps) {
  const { t } = useTranslation();
  const spec = run.spec;
  const labels = run.chars.map(showToken);
  const n = run.chars.length;

  /** A [n × d] matrix whose rows are tokens (queries, or keys for K and V). */
  const tokenRows = (name: string, title: string, role: RowRole = 'query') => {
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
  const square = (kind: HeadKind, probability = false) => {
    const name = headOutput(layer, head, kind);
    const m = sliceOutput(run, name, true);
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
        highlightRow={focus.row}
        highlightCol={focus.col}
        marked={locked}
        isMasked={kind === 'masked' || kind === 'weights' ? upper : undefined}
        onHover={onHover}
        onSelect={onSelect}
        testId={`attention.model.m.${name}`}
        exportName={name}
      />
    );
  };

  const head3 = (kind: HeadKind, role: RowRole = 'query') =>
    tokenRows(headOutput(layer, head, kind), t(`attn.model.matrix.${kind}`), role);
  const layer3 = (kind: LayerKind) =>
    tokenRows(layerOutput(layer, kind), t(`attn.model.matrix.${kind}`));
  const formula = (params: Record<string, unknown> = {}) => (
    <p className="formula" data-testid="attention.model.formula">
      {t(`attn.model.formula.${step}`, params)}
    </p>
  );
  const dims = { layer: layer + 1, dk: spec.dK, dv: spec.dV, d: spec.dModel, heads: spec.heads };

  switch (step) {
    case 'tokens':
      return (
        <>
          {formula({ vocab: spec.vocab.length })}
          <ol
            className="attn-id-list"
            data-testid="attention.model.ids"
            data-ids={run.ids.join(',')}
          >
            {run.chars.map((c, i) => (
              <li key={i} className={run.unknown[i] ? 'unknown' : undefined}>
                <span className="attn-id-char">{showToken(c)}</span>
                <span className="attn-id-num">{run.ids[i]}</span>
              </li>
            ))}
          </ol>
        </>
      );
    case 'embed':
      return (
        <>
          {formula({
            vocab: spec.vocab.length,
            d: spec.dModel,
            positional: t(`attn.model.positional.${spec.positional}`),
          })}
          <div className="attn-matrices">
            {tokenRows('tok_emb', t('attn.model.matrix.tok_emb'))}
            {tokenRows('pos_emb', t('attn.model.matrix.pos_emb'))}
            {tokenRows('embed', t('attn.model.matrix.embed'))}
          </div>
          {spec.positional === 'sinusoidal' && <PositionCurves run={run} />}
        </>
      );
    case 'qkv':
      return (
        <>
          {formula(dims)}
          <div className="attn-matrices">
            {head3('q')}
            {head3('k', 'key')}
            {head3('v', 'key')}
          </div>
        </>
      );
    case 'scores':
      return (
        <>
          {formula(dims)}
          <div className="attn-matrices">
            {head3('q')}
            {head3('k', 'key')}
            {square('scores')}
          </div>
        </>
      );
    case 'scaled':
      return (
        <>
          {formula({ ...dims, sqrt: Math.sqrt(spec.dK).toPrecision(4) })}
          <div className="attn-matrices">
            {square('scores')}
            {square('scaled')}
          </div>
        </>
      );
    case 'masked':
      return (
        <>
          {formula(dims)}
          <div className="attn-matrices">
            {square('scaled')}
            {square('masked')}
          </div>
        </>
      );
    case 'weights':
      return (
        <>
          {formula(dims)}
          <div className="attn-matrices">
            {square('masked')}
            {square('weights', true)}
          </div>
        </>
      );
    case 'out':
      return (
        <>
          {formula(dims)}
          <div className="attn-matrices">
            {square('weights', true)}
            {head3('v', 'key')}
            {head3('out')}
          </div>
        </>
      );
    case 'concat':
      return (
        <>
          {formula({ ...dims, width: spec.heads * spec.dV })}
          <div className="attn-matrices">{layer3('concat')}</div>
        </>
      );
    case 'proj':
      return (
        <>
          {formula({ ...dims, width: spec.heads * spec.dV })}
          <div className="attn-matrices">
            {layer3('concat')}
            {layer3('proj')}
          </div>
        </>
      );
    case 'norm1':
      return (
        <>
          {formula(dims)}
          <div className="attn-matrices">
            {layer3('resid1')}
            {layer3('norm1')}
          </div>
        </>
      );
    case 'mlp':
      return (
        <>
          {formula({ ...dims, dff: spec.dFF })}
          <div className="attn-matrices">
            {layer3('mlp_hidden')}
            {layer3('mlp_out')}
          </div>
        </>
      );
    case 'norm2':
      return (
        <>
          {formula(dims)}
          <div className="attn-matrices">
            {layer3('resid2')}
            {layer3('norm2')}
          </div>
        </>
      );
    case 'logits':
      return <LogitsStep run={run} focusRow={focus.row} onHover={onHover} />;
    case 'next':
      return (
        <>
          {formula()}
          <NextTokenBars run={run} sampling={sampling} testIdPrefix="attention.model.step-next" />
        </>
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
  return (
    <>
      <p className="formula" data-testid="attention.model.formula">
        {t('attn.model.formula.logits', { count: columns.length, vocab: vocab.length })}
      </p>
      <div className="attn-matrices">
        <TokenHeatmap
          data={picked.data}
          rows={picked.rows}
          cols={picked.cols}
          rowLabels={run.chars.map(showToken)}
          colLabels={columns.map((c) => showToken(vocab[c] ?? ''))}
          range={symmetricRange(extent(picked.data))}
          colormap="diverging"
          label={t('attn.model.matrix.logits', { count: columns.length })}
          highlightRow={focusRow}
          onHover={(cell) => onHover(cell && { row: cell.row, col: cell.row })}
          testId="attention.model.m.logits"
          exportName="logits"
        />
      </div>
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
