import { isControlKey } from './keys';
import { useEffect } from 'react';

/** ←/→ step backward and forward through a lesson (unless focus is in a text or range control). */
export function useStepKeys(step: number, count: number, go: (step: number) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isControlKey(e.target)) return;
      if (e.key === 'ArrowRight' && step < count - 1) go(step + 1);
      else if (e.key === 'ArrowLeft' && step > 0) go(step - 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, count, go]);
}
