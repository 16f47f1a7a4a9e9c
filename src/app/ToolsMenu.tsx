import { Fragment, useEffect, useId, useRef, useState, type RefObject } from 'react';

/** One entry of the menu. `checked` makes it a menuitemcheckbox (a toggle). */
export interface ToolItem {
  /** The item's data-testid (the same id the control had as a header button). */
  testId: string;
  label: string;
  /** A keyboard shortcut shown beside the label (the key itself still works anywhere). */
  shortcut?: string;
  checked?: boolean;
  onSelect: () => void;
}

/** Items under an optional heading; sections are separated by a rule. */
export interface ToolSection {
  id: string;
  label?: string;
  items: ToolItem[];
}

/** The menu's items, in order. */
function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return [...(menu?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
}

/**
 * A menu button (WAI-ARIA APG "menu button"): Enter, Space or ↓ opens the menu on its first
 * item, ↑ on its last; ↑/↓/Home/End move, Enter/Space choose, Escape closes, Tab closes and
 * moves on, a click outside closes. Choosing an item closes the menu and puts focus back on
 * the button before the item acts, so a dialog it opens returns focus there when it closes.
 */
export function ToolsMenu({
  label,
  name,
  sections,
  buttonRef,
  testId,
}: {
  /** The button's visible text. */
  label: string;
  /** The button's accessible name (contains the visible text). */
  name: string;
  sections: ToolSection[];
  buttonRef: RefObject<HTMLButtonElement | null>;
  testId: string;
}) {
  const [open, setOpen] = useState(false);
  // Which item takes focus when the menu opens: the first, or the last (↑ on the button).
  const [initial, setInitial] = useState<'first' | 'last'>('first');
  const rootRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const buttonId = useId();

  const show = (at: 'first' | 'last') => {
    setInitial(at);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const all = menuItems(menuRef.current);
    (initial === 'last' ? all.at(-1) : all[0])?.focus();
  }, [open, initial]);

  // A press anywhere else closes the menu, leaving focus where the press puts it.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const onMenuKey = (e: React.KeyboardEvent) => {
    const all = menuItems(menuRef.current);
    const at = all.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    switch (e.key) {
      case 'ArrowDown':
        next = all[(at + 1) % all.length];
        break;
      case 'ArrowUp':
        next = all[(at - 1 + all.length) % all.length];
        break;
      case 'Home':
        next = all[0];
        break;
      case 'End':
        next = all.at(-1);
        break;
      case 'Escape':
        close(true);
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        // A vertical menu has nothing to the side; the lesson must not step either.
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
    next?.focus();
  };

  const choose = (item: ToolItem) => {
    close(true);
    item.onSelect();
  };

  return (
    <div
      ref={rootRef}
      className="tools-menu"
      onBlur={(e) => {
        // Tab (or anything else) moving focus out of the menu and its button closes it.
        if (open && !e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={name}
        onClick={() => (open ? close(true) : show('first'))}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
          e.preventDefault();
          show(e.key === 'ArrowUp' ? 'last' : 'first');
        }}
        data-testid={testId}
      >
        {label}{' '}
        <span className="tools-menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          className="tools-menu-list"
          role="menu"
          aria-labelledby={buttonId}
          tabIndex={-1}
          onKeyDown={onMenuKey}
          data-testid={`${testId}.menu`}
        >
          {sections.map((section, i) => (
            <Fragment key={section.id}>
              {i > 0 && <div role="separator" className="tools-menu-rule" />}
              <div
                role="group"
                aria-label={section.label}
                data-testid={`${testId}.group-${section.id}`}
              >
                {section.label && (
                  <div className="tools-menu-heading" aria-hidden="true">
                    {section.label}
                  </div>
                )}
                {section.items.map((item) => (
                  <button
                    key={item.testId}
                    type="button"
                    role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
                    aria-checked={item.checked}
                    aria-keyshortcuts={item.shortcut}
                    tabIndex={-1}
                    onClick={() => choose(item)}
                    data-testid={item.testId}
                  >
                    <span className="tools-menu-check" aria-hidden="true">
                      {item.checked ? '✓' : ''}
                    </span>
                    <span className="tools-menu-label">{item.label}</span>
                    {item.shortcut && (
                      <kbd className="tools-menu-key" aria-hidden="true">
                        {item.shortcut}
                      </kbd>
                    )}
                  </button>
                ))}
              </div>
            </Fragment>
          ))}
        </div>
      )}
    </div>
  );
}
