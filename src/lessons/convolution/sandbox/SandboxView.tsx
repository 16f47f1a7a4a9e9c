/**
 * The convolution sandbox: your own input and kernel through a convolution (or transposed
 * convolution), an activation and pooling — edited in place, with the output-shape formula,
 * the sliding window over the padded grid, and every product and sum.
 *
 * Sources of the numbers: the animation's products and sums come from core's step
 * generators; the output maps show what onnxruntime-web computed for the same config, and a
 * warning appears if the two ever differ by more than 1e-4.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemsOf } from '../../../store/lessonRegistry';
import { useAppStore } from '../../../store/store';
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
import { ActivationPanel, PoolPanel } from './SandboxActivation';
import { AnimationPanel, OutputSource } from './SandboxAnimation';
import { InputPanel, KernelPanel } from './SandboxEditors';
import { FormulaPanel } from './SandboxFormula';
import { ParamsPanel } from './SandboxParams';
import { useSandboxRun } from './useSandboxRun';

export function SandboxView() {
  const { t } = useTranslation();
  const stored = useConvConfig();
  const config = stored.mode === 'sandbox' ? stored : sandboxDefaults;
  const storedStep = useConvStep();
  const hide = useAppStore((s) => s.embed.hide);
  const setConfig = useAppStore((s) => s.setConfig);
  const setStep = useAppStore((s) => s.setStep);
  const [problem, setProblem] = useState<string | null>(null);

  const model = useMemo(() => computeSandbox(config), [config]);
  const arrays = useMemo(() => toArrays(config), [config]);
  const run = useSandboxRun(model);

  const stepCount = model.stepCount;
  const step = Math.min(Math.max(0, storedStep), stepCount - 1);
  const go = useCallback((n: number) => setStep('convolution', n), [setStep]);
  useStepKeys(step, stepCount, go);
  const playback = usePlayback(step, stepCount, go);

  /** Validates and stores a new config; a rejected one leaves the last good config in place. */
  const edit = useCallback(
    (change: SandboxEdit) => {
      const next = change(config, arrays);
      const result = sandboxConfigSchema.safeParse(next);
      if (result.success) {
        setProblem(null);
        setConfig('convolution', result.data);
      } else {
        setProblem(
          problemsOf(result.error, 'config')
            .map((p) => `${p.field}: ${p.message}`)
            .join('; '),
        );
      }
    },
    [config, arrays, setConfig],
  );
  const editArrays = useCallback(
    (f: (a: SandboxArrays) => SandboxArrays, patch: Partial<SandboxConfig> = {}) =>
      edit((c, a) => toConfig({ ...c, ...patch }, f(a))),
    [edit],
  );

  const shown = (name: (typeof SANDBOX_HIDEABLE)[number]) => !hide.includes(name);

  return (
    <div className="sandbox" data-testid="conv.sandbox">
      {problem && (
        <p className="sandbox-problem" role="alert" data-testid="conv.sandbox.problem">
          {t('sandbox.rejected', { detail: problem })}
        </p>
      )}
      <div className="sandbox-top">
        {shown('sandbox-input') && (
          <InputPanel config={config} arrays={arrays} editArrays={editArrays} />
        )}
        {shown('sandbox-kernel') && <KernelPanel arrays={arrays} editArrays={editArrays} />}
        {(shown('sandbox-params') || shown('sandbox-pool')) && (
          <ParamsPanel
            config={config}
            edit={edit}
            showParams={shown('sandbox-params')}
            showPool={shown('sandbox-pool')}
          />
        )}
      </div>
      {shown('sandbox-formula') && <FormulaPanel config={config} model={model} />}
      {model.job && <OutputSource run={run} />}
      {shown('sandbox-animation') && (
        <AnimationPanel
          config={config}
          model={model}
          run={run}
          step={step}
          go={go}
          playback={playback}
        />
      )}
      {model.conv && shown('sandbox-activation') && (
        <ActivationPanel config={config} model={model} run={run} step={step} />
      )}
      {model.conv && config.pool !== 'none' && shown('sandbox-pool') && (
        <PoolPanel config={config} model={model} run={run} step={step} />
      )}
    </div>
  );
}

export default SandboxView;
