/**
 * Every view is a link. The query string holds page options (`ep`, `lang`, `embed`, `hide`,
 * `origins`); the hash holds the route and the lesson state: `#/convolution?step=2&c=…&v=1`,
 * where `c` is the config as JSON compressed with lz-string (URL-safe) and `v` the version of
 * the config format it was written in. A malformed part of a link is reported by name and
 * replaced by its default; the rest of the link still applies.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { isLang, preferredLang, type Lang } from '../i18n';
import { isBackendPolicy, type BackendPolicy } from '../runtime/backend';
import {
  DEFAULT_LESSON,
  isLessonId,
  LESSON_IDS,
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
  /**
   * `origins=` was given: only its origins may drive the embed — none at all when every entry
   * was refused (a restriction never turns into "anyone").
   */
  restrictOrigins: boolean;
}

export interface LessonLocation {
  lesson: LessonId;
  config: unknown;
  step: number;
}

/**
 * The version of the config format links are written in. Bump it when a lesson's schema
 * changes in a way old links would no longer validate, and add a migration below.
 */
export const LINK_VERSION = 1;

/**
 * Turns the config of a version-`from` link into a version-`from + 1` config. `dropped`
 * names (as "field: why") what could not be carried over; it is shown to the user.
 */
export interface LinkMigration {
  from: number;
  migrate: (lesson: LessonId, config: unknown) => { config: unknown; dropped: string[] };
}

/** One migration per version step, oldest first. Version 1 is the first: none yet. */
export const LINK_MIGRATIONS: readonly LinkMigration[] = [];

/**
 * Brings a config read from a version-`version` link up to LINK_VERSION, one migration at a
 * time. When a step is missing the config cannot be trusted: the lesson's defaults are used.
 */
export function migrateConfig(
  lesson: LessonId,
  config: unknown,
  version: number,
  migrations: readonly LinkMigration[] = LINK_MIGRATIONS,
  target: number = LINK_VERSION,
): { ok: true; config: unknown; dropped: string[] } | { ok: false; problem: string } {
  let current = config;
  const dropped: string[] = [];
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) {
      return {
        ok: false,
        problem: `v: links of version ${version} can no longer be read (no update from version ${v}); the defaults were used`,
      };
    }
    const next = step.migrate(lesson, current);
    current = next.config;
    dropped.push(...next.dropped);
  }
  return { ok: true, config: current, dropped };
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
  const options: PageOptions = {
    embed: false,
    hide: list(q.get('hide')),
    origins: [],
    restrictOrigins: false,
  };
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
  // Names no lesson can hide are reported (a typo would otherwise hide nothing, silently).
  const hideable = new Set(LESSON_IDS.flatMap((id) => lessonHideable(id)));
  const unknown = options.hide.filter((h) => !hideable.has(h));
  if (unknown.length > 0 && hideable.size > 0)
    problems.push(
      `hide: ${unknown.map((h) => `"${h}"`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not a part any lesson can hide (ignored)`,
    );
  const given = list(q.get('origins'));
  options.restrictOrigins = given.length > 0;
  const read = readOrigins(given);
  options.origins = read.origins;
  for (const o of read.bad)
    problems.push(`origins: "${o}" is not an http(s) origin such as https://example.org (ignored)`);
  if (given.length > 0 && read.origins.length === 0)
    problems.push('origins: none of the origins given is valid, so no page may drive this embed');
  return { options, problems };
}

/**
 * Reads origins (scheme, host, optional port): only http(s) ones — `javascript:`, `data:`,
 * `file:` and the like have the opaque origin "null", which any sandboxed frame shares.
 */
export function readOrigins(entries: readonly string[]): { origins: string[]; bad: string[] } {
  const origins: string[] = [];
  const bad: string[] = [];
  for (const entry of entries) {
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {
      // not a URL at all
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) bad.push(entry);
    else if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return { origins, bad };
}

/** The parts a lesson lets `hide=` hide; none when it is not registered (some unit tests). */
function lessonHideable(id: LessonId): readonly string[] {
  try {
    return lessonDefinition(id).hideable;
  } catch {
    return [];
  }
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
export function parseHash(
  hash: string,
  migrations: readonly LinkMigration[] = LINK_MIGRATIONS,
): { location: LessonLocation; problems: string[] } {
  const problems: string[] = [];
  const body = hash.replace(/^#\/?/, '');
  const [route = '', query = ''] = body.split('?', 2);
  let lesson = DEFAULT_LESSON;
  if (route) {
    if (isLessonId(route)) lesson = route;
    else problems.push(`lesson: "${safeDecode(route)}" is not ${LESSON_IDS.join(', ')}`);
  }
  const def = lessonDefinition(lesson);
  const q = new URLSearchParams(query);
  let config: unknown = def.defaults;
  const packed = q.get('c');
  if (packed !== null) {
    const { config: read, problems: configProblems } = readConfig(
      lesson,
      packed,
      q.get('v'),
      migrations,
    );
    config = read;
    problems.push(...configProblems);
  }
  let step = 0;
  const rawStep = q.get('step');
  if (rawStep !== null) {
    // Digits only: Number() would also read "0x3", "1e1", " 2" or "".
    const n = /^\d{1,6}$/.test(rawStep) ? Number(rawStep) : NaN;
    const count = def.stepCount(config);
    if (n >= 0 && n < count) step = n;
    else problems.push(`step: "${rawStep}" is not a step between 0 and ${count - 1}`);
  }
  return { location: { lesson, config, step }, problems };
}

/** Reads `v=`: the link's version, or why it is not usable (then the current one is assumed). */
function readVersion(raw: string | null): { version: number; problem?: string } {
  if (raw === null) return { version: LINK_VERSION };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    return {
      version: LINK_VERSION,
      problem: `v: "${raw}" is not a link version; it was read as version ${LINK_VERSION}`,
    };
  }
  if (n > LINK_VERSION) {
    return {
      version: LINK_VERSION,
      problem: `v: the link was made by a newer Glassbox (version ${n}; this one reads version ${LINK_VERSION}), so the parts it does not know use their defaults`,
    };
  }
  return { version: n };
}

function readConfig(
  lesson: LessonId,
  packed: string,
  rawVersion: string | null,
  migrations: readonly LinkMigration[],
): { config: unknown; problems: string[] } {
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
  const { version, problem: versionProblem } = readVersion(rawVersion);
  const migrated = migrateConfig(lesson, patch, version, migrations);
  if (!migrated.ok) return { config: defaults, problems: [migrated.problem] };
  patch = migrated.config;
  const notes = [...(versionProblem ? [versionProblem] : []), ...migrated.dropped];
  const recovered = recoverConfig(lesson, patch);
  if (recovered.problems.length > 0 && rawVersion === null) {
    // Links from before versions existed are read as version 1; say so when parts failed.
    notes.push(`v: the link has no version, so it was read as version ${LINK_VERSION}`);
  }
  return { config: recovered.config, problems: [...notes, ...recovered.problems] };
}

/** Validates a config patch over the defaults; when it fails, keeps every field that is fine. */
function recoverConfig(lesson: LessonId, patch: unknown): { config: unknown; problems: string[] } {
  const defaults = lessonDefinition(lesson).defaults;
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
    q.set('v', String(LINK_VERSION));
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

/**
 * The link the Share button copies: the current view, with the language always written (so
 * it opens in the same language whatever the receiver's browser prefers).
 */
export function shareUrl(href: string): string {
  const url = new URL(currentUrl(href));
  url.searchParams.set('lang', useAppStore.getState().lang);
  return url.href;
}

export interface EmbedOptionsForUrl {
  policy: BackendPolicy;
  lang: Lang;
  hide: readonly string[];
  origins: readonly string[];
}

/**
 * The `src` of an `<iframe>` showing `location` in embed mode. `base` is the app's address
 * (its query and hash are replaced).
 */
export function embedUrl(base: string, location: LessonLocation, opts: EmbedOptionsForUrl): string {
  const url = new URL(base);
  url.search = '';
  url.hash = '';
  const q = new URLSearchParams({ embed: '1' });
  if (opts.policy !== 'auto') q.set('ep', opts.policy);
  q.set('lang', opts.lang);
  if (opts.hide.length > 0) q.set('hide', opts.hide.join(','));
  if (opts.origins.length > 0) q.set('origins', opts.origins.join(','));
  // Commas and colons are legal in a query; leaving them unescaped keeps the snippet readable.
  const query = q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/');
  return `${url.href}?${query}${formatHash(location)}`;
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
      restrictOrigins: query.options.restrictOrigins,
    },
  });
  const hash = parseHash(win.location.hash);
  applyLocation(hash.location);
  reportProblems([...query.problems, ...hash.problems]);

  // The hash as the app last read or wrote it. A different one in the address bar is a
  // navigation (typed, a link, `location.hash =`) whose hashchange event may not have run yet:
  // it always wins over a pending write of the app's own state, which would otherwise
  // overwrite it before the handler reads it.
  let seenHash = win.location.hash;
  const navigate = () => {
    seenHash = win.location.hash;
    const parsed = parseHash(seenHash);
    applyLocation(parsed.location);
    reportProblems(parsed.problems);
    write();
  };
  const write = () => {
    if (win.location.hash !== seenHash) return navigate();
    const next = currentUrl(win.location.href);
    try {
      if (next !== win.location.href) win.history.replaceState(win.history.state, '', next);
    } catch {
      // Browsers limit how often history may change; the next change writes the URL again.
    }
    seenHash = win.location.hash;
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
  // Read already if a write came first (navigate ran from it): nothing left to apply.
  const onHashChange = () => {
    if (win.location.hash !== seenHash) navigate();
  };
  win.addEventListener('hashchange', onHashChange);
  return () => {
    clearTimeout(timer);
    unsubscribe();
    win.removeEventListener('hashchange', onHashChange);
  };
}
