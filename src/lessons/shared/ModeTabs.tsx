import { useTranslation } from 'react-i18next';
import type { LessonId } from '../../store/lessonRegistry';
import { useAppStore } from '../../store/store';

// The last config of each lesson's modes this session, so switching modes never loses work.
const remembered = new Map<string, unknown>();

interface ModeTabsProps<C extends { mode: string }> {
  lesson: LessonId;
  /** The lesson's modes, in the order shown. */
  modes: readonly C['mode'][];
  config: C;
  /** Each mode's defaults, used the first time a mode is opened. */
  defaults: Record<C['mode'], C>;
  /** i18n key prefix: `${prefix}s` labels the group, `${prefix}.${mode}` each button. */
  i18nPrefix: string;
  /** Test ids are `${testIdPrefix}.mode.${mode}`. */
  testIdPrefix: string;
}

/**
 * A lesson's mode buttons (toggle buttons, `?hide=modes` hides them). Switching remembers the
 * config left behind, so coming back to a mode restores it.
 */
export function ModeTabs<C extends { mode: string }>({
  lesson,
  modes,
  config,
  defaults,
  i18nPrefix,
  testIdPrefix,
}: ModeTabsProps<C>) {
  const { t } = useTranslation();
  const setConfig = useAppStore((s) => s.setConfig);
  const hide = useAppStore((s) => s.embed.hide);
  if (hide.includes('modes')) return null;

  const switchTo = (mode: C['mode']) => {
    if (mode === config.mode) return;
    remembered.set(`${lesson}/${config.mode}`, config);
    setConfig(lesson, remembered.get(`${lesson}/${mode}`) ?? defaults[mode]);
  };

  return (
    <div className="mode-tabs" role="group" aria-label={t(`${i18nPrefix}s`)}>
      {modes.map((m) => (
        <button
          key={m}
          type="button"
          aria-pressed={config.mode === m}
          onClick={() => switchTo(m)}
          data-testid={`${testIdPrefix}.mode.${m}`}
        >
          {t(`${i18nPrefix}.${m}`)}
        </button>
      ))}
    </div>
  );
}
