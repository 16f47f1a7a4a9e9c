/**
 * The 2-D playground (train mode). Until the trainer lands it shows the real data and lets
 * you pick it; the training controls and the generator's samples join this view later.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataSpec } from '../../../core/ganData';
import { problemsOf } from '../../../store/lessonRegistry';
import { useAppStore } from '../../../store/store';
import { useGanConfig } from '../config';
import '../gan.css';
import { trainConfigSchema, trainDefaults } from './config';
import { DataPicker } from './DataPicker';

export function TrainView() {
  const { t } = useTranslation();
  const stored = useGanConfig();
  const config = stored.mode === 'train' ? stored : trainDefaults;
  const hide = useAppStore((s) => s.embed.hide);
  const setConfig = useAppStore((s) => s.setConfig);
  const [problem, setProblem] = useState<string | null>(null);

  const setData = useCallback(
    (data: DataSpec) => {
      const result = trainConfigSchema.safeParse({ ...config, data });
      if (result.success) {
        setProblem(null);
        setConfig('gan', result.data);
      } else {
        setProblem(
          problemsOf(result.error, 'config')
            .map((p) => `${p.field}: ${p.message}`)
            .join('; '),
        );
      }
    },
    [config, setConfig],
  );

  return (
    <div className="gan-train" data-testid="gan.train">
      <p className="lead">{t('gan.train.lead')}</p>
      {problem && (
        <p className="sandbox-problem" role="alert" data-testid="gan.train.problem">
          {t('gan.rejected', { detail: problem })}
        </p>
      )}
      {!hide.includes('data') && (
        <DataPicker
          data={config.data}
          seed={config.seed}
          sampleCount={Math.max(config.batchSize, 256)}
          onChange={setData}
        />
      )}
      <p className="gan-note">{t('gan.train.soon')}</p>
    </div>
  );
}
