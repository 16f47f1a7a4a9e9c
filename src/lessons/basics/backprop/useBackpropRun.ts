import { useEffect, useMemo, useState } from 'react';
import {
  backpropStep,
  resultDifference,
  type BackpropAnswer,
  type BackpropResult,
} from '../../../core/backprop';
import { latestOnly } from '../../shared/latestOnly';
import type { BackpropConfig } from './config';
import { runBackprop } from './lessonParts';

/** How far onnxruntime-web's numbers may be from core's reference before we say so. */
export const MISMATCH_TOLERANCE = 1e-4;

const run = latestOnly(runBackprop);

export interface BackpropRun {
  /** What the view shows: the train-step graph's numbers once in, core's until then. */
  shown: BackpropAnswer;
  /** core/backprop's float64 step (and ∂L/∂a, which the graph does not output). */
  reference: BackpropResult;
  source: 'ort' | 'core';
  state: 'running' | 'done' | 'error';
  error?: string;
  /** Largest relative difference between the graph's numbers and core's (when done). */
  mismatch: number;
}

type Settled =
  { config: BackpropConfig; answer: BackpropAnswer } | { config: BackpropConfig; error: string };

/**
 * Runs the config's train-step graph in the inference worker (an answer for an older config
 * is dropped) and checks it against core's float64 reference, which is shown until then.
 */
export function useBackpropRun(config: BackpropConfig): BackpropRun {
  const reference = useMemo(() => backpropStep(config), [config]);
  const [settled, setSettled] = useState<Settled | null>(null);

  useEffect(() => {
    let current = true;
    run(config).then(
      (answer) => {
        if (current) setSettled({ config, answer });
      },
      (e: unknown) => {
        if (current) setSettled({ config, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      current = false;
    };
  }, [config]);

  return useMemo((): BackpropRun => {
    if (!settled || settled.config !== config)
      return { shown: reference, reference, source: 'core', state: 'running', mismatch: 0 };
    if ('error' in settled)
      return {
        shown: reference,
        reference,
        source: 'core',
        state: 'error',
        error: settled.error,
        mismatch: 0,
      };
    return {
      shown: settled.answer,
      reference,
      source: 'ort',
      state: 'done',
      mismatch: resultDifference(settled.answer, reference),
    };
  }, [settled, config, reference]);
}
