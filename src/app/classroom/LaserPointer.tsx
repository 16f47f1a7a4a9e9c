import { useEffect, useRef } from 'react';

/**
 * A bright dot that follows the pointer, big enough to see on a projector. It moves by style
 * writes on pointer events (no React render per move) and never takes a click.
 */
export function LaserPointer() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const dot = ref.current;
    if (!dot) return;
    const move = (e: PointerEvent) => {
      dot.style.transform = `translate(${e.clientX}px, ${e.clientY}px)`;
      dot.hidden = false;
    };
    const hide = () => {
      dot.hidden = true;
    };
    window.addEventListener('pointermove', move, { passive: true });
    document.documentElement.addEventListener('pointerleave', hide);
    return () => {
      window.removeEventListener('pointermove', move);
      document.documentElement.removeEventListener('pointerleave', hide);
    };
  }, []);
  return (
    <div ref={ref} className="laser-dot" hidden aria-hidden="true" data-testid="classroom.laser" />
  );
}
