import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { attentionLesson } from '../lessons/attention/lesson';
import { convDefaults } from '../lessons/convolution/config';
import { convolutionLesson } from '../lessons/convolution/lesson';
import { basicsLesson } from '../lessons/basics/lesson';
import { ganLesson } from '../lessons/gan/lesson';
import {
  EMBED_API_VERSION,
  handleHostMessage,
  parseHostMessage,
  startEmbedBridge,
  type HostMessage,
} from './embedBridge';
import { provideTrainResult } from '../lessons/gan/train/lessonParts';
import { DEFAULT_LESSON, LESSON_IDS, registerLesson, type LessonId } from './lessonRegistry';
import { provideTrainingControls } from './trainingControls';
import { initLessonDefaults, useAppStore } from './store';

// handleHostMessage awaits backendStatus() from ./runtime, which asks the inference worker
// (a Web Worker, absent in Node) and throws unless the runtime was started. These tests are
// about the bridge, not the runtime, so the runtime reports a fixed backend and adapter.
vi.mock('./runtime', () => ({
  backendStatus: () => Promise.resolve({ backend: 'wasm', adapter: 'test' }),
  runModel: () => Promise.reject(new Error('no models in these tests')),
  loadModel: () => Promise.reject(new Error('no models in these tests')),
}));

/** The convolution lesson has one step per CNN layer, input first. */
const CONV_STEPS = 9;

beforeAll(() => {
  registerLesson(attentionLesson);
  registerLesson(convolutionLesson);
  registerLesson(ganLesson);
  registerLesson(basicsLesson);
});

beforeEach(() => {
  useAppStore.setState({
    lesson: DEFAULT_LESSON,
    steps: Object.fromEntries(LESSON_IDS.map((id) => [id, 0])) as Record<LessonId, number>,
    policy: 'auto',
  });
  initLessonDefaults();
});

const host = (msg: Record<string, unknown>) => ({ source: 'glassbox-host', id: 7, ...msg });

/** Parses a message that must be valid. */
function valid(msg: Record<string, unknown>): HostMessage {
  const parsed = parseHostMessage(host(msg));
  if (!parsed.ok) throw new Error(`expected a valid message, got ${JSON.stringify(parsed.reply)}`);
  return parsed.msg;
}

/** The error a host message fails with in handleHostMessage. */
async function failure(msg: Record<string, unknown>): Promise<{ message: string; field?: string }> {
  const error: unknown = await handleHostMessage(valid(msg)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as { message: string; field?: string };
}

/** What a host can observe of the store. */
const snapshot = () => {
  const s = useAppStore.getState();
  return { lesson: s.lesson, configs: s.configs, steps: s.steps, policy: s.policy };
};

describe('parseHostMessage', () => {
  it.each([
    ['getState', {}],
    ['setConfig', { lesson: 'convolution', config: { digit: { sample: 3 } } }],
    ['step', { delta: 1 }],
    ['step', { delta: -1 }],
    ['goto', { step: 0 }],
    ['getResult', {}],
    ['setBackend', { backend: 'wasm' }],
    ['play', {}],
    ['pause', {}],
    ['train', { iterations: 100 }],
  ])('accepts %s %j', (type, extra) => {
    const parsed = parseHostMessage(host({ type, ...extra }));
    expect(parsed).toEqual({ ok: true, msg: { source: 'glassbox-host', id: 7, type, ...extra } });
  });

  it.each([
    ['a missing type', { source: 'glassbox-host', id: 1 }, 'type'],
    ['an unknown type', host({ type: 'reset' }), 'type'],
    ['a step of 2', host({ type: 'step', delta: 2 }), 'delta'],
    ['a step without delta', host({ type: 'step' }), 'delta'],
    ['goto -1', host({ type: 'goto', step: -1 }), 'step'],
    ['goto 1.5', host({ type: 'goto', step: 1.5 }), 'step'],
    ['goto "3"', host({ type: 'goto', step: '3' }), 'step'],
    [
      'setConfig on an unknown lesson',
      host({ type: 'setConfig', lesson: 'rnn', config: {} }),
      'lesson',
    ],
    ['an unknown backend', host({ type: 'setBackend', backend: 'webgl' }), 'backend'],
    ['the wrong source', { source: 'glassbox', type: 'getState' }, 'source'],
    ['an object id', host({ type: 'getState', id: { n: 1 } }), 'id'],
    ['train 0 iterations', host({ type: 'train', iterations: 0 }), 'iterations'],
    ['train 100,001 iterations', host({ type: 'train', iterations: 100_001 }), 'iterations'],
    ['train 2.5 iterations', host({ type: 'train', iterations: 2.5 }), 'iterations'],
    ['train without iterations', host({ type: 'train' }), 'iterations'],
  ])('rejects %s, naming the field', (_, data, field) => {
    const parsed = parseHostMessage(data);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reply.type).toBe('error');
    expect(parsed.reply).toMatchObject({ field });
    expect(parsed.reply.type === 'error' && parsed.reply.message).toMatch(
      new RegExp(`^${field}: `),
    );
  });

  it('rejects data that is not an object', () => {
    for (const data of [null, 'getState', 42, []]) {
      const parsed = parseHostMessage(data);
      expect(parsed.ok).toBe(false);
    }
  });
});

describe('handleHostMessage', () => {
  it('answers getState with the lesson, config, step range and backend', async () => {
    expect(await handleHostMessage(valid({ type: 'getState' }))).toEqual({
      type: 'state',
      lesson: 'convolution',
      config: convDefaults,
      step: 0,
      stepCount: CONV_STEPS,
      backend: 'wasm',
      adapter: 'test',
    });
  });

  it('applies a valid setConfig (a partial config merged over the current one)', async () => {
    const reply = await handleHostMessage(
      valid({ type: 'setConfig', lesson: 'convolution', config: { digit: { sample: 4 } } }),
    );
    const expected = { mode: 'model', digit: { sample: 4 }, unit: null };
    expect(reply).toMatchObject({
      type: 'state',
      lesson: 'convolution',
      config: expected,
      step: 0,
    });
    expect(useAppStore.getState().configs.convolution).toEqual(expected);
  });

  it('switches lesson when setConfig names another one', async () => {
    await handleHostMessage(valid({ type: 'setConfig', lesson: 'gan', config: {} }));
    expect(useAppStore.getState().lesson).toBe('gan');
    const reply = await handleHostMessage(
      valid({ type: 'setConfig', lesson: 'convolution', config: { digit: { sample: 8 } } }),
    );
    expect(reply).toMatchObject({
      lesson: 'convolution',
      config: { mode: 'model', digit: { sample: 8 }, unit: null },
    });
    expect(useAppStore.getState().lesson).toBe('convolution');
  });

  it('rejects digit.sample = 12, naming config.digit.sample, and changes nothing', async () => {
    useAppStore.getState().setStep('convolution', 3);
    const before = snapshot();
    const e = await failure({
      type: 'setConfig',
      lesson: 'convolution',
      config: { digit: { sample: 12 } },
    });
    expect(e.field).toBe('config.digit.sample');
    expect(e.message).toMatch(/^config\.digit\.sample: /);
    expect(snapshot()).toEqual(before);
    expect(useAppStore.getState().configs).toBe(before.configs);
  });

  it('rejects digit.sample = "x" without changing anything (and without switching lesson)', async () => {
    useAppStore.getState().goToLesson('gan');
    const before = snapshot();
    const e = await failure({
      type: 'setConfig',
      lesson: 'convolution',
      config: { digit: { sample: 'x' } },
    });
    expect(e.field).toMatch(/^config\.digit/);
    expect(snapshot()).toEqual(before);
    expect(useAppStore.getState().lesson).toBe('gan');
  });

  // digitSchema is a z.union: for a wrong *type* of `sample` zod reports one invalid_union
  // issue at ["digit"]; problemsOf looks inside it and names the closest branch's field.
  it('names config.digit.sample when digit.sample is "x"', async () => {
    const e = await failure({
      type: 'setConfig',
      lesson: 'convolution',
      config: { digit: { sample: 'x' } },
    });
    expect(e.field).toBe('config.digit.sample');
  });

  it.each([
    ['a number', 3],
    ['null', null],
    ['an array', [{ digit: { sample: 1 } }]],
    ['a string', '{"digit":{"sample":1}}'],
  ])('rejects setConfig with %s as config, naming "config"', async (_, config) => {
    const before = snapshot();
    const e = await failure({ type: 'setConfig', lesson: 'convolution', config });
    expect(e.field).toBe('config');
    expect(snapshot()).toEqual(before);
  });

  it('rejects an unknown field in a lesson without config fields', async () => {
    const before = snapshot();
    const e = await failure({ type: 'setConfig', lesson: 'attention', config: { heads: 4 } });
    expect(e.field).toBe('config');
    expect(e.message).toMatch(/heads/);
    expect(snapshot()).toEqual(before);
  });

  it('goes to a step, and rejects one past the end naming "step"', async () => {
    expect(await handleHostMessage(valid({ type: 'goto', step: CONV_STEPS - 1 }))).toMatchObject({
      step: CONV_STEPS - 1,
    });
    const e = await failure({ type: 'goto', step: CONV_STEPS });
    expect(e.field).toBe('step');
    expect(e.message).toBe(`step: must be between 0 and ${CONV_STEPS - 1}`);
    expect(useAppStore.getState().steps.convolution).toBe(CONV_STEPS - 1);
  });

  it('steps by ±1, clamped to the lesson', async () => {
    const step = async (delta: 1 | -1) =>
      ((await handleHostMessage(valid({ type: 'step', delta }))) as { step: number }).step;
    expect(await step(-1)).toBe(0);
    expect(await step(1)).toBe(1);
    expect(await step(1)).toBe(2);
    expect(await step(-1)).toBe(1);
    await handleHostMessage(valid({ type: 'goto', step: CONV_STEPS - 1 }));
    expect(await step(1)).toBe(CONV_STEPS - 1);
    expect(useAppStore.getState().steps.convolution).toBe(CONV_STEPS - 1);
  });

  it('sets the backend policy', async () => {
    await handleHostMessage(valid({ type: 'setBackend', backend: 'webgpu' }));
    expect(useAppStore.getState().policy).toBe('webgpu');
  });

  it('plays, pauses and trains the view that provides training controls', async () => {
    useAppStore.getState().goToLesson('gan');
    const calls: string[] = [];
    const withdraw = provideTrainingControls('gan', {
      play: () => calls.push('play'),
      pause: () => calls.push('pause'),
      train: (n) => {
        calls.push(`train ${n}`);
        return Promise.resolve();
      },
    });
    const unprovide = provideTrainResult(() => ({
      steps: 42,
      lossD: 1.2,
      lossG: 0.7,
      meanDReal: 0.6,
      meanDFake: 0.4,
    }));
    try {
      expect(await handleHostMessage(valid({ type: 'play' }))).toMatchObject({ type: 'state' });
      expect(await handleHostMessage(valid({ type: 'pause' }))).toMatchObject({ type: 'state' });
      // train answers as getResult would, after the iterations ran.
      expect(await handleHostMessage(valid({ type: 'train', iterations: 3 }))).toEqual({
        type: 'result',
        lesson: 'gan',
        result: { steps: 42, lossD: 1.2, lossG: 0.7, meanDReal: 0.6, meanDFake: 0.4 },
      });
      expect(calls).toEqual(['play', 'pause', 'train 3']);
    } finally {
      withdraw();
      unprovide();
    }
    // Withdrawn with the view: the lesson no longer trains.
    expect((await failure({ type: 'play' })).field).toBe('type');
  });

  it('refuses play, pause and train in a view that does not train, naming "type"', async () => {
    useAppStore.getState().goToLesson('convolution');
    for (const msg of [{ type: 'play' }, { type: 'pause' }, { type: 'train', iterations: 5 }]) {
      const e = await failure(msg);
      expect(e.field).toBe('type');
      expect(e.message).toMatch(/needs a view that trains/);
    }
  });

  it('answers getResult with an error and no field when the view has no result yet', async () => {
    // GAN training has a result only while its view runs the trainer.
    useAppStore.getState().goToLesson('gan');
    const e = await failure({ type: 'getResult' });
    expect(e.field).toBeUndefined();
    expect(e.message).toMatch(/training/);
  });
});

describe('startEmbedBridge', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A window with a parent frame, and a host frame that receives replies. */
  function frames() {
    let listener: ((e: MessageEvent) => void) | undefined;
    const parent = { postMessage: vi.fn() };
    const removeEventListener = vi.fn();
    const win = {
      parent,
      addEventListener: (_: string, fn: (e: MessageEvent) => void) => (listener = fn),
      removeEventListener,
    } as unknown as Window;
    const hostFrame = { postMessage: vi.fn() };
    const post = (data: unknown, origin = 'https://host.example') =>
      listener!({ data, origin, source: hostFrame } as unknown as MessageEvent);
    return { win, parent, hostFrame, post, removeEventListener };
  }

  it('announces ready to the parent and answers to the sender with the same id', async () => {
    const { win, parent, hostFrame, post, removeEventListener } = frames();
    const stop = startEmbedBridge(win);
    expect(parent.postMessage).toHaveBeenCalledWith(
      { source: 'glassbox', type: 'ready', version: EMBED_API_VERSION },
      '*',
    );
    post(host({ type: 'getState', id: 'q1' }));
    await vi.waitFor(() => expect(hostFrame.postMessage).toHaveBeenCalledTimes(1));
    expect(hostFrame.postMessage).toHaveBeenCalledWith(
      expect.objectContaining({
        source: 'glassbox',
        id: 'q1',
        type: 'state',
        lesson: 'convolution',
      }),
      'https://host.example',
    );
    stop();
    expect(removeEventListener).toHaveBeenCalledTimes(1);
  });

  it('answers a bad message with an error naming the field', () => {
    const { win, hostFrame, post } = frames();
    startEmbedBridge(win);
    post(host({ type: 'step', delta: 2, id: 5 }));
    expect(hostFrame.postMessage).toHaveBeenCalledWith(
      expect.objectContaining({ source: 'glassbox', id: 5, type: 'error', field: 'delta' }),
      'https://host.example',
    );
  });

  it('answers a failed request with its field', async () => {
    const { win, hostFrame, post } = frames();
    startEmbedBridge(win);
    post(host({ type: 'goto', step: 99, id: 6 }));
    await vi.waitFor(() => expect(hostFrame.postMessage).toHaveBeenCalledTimes(1));
    expect(hostFrame.postMessage.mock.calls[0]![0]).toMatchObject({
      id: 6,
      type: 'error',
      field: 'step',
    });
  });

  it('with an origins list: ready goes only to those origins, answers never to "*"', async () => {
    const { win, parent, hostFrame, post } = frames();
    startEmbedBridge(win, ['https://a.example', 'https://b.example']);
    expect(parent.postMessage.mock.calls.map((c: unknown[]) => c[1])).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    // A sandboxed frame (origin "null") is not on any list.
    post(host({ type: 'getState', id: 1 }), 'null');
    post(host({ type: 'getState', id: 2 }), 'https://b.example');
    await vi.waitFor(() => expect(hostFrame.postMessage).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 10));
    expect(hostFrame.postMessage.mock.calls.map((c: unknown[]) => c[1])).toEqual([
      'https://b.example',
    ]);
  });

  it('an empty list (every origin given was refused) lets nobody drive the embed', async () => {
    const { win, parent, hostFrame, post } = frames();
    startEmbedBridge(win, []);
    expect(parent.postMessage).not.toHaveBeenCalled();
    post(host({ type: 'getState', id: 1 }), 'https://host.example');
    post(host({ type: 'getState', id: 2 }), 'null');
    await new Promise((r) => setTimeout(r, 20));
    expect(hostFrame.postMessage).not.toHaveBeenCalled();
  });

  it('ignores messages not from a Glassbox host, and origins not listed', async () => {
    const { win, hostFrame, post } = frames();
    startEmbedBridge(win, ['https://allowed.example']);
    post({ type: 'getState', id: 1 }, 'https://allowed.example');
    post(host({ type: 'getState' }), 'https://other.example');
    post(host({ type: 'getState', id: 2 }), 'https://allowed.example');
    await vi.waitFor(() => expect(hostFrame.postMessage).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 10));
    expect(hostFrame.postMessage).toHaveBeenCalledTimes(1);
    expect(hostFrame.postMessage.mock.calls[0]![0]).toMatchObject({ id: 2, type: 'state' });
  });
});
