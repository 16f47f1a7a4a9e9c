/**
 * The classroom slice: presentation settings (classroom mode, high contrast, laser pointer)
 * and the tour being played. Part of the one store (store.ts spreads it in).
 */
import type { AppState } from './store';
import type { Tour } from './tour';

export interface ClassroomSettings {
  /** Larger type and strokes, global shortcuts. */
  on: boolean;
  contrast: boolean;
  laser: boolean;
}

export interface TourPlayback {
  tour: Tour;
  /** The tour step shown (0-based). */
  index: number;
}

export interface ClassroomSlice {
  classroom: ClassroomSettings;
  tour: TourPlayback | null;
  setClassroom: (patch: Partial<ClassroomSettings>) => void;
  /** Starts a tour at a step (or stops it with null); tour.ts applies the step's state. */
  setTour: (tour: TourPlayback | null) => void;
}

export const createClassroomSlice = (
  set: (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void,
): ClassroomSlice => ({
  classroom: { on: false, contrast: false, laser: false },
  tour: null,
  setClassroom: (patch) => set((s) => ({ classroom: { ...s.classroom, ...patch } })),
  setTour: (tour) => set({ tour }),
});
