import { describe, expect, it } from 'vitest';
import { classroomAction, type KeyInfo } from './keys';

const key = (k: string, mods: Partial<KeyInfo> = {}): KeyInfo => ({
  key: k,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  target: null,
  ...mods,
});
const classroom = { classroom: true, touring: false, dialogOpen: false };
const touring = { classroom: false, touring: true, dialogOpen: false };
const idle = { classroom: false, touring: false, dialogOpen: false };

describe('classroom shortcuts', () => {
  it('C and ? work anywhere; the rest only in classroom mode or a tour', () => {
    expect(classroomAction(key('c'), idle)).toEqual({ type: 'classroom' });
    expect(classroomAction(key('?', { shiftKey: true }), idle)).toEqual({ type: 'help' });
    for (const k of ['1', 'f', 'ArrowRight', ' ']) expect(classroomAction(key(k), idle)).toBeNull();
  });

  it('switches lessons with 1–4 and full screen with F', () => {
    expect(classroomAction(key('1'), classroom)).toEqual({ type: 'lesson', lesson: 'attention' });
    expect(classroomAction(key('2'), classroom)).toEqual({ type: 'lesson', lesson: 'convolution' });
    expect(classroomAction(key('3'), touring)).toEqual({ type: 'lesson', lesson: 'gan' });
    expect(classroomAction(key('4'), classroom)).toEqual({ type: 'lesson', lesson: 'basics' });
    expect(classroomAction(key('5'), classroom)).toBeNull();
    expect(classroomAction(key('f'), classroom)).toEqual({ type: 'fullscreen' });
  });

  it('arrows step the lesson in classroom mode, the tour in a tour (Shift: the lesson)', () => {
    expect(classroomAction(key('ArrowRight'), classroom)).toEqual({ type: 'lessonStep', delta: 1 });
    expect(classroomAction(key('ArrowLeft'), touring)).toEqual({ type: 'tourStep', delta: -1 });
    expect(classroomAction(key('ArrowRight', { shiftKey: true }), touring)).toEqual({
      type: 'lessonStep',
      delta: 1,
    });
  });

  it('leaves space to the lessons, and does nothing with modifiers or a dialog open', () => {
    expect(classroomAction(key(' '), classroom)).toBeNull();
    expect(classroomAction(key('1', { ctrlKey: true }), classroom)).toBeNull();
    expect(classroomAction(key('c', { metaKey: true }), classroom)).toBeNull();
    expect(classroomAction(key('ArrowRight', { altKey: true }), touring)).toBeNull();
    expect(classroomAction(key('?'), { ...classroom, dialogOpen: true })).toBeNull();
  });
});
