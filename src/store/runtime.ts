/**
 * Connects the inference client (workers/) to the store: backend status for the badge, model
 * loading progress and errors, and the fallback notice. Lessons run models through `runModel`,
 * graphs built by runtime/graph through `runGraph`, and read trained weights with
 * `modelWeights`.
 */
import type { Tensor } from '../core/tensor';
import type { ModelCard } from '../runtime/modelCard';
import { InferenceClient, InferenceError, type ClientEvent } from '../workers/inferenceClient';
import { useAppStore } from './store';
import { recordLatency } from './perf';

let client: InferenceClient | undefined;

function onEvent(event: ClientEvent): void {
  const s = useAppStore.getState();
  switch (event.type) {
    case 'starting':
      s.setRuntime({ state: 'starting' });
      break;
    case 'ready':
      s.setRuntime({ state: 'ready', backend: event.backend, adapter: event.adapter });
      break;
    case 'fallback':
      s.notify({
        level: 'warning',
        key: 'notice.webgpuFallback',
        params: { reason: event.reason },
        tag: 'fallback',
      });
      break;
    case 'progress':
      s.setModel(event.model, {
        state: 'loading',
        loaded: event.loaded,
        total: event.total,
        phase: event.phase ?? 'download',
      });
      break;
    case 'loaded':
      s.setModel(event.model, {
        state: 'ready',
        card: {
          title: event.card.title,
          parameterCount: event.card.parameterCount,
          metrics: event.card.metrics,
        },
      });
      break;
    case 'ran':
      s.setRuntime({
        state: 'ready',
        backend: event.backend,
        adapter: event.adapter,
        lastMs: event.ms,
      });
      recordLatency(event.ms, event.backend);
      break;
  }
}

/** Starts the client under the store's policy and restarts it whenever the policy changes. */
export function startRuntime(modelsUrl: string): InferenceClient {
  if (client) return client;
  const c = new InferenceClient({ modelsUrl, policy: useAppStore.getState().policy, onEvent });
  client = c;
  useAppStore.subscribe((s, prev) => {
    if (s.policy !== prev.policy) c.setPolicy(s.policy);
  });
  return c;
}

/** The running inference client (training and other store modules share the one worker). */
export function requireClient(): InferenceClient {
  if (!client) throw new Error('the runtime was not started');
  return client;
}

/** The message of each kind of failure (ModelStatus shows it where the model's output goes). */
export const MODEL_ERROR_KEYS: Record<string, string> = {
  missing: 'notice.modelMissing',
  corrupt: 'notice.modelCorrupt',
  network: 'notice.modelNetwork',
};

/**
 * Records a failed load or run in the store. The lesson shows it as one message with a retry
 * where the model's output would be (ModelStatus); no notice is raised on top of it, so a
 * missing model reads as one clear message, not three.
 */
function report(model: string, e: unknown): void {
  const kind = e instanceof InferenceError ? e.kind : 'runtime';
  const message = e instanceof Error ? e.message : String(e);
  useAppStore.getState().setModel(model, { state: 'error', error: { kind, message } });
}

/**
 * Loads a model (shows progress, then "preparing" while the session is created and warmed up;
 * a failure becomes one message with a retry button). Resolves to its
 * card, with every field the recipe wrote (e.g. a transformer's architecture and tokenizer).
 */
export async function loadModel(model: string): Promise<ModelCard> {
  const s = useAppStore.getState();
  if (s.models[model]?.state !== 'ready')
    s.setModel(model, { state: 'loading', phase: 'download' });
  try {
    return await requireClient().load(model);
  } catch (e) {
    report(model, e);
    throw e;
  }
}

/** Runs a model in the worker on the current backend. */
export async function runModel(
  model: string,
  inputs: Record<string, Tensor>,
): Promise<Record<string, Tensor>> {
  try {
    return await requireClient().run(model, inputs);
  } catch (e) {
    report(model, e);
    throw e;
  }
}

/** A model's trained weights (float32 initializers) by name, loading the model if needed. */
export async function modelWeights(model: string): Promise<Record<string, Tensor>> {
  try {
    return await requireClient().weights(model);
  } catch (e) {
    report(model, e);
    throw e;
  }
}

/**
 * Records a failed graph run as a runtime notice: a graph is built in the page, so no model
 * file is to blame and the model's status is left alone. One tag for all graphs, so a run of
 * failures (a slider dragged through bad settings) shows the latest, not a stack.
 */
function reportGraph(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  useAppStore.getState().notify({
    level: 'error',
    key: 'notice.runtimeError',
    params: { detail: message },
    tag: 'graph',
  });
}

/** Runs a graph built by runtime/graph (e.g. `convGraph(spec)`) in the worker. */
export async function runGraph(
  graph: { key: string; bytes: Uint8Array },
  inputs: Record<string, Tensor>,
): Promise<Record<string, Tensor>> {
  try {
    return await requireClient().runGraph(graph.key, graph.bytes, inputs);
  } catch (e) {
    reportGraph(e);
    throw e;
  }
}

/** The backend and adapter now running (starting the worker if needed); used by getState. */
export function backendStatus(): Promise<{ backend: string; adapter: string }> {
  return requireClient().status();
}

/** Test hook for e2e: destroys the worker's WebGPU device. */
export function loseDevice(): Promise<boolean> {
  return requireClient().loseDevice();
}
