import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18n } from '../i18n';
import { startEmbedBridge } from '../store/embedBridge';
import { initLessonDefaults, useAppStore } from '../store/store';
import { loseDevice, startRuntime } from '../store/runtime';
import { startUrlSync } from '../store/urlState';
import { App } from './App';
import { loadCjkFont, relayoutWhenCjkLoads } from './cjkFont';
import { startTourSync } from './classroom/tourPlayer';
import { registerLessons } from './lessons';
import './styles.css';

registerLessons();
initLessonDefaults();
startUrlSync();
startTourSync();
startRuntime(new URL('models/', document.baseURI).href);
const { origins, restrictOrigins } = useAppStore.getState().embed;
startEmbedBridge(window, restrictOrigins ? origins : null);

// Language follows the store (set from ?lang=, the browser, or the switch).
const applyLang = (lang: string) => {
  // Chinese: fetch our CJK font now, not at the first Chinese character laid out (cjkFont.ts).
  if (lang === 'zh-CN') loadCjkFont();
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
};
applyLang(useAppStore.getState().lang);
useAppStore.subscribe((s, prev) => {
  if (s.lang !== prev.lang) applyLang(s.lang);
});
// Text laid out while that font was loading is shaped again once it has arrived.
relayoutWhenCjkLoads();

/** A small typed handle for tests and curious users (e.g. simulating a lost GPU). */
declare global {
  interface Window {
    glassbox?: { loseDevice: () => Promise<boolean>; state: () => unknown };
  }
}
window.glassbox = { loseDevice, state: () => useAppStore.getState() };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
