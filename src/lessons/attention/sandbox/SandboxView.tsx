/**
 * The attention sandbox: your own Q, K and V through scaled dot-product attention, one step
 * at a time — scores, scaling, mask, softmax, weighted sum (and the heads concatenated).
 *
 * Sources of the numbers: the matrices show what onnxruntime-web computed for the config
 * (the graph of runtime/graph/attention.ts); core/attention.ts draws first while it runs,
 * gives the per-cell breakdown, and a warning appears if the two differ by more than 1e-4.
 */
import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { attentionSteps } from '../../../core/attention';
import { problemsOf } from '../../../store/lessonRegistry';
import { useAppStore } from '../../../store/store';
import { FlowDiagram, type FlowEdge, type FlowNode } from '../../../viz/FlowDiagram';
import { Formula } from '../../../viz/Formula';
import { Stage, StagePanel } from '../../shared/Stage';
import { StepControls } from '../../shared/StepControls';
import { usePlayback } from '../../shared/usePlayback';
import { useStepKeys } from '../../shared/useStepKeys';
import { useAttnConfig, useAttnStep } from '../config';
import { sandboxConfigSchema, sandboxDefaults, type SandboxConfig } from './config';
import { sandboxTex } from './formula';
import {
  SANDBOX_STEPS,
  sandboxStepCount,
  type SANDBOX_HIDEABLE,
  type SandboxStep,
} from './lessonParts';
import { Editors, Params, Presets } from './SandboxEditors';
import { Breakdown, SandboxSteps, type Focus } from './SandboxSteps';
import { MISMATCH_TOLERANCE, useAttentionRun } from './useAttentionRun';
import './sandbox.css';

const sameFocus = (a: Focus | null, b: Focus | null) =>
  a !== null && b !== null && a.q === b.q && a.k === b.k && a.c === b.c;

export function SandboxView() {
  const { t } = useTranslation();
  const stored = useAttnConfig();
  const config = stored.mode === 'sandbox' ? stored : sandboxDefaults;
  const storedStep = useAttnStep();
  const hide = useAppStore((s) => s.embed.hide);
  const setConfig = useAppStore((s) => s.setConfig);
  const setStep = useAppStore((s) => s.setStep);
  const [problem, setProblem] = useState<string | null>(null);
  const [selectedHead, setSelectedHead] = useState(0);
  const [hover, setHover] = useState<Focus | null>(null);
  const [locked, setLocked] = useState<Focus | null>(null);

  const steps = useMemo(
    () =>
      attentionSteps(config.q, config.k, config.v, {
        mask: config.mask,
        scale: config.scale,
        heads: config.heads,
      }),
    [config.q, config.k, config.v, config.mask, config.scale, config.heads],
  );
  const run = useAttentionRun(config, steps);

  const stepCount = sandboxStepCount(config);
  const step = Math.min(Math.max(0, storedStep), stepCount - 1);
  const go = useCallback((n: number) => setStep('attention', n), [setStep]);
  useStepKeys(step, stepCount, go);
  const playback = usePlayback(step, stepCount, go);
  const stepName = SANDBOX_STEPS[step]!;
  const head = Math.min(selectedHead, config.heads - 1);

  /** Validates and stores a new config; a rejected one leaves the last good config in place. */
  const edit = useCallback(
    (change: (c: SandboxConfig) => SandboxConfig) => {
      const result = sandboxConfigSchema.safeParse(change(config));
      if (result.success) {
        setProblem(null);
        setConfig('attention', result.data);
      } else {
        const next = change(config);
        setProblem(
          problemsOf(result.error, 'config')
            .map((p) => sandboxProblemInWords(t, p.field, p.message, next))
            .join(' '),
        );
      }
    },
    [config, setConfig, t],
  );

  // Focus outside the grid's size (after a resize) falls back to the first cell.
  const inRange = (f: Focus | null): Focus | null =>
    f &&
    (f.q === null || f.q < steps.tq) &&
    (f.k === null || f.k < steps.tk) &&
    (f.c === null || f.c < steps.dv)
      ? f
      : null;
  const lockedNow = inRange(locked);
  // With nothing pointed at, the first query and the second key (score(我, 爱) in the preset).
  const focus = lockedNow ?? inRange(hover) ?? { q: 0, k: Math.min(1, steps.tk - 1), c: null };
  const activate = (f: Focus) => setLocked((old) => (sameFocus(old, f) ? null : f));
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && locked) setLocked(null);
  };

  const shown = (name: (typeof SANDBOX_HIDEABLE)[number]) => !hide.includes(name);

  const focusCell = {
    q: focus.q ?? 0,
    k: focus.k ?? Math.min(focus.q ?? 0, steps.tk - 1),
    c: Math.max(0, (focus.c ?? head * steps.dvHead) - head * steps.dvHead),
  };
  const tex = sandboxTex(stepName, config, steps, head, focusCell);

  const bar = (
    <>
      {shown('sandbox-presets') && <Presets config={config} edit={edit} />}
      {config.heads > 1 && (
        <div className="channel-tabs" role="group" aria-label={t('attn.sandbox.headTabs')}>
          <span className="channel-tabs-label" aria-hidden="true">
            {t('attn.sandbox.headTabs')}
          </span>
          {Array.from({ length: config.heads }, (_, n) => (
            <button
              key={n}
              type="button"
              aria-pressed={n === head}
              onClick={() => setSelectedHead(n)}
              data-testid={`attention.sandbox.head-${n}`}
            >
              {t('attn.sandbox.head', { index: n + 1 })}
            </button>
          ))}
        </div>
      )}
      {shown('sandbox-steps') && (
        <StepControls
          step={step}
          count={stepCount}
          go={go}
          playback={playback}
          stepName={t(`attn.sandbox.stepNames.${stepName}`)}
          testIdPrefix="attention.sandbox.step"
        />
      )}
      {problem && (
        <p
          className="sandbox-problem attn-bar-note"
          role="alert"
          data-testid="attention.sandbox.problem"
        >
          {t('attn.sandbox.rejected', { detail: problem })}
        </p>
      )}
    </>
  );

  const flowNodes: FlowNode[] = [
    { id: 'qk', label: 'Q, K', col: 0, row: 0, kind: 'data' },
    { id: 'v', label: 'V', col: 4, row: 1, kind: 'data' },
    ...SANDBOX_STEPS.slice(0, stepCount).map((id, i) => ({
      id,
      label: t(`attn.sandbox.flow.${id}`),
      name: t(`attn.sandbox.stepNames.${id}`),
      col: i + 1,
      row: 0,
      kind: 'op' as const,
    })),
  ];
  const flowEdges: FlowEdge[] = [
    { from: 'qk', to: 'scores' },
    { from: 'v', to: 'output' },
    ...SANDBOX_STEPS.slice(1, stepCount).map((id, i) => ({ from: SANDBOX_STEPS[i]!, to: id })),
  ];
  const isStep = (id: string) => (SANDBOX_STEPS as readonly string[]).includes(id);

  return (
    <div className="sandbox attn-sandbox" data-testid="attention.sandbox" onKeyDown={onKeyDown}>
      <Stage
        id="attention.sandbox"
        label={t('attn.sandbox.stageLabel')}
        bar={bar}
        overview={
          <FlowDiagram
            nodes={flowNodes}
            edges={flowEdges}
            current={stepName}
            onSelect={(id) => go(SANDBOX_STEPS.indexOf(id as SandboxStep))}
            selectable={isStep}
            label={t('attn.sandbox.flowLabel')}
            testIdPrefix="attention.sandbox.flow"
            cell={{ w: 118, h: 44 }}
          />
        }
        title={t(`attn.sandbox.stepNames.${stepName}`)}
        formula={
          <span data-testid="attention.sandbox.formula" data-step={stepName}>
            <Formula tex={tex} display testId="attention.sandbox.formula-tex" />
          </span>
        }
        caption={
          <>
            <p>
              {stepName === 'masked' && config.mask === 'none'
                ? t('attn.sandbox.noMask')
                : t(`attn.sandbox.captions.${stepName}`)}{' '}
              <span
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
              </span>
            </p>
            {run.state === 'done' && run.mismatch > MISMATCH_TOLERANCE && (
              <p className="sandbox-mismatch" role="alert" data-testid="attention.sandbox.mismatch">
                {t('attn.sandbox.mismatch', { diff: run.mismatch.toExponential(2) })}
              </p>
            )}
          </>
        }
        figure={
          <SandboxSteps
            config={config}
            steps={steps}
            run={run}
            step={step}
            stepName={stepName}
            head={head}
            focus={focus}
            onHover={setHover}
            onActivate={activate}
          />
        }
        side={
          <>
            {shown('sandbox-breakdown') && (
              <StagePanel
                title={t('attn.sandbox.breakdown')}
                testId="attention.sandbox.breakdown-panel"
              >
                <Breakdown
                  config={config}
                  steps={steps}
                  head={head}
                  focus={focus}
                  locked={lockedNow !== null}
                  onUnlock={() => setLocked(null)}
                />
              </StagePanel>
            )}
            {shown('sandbox-params') && (
              <StagePanel title={t('attn.sandbox.params')} testId="attention.sandbox.params-panel">
                <Params config={config} edit={edit} />
              </StagePanel>
            )}
            {shown('sandbox-editors') && (
              <StagePanel
                title={t('attn.sandbox.matrices')}
                testId="attention.sandbox.editors-panel"
              >
                <Editors config={config} edit={edit} />
              </StagePanel>
            )}
            <StagePanel title={t('attn.sandbox.about')} defaultOpen={false}>
              <p className="hint">{t('attn.sandbox.lead')}</p>
            </StagePanel>
          </>
        }
        focusKey={[step, head]}
      />
    </div>
  );
}

/**
 * A rejected sandbox edit said in words (the embed API and the editor keep the field paths,
 * e.g. `config.heads`): what the rule is, with this config's numbers.
 */
function sandboxProblemInWords(
  t: TFunction,
  field: string,
  message: string,
  c: SandboxConfig,
): string {
  const dk = c.q[0]?.length ?? 0;
  const dv = c.v[0]?.length ?? 0;
  const path = field.replace(/^config\.?/, '').split('.');
  switch (path[0]) {
    case 'heads':
      return t('attn.sandbox.problem.heads', { heads: c.heads, dk, dv });
    case 'mask':
      return t('attn.sandbox.problem.mask', { tq: c.q.length, tk: c.k.length });
    case 'k':
      if (path.length === 1)
        return t('attn.sandbox.problem.width', { dq: dk, dk: c.k[0]?.length ?? 0 });
      break;
    case 'v':
      if (path.length === 1)
        return t('attn.sandbox.problem.vRows', { v: c.v.length, k: c.k.length });
      break;
    case 'tokens':
      return t('attn.sandbox.problem.tokens');
  }
  if (['q', 'k', 'v'].includes(path[0]!) && path.length === 3)
    return t('attn.sandbox.problem.cell', {
      what: path[0]!.toUpperCase(),
      row: Number(path[1]) + 1,
      col: Number(path[2]) + 1,
    });
  return t('attn.sandbox.problem.other', { message });
}

export default SandboxView;
