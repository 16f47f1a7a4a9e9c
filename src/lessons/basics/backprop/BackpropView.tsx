/**
 * Backpropagation on the lesson stage: a small fully connected network drawn large, walked
 * through one training step — forward neuron by neuron, the loss, backward edge by edge
 * (δ of each neuron, ∂L/∂w of each weight, ∂L/∂b), the update layer by layer — each step's
 * chain rule typeset with its numbers; then "train another step" repeats from the updated
 * parameters, keeping a short history of the loss.
 *
 * The numbers are the ONNX train-step graph's (runtime/graph/backprop.ts, on onnxruntime-web),
 * checked against core/backprop's float64 reference, which is shown until the graph answers.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfigEdit } from '../../shared/useConfigEdit';
import { useAppStore } from '../../../store/store';
import { FlowDiagram, type FlowEdge, type FlowNode } from '../../../viz/FlowDiagram';
import { formatValue } from '../../../viz/format';
import { Formula } from '../../../viz/Formula';
import { LineChart } from '../../../viz/LineChart';
import { Stage, StagePanel } from '../../shared/Stage';
import { StepControls } from '../../shared/StepControls';
import { usePlayback } from '../../shared/usePlayback';
import { useStepKeys } from '../../shared/useStepKeys';
import { useBasicsModeConfig, useBasicsStep } from '../config';
import { NumberField, ParamsEditor, SettingsEditor } from './BackpropEditors';
import './backprop.css';
import { backpropConfigSchema, type BackpropConfig } from './config';
import { clean, withMatrix } from './edit';
import { stepTex } from './formula';
import { backpropSteps, type BACKPROP_HIDEABLE, type BackpropStep } from './lessonParts';
import { NetworkFigure, type Edge } from './NetworkFigure';
import { MISMATCH_TOLERANCE, useBackpropRun } from './useBackpropRun';

type Phase = 'forward' | 'loss' | 'delta' | 'grads' | 'update';
const PHASE: Record<BackpropStep['kind'], Phase> = {
  forward: 'forward',
  loss: 'loss',
  delta: 'delta',
  weight: 'grads',
  bias: 'grads',
  update: 'update',
};
const FLOW_EDGES: FlowEdge[] = [
  { from: 'input', to: 'forward' },
  { from: 'forward', to: 'loss' },
  { from: 'loss', to: 'delta' },
  { from: 'delta', to: 'grads' },
  { from: 'grads', to: 'update' },
];

/** One training step done: its loss and the parameters it started from. */
interface HistoryEntry {
  loss: number;
  weights: number[][][];
  biases: number[][];
}

const sub = (n: number) => String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]!);
const sup = (n: number) => String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
/** Plain-text names for titles and labels: w⁽¹⁾₁₂, a⁽²⁾₁, x₃. */
export const weightName = (e: Edge) => `w⁽${sup(e.l)}⁾${sub(e.j + 1)}${sub(e.i + 1)}`;
const neuronName = (l: number, j: number) =>
  l === 0 ? `x${sub(j + 1)}` : `a⁽${sup(l)}⁾${sub(j + 1)}`;

export function BackpropView() {
  const { t } = useTranslation();
  const config = useBasicsModeConfig('backprop');
  const storedStep = useBasicsStep();
  const hide = useAppStore((s) => s.embed.hide);
  const setStep = useAppStore((s) => s.setStep);
  const [selected, setSelected] = useState<Edge | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const shown = (name: (typeof BACKPROP_HIDEABLE)[number]) => !hide.includes(name);

  const steps = useMemo(() => backpropSteps(config.sizes), [config.sizes]);
  const count = steps.length;
  const step = Math.min(Math.max(0, storedStep), count - 1);
  const cur = steps[step]!;
  const go = useCallback((n: number) => setStep('basics', n), [setStep]);
  useStepKeys(step, count, go);
  const playback = usePlayback(step, count, go);
  const run = useBackpropRun(config);
  const narrow = useNarrow();
  const r = run.shown;
  const layers = config.sizes.length - 1;

  /** Validates and stores a change; a refused one keeps the last good config and says why. */
  const { edit: store, problem } = useConfigEdit('basics', backpropConfigSchema, config);
  const edit = useCallback(
    (patch: Partial<BackpropConfig>) => {
      if (store(patch)) {
        setHistory([]);
        if (patch.sizes) setSelected(null);
      }
    },
    [store],
  );

  const train = () => {
    const entry = {
      loss: r.loss,
      weights: config.weights.map((m) => m.map((row) => [...row])),
      biases: config.biases.map((b) => [...b]),
    };
    const weights = r.weightsAfter.map((m) => m.map((row) => row.map(clean)));
    const biases = r.biasesAfter.map((b) => b.map(clean));
    if (store({ weights, biases })) {
      setHistory((h) => [...h, entry].slice(-50));
      go(0);
    }
  };
  const restart = () => {
    const first = history[0];
    if (first && store({ weights: first.weights, biases: first.biases })) {
      setHistory([]);
      go(0);
    }
  };

  const selectEdge = (e: Edge) => setSelected(e);
  const selectNeuron = (l: number, j: number) => {
    const phaseNow = PHASE[cur.kind];
    const backward = phaseNow !== 'forward' && phaseNow !== 'loss';
    const target = steps.findIndex((s) =>
      backward
        ? s.kind === 'delta' && s.l === l && s.j === j
        : s.kind === 'forward' && s.l === l && s.j === j,
    );
    if (target >= 0) go(target);
  };

  const phase = PHASE[cur.kind];
  const out = r.a[layers - 1]!;
  const firstOf = (p: Phase) => steps.findIndex((s) => PHASE[s.kind] === p);
  const flowNodes: FlowNode[] = [
    {
      id: 'input',
      label: 'x',
      sub: config.x.map((v) => formatValue(v)).join(', '),
      col: 0,
      row: 0,
      kind: 'data',
      name: t('basics.backprop.flow.input'),
    },
    {
      id: 'forward',
      label: t('basics.backprop.flow.forward'),
      sub: 'z = Wa + b, a = f(z)',
      col: 1,
      row: 0,
      kind: 'op',
    },
    {
      id: 'loss',
      label: 'L',
      sub: formatValue(r.loss, 4),
      col: 2,
      row: 0,
      kind: 'loss',
      name: t('basics.backprop.flow.loss'),
    },
    {
      id: 'delta',
      label: t('basics.backprop.flow.delta'),
      sub: 'δ = ∂L/∂z',
      col: 3,
      row: 0,
      kind: 'op',
    },
    {
      id: 'grads',
      label: t('basics.backprop.flow.grads'),
      sub: '∂L/∂w = δ·a',
      col: 4,
      row: 0,
      kind: 'op',
    },
    {
      id: 'update',
      label: t('basics.backprop.flow.update'),
      sub: 'w ← w − η·∂L/∂w',
      col: 5,
      row: 0,
      kind: 'net',
    },
  ];
  const lit: Record<Phase, string[]> = {
    forward: ['input', 'input>forward'],
    loss: ['forward', 'forward>loss'],
    delta: ['loss', 'loss>delta'],
    grads: ['delta', 'delta>grads'],
    update: ['grads', 'grads>update'],
  };

  const title = (() => {
    switch (cur.kind) {
      case 'forward':
        return t('basics.backprop.step.forward', { name: neuronName(cur.l, cur.j), l: cur.l });
      case 'loss':
        return t('basics.backprop.step.loss');
      case 'delta':
        return t('basics.backprop.step.delta', { name: `δ⁽${sup(cur.l)}⁾${sub(cur.j + 1)}` });
      case 'weight':
        return t('basics.backprop.step.weight', {
          name: weightName(cur),
          from: neuronName(cur.l - 1, cur.i),
          to: neuronName(cur.l, cur.j),
        });
      case 'bias':
        return t('basics.backprop.step.bias', { name: `b⁽${sup(cur.l)}⁾${sub(cur.j + 1)}` });
      case 'update':
        return t('basics.backprop.step.update', { l: cur.l });
    }
  })();
  const caption = (() => {
    switch (cur.kind) {
      case 'forward':
        return t('basics.backprop.caption.forward');
      case 'loss':
        return t(`basics.backprop.caption.loss_${config.loss}`);
      case 'delta':
        return t(
          cur.l === layers
            ? 'basics.backprop.caption.deltaOut'
            : 'basics.backprop.caption.deltaHidden',
        );
      case 'weight':
        return t('basics.backprop.caption.weight');
      case 'bias':
        return t('basics.backprop.caption.bias');
      case 'update':
        return t('basics.backprop.caption.update', { lr: config.lr });
    }
  })();

  const editor =
    selected &&
    selected.l <= layers &&
    selected.j < config.sizes[selected.l]! &&
    selected.i < config.sizes[selected.l - 1]!
      ? selected
      : null;

  const bar = (
    <>
      <StepControls
        step={step}
        count={count}
        go={go}
        playback={playback}
        stepName={title}
        testIdPrefix="basics.backprop.steps"
      />
      <p className="bp-headline" aria-live="polite">
        <span>
          {t('basics.backprop.outputIs')}{' '}
          <strong data-testid="basics.backprop.output-value" data-value={JSON.stringify(out)}>
            {out.map((v) => formatValue(v, 4)).join(', ')}
          </strong>
        </span>
        <span>
          L ={' '}
          <strong data-testid="basics.backprop.loss-value" data-value={r.loss}>
            {formatValue(r.loss, 4)}
          </strong>
        </span>
      </p>
      {shown('backprop-params') && (
        <div className="bp-edge-editor" data-testid="basics.backprop.edge-editor">
          {editor ? (
            <NumberField
              key={`${editor.l}-${editor.j}-${editor.i}`}
              label={weightName(editor)}
              value={config.weights[editor.l - 1]![editor.j]![editor.i]!}
              onValue={(v) => {
                const m = config.weights[editor.l - 1]!.map((row) => [...row]);
                m[editor.j]![editor.i] = v;
                edit({ weights: withMatrix(config, editor.l, m) });
              }}
              testId="basics.backprop.edge-input"
            />
          ) : (
            <span className="bp-hint">{t('basics.backprop.clickEdge')}</span>
          )}
        </div>
      )}
      {shown('backprop-train') && (
        <button
          type="button"
          onClick={train}
          disabled={run.state === 'running'}
          data-testid="basics.backprop.train"
        >
          {t('basics.backprop.train')}
        </button>
      )}
    </>
  );

  const engine = (
    <p
      className="bp-engine"
      data-testid="basics.backprop.engine"
      data-source={run.source}
      data-state={run.state}
      data-mismatch={run.mismatch}
    >
      {run.state === 'running'
        ? t('basics.backprop.engineRunning')
        : run.state === 'error'
          ? t('basics.backprop.engineError', { error: run.error })
          : t('basics.backprop.engineDone', { diff: run.mismatch.toExponential(1) })}
    </p>
  );

  const side = (
    <>
      <StagePanel title={t('basics.backprop.about')} testId="basics.backprop.about">
        <p className="lead">{t('basics.backprop.lead')}</p>
        {engine}
        {run.state === 'done' && run.mismatch > MISMATCH_TOLERANCE && (
          <p className="sandbox-mismatch" role="alert" data-testid="basics.backprop.mismatch">
            {t('basics.backprop.mismatch', { diff: run.mismatch.toExponential(2) })}
          </p>
        )}
      </StagePanel>
      {problem && (
        <p className="sandbox-problem" role="alert" data-testid="basics.backprop.problem">
          {t('basics.backprop.rejected', { detail: problem })}
        </p>
      )}
      {shown('backprop-history') && history.length > 0 && (
        <StagePanel title={t('basics.backprop.history')} testId="basics.backprop.history">
          <LossHistory losses={[...history.map((h) => h.loss), r.loss]} />
          <button type="button" onClick={restart} data-testid="basics.backprop.restart">
            {t('basics.backprop.restart')}
          </button>
        </StagePanel>
      )}
      {shown('backprop-settings') && (
        <StagePanel title={t('basics.backprop.settings')} testId="basics.backprop.settings">
          <SettingsEditor config={config} edit={edit} />
        </StagePanel>
      )}
      {shown('backprop-params') && (
        <StagePanel
          title={t('basics.backprop.params')}
          defaultOpen={false}
          testId="basics.backprop.params"
        >
          <ParamsEditor config={config} edit={edit} />
        </StagePanel>
      )}
    </>
  );

  return (
    <div className="basics-backprop" data-testid="basics.backprop">
      <Stage
        id="basics.backprop"
        label={t('basics.backprop.stage')}
        bar={bar}
        overview={
          <FlowDiagram
            nodes={flowNodes}
            edges={FLOW_EDGES}
            current={phase}
            lit={lit[phase]}
            onSelect={(id) => {
              const n = id === 'input' ? 0 : firstOf(id as Phase);
              if (n >= 0) go(n);
            }}
            label={t('basics.backprop.flow.label')}
            testIdPrefix="basics.backprop.flow"
            cell={{ w: 128, h: 44 }}
          />
        }
        title={<span data-testid="basics.backprop.step-title">{title}</span>}
        formula={
          <Formula tex={stepTex(cur, config, r, narrow)} display testId="basics.backprop.formula" />
        }
        caption={<p data-testid="basics.backprop.caption">{caption}</p>}
        figure={
          <NetworkFigure
            config={config}
            result={r}
            steps={steps}
            step={step}
            selected={editor}
            onSelectEdge={selectEdge}
            onSelectNeuron={selectNeuron}
            narrow={narrow}
          />
        }
        side={side}
        focusKey={step}
        busy={run.state === 'running'}
      />
    </div>
  );
}

/** The loss after each training step (the last one is the current parameters'). */
function LossHistory({ losses }: { losses: number[] }) {
  const { t } = useTranslation();
  const hi = Math.max(...losses.filter(Number.isFinite), 1e-9);
  return (
    <>
      <LineChart
        series={[{ id: 'loss', label: 'L', points: losses.map((v, i) => [i + 1, v] as const) }]}
        highlight="loss"
        xDomain={[1, Math.max(2, losses.length)]}
        yDomain={[0, hi * 1.05]}
        label={t('basics.backprop.historyChart')}
        testId="basics.backprop.history-chart"
      />
      <ol className="bp-history" data-testid="basics.backprop.history-list">
        {losses.map((v, i) => (
          <li key={i} data-value={v}>
            {t('basics.backprop.historyItem', { n: i + 1, loss: formatValue(v, 4) })}
          </li>
        ))}
      </ol>
    </>
  );
}

const NARROW = '(max-width: 40rem)';
/** Whether the window is a phone's width (formulas break into more lines, the net is narrower). */
function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia?.(NARROW).matches ?? false);
  useEffect(() => {
    const mq = window.matchMedia?.(NARROW);
    if (!mq) return;
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}
