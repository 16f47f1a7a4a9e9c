/**
 * The bundled CJK font ('Glassbox CJK', declared in cjkFont.css, made by
 * scripts/make-cjk-font.py): its @font-face has a unicode-range, so the browser fetches the file
 * only when the page shows a Chinese character. Two helpers for main.tsx:
 *
 * - `loadCjkFont` starts the fetch at once when the page is in Chinese, rather than at the first
 *   layout of Chinese text.
 * - `relayoutWhenCjkLoads` has the page's text shaped again once one of our faces has loaded.
 *   Chromium sometimes keeps text that it laid out while the face was still loading in the
 *   fallback font after the face arrives (seen on the header's lesson names and the attention
 *   sandbox's first 我); on a machine without CJK fonts that fallback draws boxes.
 */

const FAMILY = 'Glassbox CJK';

const isOurs = (face: FontFace) => face.family.replace(/["']/g, '') === FAMILY;

/** Starts fetching the font file (a failure, e.g. offline, leaves the system fonts). */
export function loadCjkFont(fonts: FontFaceSet = document.fonts): void {
  // 一 (U+4E00) is in the file's unicode-range, not in the face inlined for 简体中文.
  fonts.load(`1em "${FAMILY}"`, '\u4e00').catch(() => undefined);
}

/** Minimal shapes of the DOM objects used, so the helper can be tested without a DOM. */
interface FontEvents {
  addEventListener(type: 'loadingdone', cb: (e: { fontfaces: readonly FontFace[] }) => void): void;
  removeEventListener(
    type: 'loadingdone',
    cb: (e: { fontfaces: readonly FontFace[] }) => void,
  ): void;
}

/**
 * Once a 'Glassbox CJK' face has loaded, changes the root's font-feature-settings between
 * `normal` and `'swsh' 0`. Swashes are off by default, so no glyph changes, but every element
 * that inherits it gets a new font description, and all text is shaped again with the fonts
 * now loaded. Returns a function that stops listening.
 */
export function relayoutWhenCjkLoads(
  fonts: FontEvents = document.fonts,
  root: { style: { fontFeatureSettings: string } } = document.documentElement,
  nextFrame: (cb: () => void) => void = (cb) =>
    requestAnimationFrame(() => requestAnimationFrame(cb)),
): () => void {
  const onDone = (e: { fontfaces: readonly FontFace[] }) => {
    if (!e.fontfaces.some(isOurs)) return;
    nextFrame(() => {
      root.style.fontFeatureSettings = root.style.fontFeatureSettings ? '' : "'swsh' 0";
    });
  };
  fonts.addEventListener('loadingdone', onDone);
  return () => fonts.removeEventListener('loadingdone', onDone);
}
