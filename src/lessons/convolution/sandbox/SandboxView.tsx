/**
 * The convolution sandbox on the lesson stage: your own input and kernel through a
 * convolution (or transposed convolution), an activation and pooling. The bar holds the input
 * and the stepper; the overview the pipeline (input ⊛ kernel → activation → pooling → output)
 * with the part shown lit; the step the typeset formula of the current output cell with its
 * numbers and, large, the sliding window filling the output map; the side column the editors,
 * the settings and the output-shape formula.
 *
 * Sources of the numbers: the window's products and sums come from core's step generators;
 * the output maps show what onnxruntime-web computed for the same config, and a warning
 * appears if the two ever differ by more than 1e-4.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../../store/store';
import { Stage, StagePanel } from '../../shared/Stage';
import { StepControls } from '../../shared/StepControls';
import { usePlayback } from '../../shared/usePlayback';
import { useStepKeys } from '../../shared/useStepKeys';
import type { SANDBOX_HIDEABLE } from '../config';
import {
  sandboxConfigSchema,
  sandboxDefaults,
  useConvConfig,
  useConvStep,
  type SandboxConfig,
} from '../config';
import { computeSandbox } from './derive';
import { toArrays, toConfig, type SandboxArrays, type SandboxEdit } from './edit';
import { OutputSource, RunningSum, StepFormula } from './SandboxAnimation';
import { InputPanel, InputPresetPicker, KernelPanel } from './SandboxEditors';
import {
  ActivationFigure,
  OtherOutputs,
  PoolFigure,
  WindowFigure,
  type SandboxFocus,
} from './SandboxFigure';
import { FormulaPanel } from './SandboxFormula';
import { SandboxOverview } from './SandboxOverview';
import { ParamsPanel } from './SandboxParams';
import { MISMATCH_TOLERANCE, useSandboxRun } from './useSandboxRun';
import { formatValue } from '../../../viz/format';
import './sandbox.css';

export function SandboxView() {
  const { t } = useTranslation();
  const stored = useConvConfig();
  const config = stored.mode === 'sandbox' ? stored : sandboxDefaults;
  const storedStep = useConvStep();
  const hide = useAppStore((s) => s.embed.hide);
  const setConfig = useAppStore((s) => s.setConfig);
  const setStep = useAppStore((s) => s.setStep);
  const [problem, setProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState<SandboxFocus>('conv');

  const model = useMemo(() => computeSandbox(config), [config]);
  const arrays = useMemo(() => toArrays(config), [config]);
  const run = useSandboxRun(model);

  const stepCount = model.stepCount;
  const step = Math.min(Math.max(0, storedStep), stepCount - 1);
  const go = useCallback((n: number) => setStep('convolution', n), [setStep]);
  useStepKeys(step, stepCount, go);
  const playback = usePlayback(step, stepCount, go);

  // Turning the activation or pooling on shows it; a part that is gone falls back to the window.
  const last = useRef({ activation: config.activation, pool: config.pool });
  useEffect(() => {
    const before = last.current;
    last.current = { activation: config.activation, pool: config.pool };
    if (config.pool !== before.pool && config.pool !== 'none') setChosen('pool');
    else if (config.activation !== before.activation && config.activation !== 'none')
      setChosen('act');
  }, [config.activation, config.pool]);
  const focus: SandboxFocus =
    (chosen === 'act' && config.activation === 'none') ||
    (chosen === 'pool' && config.pool === 'none')
      ? 'conv'
      : chosen;

  /** Whether a change would be accepted (controls offer only the choices that are). */
  const allowed = useCallback(
    (change: SandboxEdit) => sandboxConfigSchema.safeParse(change(config, arrays)).success,
    [config, arrays],
  );
  /** Validates and stores a new config; a rejected one leaves the last good config in place. */
  const edit = useCallback(
    (change: SandboxEdit) => {
      const result = sandboxConfigSchema.safeParse(change(config, arrays));
      if (result.success) {
        setProblem(null);
        setConfig('convolution', result.data);
      } else {
        // Learners get it in words; field paths are for the editor and the embed API.
        const work = result.error.issues.some((i) => i.path.length === 0);
        setProblem(work ? t('sandbox.tooMuchWork') : t('sandbox.outOfLimits'));
      }
    },
    [config, arrays, setConfig, t],
  );
  const editArrays = useCallback(
    (f: (a: SandboxArrays) => SandboxArrays, patch: Partial<SandboxConfig> = {}) =>
      edit((c, a) => toConfig({ ...c, ...patch }, f(a))),
    [edit],
  );
  const allowArrays = useCallback(
    (f: (a: SandboxArrays) => SandboxArrays, patch: Partial<SandboxConfig> = {}) =>
      allowed((c, a) => toConfig({ ...c, ...patch }, f(a))),
    [allowed],
  );

  const shown = (name: (typeof SANDBOX_HIDEABLE)[number]) => !hide.includes(name);
  const conv = model.conv;
  const current = conv?.steps[step];
  const cout = conv ? conv.output.dims[0]! : 1;
  const position = current
    ? cout > 1
      ? t('sandbox.stepInfo', { co: current.co + 1, row: current.oy, col: current.ox })
      : t('sandbox.stepInfoOne', { row: current.oy, col: current.ox })
    : t('sandbox.noOutputTitle');

  const bar = (
    <>
      {shown('sandbox-input') && (
        <InputPresetPicker config={config} arrays={arrays} editArrays={editArrays} />
      )}
      {conv && shown('sandbox-animation') && (
        <StepControls
          step={step}
          count={stepCount}
          go={go}
          playback={playback}
          stepName={position}
          testIdPrefix="conv.sandbox.step"
        />
      )}
      {problem && (
        <p className="sandbox-problem" role="alert" data-testid="conv.sandbox.problem">
          {t('sandbox.rejected', { detail: problem })}
        </p>
      )}
      {run.state === 'done' && run.mismatch > MISMATCH_TOLERANCE && (
        <p className="sandbox-mismatch" role="alert" data-testid="conv.sandbox.mismatch">
          {t('sandbox.mismatch', { diff: formatValue(run.mismatch, 3) })}
        </p>
      )}
    </>
  );

  const figureProps = { config, model, run, step };
  const figure = !conv ? (
    <p className="sb-note" data-testid="conv.sandbox.no-animation">
      {t('sandbox.noAnimation')}
    </p>
  ) : focus === 'act' ? (
    <ActivationFigure {...figureProps} />
  ) : focus === 'pool' ? (
    <PoolFigure {...figureProps} />
  ) : (
    <WindowFigure {...figureProps} />
  );

  const side = (
    <>
      <StagePanel title={t('sandbox.about')} testId="conv.sandbox.about">
        <p className="hint" data-testid="conv.sandbox.caption">
          {config.transposed
            ? t('sandbox.captionTransposed', {
                s: config.stride,
                p: config.padding,
                d: config.dilation,
                inserted: config.stride - 1,
              })
            : t('sandbox.captionConv', { s: config.stride, p: config.padding, d: config.dilation })}
        </p>
        {model.job && <OutputSource run={run} />}
      </StagePanel>
      {(shown('sandbox-params') || shown('sandbox-pool')) && (
        <StagePanel title={t('sandbox.params')} testId="conv.sandbox.params">
          <ParamsPanel
            config={config}
            edit={edit}
            allowed={allowed}
            showParams={shown('sandbox-params')}
            showPool={shown('sandbox-pool')}
          />
        </StagePanel>
      )}
      {conv && cout > 1 && (
        <StagePanel title={t('sandbox.otherOutputs')} testId="conv.sandbox.other-outputs">
          <OtherOutputs model={model} run={run} step={step} />
        </StagePanel>
      )}
      {shown('sandbox-formula') && (
        <StagePanel title={t('sandbox.shapeTitle')} testId="conv.sandbox.shape">
          <FormulaPanel config={config} model={model} />
        </StagePanel>
      )}
      {shown('sandbox-input') && (
        <StagePanel title={t('sandbox.input')} testId="conv.sandbox.input-panel">
          <InputPanel arrays={arrays} editArrays={editArrays} allowArrays={allowArrays} />
        </StagePanel>
      )}
      {shown('sandbox-kernel') && (
        <StagePanel title={t('sandbox.kernel')} testId="conv.sandbox.kernel-panel">
          <KernelPanel arrays={arrays} editArrays={editArrays} allowArrays={allowArrays} />
        </StagePanel>
      )}
      {current && <RunningSum cells={current.cells} fmt={(v) => formatValue(v, 4)} />}
    </>
  );

  return (
    <div className="sandbox" data-testid="conv.sandbox">
      <Stage
        id="conv"
        label={t('sandbox.stageLabel')}
        bar={bar}
        overview={
          <SandboxOverview config={config} model={model} focus={focus} onSelect={setChosen} />
        }
        title={
          <span className="step-position" data-testid="conv.sandbox.position" data-step={step}>
            {position}
          </span>
        }
        formula={conv && <StepFormula {...figureProps} focus={focus} />}
        caption={conv && focus === 'conv' && <GridKey config={config} />}
        figure={figure}
        side={side}
        focusKey={[step, focus]}
        busy={run.state === 'running'}
      />
    </div>
  );
}

/** What the grid's cell styles mean: window, dilation gaps, padding, inserted zeros. */
function GridKey({ config }: { config: SandboxConfig }) {
  const { t } = useTranslation();
  return (
    <ul className="grid-key" aria-label={t('sandbox.keyTitle')}>
      <li>
        <span className="swatch win" aria-hidden="true" /> {t('sandbox.keyWindow')}
      </li>
      {config.dilation > 1 && (
        <li>
          <span className="swatch gap" aria-hidden="true" /> {t('sandbox.keyGap')}
        </li>
      )}
      {(config.padding > 0 || config.transposed) && (
        <li>
          <span className="swatch pad" aria-hidden="true" /> {t('sandbox.keyPad')}
        </li>
      )}
      {config.transposed && config.stride > 1 && (
        <li>
          <span className="swatch inserted" aria-hidden="true" /> {t('sandbox.keyInserted')}
        </li>
      )}
      <li>
        <span className="swatch current" aria-hidden="true" /> {t('sandbox.keyCurrent')}
      </li>
    </ul>
  );
}

export default SandboxView;
