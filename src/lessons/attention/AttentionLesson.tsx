import { LessonIntro } from '../shared/LessonIntro';

export default function AttentionLesson() {
  return <LessonIntro lesson="attention" />;
}
