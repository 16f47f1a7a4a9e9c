import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTemml, renderTex } from '../../../viz/Formula';
import { splitCaption } from '../captionMath';
import { LESSON_IDS, lessonDefinition } from '../../../store/lessonRegistry';
import { validateTour } from '../../../store/tour';
import { registerLessons } from '../../lessons';
import { BUILTIN_TOURS } from './index';

beforeAll(async () => {
  registerLessons();
  await ensureTemml();
});

// The tours are written against the lessons' current config schemas: when a schema changes,
// this test names the tour step and field that no longer validate.
describe('built-in tours', () => {
  it.each(LESSON_IDS)('the %s tour validates against the registered lesson schema', (id) => {
    const result = validateTour(BUILTIN_TOURS[id]);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it.each(LESSON_IDS)('the %s tour stays in its lesson and has both languages', (id) => {
    const tour = BUILTIN_TOURS[id];
    expect(tour.steps.length).toBeGreaterThanOrEqual(5);
    for (const s of tour.steps) {
      expect(s.lesson).toBe(id);
      expect(typeof s.caption).toBe('object');
      const caption = s.caption as { en?: string; 'zh-CN'?: string };
      expect(caption.en?.length).toBeGreaterThan(0);
      expect(caption['zh-CN']?.length).toBeGreaterThan(0);
    }
  });

  it.each(LESSON_IDS)('the %s tour walks every mode of its lesson', (id) => {
    const result = validateTour(BUILTIN_TOURS[id]);
    if (!result.ok) throw new Error('invalid tour');
    const def = lessonDefinition(id);
    const modes = Object.keys(def.modeDefaults ?? {});
    const visited = new Set(result.tour.steps.map((s) => (s.config as { mode?: string }).mode));
    for (const m of modes) expect(visited).toContain(m);
  });

  it.each(LESSON_IDS)('the %s tour’s formulas typeset without errors', (id) => {
    for (const s of BUILTIN_TOURS[id].steps) {
      for (const text of Object.values(s.caption as Record<string, string>)) {
        for (const piece of splitCaption(text)) {
          if (piece.kind !== 'math') continue;
          const html = renderTex(piece.tex, false)!;
          expect(html, piece.tex).toContain('<math');
          expect(html, piece.tex).not.toContain('temml-error');
        }
      }
    }
  });
});
