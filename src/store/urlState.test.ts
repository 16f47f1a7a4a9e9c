import { compressToEncodedURIComponent } from 'lz-string';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { quantize } from '../core/digit';
import { attentionLesson } from '../lessons/attention/lesson';
import { ganDefaults, ganModeDefaults } from '../lessons/gan/config';
import { convDefaults, type ConvConfig } from '../lessons/convolution/config';
import { convolutionLesson } from '../lessons/convolution/lesson';
import { basicsLesson } from '../lessons/basics/lesson';
import { ganLesson } from '../lessons/gan/lesson';
import { DEFAULT_LESSON, LESSON_IDS, registerLesson, type LessonId } from './lessonRegistry';
import { initLessonDefaults, useAppStore } from './store';
import {
  currentUrl,
  embedUrl,
  formatHash,
  LINK_VERSION,
  migrateConfig,
  parseHash,
  parseQuery,
  shareUrl,
  startUrlSync,
  type LinkMigration,
} from './urlState';

// The lessons are registered as src/app/lessons.ts does; their modules import the store and
// runtime, but nothing in them touches `document` or workers at import time, so no mocks.
beforeAll(() => {
  registerLesson(attentionLesson);
  registerLesson(convolutionLesson);
  registerLesson(ganLesson);
  registerLesson(basicsLesson);
  initLessonDefaults();
});

/** The convolution lesson has one step per CNN layer, input first. */
const CONV_STEPS = 9;

/** A 28×28 drawing with two-decimal pixels, as the drawing pad stores one: a ring. */
function drawnDigit(): number[][] {
  const ink = (x: number, y: number) =>
    Math.max(0, 1 - Math.abs(Math.hypot(x - 13.5, y - 13.5) - 7) / 3);
  return Array.from({ length: 28 }, (_, y) =>
    quantize(Array.from({ length: 28 }, (_, x) => ink(x, y))),
  );
}

/** A config as links carry it, with the current link version after it. */
const packed = (config: unknown) =>
  `${compressToEncodedURIComponent(JSON.stringify(config))}&v=${LINK_VERSION}`;
/** The same, as a link written before links had versions. */
const unversioned = (config: unknown) => compressToEncodedURIComponent(JSON.stringify(config));

describe('parseQuery', () => {
  it('reads every page option', () => {
    const { options, problems } = parseQuery(
      '?ep=webgpu&lang=zh-CN&embed=1&hide=draw,%20samples,,layers&origins=https://example.org/page,http://127.0.0.1:8080',
    );
    expect(problems).toEqual([]);
    expect(options).toEqual({
      policy: 'webgpu',
      lang: 'zh-CN',
      embed: true,
      hide: ['draw', 'samples', 'layers'],
      origins: ['https://example.org', 'http://127.0.0.1:8080'],
      restrictOrigins: true,
    });
  });

  it('gives the defaults for an empty query', () => {
    expect(parseQuery('')).toEqual({
      options: { embed: false, hide: [], origins: [], restrictOrigins: false },
      problems: [],
    });
  });

  it.each([
    ['embed=1', true],
    ['embed=true', true],
    ['embed=0', false],
    ['embed=yes', false],
  ])('reads %s as embed %s', (query, embed) => {
    expect(parseQuery(`?${query}`).options.embed).toBe(embed);
  });

  it('reports each bad value by the name of its parameter and ignores it', () => {
    const { options, problems } = parseQuery(
      '?ep=gpu&lang=fr&origins=not-a-url,https://ok.example',
    );
    expect(options.policy).toBeUndefined();
    expect(options.lang).toBeUndefined();
    expect(options.origins).toEqual(['https://ok.example']);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^ep: "gpu"/);
    expect(problems[1]).toMatch(/^lang: "fr"/);
    expect(problems[2]).toMatch(/^origins: "not-a-url"/);
  });

  it('names hide= parts no lesson can hide, and ignores them', () => {
    const { options, problems } = parseQuery('?hide=modes,drwa,losses-curves,header');
    expect(options.hide).toEqual(['modes', 'drwa', 'losses-curves', 'header']);
    expect(problems).toEqual([
      'hide: "drwa", "header" are not a part any lesson can hide (ignored)',
    ]);
  });

  it('refuses origins that are not http(s): their opaque origin "null" is any sandboxed frame', () => {
    const some = parseQuery('?origins=javascript:alert(1),data:text/html;x,https://ok.example');
    expect(some.options.origins).toEqual(['https://ok.example']);
    expect(some.options.restrictOrigins).toBe(true);
    expect(some.problems).toEqual([
      expect.stringMatching(/^origins: "javascript:alert\(1\)" is not an http\(s\) origin/),
      expect.stringMatching(/^origins: "data:text\/html;x" is not an http\(s\) origin/),
    ]);
    // Every entry refused: still restricted — to nobody, and it says so.
    const none = parseQuery('?origins=javascript:void(0)');
    expect(none.options).toMatchObject({ origins: [], restrictOrigins: true });
    expect(none.problems[1]).toMatch(/no page may drive this embed/);
    expect(parseQuery('?embed=1').options.restrictOrigins).toBe(false);
  });
});

describe('parseHash / formatHash', () => {
  it('writes the default state as the bare route', () => {
    expect(formatHash({ lesson: 'convolution', config: convDefaults, step: 0 })).toBe(
      '#/convolution',
    );
    expect(formatHash({ lesson: 'gan', config: ganDefaults, step: 0 })).toBe('#/gan');
  });

  it.each(['', '#', '#/', '#/convolution', '#convolution'])(
    'reads %j as the default lesson at step 0',
    (hash) => {
      expect(parseHash(hash)).toEqual({
        location: { lesson: DEFAULT_LESSON, config: convDefaults, step: 0 },
        problems: [],
      });
    },
  );

  it('round-trips a drawn digit and a step', () => {
    const config: ConvConfig = { mode: 'model', digit: { pixels: drawnDigit() }, unit: null };
    const location = { lesson: 'convolution' as LessonId, config, step: 4 };
    const hash = formatHash(location);
    expect(hash).toMatch(/^#\/convolution\?step=4&c=[A-Za-z0-9%-]+&v=1$/);
    expect(parseHash(hash)).toEqual({ location, problems: [] });
    // Also after the browser has normalised it as part of a URL.
    const viaUrl = new URL(`https://glassbox.test/app/${hash}`).hash;
    expect(parseHash(viaUrl)).toEqual({ location, problems: [] });
    // 784 two-decimal pixels compress to a link of reasonable length.
    expect(hash.length).toBeLessThan(2000);
  });

  it('round-trips a sample digit', () => {
    const location = {
      lesson: 'convolution' as LessonId,
      config: { mode: 'model', digit: { sample: 7 }, unit: null },
      step: 0,
    };
    expect(parseHash(formatHash(location))).toEqual({ location, problems: [] });
  });

  it('falls back to the default lesson for an unknown one, naming "lesson"', () => {
    const { location, problems } = parseHash('#/transformers?step=2');
    expect(location).toEqual({ lesson: DEFAULT_LESSON, config: convDefaults, step: 2 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^lesson: "transformers"/);
  });

  it('keeps the defaults and reports a damaged config', () => {
    const good = formatHash({
      lesson: 'convolution',
      config: { mode: 'model', digit: { sample: 3 }, unit: null },
      step: 1,
    });
    const damaged = good.slice(0, -6) + '@@@@@@';
    const { location, problems } = parseHash(damaged);
    expect(location).toEqual({ lesson: 'convolution', config: convDefaults, step: 1 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^config: /);
  });

  it('reports a config that is valid lz-string but not JSON', () => {
    const { location, problems } = parseHash(
      `#/convolution?c=${compressToEncodedURIComponent('{digit:')}`,
    );
    expect(location.config).toEqual(convDefaults);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^config: /);
  });

  it('names the bad field and uses its default, keeping the good ones', () => {
    const { location, problems } = parseHash(
      `#/convolution?step=2&c=${packed({ digit: { sample: 12 } })}`,
    );
    expect(location).toEqual({ lesson: 'convolution', config: convDefaults, step: 2 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^config\.digit\.sample: /);

    const mixed = parseHash(`#/convolution?c=${packed({ mode: 'chess', digit: { sample: 5 } })}`);
    expect(mixed.location.config).toEqual({ mode: 'model', digit: { sample: 5 }, unit: null });
    expect(mixed.problems).toHaveLength(1);
    expect(mixed.problems[0]).toMatch(/^config\.mode: /);
  });

  it('names the row of a drawing with the wrong width', () => {
    const pixels = drawnDigit();
    pixels[3] = pixels[3]!.slice(0, 27);
    const { location, problems } = parseHash(`#/convolution?c=${packed({ digit: { pixels } })}`);
    expect(location.config).toEqual(convDefaults);
    expect(problems).toEqual(['config.digit.pixels.3: each row has 28 pixels']);
  });

  it('reports an unknown field, keeping the lesson and its defaults', () => {
    const { location, problems } = parseHash(`#/gan?c=${packed({ mode: 'losses', lr: 0.1 })}`);
    expect(location).toEqual({ lesson: 'gan', config: ganModeDefaults.losses, step: 0 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^config: .*lr/);
  });

  it.each(['9', '-1', '1.5', 'two', '1e9', '0x3', '1e0', '', ' 2'])(
    'rejects step=%s, naming "step" and using 0',
    (step) => {
      const { location, problems } = parseHash(`#/convolution?step=${step}`);
      expect(location.step).toBe(0);
      expect(problems).toEqual([`step: "${step}" is not a step between 0 and ${CONV_STEPS - 1}`]);
    },
  );

  it('accepts the last step', () => {
    expect(parseHash(`#/convolution?step=${CONV_STEPS - 1}`)).toEqual({
      location: { lesson: 'convolution', config: convDefaults, step: CONV_STEPS - 1 },
      problems: [],
    });
  });

  it('checks the step against the lesson the hash names', () => {
    const count = attentionLesson.stepCount(attentionLesson.defaults);
    expect(parseHash(`#/attention?step=${count}`).problems).toEqual([
      `step: "${count}" is not a step between 0 and ${count - 1}`,
    ]);
  });
});

describe('link versions', () => {
  const sample5 = { mode: 'model', digit: { sample: 5 }, unit: null };

  it('reads a link without a version as version 1, silently when it is fine', () => {
    expect(parseHash(`#/convolution?c=${unversioned({ digit: { sample: 5 } })}`)).toEqual({
      location: { lesson: 'convolution', config: sample5, step: 0 },
      problems: [],
    });
  });

  it('says a link without a version was read as version 1 when parts of it failed', () => {
    const { location, problems } = parseHash(
      `#/convolution?c=${unversioned({ digit: { sample: 5 }, unit: 'x' })}`,
    );
    expect(location.config).toEqual(sample5);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe('v: the link has no version, so it was read as version 1');
    expect(problems[1]).toMatch(/^config\.unit: /);
  });

  it('opens a link from a newer version, naming the version and what was dropped', () => {
    const c = compressToEncodedURIComponent(
      JSON.stringify({ digit: { sample: 5 }, colormap: 'viridis' }),
    );
    const { location, problems } = parseHash(`#/convolution?step=1&c=${c}&v=7`);
    expect(location).toEqual({ lesson: 'convolution', config: sample5, step: 1 });
    expect(problems[0]).toMatch(/^v: the link was made by a newer Glassbox \(version 7;/);
    expect(problems.slice(1).join('; ')).toMatch(/colormap/);
  });

  it.each(['abc', '0', '1.5', '-2'])('reports v=%s and reads the link as version 1', (v) => {
    const c = compressToEncodedURIComponent(JSON.stringify({ digit: { sample: 5 } }));
    const { location, problems } = parseHash(`#/convolution?c=${c}&v=${v}`);
    expect(location.config).toEqual(sample5);
    expect(problems).toEqual([`v: "${v}" is not a link version; it was read as version 1`]);
  });

  // Version 1 is the first, so the table is empty; these check the machinery a bump will use.
  const renameSample: LinkMigration = {
    from: 1,
    migrate: (_lesson, config) => {
      const { sampleDigit, legacy, ...rest } = config as Record<string, unknown>;
      return {
        config: { ...rest, digit: { sample: sampleDigit } },
        dropped: legacy === undefined ? [] : ['config.legacy: no longer exists'],
      };
    },
  };

  it('migrates a config one version at a time, reporting what was dropped', () => {
    expect(
      migrateConfig('convolution', { sampleDigit: 4, legacy: true }, 1, [renameSample], 2),
    ).toEqual({
      ok: true,
      config: { digit: { sample: 4 } },
      dropped: ['config.legacy: no longer exists'],
    });
    expect(migrateConfig('convolution', { digit: { sample: 4 } }, 2, [renameSample], 2)).toEqual({
      ok: true,
      config: { digit: { sample: 4 } },
      dropped: [],
    });
  });

  it('falls back to the defaults when a migration step is missing', () => {
    const result = migrateConfig('convolution', { sampleDigit: 4 }, 1, [renameSample], 3);
    expect(result).toEqual({
      ok: false,
      problem:
        'v: links of version 1 can no longer be read (no update from version 2); the defaults were used',
    });
  });

  it('runs no migration on a link of the current version', () => {
    const c = compressToEncodedURIComponent(JSON.stringify({ sampleDigit: 4, legacy: 1 }));
    const shifted: LinkMigration = { ...renameSample, from: 0 };
    const { location, problems } = parseHash(`#/convolution?c=${c}&v=1`, [shifted]);
    // v=1 is current: the table's update from version 0 does not run, so the field is reported.
    expect(location.config).toEqual(convDefaults);
    expect(problems.join('; ')).toMatch(/sampleDigit/);
  });
});

describe('currentUrl', () => {
  beforeEach(() => {
    vi.stubGlobal('navigator', { languages: ['en-GB'] });
    useAppStore.setState({
      lesson: 'convolution',
      steps: Object.fromEntries(LESSON_IDS.map((id) => [id, 0])) as Record<LessonId, number>,
      policy: 'auto',
      lang: 'en',
    });
    initLessonDefaults();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('leaves defaults out of the URL', () => {
    expect(currentUrl('https://glassbox.test/app/?ep=wasm&lang=zh-CN#/gan')).toBe(
      'https://glassbox.test/app/#/convolution',
    );
  });

  it('share links always name the language, so they open the same for everyone', () => {
    useAppStore.getState().setStep('convolution', 2);
    const url = new URL(shareUrl('https://glassbox.test/app/#/gan'));
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('ep')).toBeNull();
    expect(parseHash(url.hash).location).toEqual({
      lesson: 'convolution',
      config: convDefaults,
      step: 2,
    });
  });

  it('builds an embed URL whose query and hash read back as the same view', () => {
    const location = {
      lesson: 'gan' as LessonId,
      config: ganModeDefaults.losses,
      step: 0,
    };
    const src = embedUrl('https://glassbox.test/app/index.html?lang=en#/convolution', location, {
      policy: 'wasm',
      lang: 'zh-CN',
      hide: ['modes', 'losses-curves'],
      origins: ['https://my.blog', 'http://127.0.0.1:8080'],
    });
    expect(src).toMatch(
      /^https:\/\/glassbox\.test\/app\/index\.html\?embed=1&ep=wasm&lang=zh-CN&hide=modes,losses-curves&origins=https:\/\/my\.blog,http:\/\/127\.0\.0\.1:8080#\/gan\?c=/,
    );
    const url = new URL(src);
    expect(parseQuery(url.search)).toEqual({
      options: {
        policy: 'wasm',
        lang: 'zh-CN',
        embed: true,
        hide: ['modes', 'losses-curves'],
        origins: ['https://my.blog', 'http://127.0.0.1:8080'],
        restrictOrigins: true,
      },
      problems: [],
    });
    expect(parseHash(url.hash)).toEqual({ location, problems: [] });
  });

  it('writes the policy, a non-preferred language, the lesson, its config and step', () => {
    const s = useAppStore.getState();
    s.setPolicy('wasm');
    s.setLang('zh-CN');
    s.setConfig('convolution', { mode: 'model', digit: { sample: 2 }, unit: null });
    s.setStep('convolution', 3);
    const url = new URL(currentUrl('https://glassbox.test/app/?embed=1'));
    expect(url.searchParams.get('ep')).toBe('wasm');
    expect(url.searchParams.get('lang')).toBe('zh-CN');
    expect(url.searchParams.get('embed')).toBe('1');
    expect(parseHash(url.hash)).toEqual({
      location: {
        lesson: 'convolution',
        config: { mode: 'model', digit: { sample: 2 }, unit: null },
        step: 3,
      },
      problems: [],
    });
  });
});

describe('startUrlSync', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** Just enough of a window for the URL sync: location, history and hashchange. */
  function fakeWindow(href: string) {
    const listeners: (() => void)[] = [];
    const location = new URL(href);
    const win = {
      location,
      history: {
        state: null,
        replaceState: vi.fn((_state: unknown, _title: string, url: string) => {
          location.href = url;
        }),
      },
      addEventListener: (_type: string, fn: () => void) => listeners.push(fn),
      removeEventListener: vi.fn(),
    };
    const navigate = (hash: string) => {
      location.hash = hash;
      listeners.forEach((fn) => fn());
    };
    return { win: win as unknown as Window, navigate, replaceState: win.history.replaceState };
  }

  it('applies a link, reports its bad parts once, and follows hash changes', async () => {
    vi.stubGlobal('navigator', { languages: ['en-US'] });
    initLessonDefaults();
    useAppStore.setState({ notices: [] });
    const { win, navigate } = fakeWindow(
      `https://glassbox.test/app/?ep=webgpu&lang=xx#/convolution?step=99&c=${packed({ digit: { sample: 6 } })}`,
    );
    const stop = startUrlSync(win);
    try {
      let s = useAppStore.getState();
      expect(s.policy).toBe('webgpu');
      expect(s.lang).toBe('en');
      expect(s.lesson).toBe('convolution');
      expect(s.configs.convolution).toEqual({ mode: 'model', digit: { sample: 6 }, unit: null });
      expect(s.steps.convolution).toBe(0);
      const notices = s.notices.filter((n) => n.key === 'notice.badLink');
      expect(notices).toHaveLength(1);
      expect(String(notices[0]!.params?.detail)).toMatch(/lang: "xx".*; step: "99"/);
      // The URL is rewritten to the state actually shown: bad parts dropped.
      expect(parseHash(win.location.hash).location.step).toBe(0);
      expect(win.location.search).toBe('?ep=webgpu');

      navigate('#/gan');
      s = useAppStore.getState();
      expect(s.lesson).toBe('gan');

      useAppStore.getState().setStep('convolution', 5);
      useAppStore.getState().goToLesson('convolution');
      // Store changes reach the URL once they pause (150 ms), not on every frame.
      await new Promise((r) => setTimeout(r, 200));
      expect(parseHash(win.location.hash).location).toEqual({
        lesson: 'convolution',
        config: { mode: 'model', digit: { sample: 6 }, unit: null },
        step: 5,
      });
    } finally {
      stop();
    }
  });

  it('a navigation wins over a pending write that lands before its hashchange event', async () => {
    initLessonDefaults();
    const { win, replaceState } = fakeWindow('https://glassbox.test/app/#/convolution');
    const stop = startUrlSync(win);
    try {
      // A state change schedules a write in 150 ms…
      useAppStore.getState().setStep('convolution', 3);
      // …then a link sets the hash; its hashchange event is still queued when the write runs.
      win.location.hash = '#/gan';
      await new Promise((r) => setTimeout(r, 200));
      expect(useAppStore.getState().lesson).toBe('gan');
      expect(win.location.hash).toMatch(/^#\/gan/);
      for (const [, , url] of replaceState.mock.calls) expect(String(url)).not.toMatch(/#\/conv/);
    } finally {
      stop();
    }
  });
});
