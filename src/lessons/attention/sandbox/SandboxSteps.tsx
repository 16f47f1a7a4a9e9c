/**
 * Every intermediate of the computation for one head, labelled by tokens, with the current
 * step's formula; later steps are drawn empty. Pointing at (or focusing) a cell highlights its
 * query and key in every matrix; clicking (Enter/Space) keeps it.
 */
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { ColorLegend } from '../../../viz/ColorLegend';
import {
  outputBreakdown,
  scoreBreakdown,
  type AttentionSteps,
  type Matrix,
} from '../../../core/attention';
import { extent } from '../../../core/tensor';
import type { ColormapName } from '../../../viz/colormap';
import { formatValue } from '../../../viz/format';
import { Formula, texNum, texText } from '../../../viz/Formula';
import { LabeledMatrix } from '../../../viz/LabeledMatrix';
import type { SandboxConfig } from './config';
import { tokenLabel } from './edit';
import type { SandboxStep } from './lessonParts';
import type { AttentionRun } from './useAttentionRun';

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

/** The matrices each step reads: drawn beside the step's own, smaller. */
const INPUTS: Record<SandboxStep, readonly string[]> = {
  scores: ['qh', 'kh'],
  scaled: ['scores'],
  masked: ['scaled'],
  weights: ['masked'],
  output: ['weights', 'vh'],
  concat: ['output'],
};
const INPUT_SCALE = 0.5;

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
  /** Whether a matrix is drawn at this step, and how large (the others stay for tests/export). */
  const role = (name: string) =>
    name === stepName ? 1 : INPUTS[stepName].includes(name) ? INPUT_SCALE : 0;
  const figProps = (name: string) => {
    const scale = role(name);
    const order = [...INPUTS[stepName], stepName].indexOf(name);
    return {
      hidden: scale === 0,
      style: { '--scale': scale || 1, order } as CSSProperties,
    };
  };
  const h = run.shown.perHead[head]!;
  const ref = steps.perHead[head]!;
  const qLabels = config.q.map((_, i) => tokenLabel(config.tokens, i));
  const kLabels = config.k.map((_, j) => tokenLabel(config.tokens, j));
  const dims = (from: number, n: number) =>
    Array.from({ length: n }, (_, c) => t('attn.sandbox.dim', { index: from + c + 1 }));
  const kCols = dims(head * steps.dkHead, steps.dkHead);
  const vCols = dims(head * steps.dvHead, steps.dvHead);
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
        {...figProps(name)}
      >
        <figcaption>
          {t(`attn.sandbox.stepNames.${name}`)}
          {index === step && (
            <ColorLegend colormap={colormap} range={range} label={t('attn.sandbox.legend')} />
          )}
          {index === step &&
            (name === 'masked' || name === 'weights') &&
            config.mask === 'causal' && (
              <span className="tkh-masked-key" data-testid="attention.sandbox.masked-key">
                <span className="tkh-masked-swatch" aria-hidden="true" />
                {t('attn.sandbox.maskedKey')}
              </span>
            )}
        </figcaption>
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
      <figure className="matrix-figure attn-input" key={name} {...figProps(name)}>
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
    <figure
      className={`matrix-figure attn-step${step === 4 ? ' current-step' : ''}`}
      key="output"
      {...figProps('output')}
    >
      <figcaption>
        {t('attn.sandbox.stepNames.output')}
        {step === 4 && (
          <ColorLegend
            colormap="diverging"
            range={rangeOf(h.output)}
            label={t('attn.sandbox.legend')}
          />
        )}
      </figcaption>
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

  // The figure's cell size: the drawn matrices share the stage figure's width and height.
  const cols: Record<string, number> = {
    qh: steps.dkHead,
    kh: steps.dkHead,
    vh: steps.dvHead,
    scores: steps.tk,
    scaled: steps.tk,
    masked: steps.tk,
    weights: steps.tk,
    output: steps.dvHead,
    concat: steps.dv,
  };
  const rows: Record<string, number> = { kh: steps.tk, vh: steps.tk };
  const drawn = Object.keys(cols).filter((n) => role(n) > 0);
  const units = drawn.reduce((u, n) => u + (cols[n]! + 1.2) * role(n), 0);
  const tallest = Math.max(...drawn.map((n) => (rows[n] ?? steps.tq) * role(n)));

  return (
    <div
      className="attn-sb-fig"
      data-head={head}
      style={
        { '--units': units, '--rows': tallest, '--main': cols[stepName]! + 1.2 } as CSSProperties
      }
    >
      <div className="attn-fig-row">
        {inputMatrix('qh', ref.q, qLabels, kCols)}
        {inputMatrix('kh', ref.k, kLabels, kCols)}
        {inputMatrix('vh', ref.v, kLabels, vCols)}
        {pairMatrix('scores', 0, 'diverging')}
        {pairMatrix('scaled', 1, 'diverging')}
        {pairMatrix('masked', 2, 'diverging')}
        {pairMatrix('weights', 3, 'viridis')}
        {outputMatrix}
        {steps.heads > 1 && (
          <figure
            className={`matrix-figure attn-step${step === 5 ? ' current-step' : ''}`}
            {...figProps('concat')}
          >
            <figcaption>
              {t('attn.sandbox.outputAll')}
              {step === 5 && (
                <ColorLegend
                  colormap="diverging"
                  range={rangeOf(run.shown.output)}
                  label={t('attn.sandbox.legend')}
                />
              )}
            </figcaption>
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
    </div>
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
  const tx = (i: number) => `\\text{${texText(label(i))}}`;
  const n = (v: number) => texNum(v, 4);
  const f = (v: number) => (v < 0 ? `(${n(v)})` : n(v));
  /** Each line: words, or TeX (typeset). */
  const lines: { text?: string; tex?: string }[] = [];
  if (focus.c !== null && focus.k === null) {
    const c = focus.c - head * steps.dvHead;
    if (c >= 0 && c < steps.dvHead) {
      const o = outputBreakdown(steps, head, q, c);
      lines.push({
        tex: `o_{${tx(q)}}[${focus.c + 1}] = ${o.weights.map((w, j) => `${f(w)} \\cdot ${f(o.values[j]!)}`).join(' + ')} = ${n(o.sum)}`,
      });
    }
  } else {
    const k = focus.k ?? 0;
    const b = scoreBreakdown(steps, head, q, k);
    lines.push({ text: t('attn.sandbox.pair', { q: label(q), k: label(k) }) });
    lines.push({
      tex: `q_{${tx(q)}} \\cdot k_{${tx(k)}} = ${b.q.map((x, c) => `${f(x)} \\cdot ${f(b.k[c]!)}`).join(' + ')} = ${n(b.score)}`,
    });
    lines.push({ tex: `${n(b.score)} \\div ${n(steps.divisor)} = ${n(b.scaled)}` });
    lines.push({
      text: b.masked
        ? t('attn.sandbox.maskedLine', { q: label(q), k: label(k) })
        : t('attn.sandbox.weightLine', { q: label(q), weight: fmt(b.weight) }),
    });
  }
  return (
    <div className="attn-breakdown">
      <ul
        className="attn-breakdown-lines"
        data-testid="attention.sandbox.breakdown"
        aria-live="polite"
      >
        {lines.map((l, i) => (
          <li key={i}>{l.tex ? <Formula tex={l.tex} /> : l.text}</li>
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
    </div>
  );
}
