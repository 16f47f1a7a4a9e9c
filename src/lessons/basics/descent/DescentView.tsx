/**
 * Gradient descent on a line fit, on the lesson stage: the overview (points → ŷ = w·x + b → J →
 * ∇J → the update of θ) with the current part lit; the step's formula typeset with its numbers
 * (J at the start, then each step's gradient written out and the optimizer's update); the loss
 * surface with the path and the points with the current line, side by side; presets, points,
 * settings, the loss curve and every step's numbers in the side column. Every number comes from
 * core/descent (tested against torch.optim).
 */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DESCENT_OBJECTIVES,
  DESCENT_OPTIMIZERS,
  isDiverging,
  sgdLrLimit,
} from '../../../core/descent';
import { useAppStore } from '../../../store/store';
import { FlowDiagram, type FlowEdge, type FlowNode } from '../../../viz/FlowDiagram';
import { Formula } from '../../../viz/Formula';
import { formatValue } from '../../../viz/format';
import { LineChart } from '../../../viz/LineChart';
import { Stage, StagePanel } from '../../shared/Stage';
import { PresetSelect } from '../../shared/PresetSelect';
import { StepControls } from '../../shared/StepControls';
import { useConfigEdit } from '../../shared/useConfigEdit';
import { usePlayback } from '../../shared/usePlayback';
import { useStepKeys } from '../../shared/useStepKeys';
import { useBasicsModeConfig, useBasicsStep } from '../config';
import { descentConfigSchema, descentDefaults, type DescentConfig } from './config';
import { DataPlot } from './DataPlot';
import './descent.css';
import { gradSumsTex, gradTex, startTex, updateTex } from './formula';
import { descentLastStep, descentRun, type DESCENT_HIDEABLE } from './lessonParts';
import { NumberField } from './NumberField';
import { PointsEditor } from './PointsEditor';
import { DESCENT_PRESETS, descentPreset, isCopiedExample, matchDescentPreset } from './presets';
import { surfaceOf } from './surface';
import { SurfacePlot } from './SurfacePlot';

const EDGES: FlowEdge[] = [
  { from: 'data', to: 'model' },
  { from: 'model', to: 'loss' },
  { from: 'loss', to: 'grad' },
  { from: 'grad', to: 'update' },
  { from: 'update', to: 'model', kind: 'backward' },
];
/** A number as the view shows it: 4 significant digits, ∞ and NaN as symbols. */
const f4 = (v: number) =>
  Number.isNaN(v) ? 'NaN' : Math.abs(v) === Infinity ? (v > 0 ? '∞' : '−∞') : formatValue(v, 4);
const pair = ([a, b]: readonly [number, number]) => `[${f4(a)}, ${f4(b)}]`;

export function DescentView() {
  const { t } = useTranslation();
  const stored = useBasicsModeConfig('descent');
  const config = stored.mode === 'descent' ? stored : descentDefaults;
  const storedStep = useBasicsStep();
  const hide = useAppStore((s) => s.embed.hide);
  const setStep = useAppStore((s) => s.setStep);

  const run = descentRun(config);
  const last = descentLastStep(config);
  const count = last + 1;
  const step = Math.min(Math.max(0, storedStep), last);
  const go = useCallback((n: number) => setStep('basics', n), [setStep]);
  useStepKeys(step, count, go);
  const playback = usePlayback(step, count, go);

  const { edit, problem } = useConfigEdit('basics', descentConfigSchema, config);

  const surface = useMemo(() => surfaceOf(config, run, last), [config, run, last]);
  const shown = (name: (typeof DESCENT_HIDEABLE)[number]) => !hide.includes(name);
  const preset = matchDescentPreset(config);
  const theta = run.thetas[step]!;
  const loss = run.losses[step]!;
  const grad = step > 0 ? run.grads[step - 1]! : null;
  const losses = run.losses.slice(0, count);
  const diverging = isDiverging(losses, run.overflowAt);
  const limit = sgdLrLimit(config.x, config.objective);

  const nodes: FlowNode[] = [
    {
      id: 'data',
      label: t('basics.descent.flow.data'),
      sub: `n = ${config.x.length}`,
      col: 0,
      row: 0,
      span: 2,
      kind: 'data',
    },
    {
      id: 'model',
      label: t('basics.descent.flow.model'),
      sub: `θ = ${pair(theta)}`,
      col: 2,
      row: 0,
      span: 2,
      kind: 'op',
    },
    {
      id: 'loss',
      label: t('basics.descent.flow.loss'),
      sub: f4(loss),
      col: 4,
      row: 0,
      kind: 'loss',
    },
    {
      id: 'grad',
      label: t('basics.descent.flow.grad'),
      sub: grad ? pair(grad) : '—',
      col: 5,
      row: 0,
      span: 2,
      kind: 'op',
    },
    {
      id: 'update',
      label: t(`basics.descent.flow.update.${config.optimizer}`),
      sub: t(`basics.descent.optimizers.${config.optimizer}`),
      col: 7,
      row: 0,
      span: 2,
      kind: 'net',
    },
  ];
  const focus =
    step === 0
      ? { current: 'loss', lit: ['data', 'model', 'data>model', 'model>loss'] }
      : { current: 'update', lit: ['loss', 'grad', 'loss>grad', 'grad>update', 'update>model'] };

  const stepTitle =
    step === 0 ? t('basics.descent.step.start') : t('basics.descent.step.update', { k: step });
  const formula =
    step === 0 ? (
      <Formula tex={startTex(config, run)} testId="basics.descent.formula.start" />
    ) : (
      <div className={`descent-formulas ${config.optimizer}`}>
        <Formula tex={gradTex(config, run, step)} testId="basics.descent.formula.grad" />
        <Formula tex={updateTex(config, run, step)} testId="basics.descent.formula.update" />
      </div>
    );
  const copied = step === 1 && isCopiedExample(config);

  const bar = (
    <>
      <div
        className="descent-optimizers"
        role="group"
        aria-label={t('basics.descent.controls.optimizer')}
      >
        {DESCENT_OPTIMIZERS.map((o) => (
          <button
            key={o}
            type="button"
            aria-pressed={config.optimizer === o}
            onClick={() => edit({ optimizer: o })}
            data-testid={`basics.descent.optimizer.${o}`}
          >
            {t(`basics.descent.optimizers.${o}`)}
          </button>
        ))}
      </div>
      <NumberField
        label="α"
        name={t('basics.descent.controls.lr')}
        value={config.lr}
        onChange={(lr) => edit({ lr })}
        testId="basics.descent.lr"
      />
      <StepControls
        step={step}
        count={count}
        go={go}
        playback={playback}
        stepName={
          step === 0
            ? t('basics.descent.stepName.start')
            : t('basics.descent.stepName.update', { k: step })
        }
        testIdPrefix="basics.descent.steps"
      />
      <p className="descent-headline" aria-live="polite">
        <span>
          θ<sub>{step}</sub> ={' '}
          <strong data-testid="basics.descent.theta" data-value={JSON.stringify(theta)}>
            {pair(theta)}
          </strong>
        </span>
        <span>
          J ={' '}
          <strong data-testid="basics.descent.loss" data-value={loss}>
            {f4(loss)}
          </strong>
        </span>
      </p>
    </>
  );

  // One message at a time (the most urgent), so the figure keeps its size while points move.
  const caption = diverging ? (
    <p className="descent-warning" role="status" data-testid="basics.descent.diverging">
      {run.overflowAt !== null
        ? t('basics.descent.overflow', {
            step: run.overflowAt,
            loss: f4(run.losses[run.overflowAt]!),
          })
        : t('basics.descent.diverging', {
            first: f4(losses[0]!),
            last: f4(losses[last]!),
            step: last,
          })}{' '}
      {config.optimizer === 'sgd' &&
        config.lr > limit &&
        t('basics.descent.divergingSgd', { limit: formatValue(limit, 3) })}
    </p>
  ) : copied ? (
    <p className="descent-copied" data-testid="basics.descent.copied">
      {t('basics.descent.copied')}
    </p>
  ) : (
    <p data-testid="basics.descent.caption">
      {step === 0
        ? t('basics.descent.caption.start')
        : t(`basics.descent.caption.${config.optimizer}`)}
    </p>
  );

  // A loss that grows by orders of magnitude is drawn as log₁₀ J (labelled so), else J itself.
  const finiteLosses = losses.filter((j) => Number.isFinite(j));
  const logCurve = Math.max(...finiteLosses) > 100 * Math.max(losses[0]!, 1e-12);
  const curveY = (j: number) => (logCurve ? Math.log10(Math.max(j, 1e-300)) : j);
  const curvePoints = losses
    .map((j, k) => [k, curveY(j)] as const)
    .filter(([, j]) => Number.isFinite(j));
  const ys = curvePoints.map(([, j]) => j);
  const yLo = logCurve ? Math.floor(Math.min(...ys)) : 0;
  const yHi = Math.max(...ys, yLo + 1e-9);

  const side = (
    <>
      <StagePanel title={t('basics.descent.about')} testId="basics.descent.about">
        <p className="lead">{t('basics.descent.lead')}</p>
      </StagePanel>
      {shown('descent-presets') && (
        <StagePanel title={t('basics.descent.presets')} testId="basics.descent.presets">
          <PresetSelect
            presets={DESCENT_PRESETS}
            current={preset}
            label={t('basics.descent.presets')}
            nameOf={(p) => t(`basics.descent.preset.${p}`)}
            onPick={(p) => edit(descentPreset(p))}
            testId="basics.descent.preset"
          />
        </StagePanel>
      )}
      {problem && (
        <p className="sandbox-problem" role="alert" data-testid="basics.descent.problem">
          {t('basics.descent.rejected', { detail: problem })}
        </p>
      )}
      {shown('descent-settings') && (
        <StagePanel title={t('basics.descent.settings')} testId="basics.descent.settings">
          <div className="descent-settings">
            <label className="descent-field">
              <span>{t('basics.descent.controls.objective')}</span>
              <select
                value={config.objective}
                onChange={(e) => edit({ objective: e.target.value as DescentConfig['objective'] })}
                data-testid="basics.descent.objective"
              >
                {DESCENT_OBJECTIVES.map((o) => (
                  <option key={o} value={o}>
                    {t(`basics.descent.objectives.${o}`)}
                  </option>
                ))}
              </select>
            </label>
            <NumberField
              label={t('basics.descent.controls.steps')}
              value={config.steps}
              onChange={(steps) => edit({ steps })}
              testId="basics.descent.steps-total"
            />
            <NumberField
              label={t('basics.descent.controls.w0')}
              value={config.theta[0]}
              onChange={(w) => edit({ theta: [w, config.theta[1]] })}
              testId="basics.descent.w0"
            />
            <NumberField
              label={t('basics.descent.controls.b0')}
              value={config.theta[1]}
              onChange={(b) => edit({ theta: [config.theta[0], b] })}
              testId="basics.descent.b0"
            />
            {config.optimizer === 'momentum' && (
              <NumberField
                label={t('basics.descent.controls.momentum')}
                value={config.momentum}
                onChange={(momentum) => edit({ momentum })}
                testId="basics.descent.momentum"
              />
            )}
            {config.optimizer === 'adam' && (
              <>
                <NumberField
                  label={t('basics.descent.controls.beta1')}
                  value={config.beta1}
                  onChange={(beta1) => edit({ beta1 })}
                  testId="basics.descent.beta1"
                />
                <NumberField
                  label={t('basics.descent.controls.beta2')}
                  value={config.beta2}
                  onChange={(beta2) => edit({ beta2 })}
                  testId="basics.descent.beta2"
                />
              </>
            )}
          </div>
        </StagePanel>
      )}
      {shown('descent-curve') && (
        <StagePanel title={t('basics.descent.curve')} testId="basics.descent.curve">
          <LineChart
            series={[{ id: 'loss', label: logCurve ? 'log₁₀ J' : 'J', points: curvePoints }]}
            highlight="loss"
            xDomain={[0, Math.max(1, last)]}
            yDomain={[yLo, yLo + (yHi - yLo) * 1.05]}
            marker={Number.isFinite(loss) ? { x: step, y: curveY(loss) } : null}
            label={t('basics.descent.curveLabel', { last })}
            testId="basics.descent.curve-chart"
          />
        </StagePanel>
      )}
      {step > 0 && (
        <StagePanel title={t('basics.descent.sums')} testId="basics.descent.sums">
          <Formula tex={gradSumsTex(config, run, step)} testId="basics.descent.formula.sums" />
        </StagePanel>
      )}
      {shown('descent-points') && (
        <StagePanel title={t('basics.descent.points')} testId="basics.descent.points-panel">
          <PointsEditor x={config.x} y={config.y} onChange={(x, y) => edit({ x, y })} />
        </StagePanel>
      )}
      {shown('descent-table') && (
        <StagePanel
          title={t('basics.descent.table')}
          defaultOpen={false}
          testId="basics.descent.table"
        >
          <StepTable run={run} last={last} step={step} go={go} />
        </StagePanel>
      )}
    </>
  );

  return (
    <div className="basics-descent" data-testid="basics.descent">
      <Stage
        id="basics.descent"
        label={t('basics.descent.stage')}
        bar={bar}
        overview={
          <FlowDiagram
            nodes={nodes}
            edges={EDGES}
            current={focus.current}
            lit={focus.lit}
            onSelect={(id) => go(id === 'update' || id === 'grad' ? Math.max(step, 1) : 0)}
            label={t('basics.descent.flow.label')}
            testIdPrefix="basics.descent.flow"
            cell={{ w: 96, h: 44 }}
          />
        }
        title={stepTitle}
        formula={formula}
        caption={caption}
        figure={
          <div className="descent-figures">
            <SurfacePlot surface={surface} thetas={run.thetas} step={step} last={last} />
            <DataPlot
              x={config.x}
              y={config.y}
              theta={theta}
              step={step}
              onMove={(i, px, py) => {
                const x = [...config.x];
                const y = [...config.y];
                x[i] = px;
                y[i] = py;
                edit({ x, y });
              }}
            />
          </div>
        }
        side={side}
        focusKey={[step]}
      />
    </div>
  );
}

/** Every step's θ, J and ∇J; the current row marked, each row a button to go there. */
function StepTable({
  run,
  last,
  step,
  go,
}: {
  run: ReturnType<typeof descentRun>;
  last: number;
  step: number;
  go: (n: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="descent-table-wrap">
      <table className="descent-table" data-testid="basics.descent.table.rows">
        <thead>
          <tr>
            <th scope="col">{t('basics.descent.col.step')}</th>
            <th scope="col">w</th>
            <th scope="col">b</th>
            <th scope="col">J</th>
            <th scope="col">∂J/∂w</th>
            <th scope="col">∂J/∂b</th>
          </tr>
        </thead>
        <tbody>
          {run.thetas.slice(0, last + 1).map(([w, b], k) => {
            const g = run.grads[k];
            return (
              <tr
                key={k}
                className={k === step ? 'selected' : undefined}
                aria-current={k === step ? 'step' : undefined}
              >
                <th scope="row">
                  <button type="button" onClick={() => go(k)}>
                    {k}
                  </button>
                </th>
                <td>{f4(w)}</td>
                <td>{f4(b)}</td>
                <td>{f4(run.losses[k]!)}</td>
                <td>{g && k < last ? f4(g[0]) : ''}</td>
                <td>{g && k < last ? f4(g[1]) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
