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
import { attentionSteps } from '../../../core/attention';
import { problemsOf } from '../../../store/lessonRegistry';
import { useAppStore } from '../../../store/store';
import { StepControls } from '../../shared/StepControls';
import { usePlayback } from '../../shared/usePlayback';
import { useStepKeys } from '../../shared/useStepKeys';
import { useAttnConfig, useAttnStep } from '../config';
import { sandboxConfigSchema, sandboxDefaults, type SandboxConfig } from './config';
import { SANDBOX_STEPS, sandboxStepCount, type SANDBOX_HIDEABLE } from './lessonParts';
import { Editors, Params, Presets } from './SandboxEditors';
import { Breakdown, SandboxSteps, type Focus } from './SandboxSteps';
import { useAttentionRun } from './useAttentionRun';
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
        setProblem(
          problemsOf(result.error, 'config')
            .map((p) => `${p.field}: ${p.message}`)
            .join('; '),
        );
      }
    },
    [config, setConfig],
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
  const focus = lockedNow ?? inRange(hover) ?? { q: 0, k: 0, c: null };
  const activate = (f: Focus) => setLocked((old) => (sameFocus(old, f) ? null : f));
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && locked) setLocked(null);
  };

  const shown = (name: (typeof SANDBOX_HIDEABLE)[number]) => !hide.includes(name);

  return (
    <div className="sandbox attn-sandbox" data-testid="attention.sandbox" onKeyDown={onKeyDown}>
      <p className="lead">{t('attn.sandbox.lead')}</p>
      {problem && (
        <p className="sandbox-problem" role="alert" data-testid="attention.sandbox.problem">
          {t('attn.sandbox.rejected', { detail: problem })}
        </p>
      )}
      {shown('sandbox-presets') && <Presets config={config} edit={edit} />}
      <div className="sandbox-top">
        {shown('sandbox-editors') && <Editors config={config} edit={edit} />}
        {shown('sandbox-params') && <Params config={config} edit={edit} />}
      </div>
      {shown('sandbox-steps') && (
        <section className="panel attn-steps" aria-labelledby="attn-sandbox-steps-title">
          <h2 id="attn-sandbox-steps-title">{t('attn.sandbox.steps')}</h2>
          <StepControls
            step={step}
            count={stepCount}
            go={go}
            playback={playback}
            stepName={t(`attn.sandbox.stepNames.${stepName}`)}
            testIdPrefix="attention.sandbox.step"
          />
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
        </section>
      )}
      {shown('sandbox-breakdown') && (
        <Breakdown
          config={config}
          steps={steps}
          head={head}
          focus={focus}
          locked={lockedNow !== null}
          onUnlock={() => setLocked(null)}
        />
      )}
    </div>
  );
}

export default SandboxView;
