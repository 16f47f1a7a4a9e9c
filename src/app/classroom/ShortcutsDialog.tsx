import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

/** The list of keyboard shortcuts (opened with ? or its button; Escape closes it). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const rows: [string[], string][] = [
    [['←', '→'], t('classroom.shortcuts.step')],
    [['Shift+←', 'Shift+→'], t('classroom.shortcuts.lessonStep')],
    [[t('classroom.keySpace')], t('classroom.shortcuts.play')],
    [['1', '2', '3', '4'], t('classroom.shortcuts.lessons')],
    [['F'], t('classroom.shortcuts.fullscreen')],
  ];
  const always: [string[], string][] = [
    [['C'], t('classroom.shortcuts.classroom')],
    [['?'], t('classroom.shortcuts.help')],
    [['Esc'], t('classroom.shortcuts.escape')],
  ];
  const list = (items: [string[], string][]) => (
    <dl className="shortcut-list">
      {items.map(([keys, what]) => (
        <div key={what}>
          <dt>
            {keys.map((k) => (
              <kbd key={k}>{k}</kbd>
            ))}
          </dt>
          <dd>{what}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('classroom.shortcuts.title')}
      testId="classroom.shortcuts"
    >
      <p>{t('classroom.shortcuts.intro')}</p>
      {list(always)}
      <p>{t('classroom.shortcuts.classroomOnly')}</p>
      {list(rows)}
    </Dialog>
  );
}
