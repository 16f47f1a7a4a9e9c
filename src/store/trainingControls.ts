/**
 * Views that train (the GAN's training view, the Basics playground) provide their controls
 * here while they are mounted, so the embed API can play, pause and train them from the host
 * page without the store or the bridge importing a lesson.
 */
import type { LessonId } from './lessonRegistry';

export interface TrainingControls {
  play(): void;
  pause(): void;
  /** Pauses, runs exactly `iterations` iterations, and resolves when they are done. */
  train(iterations: number): Promise<void>;
}

const provided = new Map<LessonId, TrainingControls>();

/** Provides a lesson's training controls; returns the function that withdraws them. */
export function provideTrainingControls(lesson: LessonId, controls: TrainingControls): () => void {
  provided.set(lesson, controls);
  return () => {
    if (provided.get(lesson) === controls) provided.delete(lesson);
  };
}

/** The controls of the lesson's view on screen, if it trains. */
export function trainingControls(lesson: LessonId): TrainingControls | undefined {
  return provided.get(lesson);
}

/** Most iterations one `train` message may ask for. */
export const MAX_TRAIN_ITERATIONS = 100_000;
