import { isControlKey } from './keys';
import { useEffect, useState } from 'react';

export const PLAYBACK_SPEEDS = [0.5, 1, 2, 4, 8] as const;
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number];

export interface Playback {
  playing: boolean;
  speed: PlaybackSpeed;
  toggle: () => void;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: PlaybackSpeed) => void;
}

/**
 * Play/pause for a stepped animation: while playing, advances `step` every 1000/(2·speed) ms
 * (2 steps a second at 1×) and stops at the last step. Space toggles play/pause (unless focus is
 * on a control that uses space itself). ←/→ stepping is useStepKeys'.
 */
export function usePlayback(step: number, count: number, go: (step: number) => void): Playback {
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<PlaybackSpeed>(1);
  const atEnd = step >= count - 1;

  useEffect(() => {
    if (!playing || atEnd) return;
    const timer = setTimeout(() => {
      // Reaching the last step ends playback, so stepping back later does not restart it.
      if (step + 1 >= count - 1) setPlaying(false);
      go(step + 1);
    }, 500 / speed);
    return () => clearTimeout(timer);
  }, [playing, atEnd, step, count, speed, go]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        e.key !== ' ' ||
        e.altKey ||
        e.ctrlKey ||
        e.metaKey ||
        isControlKey(e.target, { buttons: true })
      )
        return;
      e.preventDefault();
      setPlaying((p) => !p);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const toggle = () => {
    // Playing from the last step starts over.
    if (!playing && atEnd) go(0);
    setPlaying(!playing);
  };
  return { playing: playing && !atEnd, speed, toggle, setPlaying, setSpeed };
}
