import type { LessonId } from '../../../store/lessonRegistry';
import type { TourInput } from '../../../store/tour';
import { attentionTour } from './attention';
import { basicsTour } from './basics';
import { convolutionTour } from './convolution';
import { ganTour } from './gan';

/** The built-in tours, one per lesson, walking its whole story. */
export const BUILTIN_TOURS: Record<LessonId, TourInput> = {
  attention: attentionTour,
  convolution: convolutionTour,
  gan: ganTour,
  basics: basicsTour,
};
