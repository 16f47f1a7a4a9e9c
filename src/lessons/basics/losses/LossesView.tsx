/**
 * The four classic losses on the lesson stage: each sample's term, their mean (the loss), the
 * gradient with respect to every prediction, and the loss as one prediction moves (with its
 * slope). The widely copied examples are presets, their printed value beside the right one.
 * Every number comes from core/basicLoss (tested against PyTorch).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { basicLoss, lossCurve, withValue } from '../../../core/basicLoss';
import { useAppStore } from '../../../store/store';
import { BarChart } from '../../../viz/BarChart';
import type { FlowEdge, FlowNode } from '../../../viz/FlowDiagram';
import { LossChart } from '../../gan/losses/LossChart';
import '../../gan/gan.css';
import { StagePanel } from '../../shared/Stage';
import { useBasicsModeConfig } from '../config';
import { ModeStage, f4, sub, useModeSteps } from '../modeView';
import { useConfigEdit } from '../../shared/useConfigEdit';
import { NumbersField } from '../NumbersField';
import '../basics-actloss.css';
import { LOSSES, lossesConfigSchema, type LossesConfig, type LossFn } from './config';
import { curveTex, gradTex, meanTex, termTex, type Entry } from './formula';
import { LOSSES_STEPS, type LOSSES_HIDEABLE, type LossesStep } from './lessonParts';
import { COPIED, LOSS_PRESETS, PRESET_DATA, matchLossPreset, type LossPreset } from './presets';

const fixed4 = (v: number) => v.toFixed(4);

const FLOW_FOCUS: Record<LossesStep, { current: string; lit: string[] }> = {
  terms: { current: 'terms', lit: ['p', 't', 'p>terms', 't>terms'] },
  mean: { current: 'loss', lit: ['terms', 'terms>loss'] },
  grad: { current: 'grad', lit: ['loss', 'loss>grad'] },
  curve: { current: 'curve', lit: ['grad', 'grad>curve'] },
};
const NODE_STEP: Record<string, LossesStep> = {
  p: 'terms',
  t: 'terms',
  terms: 'terms',
  loss: 'mean',
  grad: 'grad',
  curve: 'curve',
};
const EDGES: FlowEdge[] = [
  { from: 'p', to: 'terms' },
  { from: 't', to: 'terms' },
  { from: 'terms', to: 'loss' },
  { from: 'loss', to: 'grad' },
  { from: 'grad', to: 'curve' },
];

/** Every entry of the prediction, in order: [i] for lists, [i, c] for rows. */
function entriesOf(config: LossesConfig): Entry[] {
  if (config.loss !== 'cross_entropy') return config.prediction.map((_, i) => [i] as Entry);
  return (config.prediction as number[][]).flatMap((row, i) => row.map((_, c) => [i, c] as Entry));
}
/** The entry shown first: sample 1, or row 1's target class. */
function firstEntry(config: LossesConfig): number {
  if (config.loss !== 'cross_entropy') return 0;
  const row = (config.target as number[][])[0]!;
  return row.indexOf(Math.max(...row));
}
const entryName = (e: Entry) =>
  e.length === 2 ? `p${sub(e[0] + 1)},${sub(e[1] + 1)}` : `p${sub(e[0] + 1)}`;
const valueAt = (p: LossesConfig['prediction'], e: Entry) =>
  e.length === 2 ? (p as number[][])[e[0]]![e[1]]! : (p as number[])[e[0]]!;

/** Where the chosen prediction can move: probabilities for bce and cross_entropy. */
function domainOf(loss: LossFn, p: number, t: number): [number, number] {
  if (loss === 'bce') return [0.005, 0.995];
  if (loss === 'cross_entropy') return [0.005, 1];
  return [Math.min(p, t) - 1.5, Math.max(p, t) + 1.5];
}

export function LossesView() {
  const { t } = useTranslation();
  const config = useBasicsModeConfig('losses');
  const hide = useAppStore((s) => s.embed.hide);
  const walk = useModeSteps(LOSSES_STEPS);
  const { step, stepId } = walk;
  const { edit, problem } = useConfigEdit('basics', lossesConfigSchema, config);
  const [chosen, setChosen] = useState<number | null>(null);
  const shown = (name: (typeof LOSSES_HIDEABLE)[number]) => !hide.includes(name);

  const r = useMemo(
    () => basicLoss(config.loss, config.target, config.prediction),
    [config.loss, config.target, config.prediction],
  );
  const entries = entriesOf(config);
  const k = chosen !== null && chosen < entries.length ? chosen : firstEntry(config);
  const entry = entries[k]!;
  const sample = entry[0];
  const preset = matchLossPreset(config);
  const copied = preset ? COPIED[preset] : undefined;
  const flatGrad = r.grad.flat();
  const isRows = config.loss === 'cross_entropy';
  const sampleLabel = (i: number) =>
    isRows
      ? `${i + 1}`
      : `${i + 1}: t=${f4(config.target[i] as number)} p=${f4(config.prediction[i] as number)}`;

  const nodes: FlowNode[] = [
    { id: 'p', label: t('basics.losses.flow.prediction'), col: 0, row: 0, kind: 'data' },
    { id: 't', label: t('basics.losses.flow.target'), col: 0, row: 1, kind: 'data' },
    {
      id: 'terms',
      label: t('basics.losses.flow.terms'),
      sub: `n = ${r.terms.length}`,
      col: 1,
      row: 0,
      kind: 'op',
    },
    {
      id: 'loss',
      label: t('basics.losses.flow.loss'),
      sub: fixed4(r.loss),
      col: 2,
      row: 0,
      kind: 'loss',
    },
    {
      id: 'grad',
      label: t('basics.losses.flow.grad'),
      sub: `${entryName(entry)}: ${f4(flatGrad[k]!)}`,
      col: 3,
      row: 0,
      kind: 'op',
    },
    { id: 'curve', label: t('basics.losses.flow.curve'), col: 3, row: 1, kind: 'op' },
  ];
  const focus = FLOW_FOCUS[stepId];

  const formula = (() => {
    switch (stepId) {
      case 'terms':
        return termTex(config.loss, config.target, config.prediction, sample, r);
      case 'mean':
        return meanTex(r);
      case 'grad':
        return gradTex(config.loss, config.target, config.prediction, entry, r);
      case 'curve':
        return curveTex(entry, valueAt(config.prediction, entry), r);
    }
  })();
  const caption =
    stepId === 'terms' || stepId === 'grad'
      ? t(`basics.losses.caption.${stepId}.${config.loss}`)
      : t(`basics.losses.caption.${stepId}`, { n: r.terms.length });

  const chooser = (
    <label className="select-label">
      {t('basics.losses.chart.which')}
      <select
        value={k}
        onChange={(e) => setChosen(Number(e.target.value))}
        data-testid="basics.losses.which"
      >
        {entries.map((e, i) => (
          <option key={i} value={i}>
            {entryName(e)}
          </option>
        ))}
      </select>
    </label>
  );

  const figure = (() => {
    if (stepId === 'terms' || stepId === 'mean') {
      const values = stepId === 'mean' ? [...r.terms, r.loss] : r.terms;
      const labels = r.terms.map((_, i) => sampleLabel(i));
      if (stepId === 'mean') labels.push(t('basics.losses.chart.meanLabel'));
      return (
        <div
          className={isRows ? 'basics-bars' : 'basics-bars wide-labels'}
          data-testid="basics.losses.figure"
          data-part={stepId}
        >
          <h3>{t('basics.losses.chart.termsTitle')}</h3>
          <BarChart
            values={values}
            labels={labels}
            highlight={stepId === 'mean' ? r.terms.length : sample}
            format={fixed4}
            describe={(l, v) => t('basics.losses.chart.term', { i: l, v: fixed4(v) })}
            label={t('basics.losses.chart.termsTitle')}
            testIdPrefix="basics.losses.term"
          />
        </div>
      );
    }
    if (stepId === 'grad') {
      return (
        <div className="basics-bars" data-testid="basics.losses.figure" data-part="grad">
          <h3>{t('basics.losses.chart.gradTitle')}</h3>
          <BarChart
            values={flatGrad}
            labels={entries.map(entryName)}
            highlight={k}
            format={fixed4}
            describe={(l, v) => t('basics.losses.chart.gradBar', { i: l, v: fixed4(v) })}
            label={t('basics.losses.chart.gradTitle')}
            testIdPrefix="basics.losses.grad"
          />
        </div>
      );
    }
    const p = valueAt(config.prediction, entry);
    const tv = isRows
      ? (config.target as number[][])[entry[0]]![entry[1]!]!
      : (config.target[entry[0]] as number);
    const [lo, hi] = domainOf(config.loss, p, tv);
    const curve = lossCurve(config.loss, config.target, config.prediction, entry, lo, hi);
    const inner = curve.filter(([x]) => x >= lo + 0.05 * (hi - lo) && x <= hi - 0.05 * (hi - lo));
    const yMax = Math.max(r.loss * 1.5, ...inner.map(([, y]) => y)) * 1.08 || 1;
    const g = flatGrad[k]!;
    const w = 0.12 * (hi - lo);
    const tangent: [number, number][] = [
      [p - w, r.loss - g * w],
      [p + w, r.loss + g * w],
    ];
    return (
      <div
        className="gan-loss-figure one basics-figure"
        data-testid="basics.losses.figure"
        data-part="curve"
      >
        <div className="basics-curve-controls">
          {chooser}
          <input
            type="range"
            min={lo}
            max={hi}
            step={(hi - lo) / 400}
            value={p}
            aria-label={entryName(entry)}
            aria-valuetext={f4(p)}
            onChange={(e) =>
              edit({ prediction: withValue(config.prediction, entry, Number(e.target.value)) })
            }
            data-testid="basics.losses.move"
          />
          <output>{f4(p)}</output>
        </div>
        <LossChart
          title={t('basics.losses.chart.curveTitle', { which: entryName(entry) })}
          xLabel={entryName(entry)}
          yLabel={t('basics.losses.chart.curveY')}
          xDomain={[lo, hi]}
          yDomain={[0, yMax]}
          curves={[
            {
              id: 'loss',
              label: t('basics.losses.chart.curveLoss'),
              points: curve,
              highlight: true,
              style: 0,
            },
            {
              id: 'tangent',
              label: t('basics.losses.chart.tangent'),
              points: tangent,
              highlight: true,
              style: 1,
            },
          ]}
          marks={[{ x: p, y: r.loss, style: 0, label: `${f4(p)} → ${fixed4(r.loss)}` }]}
          testId="basics.losses.curve-chart"
        />
      </div>
    );
  })();

  const controls = (
    <>
      <div className="gan-loss-picker" role="group" aria-label={t('basics.losses.lossPicker')}>
        {LOSSES.map((loss) => (
          <button
            key={loss}
            type="button"
            aria-pressed={config.loss === loss}
            onClick={() => {
              if (loss === config.loss) return;
              setChosen(null);
              edit(PRESET_DATA[loss]);
            }}
            data-testid={`basics.losses.loss.${loss}`}
          >
            {t(`basics.losses.loss.${loss}`)}
          </button>
        ))}
      </div>
    </>
  );
  const headline = (
    <>
      <span>
        L ={' '}
        <strong data-testid="basics.losses.loss" data-value={r.loss}>
          {fixed4(r.loss)}
        </strong>
      </span>
    </>
  );

  const side = (
    <>
      <StagePanel title={t('basics.losses.about')} testId="basics.losses.about">
        <p className="lead">{t('basics.losses.lead')}</p>
      </StagePanel>
      {problem && (
        <p className="sandbox-problem" role="alert" data-testid="basics.losses.problem">
          {t('basics.losses.rejected', { detail: problem })}
        </p>
      )}
      {(shown('loss-presets') || shown('loss-inputs')) && (
        <StagePanel title={t('basics.losses.inputs')} testId="basics.losses.inputs">
          {shown('loss-presets') && (
            <label className="select-label numbers-field">
              {t('basics.losses.presets')}
              <select
                value={preset ?? ''}
                onChange={(e) => {
                  if (!e.target.value) return;
                  setChosen(null);
                  edit(PRESET_DATA[e.target.value as LossPreset]);
                }}
                data-testid="basics.losses.preset"
              >
                {!preset && <option value="">—</option>}
                {LOSS_PRESETS.map((p) => (
                  <option key={p} value={p}>
                    {t(`basics.losses.preset.${p}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {shown('loss-inputs') && (
            <>
              {isRows && <p className="hint">{t('basics.losses.rowsHint')}</p>}
              <NumbersField
                key={`t-${config.loss}`}
                label={t('basics.losses.target')}
                value={config.target}
                rows={isRows}
                onChange={(target) => edit({ target })}
                invalidMessage={(text) => t('basics.losses.invalid', { text })}
                testId="basics.losses.target"
              />
              <NumbersField
                key={`p-${config.loss}`}
                label={t('basics.losses.prediction')}
                value={config.prediction}
                rows={isRows}
                onChange={(prediction) => edit({ prediction })}
                invalidMessage={(text) => t('basics.losses.invalid', { text })}
                testId="basics.losses.prediction"
              />
            </>
          )}
        </StagePanel>
      )}
      <StagePanel title={t('basics.losses.table')} testId="basics.losses.table-panel">
        <table className="basics-table" data-testid="basics.losses.table">
          <thead>
            <tr>
              <th scope="col">{t('basics.losses.sample')}</th>
              <th scope="col">{t('basics.losses.term')}</th>
              <th scope="col">{t('basics.losses.grad')}</th>
            </tr>
          </thead>
          <tbody>
            {r.terms.map((term, i) => (
              <tr key={i} className={i === sample ? 'selected' : undefined}>
                <th scope="row">{i + 1}</th>
                <td data-testid={`basics.losses.table.term-${i}`} data-value={term}>
                  {fixed4(term)}
                </td>
                <td>
                  {(isRows ? (r.grad as number[][])[i]! : [(r.grad as number[])[i]!])
                    .map(fixed4)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </StagePanel>
    </>
  );

  return (
    <ModeStage
      mode="losses"
      walk={walk}
      controls={controls}
      headline={headline}
      overview={{ nodes, edges: EDGES, focus, nodeStep: NODE_STEP, cellWidth: 120 }}
      formula={formula}
      caption={
        <>
          <p data-testid="basics.losses.caption">{caption}</p>
          {copied && preset && (
            <p className="basics-copied" data-testid="basics.losses.copied">
              {t(`basics.losses.copied.${preset as 'mse' | 'bce'}`, {
                printed: copied.printed,
                own: copied.ownFormula,
                right: fixed4(r.loss),
              })}
            </p>
          )}
        </>
      }
      figure={figure}
      side={side}
      focusKey={[step, config.loss]}
    />
  );
}
