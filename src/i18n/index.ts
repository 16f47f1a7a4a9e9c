import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };
/** The same, short, where the header is narrow (a phone held upright). */
export const LANGUAGE_SHORT_NAMES: Record<Lang, string> = { en: 'EN', 'zh-CN': '中文' };

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** The browser's preferred language among ours (Chinese variants → zh-CN), else English. */
export function preferredLang(
  languages: readonly string[] = globalThis.navigator?.languages ?? [],
): Lang {
  for (const l of languages) {
    if (/^zh\b/i.test(l)) return 'zh-CN';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}

/** i18next with both string tables bundled: they are small, and classrooms may be offline. */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
