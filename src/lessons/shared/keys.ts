/**
 * Whether a key event belongs to a control that uses the key itself: text fields, selects,
 * range sliders (arrow keys), and — for space — buttons.
 */
export function isControlKey(target: EventTarget | null, { buttons = false } = {}): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tags = buttons
    ? ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON']
    : ['INPUT', 'TEXTAREA', 'SELECT'];
  return target.isContentEditable || tags.includes(target.tagName);
}
