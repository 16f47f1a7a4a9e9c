import { useTranslation } from 'react-i18next';
import { PLAYBACK_SPEEDS, type Playback, type PlaybackSpeed } from './usePlayback';

export interface StepControlsProps {
  step: number;
  count: number;
  go: (step: number) => void;
  /** Play/pause and speed; omit for a stepper without animation. */
  playback?: Playback;
  /** Name of the current step, read by screen readers with the slider. */
  stepName?: string;
  testIdPrefix: string;
}

/** Previous / play–pause / next, a scrub slider and a speed menu; ←/→ and space work too. */
export function StepControls({
  step,
  count,
  go,
  playback,
  stepName,
  testIdPrefix,
}: StepControlsProps) {
  const { t } = useTranslation();
  return (
    <div className="stepper">
      <button
        type="button"
        onClick={() => go(step - 1)}
        disabled={step === 0}
        aria-label={t('steps.prev')}
        data-testid={`${testIdPrefix}.prev`}
      >
        ←
      </button>
      {playback && (
        <button
          type="button"
          onClick={playback.toggle}
          aria-label={playback.playing ? t('steps.pause') : t('steps.play')}
          aria-pressed={playback.playing}
          data-testid={`${testIdPrefix}.play`}
        >
          {playback.playing ? '❚❚' : '▶'}
        </button>
      )}
      <button
        type="button"
        onClick={() => go(step + 1)}
        disabled={step >= count - 1}
        aria-label={t('steps.next')}
        data-testid={`${testIdPrefix}.next`}
      >
        →
      </button>
      <input
        type="range"
        min={0}
        max={Math.max(0, count - 1)}
        value={step}
        onChange={(e) => go(Number(e.target.value))}
        aria-label={t('steps.of', { step: step + 1, count })}
        aria-valuetext={stepName ?? t('steps.of', { step: step + 1, count })}
        data-testid={`${testIdPrefix}.scrub`}
      />
      <span className="step-count" data-testid={`${testIdPrefix}.count`}>
        {t('steps.of', { step: step + 1, count })}
      </span>
      {playback && (
        <label className="speed">
          <span className="visually-hidden">{t('steps.speed')}</span>
          <select
            value={playback.speed}
            onChange={(e) => playback.setSpeed(Number(e.target.value) as PlaybackSpeed)}
            data-testid={`${testIdPrefix}.speed`}
          >
            {PLAYBACK_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
