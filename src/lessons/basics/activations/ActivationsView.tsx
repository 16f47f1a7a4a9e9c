/**
 * Activation functions on the lesson stage: the curve f(x) with your points marked, its slope
 * f′(x) (what backpropagation multiplies by), softmax with a temperature, and the product of
 * slopes through a deep stack. Every number comes from core/activation (tested against PyTorch).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  activation,
  activationCurves,
  activationGrad,
  activationValues,
  depthChain,
  softmaxT,
  type ActivationFn,
} from '../../../core/activation';
import { useAppStore } from '../../../store/store';
import { BarChart } from '../../../viz/BarChart';
import type { FlowEdge, FlowNode } from '../../../viz/FlowDiagram';
import { LossChart, type ChartCurve, type ChartMark } from '../../gan/losses/LossChart';
import '../../gan/gan.css';
import { StagePanel } from '../../shared/Stage';
import { useBasicsModeConfig } from '../config';
import { ModeStage, f4, sub, useModeSteps } from '../modeView';
import { useConfigEdit } from '../../shared/useConfigEdit';
import { NumbersField } from '../NumbersField';
import '../basics-actloss.css';
import { ACTIVATIONS, activationsConfigSchema } from './config';
import { curveTex, depthTex, slopeTex, softmaxTex } from './formula';
import { ACTIVATIONS_STEPS, type ACTIVATIONS_HIDEABLE, type ActivationsStep } from './lessonParts';

const X_RANGE: [number, number] = [-5, 5];

const FLOW_FOCUS: Record<ActivationsStep, { current: string; lit: string[] }> = {
  curve: { current: 'f', lit: ['x', 'x>f'] },
  slope: { current: 'slope', lit: ['f', 'f>slope'] },
  softmax: { current: 'softmax', lit: ['logits', 'logits>softmax'] },
  depth: { current: 'stack', lit: ['slope', 'slope>stack'] },
};
const NODE_STEP: Record<string, ActivationsStep> = {
  x: 'curve',
  f: 'curve',
  slope: 'slope',
  logits: 'softmax',
  softmax: 'softmax',
  stack: 'depth',
};
const EDGES: FlowEdge[] = [
  { from: 'x', to: 'f' },
  { from: 'f', to: 'slope' },
  { from: 'slope', to: 'stack' },
  { from: 'logits', to: 'softmax' },
];

/** The y range that shows both curves over the x range, with a margin. */
function yDomain(fn: ActivationFn, alpha: number): [number, number] {
  const c = activationCurves(fn, X_RANGE[0], X_RANGE[1], alpha, 100);
  const ys = [...c.value, ...c.slope].map(([, y]) => y);
  const lo = Math.min(0, ...ys);
  const hi = Math.max(1, ...ys);
  const pad = 0.08 * (hi - lo);
  return [lo - pad, hi + pad];
}

export function ActivationsView() {
  const { t } = useTranslation();
  const config = useBasicsModeConfig('activations');
  const hide = useAppStore((s) => s.embed.hide);
  const walk = useModeSteps(ACTIVATIONS_STEPS);
  const { step, stepId } = walk;
  const { edit, problem } = useConfigEdit('basics', activationsConfigSchema, config);
  const [probe, setProbe] = useState<number>(config.xs[config.xs.length > 3 ? 3 : 0] ?? 1);
  const shown = (name: (typeof ACTIVATIONS_HIDEABLE)[number]) => !hide.includes(name);

  const { fn, alpha } = config;
  const result = useMemo(() => activationValues(fn, config.xs, alpha), [fn, config.xs, alpha]);
  const fx = activation(fn, probe, alpha);
  const dfx = activationGrad(fn, probe, alpha);
  const probs = useMemo(
    () => softmaxT(config.logits, config.temperature),
    [config.logits, config.temperature],
  );
  const chain = useMemo(
    () => depthChain(fn, probe, config.depth, alpha),
    [fn, probe, config.depth, alpha],
  );
  const fnName = t(`basics.activations.fn.${fn}`);

  const nodes: FlowNode[] = [
    {
      id: 'x',
      label: t('basics.activations.flow.x'),
      sub: f4(probe),
      col: 0,
      row: 0,
      kind: 'data',
    },
    { id: 'f', label: fnName, sub: f4(fx), col: 1, row: 0, kind: 'op' },
    { id: 'slope', label: t('basics.activations.flow.slope'), sub: f4(dfx), col: 2, row: 0 },
    {
      id: 'stack',
      label: t('basics.activations.flow.stack'),
      sub: `${config.depth} × → ${f4(chain[chain.length - 1]!.product)}`,
      col: 3,
      row: 0,
      span: 2,
      kind: 'net',
    },
    {
      id: 'logits',
      label: t('basics.activations.flow.logits'),
      sub: config.logits.map(f4).join(', '),
      col: 0,
      row: 1,
      span: 2,
      kind: 'data',
    },
    {
      id: 'softmax',
      label: t('basics.activations.flow.softmax'),
      sub: `T = ${f4(config.temperature)}`,
      col: 2,
      row: 1,
      kind: 'op',
    },
  ];
  const focus = FLOW_FOCUS[stepId];

  const formula = (() => {
    switch (stepId) {
      case 'curve':
        return curveTex(fn, probe, alpha);
      case 'slope':
        return slopeTex(fn, probe, alpha);
      case 'softmax':
        return softmaxTex(config.logits, config.temperature, probs);
      case 'depth':
        return depthTex(chain);
    }
  })();

  const controls = (
    <>
      <label className="select-label">
        {t('basics.activations.fnPicker')}
        <select
          value={fn}
          onChange={(e) => edit({ fn: e.target.value as ActivationFn })}
          data-testid="basics.activations.fn"
        >
          {ACTIVATIONS.map((name) => (
            <option key={name} value={name}>
              {t(`basics.activations.fn.${name}`)}
            </option>
          ))}
        </select>
      </label>
      {fn === 'leaky_relu' && (
        <label>
          {t('basics.activations.alpha')}
          <input
            type="number"
            min={0}
            max={1}
            step={0.01}
            value={alpha}
            className="basics-num"
            onChange={(e) => e.target.value !== '' && edit({ alpha: Number(e.target.value) })}
            data-testid="basics.activations.alpha"
          />
        </label>
      )}
    </>
  );
  const headline = (
    <>
      <span>
        f({f4(probe)}) ={' '}
        <strong data-testid="basics.activations.fx" data-value={fx}>
          {f4(fx)}
        </strong>
      </span>
      <span>
        f′({f4(probe)}) ={' '}
        <strong data-testid="basics.activations.dfx" data-value={dfx}>
          {f4(dfx)}
        </strong>
      </span>
    </>
  );

  const probeControl = (
    <div className="basics-probe" title={t('basics.activations.probeHint')}>
      <label>
        {t('basics.activations.probe')}
        <input
          type="number"
          step={0.1}
          value={probe}
          className="basics-num"
          onChange={(e) => {
            const v = Number(e.target.value);
            if (e.target.value !== '' && Number.isFinite(v)) setProbe(v);
          }}
          data-testid="basics.activations.probe"
        />
      </label>
      <input
        type="range"
        min={X_RANGE[0]}
        max={X_RANGE[1]}
        step={0.05}
        value={Math.min(X_RANGE[1], Math.max(X_RANGE[0], probe))}
        aria-label={t('basics.activations.probe')}
        aria-valuetext={f4(probe)}
        onChange={(e) => setProbe(Number(e.target.value))}
        data-testid="basics.activations.probe-slider"
      />
    </div>
  );

  const figure = (() => {
    if (stepId === 'softmax') {
      return (
        <div className="basics-figure basics-softmax" data-testid="basics.activations.figure">
          <div className="basics-softmax-controls">
            <label>
              {t('basics.activations.temperature')}
              <input
                type="range"
                min={0.05}
                max={5}
                step={0.05}
                value={Math.min(5, config.temperature)}
                aria-valuetext={f4(config.temperature)}
                onChange={(e) => edit({ temperature: Number(e.target.value) })}
                data-testid="basics.activations.temperature"
              />
              <output>{f4(config.temperature)}</output>
            </label>
          </div>
          <div className="basics-softmax-bars">
            <section>
              <h3>{t('basics.activations.chart.logitsTitle')}</h3>
              <BarChart
                values={config.logits}
                labels={config.logits.map((_, i) => `x${sub(i + 1)}`)}
                describe={(l, v) => t('basics.activations.chart.logitBar', { i: l, v: f4(v) })}
                format={f4}
                label={t('basics.activations.chart.logitsTitle')}
                testIdPrefix="basics.activations.logit"
              />
            </section>
            <section>
              <h3>{t('basics.activations.chart.softmaxTitle', { t: f4(config.temperature) })}</h3>
              <BarChart
                values={probs}
                labels={probs.map((_, i) => `p${sub(i + 1)}`)}
                highlight={probs.indexOf(Math.max(...probs))}
                describe={(l, v) => t('basics.activations.chart.softmaxBar', { i: l, v: f4(v) })}
                format={f4}
                label={t('basics.activations.chart.softmaxTitle', {
                  t: f4(config.temperature),
                })}
                testIdPrefix="basics.activations.prob"
              />
            </section>
          </div>
        </div>
      );
    }
    if (stepId === 'depth') {
      const fns: ActivationFn[] = [fn, ...(['sigmoid', 'tanh', 'relu'] as const)]
        .filter((v, i, all) => all.indexOf(v) === i)
        .slice(0, 3);
      // log₁₀ of the gradient: a product that shrinks k-fold per layer is a straight line.
      const log = (v: number) => Math.log10(Math.abs(v));
      const curves: ChartCurve[] = fns.map((name, i) => ({
        id: name,
        label: t(`basics.activations.fn.${name}`),
        points: depthChain(name, probe, config.depth, alpha).map((l, k) => [k + 1, log(l.product)]),
        highlight: name === fn,
        style: i,
      }));
      const marks: ChartMark[] = chain.map((l, k) => ({
        x: k + 1,
        y: log(l.product),
        style: 0,
      }));
      const lows = curves
        .flatMap((c) => c.points.map(([, y]) => y))
        .filter((y) => Number.isFinite(y));
      const yLo = Math.min(-1, Math.floor(Math.min(...lows)));
      return (
        <div className="gan-loss-figure one basics-figure" data-testid="basics.activations.figure">
          {probeControl}
          <LossChart
            title={t('basics.activations.chart.depthTitle', { x: f4(probe) })}
            xLabel={t('basics.activations.chart.depthX')}
            yLabel={t('basics.activations.chart.depthY')}
            xDomain={[1, Math.max(2, config.depth)]}
            yDomain={[yLo, Math.max(0.5, ...lows) + 0.25]}
            curves={curves}
            marks={marks}
            testId="basics.activations.depth-chart"
          />
        </div>
      );
    }
    const c = activationCurves(fn, X_RANGE[0], X_RANGE[1], alpha);
    const onSlope = stepId === 'slope';
    const ys = onSlope ? result.derivatives : result.values;
    const marks: ChartMark[] = [
      ...config.xs.map((x, i) => ({ x, y: ys[i]!, style: onSlope ? 1 : 0 })),
      { x: probe, y: onSlope ? dfx : fx, style: 2 },
    ];
    return (
      <div className="gan-loss-figure one basics-figure" data-testid="basics.activations.figure">
        {probeControl}
        <LossChart
          title={t('basics.activations.chart.curveTitle', { fn: fnName })}
          xLabel={t('basics.activations.chart.x')}
          yLabel={t('basics.activations.chart.y')}
          xDomain={X_RANGE}
          yDomain={yDomain(fn, alpha)}
          curves={[
            {
              id: 'value',
              label: `${t('basics.activations.chart.value')} = ${fnName}(x)`,
              points: c.value,
              highlight: !onSlope,
              style: 0,
            },
            {
              id: 'slope',
              label: t('basics.activations.chart.slope'),
              points: c.slope,
              highlight: onSlope,
              style: 1,
            },
          ]}
          marks={marks}
          onHoverX={(x) => setProbe(Math.round(x * 100) / 100)}
          testId="basics.activations.curve-chart"
        />
      </div>
    );
  })();

  const side = (
    <>
      <StagePanel title={t('basics.activations.about')} testId="basics.activations.about">
        <p className="lead">{t('basics.activations.lead')}</p>
      </StagePanel>
      {problem && (
        <p className="sandbox-problem" role="alert" data-testid="basics.activations.problem">
          {t('basics.activations.rejected', { detail: problem })}
        </p>
      )}
      {shown('activations-inputs') && (
        <StagePanel title={t('basics.activations.inputs')} testId="basics.activations.inputs">
          <NumbersField
            label={t('basics.activations.xs')}
            value={config.xs}
            onChange={(xs) => edit({ xs: xs as number[] })}
            invalidMessage={(text) => t('basics.activations.xsInvalid', { text })}
            testId="basics.activations.xs"
          />
          <NumbersField
            label={t('basics.activations.logits')}
            value={config.logits}
            onChange={(logits) => edit({ logits: logits as number[] })}
            invalidMessage={(text) => t('basics.activations.xsInvalid', { text })}
            testId="basics.activations.logits"
          />
          <label className="numbers-field">
            {t('basics.activations.depth')}
            <input
              type="number"
              min={1}
              max={20}
              step={1}
              value={config.depth}
              className="basics-num"
              onChange={(e) => e.target.value !== '' && edit({ depth: Number(e.target.value) })}
              data-testid="basics.activations.depth"
            />
          </label>
        </StagePanel>
      )}
      {shown('activations-table') && (
        <StagePanel title={t('basics.activations.table')} testId="basics.activations.table-panel">
          <table className="basics-table" data-testid="basics.activations.table">
            <thead>
              <tr>
                <th scope="col">{t('basics.activations.tableX')}</th>
                <th scope="col">f(x)</th>
                <th scope="col">f′(x)</th>
              </tr>
            </thead>
            <tbody>
              {config.xs.map((x, i) => (
                <tr key={i}>
                  <th scope="row">{f4(x)}</th>
                  <td data-testid={`basics.activations.value-${i}`} data-value={result.values[i]}>
                    {f4(result.values[i]!)}
                  </td>
                  <td
                    data-testid={`basics.activations.derivative-${i}`}
                    data-value={result.derivatives[i]}
                  >
                    {f4(result.derivatives[i]!)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </StagePanel>
      )}
    </>
  );

  return (
    <ModeStage
      mode="activations"
      walk={walk}
      controls={controls}
      headline={headline}
      overview={{ nodes, edges: EDGES, focus, nodeStep: NODE_STEP, cellWidth: 110 }}
      formula={formula}
      caption={
        <p data-testid="basics.activations.caption">
          {t(`basics.activations.caption.${stepId}`, { depth: config.depth })}
        </p>
      }
      figure={figure}
      side={side}
      focusKey={[step, fn]}
    />
  );
}
