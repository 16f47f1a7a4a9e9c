/**
 * Until the lead's src/store/trainingControls.ts is on main: the same interface, so the view
 * switches to the store's module by changing one import.
 */
import type { LessonId } from '../../../store/lessonRegistry';

export interface TrainingControls {
  play(): void;
  pause(): void;
  train(iterations: number): Promise<void>;
}

const provided = new Map<LessonId, TrainingControls>();

export function provideTrainingControls(lesson: LessonId, controls: TrainingControls): () => void {
  provided.set(lesson, controls);
  return () => {
    if (provided.get(lesson) === controls) provided.delete(lesson);
  };
}

export function trainingControls(lesson: LessonId): TrainingControls | undefined {
  return provided.get(lesson);
}
