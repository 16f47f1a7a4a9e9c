/**
 * Classroom shortcuts, as a pure function of the key and the state so they can be tested
 * without a browser. The window listener (ClassroomTools) passes every keydown through
 * `classroomAction` in the capture phase, before the lessons' own ←/→/space listeners, and
 * stops the event when it handles it, so a key never acts twice.
 */
import { LESSON_IDS, type LessonId } from '../../store/lessonRegistry';

export type ClassroomAction =
  | { type: 'tourStep'; delta: 1 | -1 }
  | { type: 'lessonStep'; delta: 1 | -1 }
  | { type: 'lesson'; lesson: LessonId }
  | { type: 'fullscreen' }
  | { type: 'classroom' }
  | { type: 'help' };

const TEXT_INPUTS = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);
/** Roles whose widgets use the arrow keys themselves. */
const ARROW_ROLES = new Set([
  'textbox',
  'combobox',
  'slider',
  'spinbutton',
  'grid',
  'listbox',
  'menu',
  'menubar',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'tablist',
  'tree',
  'radiogroup',
]);

/** Whether the key belongs to what has focus: typing (input, textarea, select, editor). */
export function isTyping(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (target.closest('.monaco-editor, [contenteditable=""], [contenteditable="true"]')) return true;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TEXT_INPUTS.has((target as HTMLInputElement).type);
  return false;
}

/** Whether arrows belong to the focused widget (a slider, a focusable canvas, a list…). */
function ownsArrows(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (target.tagName === 'INPUT') return true;
  if (target.tagName === 'CANVAS' && target.hasAttribute('tabindex')) return true;
  const role = target.closest('[role]')?.getAttribute('role');
  return role !== undefined && role !== null && ARROW_ROLES.has(role);
}

export interface KeyInfo {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

/**
 * What a key does. `c` and `?` work anywhere; the rest only in classroom mode or in a tour.
 * In a tour ←/→ move between tour steps and Shift+←/→ step the lesson; otherwise (classroom
 * mode) ←/→ step the lesson. Space is left to the lessons (play/pause). Nothing fires while
 * typing, with a modifier (Shift aside), or while a dialog is open.
 */
export function classroomAction(
  e: KeyInfo,
  state: { classroom: boolean; touring: boolean; dialogOpen: boolean },
): ClassroomAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey || state.dialogOpen || isTyping(e.target)) return null;
  if (e.key === '?') return { type: 'help' };
  if (e.key === 'c' || e.key === 'C') return e.shiftKey ? null : { type: 'classroom' };
  if (!state.classroom && !state.touring) return null;
  if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
    if (ownsArrows(e.target)) return null;
    const delta = e.key === 'ArrowRight' ? 1 : -1;
    return state.touring && !e.shiftKey
      ? { type: 'tourStep', delta }
      : { type: 'lessonStep', delta };
  }
  if (e.shiftKey) return null;
  const n = ['1', '2', '3', '4'].indexOf(e.key);
  if (n >= 0) return { type: 'lesson', lesson: LESSON_IDS[n]! };
  if (e.key === 'f' || e.key === 'F') return { type: 'fullscreen' };
  return null;
}
