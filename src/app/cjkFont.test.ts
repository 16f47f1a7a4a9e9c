import { describe, expect, it } from 'vitest';
import { relayoutWhenCjkLoads } from './cjkFont';

type Listener = (e: { fontfaces: readonly FontFace[] }) => void;

/** A FontFaceSet stand-in that only dispatches `loadingdone`. */
function fakeFonts() {
  const listeners = new Set<Listener>();
  return {
    addEventListener: (_: 'loadingdone', cb: Listener) => void listeners.add(cb),
    removeEventListener: (_: 'loadingdone', cb: Listener) => void listeners.delete(cb),
    done: (...families: string[]) => {
      const fontfaces = families.map((family) => ({ family }) as FontFace);
      for (const cb of listeners) cb({ fontfaces });
    },
  };
}

describe('relayoutWhenCjkLoads', () => {
  it('flips the root font-feature-settings once a Glassbox CJK face has loaded, a frame later', () => {
    const fonts = fakeFonts();
    const root = { style: { fontFeatureSettings: '' } };
    const frames: (() => void)[] = [];
    const stop = relayoutWhenCjkLoads(fonts, root, (cb) => frames.push(cb));

    fonts.done('Temml'); // someone else's font: nothing to do
    expect(frames).toHaveLength(0);

    fonts.done('"Glassbox CJK"');
    expect(root.style.fontFeatureSettings).toBe('');
    frames.shift()!();
    expect(root.style.fontFeatureSettings).toBe("'swsh' 0");

    // A second face (e.g. the inlined one) flips it back: a new font description again.
    fonts.done('Glassbox CJK');
    frames.shift()!();
    expect(root.style.fontFeatureSettings).toBe('');

    stop();
    fonts.done('Glassbox CJK');
    expect(frames).toHaveLength(0);
  });
});
