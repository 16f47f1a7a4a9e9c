/**
 * The one zustand store. It keeps what the user chose (lesson, configs, steps, language,
 * backend policy) and what the runtime reports (backend, adapter, loading, notices) — never
 * derived matrices: lessons compute or fetch those from the config.
 */
import { create } from 'zustand';
import type { Lang } from '../i18n';
import type { BackendName, BackendPolicy } from '../runtime/backend';
import { createClassroomSlice, type ClassroomSlice } from './classroom';
import { DEFAULT_LESSON, LESSON_IDS, lessonDefinition, type LessonId } from './lessonRegistry';

export type NoticeLevel = 'info' | 'warning' | 'error';

export interface Notice {
  id: number;
  level: NoticeLevel;
  /** i18n key, so a notice follows the language switch. */
  key: string;
  params?: Record<string, string | number>;
  /** A notice with the same tag replaces the previous one instead of stacking. */
  tag?: string;
}

export interface RuntimeStatus {
  state: 'idle' | 'starting' | 'ready';
  backend?: BackendName;
  adapter?: string;
  /** Time of the last inference in the worker, ms. */
  lastMs?: number;
}

export interface ModelStatus {
  state: 'loading' | 'ready' | 'error';
  /** From the model card, once loaded: shown next to the model's output. */
  card?: { title: string; parameterCount: number; metrics: Record<string, unknown> };
  loaded?: number;
  total?: number;
  /** While loading: downloading the file, or preparing (session creation and warm-up). */
  phase?: 'download' | 'prepare';
  error?: { kind: string; message: string };
}

export interface EmbedOptions {
  enabled: boolean;
  hide: readonly string[];
  origins: readonly string[];
  /** `origins=` was given: only `origins` (possibly none) may drive the embed. */
  restrictOrigins: boolean;
}

// --- slices ---------------------------------------------------------------------------

export interface LessonSlice {
  lesson: LessonId;
  configs: Record<LessonId, unknown>;
  steps: Record<LessonId, number>;
  goToLesson: (lesson: LessonId) => void;
  /** Sets a lesson's whole config; callers pass a config their schema has validated. */
  setConfig: (lesson: LessonId, config: unknown) => void;
  /** Sets the step, clamped to the lesson's step range. */
  setStep: (lesson: LessonId, step: number) => void;
}

export interface SettingsSlice {
  lang: Lang;
  policy: BackendPolicy;
  embed: EmbedOptions;
  setLang: (lang: Lang) => void;
  setPolicy: (policy: BackendPolicy) => void;
}

export interface RuntimeSlice {
  runtime: RuntimeStatus;
  models: Record<string, ModelStatus>;
  notices: Notice[];
  setRuntime: (patch: Partial<RuntimeStatus>) => void;
  setModel: (model: string, status: ModelStatus) => void;
  notify: (notice: Omit<Notice, 'id'>) => void;
  dismiss: (id: number) => void;
}

export type AppState = LessonSlice & SettingsSlice & RuntimeSlice & ClassroomSlice;

type SliceCreator<S> = (
  set: (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void,
  get: () => AppState,
) => S;

const clampStep = (lesson: LessonId, config: unknown, step: number) => {
  const count = lessonDefinition(lesson).stepCount(config);
  return Math.min(count - 1, Math.max(0, Math.trunc(step)));
};

const createLessonSlice: SliceCreator<LessonSlice> = (set, get) => ({
  lesson: DEFAULT_LESSON,
  configs: {} as Record<LessonId, unknown>,
  steps: Object.fromEntries(LESSON_IDS.map((id) => [id, 0])) as Record<LessonId, number>,
  goToLesson: (lesson) => set({ lesson }),
  setConfig: (lesson, config) =>
    set((s) => ({
      configs: { ...s.configs, [lesson]: config },
      steps: { ...s.steps, [lesson]: clampStep(lesson, config, s.steps[lesson]) },
    })),
  setStep: (lesson, step) =>
    set((s) => ({
      steps: { ...s.steps, [lesson]: clampStep(lesson, get().configs[lesson], step) },
    })),
});

const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  lang: 'en',
  policy: 'auto',
  embed: { enabled: false, hide: [], origins: [], restrictOrigins: false },
  setLang: (lang) => set({ lang }),
  setPolicy: (policy) => set({ policy }),
});

let nextNoticeId = 1;

const createRuntimeSlice: SliceCreator<RuntimeSlice> = (set) => ({
  runtime: { state: 'idle' },
  models: {},
  notices: [],
  setRuntime: (patch) => set((s) => ({ runtime: { ...s.runtime, ...patch } })),
  setModel: (model, status) => set((s) => ({ models: { ...s.models, [model]: status } })),
  notify: (notice) =>
    set((s) => ({
      notices: [
        ...s.notices.filter((n) => !notice.tag || n.tag !== notice.tag),
        { ...notice, id: nextNoticeId++ },
      ],
    })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});

export const useAppStore = create<AppState>()((set, get) => ({
  ...createLessonSlice(set, get),
  ...createSettingsSlice(set, get),
  ...createRuntimeSlice(set, get),
  ...createClassroomSlice(set),
}));

/** Fills every lesson's config with its registered defaults (call once lessons are registered). */
export function initLessonDefaults(): void {
  useAppStore.setState({
    configs: Object.fromEntries(
      LESSON_IDS.map((id) => [id, lessonDefinition(id).defaults]),
    ) as Record<LessonId, unknown>,
  });
}
