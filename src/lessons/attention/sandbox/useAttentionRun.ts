import { useEffect, useMemo, useState } from 'react';
import type { AttentionSteps } from '../../../core/attention';
import type { Tensor } from '../../../core/tensor';
import { attentionGraph } from '../../../runtime/graph/attention';
import { runGraph } from '../../../store/runtime';
import { latestOnly } from '../../shared/latestOnly';
import type { SandboxConfig } from './config';
import { headMatrix, sandboxGraphInputs, sandboxGraphSpec } from './tensors';

/** How far onnxruntime-web's numbers may be from core's reference before we say so. */
export const MISMATCH_TOLERANCE = 1e-4;

interface Job {
  config: SandboxConfig;
}

const runSandbox = latestOnly((job: Job): Promise<Record<string, Tensor>> =>
  runGraph(attentionGraph(sandboxGraphSpec(job.config)), sandboxGraphInputs(job.config)),
);

/** The numbers drawn: per head scores … output, and the concatenated output. */
export interface ShownSteps {
  perHead: {
    scores: number[][];
    scaled: number[][];
    masked: number[][];
    weights: number[][];
    output: number[][];
  }[];
  output: number[][];
}

export interface AttentionRun {
  /** What the view draws: ORT's numbers once in, core's until then (or after an error). */
  shown: ShownSteps;
  source: 'ort' | 'core';
  state: 'running' | 'done' | 'error';
  error?: string;
  /** Largest difference between ORT's numbers and core's (when done). */
  mismatch: number;
}

type Settled = { job: Job; outputs: Record<string, Tensor> } | { job: Job; error: string };

function diff(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((row, i) =>
    row.forEach((x, j) => {
      const y = b[i]?.[j];
      if (y === undefined) m = Infinity;
      else if (!Number.isFinite(x) || !Number.isFinite(y)) m = Object.is(x, y) ? m : Infinity;
      else m = Math.max(m, Math.abs(x - y));
    }),
  );
  return m;
}

/**
 * Runs the sandbox's attention graph in the inference worker for the config; an answer for an
 * older config is dropped. Until ORT answers, core's reference (`steps`) is drawn.
 */
export function useAttentionRun(config: SandboxConfig, steps: AttentionSteps): AttentionRun {
  const job = useMemo<Job>(() => ({ config }), [config]);
  const [settled, setSettled] = useState<Settled | null>(null);

  useEffect(() => {
    let current = true;
    runSandbox(job).then(
      (outputs) => {
        if (current) setSettled({ job, outputs });
      },
      (e: unknown) => {
        if (current) setSettled({ job, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      current = false;
    };
  }, [job]);

  return useMemo((): AttentionRun => {
    const core: ShownSteps = { perHead: steps.perHead, output: steps.output };
    if (!settled || settled.job !== job)
      return { shown: core, source: 'core', state: 'running', mismatch: 0 };
    if ('error' in settled)
      return { shown: core, source: 'core', state: 'error', error: settled.error, mismatch: 0 };
    const o = settled.outputs;
    const shown: ShownSteps = {
      perHead: steps.perHead.map((_, n) => ({
        scores: headMatrix(o.scores!, n),
        scaled: headMatrix(o.scaled!, n),
        masked: headMatrix(o.masked!, n),
        weights: headMatrix(o.weights!, n),
        output: headMatrix(o.headOutput!, n),
      })),
      output: headMatrix(o.output!),
    };
    let mismatch = diff(shown.output, steps.output);
    shown.perHead.forEach((h, n) => {
      const ref = steps.perHead[n]!;
      for (const key of ['scores', 'scaled', 'masked', 'weights', 'output'] as const)
        mismatch = Math.max(mismatch, diff(h[key], ref[key]));
    });
    return { shown, source: 'ort', state: 'done', mismatch };
  }, [settled, job, steps]);
}
