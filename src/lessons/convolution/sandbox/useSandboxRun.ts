import { useEffect, useState } from 'react';
import { maxAbsDiff, type Tensor } from '../../../core/tensor';
import { convGraph } from '../../../runtime/graph/conv';
import { runGraph } from '../../../store/runtime';
import { latestOnly } from '../../shared/latestOnly';
import type { SandboxJob, SandboxModel } from './derive';

/** How far onnxruntime-web's numbers may be from core's reference before we say so. */
export const MISMATCH_TOLERANCE = 1e-4;

/** Runs the sandbox graph; while one run is in flight, only the newest request runs next. */
const runSandbox = latestOnly((job: SandboxJob): Promise<Record<string, Tensor>> =>
  runGraph(convGraph(job.spec), job.inputs),
);

export interface SandboxRun {
  /** ONNX Runtime's outputs for the current config, once they are in. */
  outputs: { conv: Tensor; act: Tensor; pool: Tensor | null } | null;
  state: 'idle' | 'running' | 'done' | 'error';
  error?: string;
  /** Largest difference from core's reference over conv, act and pool (when done). */
  mismatch: number;
}

type Settled =
  { job: SandboxJob; outputs: Record<string, Tensor> } | { job: SandboxJob; error: string };

/**
 * The numbers in the sandbox's output maps come from onnxruntime-web: the graph built for the
 * config runs in the inference worker. An answer for an older config is dropped.
 */
export function useSandboxRun(model: SandboxModel): SandboxRun {
  const { job } = model;
  const [settled, setSettled] = useState<Settled | null>(null);

  useEffect(() => {
    if (!job) return undefined;
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

  if (!job) return { outputs: null, state: 'idle', mismatch: 0 };
  if (!settled || settled.job !== job) return { outputs: null, state: 'running', mismatch: 0 };
  if ('error' in settled)
    return { outputs: null, state: 'error', error: settled.error, mismatch: 0 };

  const conv = settled.outputs.conv;
  const act = settled.outputs.act;
  const pool = settled.outputs.pool ?? null;
  if (!conv || !act) {
    return {
      outputs: null,
      state: 'error',
      error: 'the graph returned no conv/act output',
      mismatch: 0,
    };
  }
  let mismatch = maxAbsDiff(conv.data, model.conv!.output.data);
  mismatch = Math.max(mismatch, maxAbsDiff(act.data, model.act!.data));
  if (model.pool)
    mismatch = Math.max(mismatch, pool ? maxAbsDiff(pool.data, model.pool.output.data) : Infinity);
  return { outputs: { conv, act, pool }, state: 'done', mismatch };
}
