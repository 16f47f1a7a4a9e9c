import { compressToEncodedURIComponent } from 'lz-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerLessons } from '../app/lessons';
import {
  compactConfig,
  decodeTour,
  encodeTour,
  localize,
  parseTour,
  tourJsonSchema,
  validateTour,
  type TourInput,
} from './tour';

beforeAll(() => registerLessons());

const step = (config: Record<string, unknown>, n = 0) => ({
  lesson: 'convolution' as const,
  config,
  step: n,
  caption: { en: 'a caption' },
});

const fiveSteps: TourInput = {
  title: 'Five steps',
  steps: [
    step({}, 0),
    step({}, 3),
    step({ mode: 'sandbox', stride: 2 }, 0),
    step({ mode: 'sandbox', padding: 1 }, 4),
    { lesson: 'gan', config: { mode: 'losses', dReal: [0.5] }, step: 2, caption: '中文也行' },
  ],
};

const problemsOf = (value: unknown) => {
  const r = validateTour(value);
  return r.ok ? [] : r.problems;
};

describe('tour schema', () => {
  it('merges each step’s partial config over the lesson’s (mode) defaults', () => {
    const r = validateTour(fiveSteps);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.tour.steps).toHaveLength(5);
    expect(r.tour.steps[1]).toMatchObject({ lesson: 'convolution', step: 3 });
    expect(r.tour.steps[2]!.config).toMatchObject({
      mode: 'sandbox',
      stride: 2,
      kernel: [
        [0, 1, 0],
        [2, 0, 3],
        [0, 4, 0],
      ],
    });
    expect(r.tour.steps[4]!.config).toEqual({
      mode: 'losses',
      dReal: [0.5],
      dFake: [0.1],
      loss: 'non-saturating',
    });
  });

  it('names the step and field of a bad config value', () => {
    const bad = structuredClone(fiveSteps);
    bad.steps[2]!.config = { mode: 'sandbox', stride: 0 };
    expect(problemsOf(bad)).toEqual([
      { field: 'steps.2.config.stride', message: 'stride is at least 1' },
    ]);
  });

  it('names a step past the end of its lesson, and the shape errors of the tour itself', () => {
    const bad = structuredClone(fiveSteps);
    bad.steps[1]!.step = 9;
    expect(problemsOf(bad)).toEqual([
      { field: 'steps.1.step', message: 'this config has steps 0 to 8' },
    ]);
    expect(problemsOf({ title: 'x', steps: [] })).toEqual([
      { field: 'steps', message: 'a tour needs at least 1 step' },
    ]);
    const fields = problemsOf({
      title: { fr: 'non' },
      steps: [{ lesson: 'maths', caption: {}, step: -1, extra: 1 }],
    }).map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['title', 'steps.0.lesson', 'steps.0.step', 'steps.0.caption']),
    );
  });

  it('reports text that is not JSON', () => {
    const r = parseTour('{"title": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.field).toBe('tour');
  });

  it('round-trips through a link, compactly', () => {
    const r = validateTour(fiveSteps);
    if (!r.ok) throw new Error('invalid');
    const packed = encodeTour(r.tour);
    expect(packed.length).toBeLessThan(600);
    const back = decodeTour(packed);
    expect(back).toEqual(r);
    expect(compactConfig('convolution', r.tour.steps[2]!.config)).toEqual({
      mode: 'sandbox',
      stride: 2,
    });
  });

  it('a damaged or invalid link names the problem', () => {
    expect(decodeTour('%%%')).toMatchObject({ ok: false, problems: [{ field: 'tour' }] });
    const bad = compressToEncodedURIComponent(
      JSON.stringify({ title: 't', steps: [step({ mode: 'sandbox', stride: 'two' })] }),
    );
    expect(decodeTour(bad)).toMatchObject({
      ok: false,
      problems: [{ field: 'steps.0.config.stride' }],
    });
  });

  it('localizes captions with a fallback to the other language', () => {
    expect(localize({ en: 'hi', 'zh-CN': '你好' }, 'zh-CN')).toBe('你好');
    expect(localize({ en: 'hi' }, 'zh-CN')).toBe('hi');
    expect(localize({ 'zh-CN': '你好' }, 'en')).toBe('你好');
    expect(localize('plain', 'zh-CN')).toBe('plain');
  });

  it('exports a JSON Schema for the editor', () => {
    const schema = tourJsonSchema() as {
      type: string;
      required: string[];
      properties: { steps: { items: { properties: Record<string, { description?: string }> } } };
    };
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['title', 'steps']));
    const item = schema.properties.steps.items.properties;
    expect(Object.keys(item)).toEqual(['lesson', 'config', 'step', 'caption']);
    expect(item.config!.description).toMatch(/partial/);
  });
});
