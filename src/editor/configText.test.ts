import { beforeAll, describe, expect, it } from 'vitest';
import { attentionLesson } from '../lessons/attention/lesson';
import { convolutionLesson } from '../lessons/convolution/lesson';
import { sandboxDefaults } from '../lessons/convolution/config';
import { basicsLesson } from '../lessons/basics/lesson';
import { ganLesson } from '../lessons/gan/lesson';
import { LESSON_IDS, lessonDefinition, registerLesson } from '../store/lessonRegistry';
import {
  checkConfigText,
  defaultsFor,
  formatConfig,
  lessonJsonSchema,
  sameConfig,
} from './configText';

beforeAll(() => {
  registerLesson(attentionLesson);
  registerLesson(convolutionLesson);
  registerLesson(ganLesson);
  registerLesson(basicsLesson);
});

/** A fake t(): the key and its parameters, so the tests see what would be translated. */
const t = (key: string, params?: Record<string, unknown>) =>
  `${key.split('.').pop()}${params ? JSON.stringify(params) : ''}`;

/** The text a problem's range covers. */
const marked = (text: string, p: { offset: number; length: number }) =>
  text.slice(p.offset, p.offset + p.length);

describe('formatConfig', () => {
  it('writes every lesson’s defaults as JSON that reads back the same', () => {
    for (const id of LESSON_IDS) {
      const def = lessonDefinition(id);
      for (const config of [def.defaults, ...Object.values(def.modeDefaults ?? {})]) {
        expect(JSON.parse(formatConfig(config))).toEqual(config);
      }
    }
  });

  it('keeps a matrix row on one line', () => {
    const text = formatConfig(sandboxDefaults);
    expect(text).toContain('    [1, 2, 3],\n');
    expect(text).toContain('"stride": 1,\n');
  });
});

describe('checkConfigText', () => {
  it('merges a valid text over the defaults, through the lesson’s schema', () => {
    expect(checkConfigText('convolution', '{"mode": "model", "digit": {"sample": 3}}')).toEqual({
      ok: true,
      config: { mode: 'model', digit: { sample: 3 }, unit: null },
    });
  });

  it('every lesson’s formatted defaults check as valid and unchanged', () => {
    for (const id of LESSON_IDS) {
      const def = lessonDefinition(id);
      const result = checkConfigText(id, formatConfig(def.defaults));
      expect(result.ok).toBe(true);
      if (result.ok) expect(sameConfig(result.config, def.defaults)).toBe(true);
    }
  });

  it('reports a JSON syntax error where it is', () => {
    const text = '{\n  "mode": "model",\n}';
    const result = checkConfigText('convolution', text);
    expect(result).toMatchObject({ ok: false, syntax: true });
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ field: 'json' });
    expect(result.problems[0]!.message).toMatch(/expected/);
    expect(result.problems[0]!.offset).toBe(text.indexOf('}'));
  });

  it('marks a schema error on the value, naming its path', () => {
    const text = formatConfig({ ...sandboxDefaults, stride: 0 });
    const result = checkConfigText('convolution', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    const p = result.problems[0]!;
    expect(p.field).toBe('config.stride');
    expect(p.message).toBe('stride is at least 1');
    expect(marked(text, p)).toBe('0');
    expect(text.slice(0, p.offset)).toMatch(/"stride": $/);
  });

  it('marks the lesson’s own refinements on the right path', () => {
    const text = formatConfig({
      mode: 'model',
      digit: { sample: 1 },
      unit: { layer: 'conv1', channel: 99, y: 0, x: 0 },
    });
    const result = checkConfigText('convolution', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(['config.unit.channel']);
    expect(marked(text, result.problems[0]!)).toBe('99');
  });

  it('marks a row of a matrix by its position, and an unknown field by its name', () => {
    const text = formatConfig({ ...sandboxDefaults, input: [[1, 2], [3]], speed: 2 });
    const result = checkConfigText('convolution', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.problems.map((p) => [p.field, marked(text, p)]));
    expect(byField['config.input.1']).toBe('[3]');
    expect(Object.values(byField)).toContain('"speed"');
  });

  it('marks a missing field on the object that lacks it', () => {
    const text = '{"mode": "model", "unit": {"layer": "conv1", "channel": 0, "y": 0}}';
    const result = checkConfigText('convolution', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]!.field).toBe('config.unit.x');
    expect(marked(text, result.problems[0]!)).toBe('"unit"');
  });

  it('refuses what is not an object', () => {
    const result = checkConfigText('convolution', '[1, 2]');
    expect(result).toMatchObject({ ok: false, problems: [{ field: 'config' }] });
  });
});

describe('defaultsFor', () => {
  it('gives the defaults of the mode the config is in', () => {
    expect(defaultsFor('convolution', { ...sandboxDefaults, stride: 2 })).toEqual(sandboxDefaults);
    expect(defaultsFor('convolution', { mode: 'nonsense' })).toEqual(
      lessonDefinition('convolution').defaults,
    );
  });
});

describe('lessonJsonSchema', () => {
  it('describes each lesson’s fields for hover, with constraints and defaults', () => {
    for (const id of LESSON_IDS) {
      const schema = lessonJsonSchema(id, t);
      expect(JSON.stringify(schema)).toContain('"mode"');
    }
    const conv = lessonJsonSchema('convolution', t) as {
      oneOf?: { properties: Record<string, { description?: string }> }[];
      anyOf?: { properties: Record<string, { description?: string }> }[];
    };
    const branches = conv.oneOf ?? conv.anyOf ?? [];
    const sandbox = branches.find((b) => 'stride' in b.properties)!.properties;
    expect(sandbox.stride!.description).toBe('integer range{"min":1,"max":4} default{"value":"1"}');
    expect(sandbox.activation!.description).toMatch(/^oneOf\{"values":"\\"none\\", \\"relu\\"/);
    expect(sandbox.mode!.description).toBe('mode');
  });
});
