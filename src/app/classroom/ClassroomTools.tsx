import { useMediaQuery } from '../useMediaQuery';
import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { lessonDefinition } from '../../store/lessonRegistry';
import { useAppStore } from '../../store/store';
import type { ToolItem, ToolSection } from '../ToolsMenu';
import { ExportDialog, snapshotExports, type ExportSnapshot } from '../export/ExportDialog';
import './classroom.css';
import { classroomAction } from './keys';
import { LaserPointer } from './LaserPointer';
import { ShortcutsDialog } from './ShortcutsDialog';
import { TourBar } from './TourBar';
import { ToursDialog } from './ToursDialog';
import { goToTourStep } from './tourPlayer';

/** Full screen where the browser allows it; false when it refused. */
async function setFullscreen(on: boolean): Promise<boolean> {
  try {
    if (on && !document.fullscreenElement) await document.documentElement.requestFullscreen();
    else if (!on && document.fullscreenElement) await document.exitFullscreen();
    return true;
  } catch {
    return false;
  }
}

function toggleClassroom(): void {
  const { classroom, setClassroom } = useAppStore.getState();
  const on = !classroom.on;
  setClassroom({ on });
  // Entering goes full screen where allowed (a refusal is fine: the mode works without it).
  void setFullscreen(on);
}

function toggleFullscreen(): void {
  void setFullscreen(!document.fullscreenElement).then((ok) => {
    if (!ok)
      useAppStore
        .getState()
        .notify({ level: 'info', key: 'classroom.fullscreenRefused', tag: 'fullscreen' });
  });
}

function stepLesson(delta: 1 | -1): void {
  const s = useAppStore.getState();
  const count = lessonDefinition(s.lesson).stepCount(s.configs[s.lesson]);
  const next = s.steps[s.lesson] + delta;
  if (next >= 0 && next < count) s.setStep(s.lesson, next);
}

/** The header's Classroom toggle: larger type, full screen where allowed, shortcuts (C). */
export function ClassroomToggle() {
  const { t } = useTranslation();
  const on = useAppStore((s) => s.classroom.on);
  const narrow = useMediaQuery('(max-width: 600px)');
  return (
    <button
      type="button"
      className="classroom-toggle"
      aria-pressed={on}
      onClick={toggleClassroom}
      title={t('classroom.modeHint')}
      data-testid="classroom.toggle"
    >
      {narrow ? t('classroom.modeShort') : t('classroom.mode')}
    </button>
  );
}

/**
 * The classroom tools behind the header's More menu and the layer they drive: the tour bar,
 * the laser pointer, the shortcuts / tours / export dialogs and the global shortcuts (see
 * keys.ts). Returns the menu's entries (`items`; in classroom mode also `classroomSection`:
 * high contrast, laser pointer, full screen) and the `layer` to render once.
 * `onWriteTour` opens the (lazily loaded) editor on a tour document; focus comes back to
 * `returnFocus` (the More button) when it closes, as it does from the dialogs.
 */
export function useClassroomTools({
  onWriteTour,
  returnFocus,
}: {
  onWriteTour?: (returnTo: HTMLElement | null) => void;
  returnFocus: RefObject<HTMLElement | null>;
}): { items: ToolItem[]; classroomSection: ToolSection | null; layer: ReactNode } {
  const { t } = useTranslation();
  const classroom = useAppStore((s) => s.classroom);
  const setClassroom = useAppStore((s) => s.setClassroom);
  const touring = useAppStore((s) => s.tour !== null);
  const [help, setHelp] = useState(false);
  const [tours, setTours] = useState(false);
  const [exports, setExports] = useState<ExportSnapshot | null>(null);

  // The page's look follows the settings (classroom.css keys off these classes).
  useEffect(() => {
    const root = document.documentElement.classList;
    root.toggle('classroom', classroom.on);
    root.toggle('high-contrast', classroom.on && classroom.contrast);
    root.toggle('laser', classroom.on && classroom.laser);
    root.toggle('touring', touring);
  }, [classroom, touring]);

  // Leaving full screen with the browser's own Escape does not leave classroom mode.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useAppStore.getState();
      const action = classroomAction(e, {
        classroom: s.classroom.on,
        touring: s.tour !== null,
        dialogOpen: document.querySelector('dialog[open]') !== null,
      });
      if (!action) return;
      e.preventDefault();
      // Capture phase, before the lessons' own listeners: a key never acts twice.
      e.stopPropagation();
      switch (action.type) {
        case 'help':
          setHelp(true);
          break;
        case 'classroom':
          toggleClassroom();
          break;
        case 'fullscreen':
          toggleFullscreen();
          break;
        case 'lesson':
          s.goToLesson(action.lesson);
          break;
        case 'tourStep':
          goToTourStep((s.tour?.index ?? 0) + action.delta);
          break;
        case 'lessonStep':
          stepLesson(action.delta);
          break;
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  const items: ToolItem[] = [
    {
      testId: 'classroom.tours-button',
      label: t('classroom.tours.button'),
      onSelect: () => setTours(true),
    },
    {
      testId: 'export.button',
      label: t('classroom.export.button'),
      onSelect: () => setExports(snapshotExports(t('classroom.export.wholeView'))),
    },
    {
      testId: 'classroom.help',
      label: t('classroom.shortcutsButton'),
      shortcut: '?',
      onSelect: () => setHelp(true),
    },
  ];
  const classroomSection: ToolSection | null = classroom.on
    ? {
        id: 'classroom',
        label: t('classroom.mode'),
        items: [
          {
            testId: 'classroom.contrast',
            label: t('classroom.contrast'),
            checked: classroom.contrast,
            onSelect: () => setClassroom({ contrast: !classroom.contrast }),
          },
          {
            testId: 'classroom.laser-toggle',
            label: t('classroom.laser'),
            checked: classroom.laser,
            onSelect: () => setClassroom({ laser: !classroom.laser }),
          },
          {
            testId: 'classroom.fullscreen',
            label: t('classroom.fullscreen'),
            shortcut: 'F',
            onSelect: toggleFullscreen,
          },
        ],
      }
    : null;

  const layer = (
    <>
      {createPortal(
        <>
          <TourBar />
          {classroom.on && classroom.laser && <LaserPointer />}
        </>,
        document.body,
      )}
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
      <ToursDialog
        open={tours}
        onClose={() => setTours(false)}
        onWriteTour={
          onWriteTour &&
          (() => {
            setTours(false);
            onWriteTour(returnFocus.current);
          })
        }
      />
      <ExportDialog snapshot={exports} onClose={() => setExports(null)} />
    </>
  );
  return { items, classroomSection, layer };
}
