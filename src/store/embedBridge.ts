/**
 * Embed API v1 (DESIGN.md): a host page drives an embedded Glassbox with postMessage.
 * Messages are validated with zod; a bad one is answered with an `error` naming the field,
 * and changes nothing. Answers go to `event.source` with the request's `id`.
 */
import { z } from 'zod';
import {
  LESSON_IDS,
  lessonDefinition,
  mergeConfig,
  problemsOf,
  type LessonId,
} from './lessonRegistry';
import { backendStatus } from './runtime';
import { useAppStore } from './store';
import { MAX_TRAIN_ITERATIONS, trainingControls } from './trainingControls';

export const EMBED_API_VERSION = 1;

const idSchema = z.union([z.string(), z.number()]).optional();
const base = { source: z.literal('glassbox-host'), id: idSchema };

export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('getState') }),
  z.object({
    ...base,
    type: z.literal('setConfig'),
    lesson: z.enum(LESSON_IDS),
    config: z.unknown(),
  }),
  z.object({ ...base, type: z.literal('step'), delta: z.union([z.literal(1), z.literal(-1)]) }),
  z.object({ ...base, type: z.literal('goto'), step: z.number().int().nonnegative() }),
  z.object({ ...base, type: z.literal('getResult') }),
  z.object({ ...base, type: z.literal('setBackend'), backend: z.enum(['auto', 'webgpu', 'wasm']) }),
  z.object({ ...base, type: z.literal('play') }),
  z.object({ ...base, type: z.literal('pause') }),
  z.object({
    ...base,
    type: z.literal('train'),
    iterations: z
      .number({ error: 'must be a whole number of iterations' })
      .int('must be a whole number of iterations')
      .min(1, 'must be at least 1')
      .max(MAX_TRAIN_ITERATIONS, `must be at most ${MAX_TRAIN_ITERATIONS.toLocaleString('en')}`),
  }),
]);

export type HostMessage = z.infer<typeof hostMessageSchema>;

export type GlassboxMessage =
  | { type: 'ready'; version: number }
  | {
      type: 'state';
      lesson: LessonId;
      config: unknown;
      step: number;
      stepCount: number;
      backend: string;
      adapter: string;
    }
  | { type: 'result'; lesson: LessonId; result: unknown }
  | { type: 'error'; message: string; field?: string };

type Reply = Exclude<GlassboxMessage, { type: 'ready' }>;

class FieldError extends Error {
  constructor(
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

async function stateMessage(): Promise<Reply> {
  const { backend, adapter } = await backendStatus();
  const s = useAppStore.getState();
  const config = s.configs[s.lesson];
  return {
    type: 'state',
    lesson: s.lesson,
    config,
    step: s.steps[s.lesson],
    stepCount: lessonDefinition(s.lesson).stepCount(config),
    backend,
    adapter,
  };
}

async function resultMessage(): Promise<Reply> {
  const s = useAppStore.getState();
  const def = lessonDefinition(s.lesson);
  if (!def.getResult)
    throw new FieldError(undefined, `the ${s.lesson} lesson has no result to report yet`);
  return {
    type: 'result',
    lesson: s.lesson,
    result: await def.getResult(s.configs[s.lesson], s.steps[s.lesson]),
  };
}

/** The training controls of the view on screen; an error naming `type` if it does not train. */
function requireTraining(type: 'play' | 'pause' | 'train') {
  const s = useAppStore.getState();
  const controls = trainingControls(s.lesson);
  if (!controls)
    throw new FieldError(
      'type',
      `type: "${type}" needs a view that trains (the GAN's training view or the Basics playground); this view does not`,
    );
  return controls;
}

/** Carries out one valid host message; throws FieldError for requests that cannot be met. */
export async function handleHostMessage(msg: HostMessage): Promise<Reply> {
  const s = useAppStore.getState();
  switch (msg.type) {
    case 'getState':
      return stateMessage();
    case 'setConfig': {
      const merged = mergeConfig(msg.lesson, s.configs[msg.lesson], msg.config);
      if (!merged.ok) {
        const first = merged.problems[0]!;
        throw new FieldError(
          first.field,
          merged.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
        );
      }
      s.goToLesson(msg.lesson);
      s.setConfig(msg.lesson, merged.config);
      return stateMessage();
    }
    case 'step':
      s.setStep(s.lesson, s.steps[s.lesson] + msg.delta);
      return stateMessage();
    case 'goto': {
      const count = lessonDefinition(s.lesson).stepCount(s.configs[s.lesson]);
      if (msg.step >= count)
        throw new FieldError('step', `step: must be between 0 and ${count - 1}`);
      s.setStep(s.lesson, msg.step);
      return stateMessage();
    }
    case 'getResult':
      return resultMessage();
    case 'play':
    case 'pause': {
      const controls = requireTraining(msg.type);
      if (msg.type === 'play') controls.play();
      else controls.pause();
      return stateMessage();
    }
    case 'train':
      await requireTraining('train').train(msg.iterations);
      return resultMessage();
    case 'setBackend':
      s.setPolicy(msg.backend);
      return stateMessage();
  }
}

/** Validates raw message data; returns the message or the error reply naming the field. */
export function parseHostMessage(
  data: unknown,
): { ok: true; msg: HostMessage } | { ok: false; reply: Reply } {
  const result = hostMessageSchema.safeParse(data);
  if (result.success) return { ok: true, msg: result.data };
  const problems = problemsOf(result.error, '');
  const first = problems[0];
  return {
    ok: false,
    reply: {
      type: 'error',
      message: problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; '),
      field: first?.field || undefined,
    },
  };
}

/**
 * Listens for host messages. Only messages marked `source: "glassbox-host"` are considered,
 * and, when `origins` is a list (the link's `origins=`), only from those origins — none when
 * it is empty. Announces `ready` to the parent: to each listed origin only, when listed.
 */
export function startEmbedBridge(
  win: Window = window,
  origins: readonly string[] | null = null,
): () => void {
  const onMessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (
      typeof data !== 'object' ||
      data === null ||
      (data as { source?: unknown }).source !== 'glassbox-host'
    )
      return;
    if (origins && !origins.includes(event.origin)) return;
    const target = event.source as Window | null;
    if (!target) return;
    const id = (data as { id?: unknown }).id;
    const send = (reply: Reply) =>
      target.postMessage(
        { source: 'glassbox', id, ...reply },
        event.origin === 'null' ? '*' : event.origin,
      );
    const parsed = parseHostMessage(data);
    if (!parsed.ok) return send(parsed.reply);
    handleHostMessage(parsed.msg).then(send, (e: unknown) =>
      send({
        type: 'error',
        message: e instanceof Error ? e.message : String(e),
        field: e instanceof FieldError ? e.field : undefined,
      }),
    );
  };
  win.addEventListener('message', onMessage);
  if (win.parent !== win) {
    const ready = { source: 'glassbox', type: 'ready', version: EMBED_API_VERSION };
    // With a list, the browser delivers it only if the parent is one of them; never to '*'.
    for (const target of origins ?? ['*']) win.parent.postMessage(ready, target);
  }
  return () => win.removeEventListener('message', onMessage);
}
