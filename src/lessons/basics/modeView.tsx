/**
 * What the Basics activations and losses views share: the walk through a mode's steps (store,
 * keys, playback) and the overview diagram whose boxes are the steps (edits go through the
 * shared useConfigEdit).
 */
import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store';
import { FlowDiagram, type FlowEdge, type FlowNode } from '../../viz/FlowDiagram';
import { formatValue } from '../../viz/format';
import { Formula } from '../../viz/Formula';
import { Stage } from '../shared/Stage';
import { StepControls } from '../shared/StepControls';
import { usePlayback } from '../shared/usePlayback';
import { useStepKeys } from '../shared/useStepKeys';
import { useBasicsStep } from './config';

/** A number as the views show it: 4 significant digits. */
export const f4 = (v: number) => formatValue(v, 4);

/** Subscript digits for plain-text labels (p₁₂). */
export const sub = (i: number) => String(i).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]!);

/** The current step of a mode's walk, and how to move along it. */
export function useModeSteps<S extends string>(steps: readonly S[]) {
  const stored = useBasicsStep();
  const setStep = useAppStore((s) => s.setStep);
  const count = steps.length;
  const step = Math.min(Math.max(0, stored), count - 1);
  const go = useCallback((n: number) => setStep('basics', n), [setStep]);
  useStepKeys(step, count, go);
  const playback = usePlayback(step, count, go);
  return { steps, step, stepId: steps[step]!, count, go, playback };
}
export type ModeWalk<S extends string> = ReturnType<typeof useModeSteps<S>>;

/**
 * A mode's stage: its controls, the stepper and its headline numbers in the bar; the overview
 * (the current step's box filled, what led to it lit, a click goes to a box's step); the step's
 * title, typeset formula, caption and figure; the side panels. Test ids under `basics.${mode}`.
 */
export function ModeStage<S extends string>({
  mode,
  walk,
  controls,
  headline,
  overview,
  formula,
  caption,
  figure,
  side,
  focusKey,
}: {
  mode: 'activations' | 'losses';
  walk: ModeWalk<S>;
  controls: ReactNode;
  headline: ReactNode;
  overview: {
    nodes: FlowNode[];
    edges: FlowEdge[];
    focus: { current: string; lit: string[] };
    nodeStep: Record<string, S>;
    cellWidth: number;
  };
  formula: string;
  caption: ReactNode;
  figure: ReactNode;
  side: ReactNode;
  focusKey: unknown;
}) {
  const { t } = useTranslation();
  const id = `basics.${mode}`;
  const { steps, step, stepId, count, go, playback } = walk;
  return (
    <div className={`basics-actloss basics-${mode}`} data-testid={id}>
      <Stage
        id={id}
        label={t(`${id}.stage`)}
        bar={
          <>
            {controls}
            <StepControls
              step={step}
              count={count}
              go={go}
              playback={playback}
              stepName={t(`${id}.step.${stepId}`)}
              testIdPrefix={`${id}.steps`}
            />
            <p className="gan-headline basics-headline" aria-live="polite">
              {headline}
            </p>
          </>
        }
        overview={
          <FlowDiagram
            nodes={overview.nodes}
            edges={overview.edges}
            current={overview.focus.current}
            lit={overview.focus.lit}
            onSelect={(node) => {
              const s = overview.nodeStep[node];
              if (s) go(steps.indexOf(s));
            }}
            label={t(`${id}.flow.label`)}
            testIdPrefix={`${id}.flow`}
            cell={{ w: overview.cellWidth, h: 44 }}
          />
        }
        title={t(`${id}.step.${stepId}`)}
        formula={<Formula tex={formula} testId={`${id}.step-formula`} />}
        caption={caption}
        figure={figure}
        side={side}
        focusKey={focusKey}
      />
    </div>
  );
}
