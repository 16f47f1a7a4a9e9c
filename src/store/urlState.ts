/**
 * Every view is a link. The query string holds page options (`ep`, `lang`, `embed`, `hide`,
 * `origins`); the hash holds the route and the lesson state: `#/convolution?step=2&c=…`,
 * where `c` is the config as JSON compressed with lz-string (URL-safe). A malformed part of
 * a link is reported by name and replaced by its default; the rest of the link still applies.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { isLang, preferredLang, type Lang } from '../i18n';
import { isBackendPolicy, type BackendPolicy } from '../runtime/backend';
import {
  DEFAULT_LESSON,
  isLessonId,
  lessonDefinition,
  mergeConfig,
  type LessonId,
} from './lessonRegistry';
import { useAppStore } from './store';

export interface PageOptions {
  policy?: BackendPolicy;
  lang?: Lang;
  embed: boolean;
  hide: string[];
  origins: string[];
}

export interface LessonLocation {
  lesson: LessonId;
  config: unknown;
  step: number;
}

const list = (v: string | null) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the query string. Unknown values are reported and ignored. */
export function parseQuery(search: string): { options: PageOptions; problems: string[] } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const options: PageOptions = { embed: false, hide: list(q.get('hide')), origins: [] };
  const ep = q.get('ep');
  if (ep !== null) {
    if (isBackendPolicy(ep)) options.policy = ep;
    else problems.push(`ep: "${ep}" is not auto, webgpu or wasm`);
  }
  const lang = q.get('lang');
  if (lang !== null) {
    if (isLang(lang)) options.lang = lang;
    else problems.push(`lang: "${lang}" is not en or zh-CN`);
  }
  const embed = q.get('embed');
  options.embed = embed === '1' || embed === 'true';
  for (const o of list(q.get('origins'))) {
    try {
      options.origins.push(new URL(o).origin);
    } catch {
      problems.push(`origins: "${o}" is not an origin such as https://example.org`);
    }
  }
  return { options, problems };
}

/** decodeURIComponent that never throws: a malformed escape is shown as written. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Reads `#/lesson?step=N&c=…`; anything unreadable falls back to its default, reported. */
export function parseHash(hash: string): { location: LessonLocation; problems: string[] } {
  const problems: string[] = [];
  const body = hash.replace(/^#\/?/, '');
  const [route = '', query = ''] = body.split('?', 2);
  let lesson = DEFAULT_LESSON;
  if (route) {
    if (isLessonId(route)) lesson = route;
    else problems.push(`lesson: "${safeDecode(route)}" is not attention, convolution or gan`);
  }
  const def = lessonDefinition(lesson);
  const q = new URLSearchParams(query);
  let config: unknown = def.defaults;
  const packed = q.get('c');
  if (packed !== null) {
    const { config: read, problems: configProblems } = readConfig(lesson, packed);
    config = read;
    problems.push(...configProblems);
  }
  let step = 0;
  const rawStep = q.get('step');
  if (rawStep !== null) {
    const n = Number(rawStep);
    const count = def.stepCount(config);
    if (Number.isInteger(n) && n >= 0 && n < count) step = n;
    else problems.push(`step: "${rawStep}" is not a step between 0 and ${count - 1}`);
  }
  return { location: { lesson, config, step }, problems };
}

function readConfig(lesson: LessonId, packed: string): { config: unknown; problems: string[] } {
  const defaults = lessonDefinition(lesson).defaults;
  let patch: unknown;
  try {
    const json = decompressFromEncodedURIComponent(packed);
    if (!json) throw new Error('not compressed config data');
    patch = JSON.parse(json);
  } catch {
    return {
      config: defaults,
      problems: ['config: the link is damaged (it could not be decoded)'],
    };
  }
  const first = mergeConfig(lesson, defaults, patch);
  if (first.ok) return { config: first.config, problems: [] };
  const problems = first.problems.map((p) => `${p.field}: ${p.message}`);
  // Keep every field that is fine on its own: apply the mode first (it picks the defaults
  // the rest merge over), then each other field, skipping the ones that do not validate.
  let config: unknown = defaults;
  if (typeof patch === 'object' && patch !== null && !Array.isArray(patch)) {
    const entries = Object.entries(patch as Record<string, unknown>).sort(
      ([a], [b]) => Number(b === 'mode') - Number(a === 'mode'),
    );
    for (const [key, value] of entries) {
      const next = mergeConfig(lesson, config, { [key]: value });
      if (next.ok) config = next.config;
    }
  }
  return { config, problems };
}

/** The hash for a lesson state; the default config and step 0 are left out, to keep links short. */
export function formatHash({ lesson, config, step }: LessonLocation): string {
  const q = new URLSearchParams();
  if (step > 0) q.set('step', String(step));
  if (JSON.stringify(config) !== JSON.stringify(lessonDefinition(lesson).defaults)) {
    q.set('c', compressToEncodedURIComponent(JSON.stringify(config)));
  }
  const qs = q.toString();
  return `#/${lesson}${qs ? `?${qs}` : ''}`;
}

/** The full URL for the current state: page options in the query, lesson state in the hash. */
export function currentUrl(href: string): string {
  const s = useAppStore.getState();
  const url = new URL(href);
  if (s.policy === 'auto') url.searchParams.delete('ep');
  else url.searchParams.set('ep', s.policy);
  if (s.lang === preferredLang()) url.searchParams.delete('lang');
  else url.searchParams.set('lang', s.lang);
  url.hash = formatHash({ lesson: s.lesson, config: s.configs[s.lesson], step: s.steps[s.lesson] });
  return url.href;
}

function applyLocation(loc: LessonLocation): void {
  const s = useAppStore.getState();
  s.goToLesson(loc.lesson);
  s.setConfig(loc.lesson, loc.config);
  s.setStep(loc.lesson, loc.step);
}

function reportProblems(problems: string[]): void {
  if (problems.length === 0) return;
  useAppStore.getState().notify({
    level: 'warning',
    key: 'notice.badLink',
    params: { detail: problems.join('; ') },
    tag: 'badLink',
  });
}

/**
 * Applies the page's URL to the store, then keeps them in step: store changes rewrite the URL
 * (replaceState, so no history spam), and editing the hash or following a link applies it.
 */
export function startUrlSync(win: Window = window): () => void {
  const query = parseQuery(win.location.search);
  useAppStore.setState({
    policy: query.options.policy ?? 'auto',
    lang: query.options.lang ?? preferredLang(),
    embed: {
      enabled: query.options.embed,
      hide: query.options.hide,
      origins: query.options.origins,
    },
  });
  const hash = parseHash(win.location.hash);
  applyLocation(hash.location);
  reportProblems([...query.problems, ...hash.problems]);

  const write = () => {
    const next = currentUrl(win.location.href);
    try {
      if (next !== win.location.href) win.history.replaceState(win.history.state, '', next);
    } catch {
      // Browsers limit how often history may change; the next change writes the URL again.
    }
  };
  // Drawing and playback change the state many times a second: write the URL once they pause.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(write, 150);
  };
  write();
  const unsubscribe = useAppStore.subscribe((st, prev) => {
    if (
      st.lesson !== prev.lesson ||
      st.configs !== prev.configs ||
      st.steps !== prev.steps ||
      st.policy !== prev.policy ||
      st.lang !== prev.lang
    ) {
      schedule();
    }
  });
  const onHashChange = () => {
    const parsed = parseHash(win.location.hash);
    applyLocation(parsed.location);
    reportProblems(parsed.problems);
    write();
  };
  win.addEventListener('hashchange', onHashChange);
  return () => {
    clearTimeout(timer);
    unsubscribe();
    win.removeEventListener('hashchange', onHashChange);
  };
}
