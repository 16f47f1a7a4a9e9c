import { beforeAll, describe, expect, it } from 'vitest';
import { registerLessons } from '../app/lessons';
import { LESSON_IDS, lessonDefinition } from '../store/lessonRegistry';
import { validateTour, type Tour } from '../store/tour';
import { checkTourText, formatTour, startingTour, tourEditorJsonSchema } from './tourText';

beforeAll(() => registerLessons());

const t = (key: string) => `<${key}>`;

const tour = {
  version: 1,
  title: 'Two steps',
  steps: [
    { lesson: 'convolution', config: { mode: 'model' }, step: 2, caption: 'ReLU' },
    { lesson: 'convolution', config: { mode: 'sandbox', stride: 2 }, step: 0, caption: 'Sandbox' },
  ],
};

describe('checkTourText', () => {
  it('accepts a valid tour and returns it checked', () => {
    const r = checkTourText(formatTour(tour));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.tour.steps.map((s) => s.step)).toEqual([2, 0]);
  });

  it('marks a bad config field of a step on its key, by its full path', () => {
    const bad = structuredClone(tour);
    (bad.steps[1]!.config as Record<string, unknown>).stride = 0;
    const text = formatTour(bad);
    const r = checkTourText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p.field).toBe('steps.1.config.stride');
    expect(p.message).toContain('stride is at least 1');
    // The marker covers the second step's stride value (a scalar is marked where it stands).
    expect(text.slice(p.offset - '"stride": '.length, p.offset + p.length)).toBe('"stride": 0');
    expect(p.offset).toBeGreaterThan(text.indexOf('"sandbox"'));
  });

  it('names an empty caption, an unknown lesson and a step past the end', () => {
    const bad = structuredClone(tour) as { steps: Record<string, unknown>[] };
    bad.steps[0]!.caption = '';
    bad.steps[1]!.lesson = 'nope';
    const r = checkTourText(JSON.stringify(bad));
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual([
      'steps.0.caption',
      'steps.1.lesson',
    ]);
    const far = structuredClone(tour);
    far.steps[0]!.step = 999;
    const r2 = checkTourText(JSON.stringify(far));
    expect(r2.ok ? [] : r2.problems.map((p) => p.field)).toEqual(['steps.0.step']);
  });

  it('reports JSON syntax and unknown top-level keys', () => {
    const syntax = checkTourText('{"title": "x",}');
    expect(syntax.ok || syntax.syntax).toBe(true);
    const extra = checkTourText(JSON.stringify({ ...tour, colour: 'red' }));
    expect(extra.ok).toBe(false);
    if (!extra.ok) {
      expect(extra.problems[0]!.field).toBe('tour');
      expect(extra.problems[0]!.offset).toBe(
        JSON.stringify({ ...tour, colour: 'red' }).indexOf('"colour"'),
      );
    }
  });
});

describe('startingTour', () => {
  it('makes a one-step template from the current view with an empty caption to fill in', () => {
    const config = lessonDefinition('convolution').defaults;
    const input = startingTour({
      playing: null,
      lesson: 'convolution',
      config,
      step: 3,
      title: 'Mine',
    });
    expect(input.steps).toEqual([
      { lesson: 'convolution', config: { mode: 'model' }, step: 3, caption: '' },
    ]);
    const r = checkTourText(formatTour(input));
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(['steps.0.caption']);
  });

  it('starts from the tour being played', () => {
    const checked = validateTour(tour);
    if (!checked.ok) throw new Error('bad fixture');
    const playing: Tour = checked.tour;
    const input = startingTour({ playing, lesson: 'gan', config: null, step: 0, title: 'x' });
    expect(input.steps).toHaveLength(2);
    expect(checkTourText(formatTour(input)).ok).toBe(true);
  });
});

describe('tourEditorJsonSchema', () => {
  it('describes the tour fields and gives each lesson’s config its own schema', () => {
    const schema = tourEditorJsonSchema(t);
    const json = JSON.stringify(schema);
    expect(json).toContain('<tools.tourEditor.describe.caption>');
    expect(json).toContain('<tools.tourEditor.describe.lesson>');
    const step = (schema.properties as { steps: { items: { allOf: unknown[] } } }).steps.items;
    expect(step.allOf).toHaveLength(LESSON_IDS.length);
    // The convolution sandbox's fields are offered inside a step's config.
    expect(json).toContain('"stride"');
    // Every reference resolves inside the document.
    const defs = (schema.definitions ?? {}) as Record<string, unknown>;
    for (const m of json.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g))
      expect(defs).toHaveProperty([m[1]!]);
    expect(json).not.toMatch(/"\$ref":"#\/(?!definitions\/)/);
  });
});
