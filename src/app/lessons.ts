import { lazy } from 'react';
import { attentionLesson } from '../lessons/attention/lesson';
import { basicsLesson } from '../lessons/basics/lesson';
import { convolutionLesson } from '../lessons/convolution/lesson';
import { ganLesson } from '../lessons/gan/lesson';
import { registerLesson, type LessonId } from '../store/lessonRegistry';

/** Registers every lesson's definition (schema, defaults, steps, embed handlers). */
export function registerLessons(): void {
  registerLesson(attentionLesson);
  registerLesson(convolutionLesson);
  registerLesson(ganLesson);
  registerLesson(basicsLesson);
}

/** Lesson views are split into their own chunks and loaded when first opened. */
export const LESSON_VIEWS: Record<LessonId, React.LazyExoticComponent<() => React.JSX.Element>> = {
  attention: lazy(() => import('../lessons/attention/AttentionLesson')),
  convolution: lazy(() => import('../lessons/convolution/ConvolutionLesson')),
  gan: lazy(() => import('../lessons/gan/GanLesson')),
  basics: lazy(() => import('../lessons/basics/BasicsLesson')),
};
