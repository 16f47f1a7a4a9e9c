/**
 * Every intermediate of the computation for one head, labelled by tokens, with the current
 * step's formula; later steps are drawn empty. Pointing at (or focusing) a cell highlights its
 * query and key in every matrix; clicking (Enter/Space) keeps it.
 */
import { useTranslation } from 'react-i18next';
import {
  outputBreakdown,
  scoreBreakdown,
  type AttentionSteps,
  type Matrix,
} from '../../../core/attention';
import { extent } from '../../../core/tensor';
import type { ColormapName } from '../../../viz/colormap';
import { formatValue } from '../../../viz/format';
import { LabeledMatrix } from '../../../viz/LabeledMatrix';
import type { SandboxConfig } from './config';
import { tokenLabel } from './edit';
import type { SandboxStep } from './lessonParts';
import { MISMATCH_TOLERANCE, type AttentionRun } from './useAttentionRun';

/** The cell in focus: a query row, a key column and/or an output column (null: none). */
export interface Focus {
  q: number | null;
  k: number | null;
  c: number | null;
}

const fmt = (v: number) => (v === -Infinity ? '−∞' : formatValue(v, 4).replace('-', '−'));

const rangeOf = (m: Matrix): [number, number] => extent(m.flat());

interface StepsProps {
  config: SandboxConfig;
  steps: AttentionSteps;
  run: AttentionRun;
  step: number;
  stepName: SandboxStep;
  head: number;
  focus: Focus;
  onHover: (f: Focus | null) => void;
  onActivate: (f: Focus) => void;
}

export function SandboxSteps({
  config,
  steps,
  run,
  step,
  stepName,
  head,
  focus,
  onHover,
  onActivate,
}: StepsProps) {
  const { t } = useTranslation();
  const h = run.shown.perHead[head]!;
  const ref = steps.perHead[head]!;
  const qLabels = config.q.map((_, i) => tokenLabel(config.tokens, i));
  const kLabels = config.k.map((_, j) => tokenLabel(config.tokens, j));
  const dims = (from: number, n: number) =>
    Array.from({ length: n }, (_, c) => t('attn.sandbox.dim', { index: from + c + 1 }));
  const kCols = dims(head * steps.dkHead, steps.dkHead);
  const vCols = dims(head * steps.dvHead, steps.dvHead);
  const divisor =
    config.scale === 'sqrt_dk'
      ? t('attn.sandbox.divisorSqrt', { d: steps.dkHead, value: fmt(steps.divisor) })
      : t('attn.sandbox.divisorNone');

  const pairClass = (r: number, c: number) =>
    [
      r === focus.q && c === focus.k ? 'hl' : '',
      r === focus.q ? 'hl-row' : '',
      c === focus.k ? 'hl-col' : '',
    ]
      .join(' ')
      .trim() || undefined;
  const rowClass = (sel: number | null) => (r: number) => (r === sel ? 'hl-row' : undefined);

  const pairMatrix = (
    name: 'scores' | 'scaled' | 'masked' | 'weights',
    index: number,
    colormap: ColormapName,
  ) => {
    const data = h[name];
    const range: [number, number] = name === 'weights' ? [0, 1] : rangeOf(data);
    return (
      <figure
        className={`matrix-figure attn-step${index === step ? ' current-step' : ''}`}
        key={name}
      >
        <figcaption>{t(`attn.sandbox.stepNames.${name}`)}</figcaption>
        <div className="matrix-scroll">
          <LabeledMatrix
            data={data}
            label={t(`attn.sandbox.stepNames.${name}`)}
            rowLabels={qLabels}
            colLabels={kLabels}
            pending={index > step}
            colormap={colormap}
            range={range}
            cellClass={pairClass}
            rowClass={rowClass(focus.q)}
            colClass={rowClass(focus.k)}
            onCellHover={(q, k) => onHover({ q, k, c: null })}
            onLeave={() => onHover(null)}
            onCellActivate={(q, k) => onActivate({ q, k, c: null })}
            testIdPrefix={`attention.sandbox.${name}`}
            idPrefix={`attn-sandbox-${name}`}
          />
        </div>
      </figure>
    );
  };

  const outCol = focus.c === null ? null : focus.c - head * steps.dvHead;
  const inputMatrix = (name: 'qh' | 'kh' | 'vh', data: Matrix, rows: string[], cols: string[]) => {
    const sel = name === 'qh' ? focus.q : focus.k;
    return (
      <figure className="matrix-figure attn-input" key={name}>
        <figcaption>{t(`attn.sandbox.${name}`)}</figcaption>
        <div className="matrix-scroll">
          <LabeledMatrix
            data={data}
            label={t(`attn.sandbox.${name}`)}
            rowLabels={rows}
            colLabels={cols}
            colormap="diverging"
            range={rangeOf(data)}
            cellClass={(r, c) =>
              r === sel ? (name === 'vh' && c === outCol ? 'hl' : 'hl-row') : undefined
            }
            rowClass={rowClass(sel)}
            testIdPrefix={`attention.sandbox.${name}`}
            idPrefix={`attn-sandbox-${name}`}
          />
        </div>
      </figure>
    );
  };

  const outputMatrix = (
    <figure className={`matrix-figure attn-step${step === 4 ? ' current-step' : ''}`} key="output">
      <figcaption>{t('attn.sandbox.stepNames.output')}</figcaption>
      <div className="matrix-scroll">
        <LabeledMatrix
          data={h.output}
          label={t('attn.sandbox.stepNames.output')}
          rowLabels={qLabels}
          colLabels={vCols}
          pending={step < 4}
          colormap="diverging"
          range={rangeOf(h.output)}
          cellClass={(r, c) =>
            r === focus.q ? (c === outCol ? 'hl' : 'hl-row') : c === outCol ? 'hl-col' : undefined
          }
          rowClass={rowClass(focus.q)}
          colClass={rowClass(outCol)}
          onCellHover={(q, c) => onHover({ q, k: null, c: c + head * steps.dvHead })}
          onLeave={() => onHover(null)}
          onCellActivate={(q, c) => onActivate({ q, k: null, c: c + head * steps.dvHead })}
          testIdPrefix="attention.sandbox.output"
          idPrefix="attn-sandbox-output"
        />
      </div>
    </figure>
  );

  const formula =
    stepName === 'scaled'
      ? t('attn.sandbox.formulas.scaled', { divisor })
      : stepName === 'masked' && config.mask === 'none'
        ? t('attn.sandbox.noMask')
        : t(`attn.sandbox.formulas.${stepName}`);

  return (
    <>
      <p className="attn-formula" data-testid="attention.sandbox.formula" data-step={stepName}>
        <strong>{t(`attn.sandbox.stepNames.${stepName}`)}</strong> — <code>{formula}</code>
      </p>
      <p
        className="output-source"
        data-testid="attention.sandbox.source"
        data-source={run.source}
        data-state={run.state}
        role="status"
      >
        {run.state === 'done'
          ? t('attn.sandbox.sourceOrt')
          : run.state === 'error'
            ? t('attn.sandbox.sourceError', { detail: run.error })
            : t('attn.sandbox.sourceRunning')}
      </p>
      {run.state === 'done' && run.mismatch > MISMATCH_TOLERANCE && (
        <p className="sandbox-mismatch" role="alert" data-testid="attention.sandbox.mismatch">
          {t('attn.sandbox.mismatch', { diff: run.mismatch.toExponential(2) })}
        </p>
      )}
      <div className="anim-row attn-inputs">
        {inputMatrix('qh', ref.q, qLabels, kCols)}
        {inputMatrix('kh', ref.k, kLabels, kCols)}
        {inputMatrix('vh', ref.v, kLabels, vCols)}
      </div>
      <div className="anim-row attn-matrices" data-head={head}>
        {pairMatrix('scores', 0, 'diverging')}
        {pairMatrix('scaled', 1, 'diverging')}
        {pairMatrix('masked', 2, 'diverging')}
        {pairMatrix('weights', 3, 'viridis')}
        {outputMatrix}
        {steps.heads > 1 && (
          <figure className={`matrix-figure attn-step${step === 5 ? ' current-step' : ''}`}>
            <figcaption>{t('attn.sandbox.outputAll')}</figcaption>
            <div className="matrix-scroll">
              <LabeledMatrix
                data={run.shown.output}
                label={t('attn.sandbox.outputAll')}
                rowLabels={qLabels}
                colLabels={dims(0, steps.dv)}
                pending={step < 5}
                colormap="diverging"
                range={rangeOf(run.shown.output)}
                cellClass={(r, c) =>
                  Math.floor(c / steps.dvHead) === head
                    ? r === focus.q
                      ? 'hl'
                      : 'head-cols'
                    : undefined
                }
                testIdPrefix="attention.sandbox.concat"
                idPrefix="attn-sandbox-concat"
              />
            </div>
          </figure>
        )}
      </div>
    </>
  );
}

/** The numbers behind the cell in focus: products, sum, scaling, mask, weight (core/'s). */
export function Breakdown({
  config,
  steps,
  head,
  focus,
  locked,
  onUnlock,
}: {
  config: SandboxConfig;
  steps: AttentionSteps;
  head: number;
  focus: Focus;
  locked: boolean;
  onUnlock: () => void;
}) {
  const { t } = useTranslation();
  const q = focus.q ?? 0;
  const label = (i: number) => tokenLabel(config.tokens, i);
  const lines: string[] = [];
  if (focus.c !== null && focus.k === null) {
    const c = focus.c - head * steps.dvHead;
    if (c >= 0 && c < steps.dvHead) {
      const o = outputBreakdown(steps, head, q, c);
      lines.push(
        t('attn.sandbox.outputLine', {
          q: label(q),
          c: focus.c + 1,
          terms: o.weights.map((w, j) => `${fmt(w)}·${fmt(o.values[j]!)}`).join(' + '),
          sum: fmt(o.sum),
        }),
      );
    }
  } else {
    const k = focus.k ?? 0;
    const b = scoreBreakdown(steps, head, q, k);
    lines.push(t('attn.sandbox.pair', { q: label(q), k: label(k) }));
    lines.push(
      t('attn.sandbox.products', {
        q: label(q),
        k: label(k),
        terms: b.q.map((x, c) => `${fmt(x)}·${fmt(b.k[c]!)}`).join(' + '),
        sum: fmt(b.score),
      }),
    );
    lines.push(
      t('attn.sandbox.scaledLine', {
        score: fmt(b.score),
        divisor: fmt(steps.divisor),
        scaled: fmt(b.scaled),
      }),
    );
    lines.push(
      b.masked
        ? t('attn.sandbox.maskedLine', { q: label(q), k: label(k) })
        : t('attn.sandbox.weightLine', { q: label(q), weight: fmt(b.weight) }),
    );
  }
  return (
    <section className="panel attn-breakdown" aria-labelledby="attn-sandbox-breakdown-title">
      <h2 id="attn-sandbox-breakdown-title">{t('attn.sandbox.breakdown')}</h2>
      <ul
        className="attn-breakdown-lines"
        data-testid="attention.sandbox.breakdown"
        aria-live="polite"
      >
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      {locked ? (
        <p className="hint">
          {t('attn.sandbox.locked', {
            q: label(q),
            k: focus.k === null ? `d${(focus.c ?? 0) + 1}` : label(focus.k),
          })}{' '}
          <button type="button" onClick={onUnlock} data-testid="attention.sandbox.unlock">
            {t('attn.sandbox.unlock')}
          </button>
        </p>
      ) : (
        <p className="hint">{t('attn.sandbox.breakdownHint')}</p>
      )}
    </section>
  );
}
