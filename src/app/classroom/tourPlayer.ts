/**
 * Plays a tour: each tour step sets its lesson, config and lesson step through the store (so
 * the hash, and every view, follow). The tour itself travels in the query string —
 * `?tour=<lz-string JSON>&ts=<tour step>` — beside urlState's own parameters, which it leaves
 * alone: urlState rewrites the hash and ep/lang, this module only `tour` and `ts`.
 */
import { useAppStore } from '../../store/store';
import { decodeTour, encodeTour, validateTour, type Tour, type TourInput } from '../../store/tour';

function apply(tour: Tour, index: number): void {
  const s = tour.steps[index]!;
  const st = useAppStore.getState();
  st.goToLesson(s.lesson);
  st.setConfig(s.lesson, s.config);
  st.setStep(s.lesson, s.step);
}

/** Starts a checked tour at a step (the first by default). */
export function startTour(tour: Tour, index = 0): void {
  const i = Math.min(tour.steps.length - 1, Math.max(0, index));
  useAppStore.getState().setTour({ tour, index: i });
  apply(tour, i);
}

/** Validates a tour as written (e.g. a built-in one) and starts it; returns its problems. */
export function startTourInput(input: TourInput): ReturnType<typeof validateTour> {
  const result = validateTour(input);
  if (result.ok) startTour(result.tour);
  return result;
}

/** Moves to another tour step (clamped); false when there is no tour or no such step. */
export function goToTourStep(index: number): boolean {
  const playing = useAppStore.getState().tour;
  if (!playing || index < 0 || index >= playing.tour.steps.length) return false;
  startTour(playing.tour, index);
  return true;
}

export function exitTour(): void {
  useAppStore.getState().setTour(null);
}

/** A link that opens the tour at its first step (current page options kept, no lesson hash). */
export function tourLink(tour: Tour, href: string): string {
  const url = new URL(href);
  url.hash = '';
  url.searchParams.delete('ts');
  url.searchParams.set('tour', encodeTour(tour));
  return url.href;
}

/**
 * Opens a tour from the page's link, then keeps `tour`/`ts` in the URL while one plays. A fresh
 * link (no `ts`) opens the first tour step; a reload (`ts` present) keeps the lesson state in
 * the hash and only restores the tour step. A bad tour is reported naming its field.
 */
export function startTourSync(win: Window = window): () => void {
  const params = new URLSearchParams(win.location.search);
  const packed = params.get('tour');
  if (packed !== null) {
    const result = decodeTour(packed);
    if (result.ok) {
      const ts = params.get('ts');
      const index = ts !== null && /^\d{1,4}$/.test(ts) ? Number(ts) : NaN;
      if (index >= 0 && index < result.tour.steps.length)
        useAppStore.getState().setTour({ tour: result.tour, index });
      else {
        startTour(result.tour);
        if (ts !== null)
          useAppStore.getState().notify({
            level: 'error',
            key: 'classroom.tour.badLink',
            params: {
              detail: `ts: "${ts}" is not a tour step between 0 and ${result.tour.steps.length - 1}; the tour starts at its first step`,
            },
            tag: 'badTour',
          });
      }
    } else {
      useAppStore.getState().notify({
        level: 'error',
        key: 'classroom.tour.badLink',
        params: { detail: result.problems.map((p) => `${p.field}: ${p.message}`).join('; ') },
        tag: 'badTour',
      });
    }
  }
  const write = () => {
    const playing = useAppStore.getState().tour;
    const url = new URL(win.location.href);
    if (playing) {
      url.searchParams.set('tour', encodeTour(playing.tour));
      url.searchParams.set('ts', String(playing.index));
    } else {
      url.searchParams.delete('tour');
      url.searchParams.delete('ts');
    }
    if (url.href === win.location.href) return;
    try {
      win.history.replaceState(win.history.state, '', url.href);
    } catch {
      // Rate-limited: the next tour change writes it again.
    }
  };
  write();
  return useAppStore.subscribe((s, prev) => {
    if (s.tour !== prev.tour) write();
  });
}
