import { LessonIntro } from '../shared/LessonIntro';

export default function GanLesson() {
  return <LessonIntro lesson="gan" />;
}
