/**
 * The GAN losses on their own: the discriminator's outputs on a batch of real and generated
 * samples, every term of L_D and L_G for the chosen loss, all three losses side by side, and
 * the curves that show why the non-saturating loss gives G stronger gradients early on.
 * Every number comes from core/ganLoss (tested against PyTorch).
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GAN_LOSSES, ganLossTerms, ganLosses, type GanLoss } from '../../../core/ganLoss';
import { problemsOf } from '../../../store/lessonRegistry';
import { useAppStore } from '../../../store/store';
import { StepControls } from '../../shared/StepControls';
import { usePlayback } from '../../shared/usePlayback';
import { useStepKeys } from '../../shared/useStepKeys';
import { useGanConfig, useGanStep } from '../config';
import '../gan.css';
import { BatchEditor } from './BatchEditor';
import { lossesConfigSchema, lossesDefaults, type LossesConfig } from './config';
import { fmt4 } from './format';
import { LossCurves } from './LossCurves';
import { LOSSES_STEPS, type LOSSES_HIDEABLE } from './lessonParts';
import { LossTerms } from './LossTerms';
import { LOSS_PRESETS, lossPreset, matchLossPreset, type LossPreset } from './presets';

export function LossesView() {
  const { t } = useTranslation();
  const stored = useGanConfig();
  const config = stored.mode === 'losses' ? stored : lossesDefaults;
  const storedStep = useGanStep();
  const hide = useAppStore((s) => s.embed.hide);
  const setConfig = useAppStore((s) => s.setConfig);
  const setStep = useAppStore((s) => s.setStep);
  const [problem, setProblem] = useState<string | null>(null);

  const count = LOSSES_STEPS.length;
  const step = Math.min(Math.max(0, storedStep), count - 1);
  const go = useCallback((n: number) => setStep('gan', n), [setStep]);
  useStepKeys(step, count, go);
  const playback = usePlayback(step, count, go);

  /** Validates and stores a change; a refused one keeps the last good config and says why. */
  const edit = useCallback(
    (patch: Partial<LossesConfig>) => {
      const result = lossesConfigSchema.safeParse({ ...config, ...patch });
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

  const terms = useMemo(
    () => ganLossTerms(config.dReal, config.dFake, config.loss),
    [config.dReal, config.dFake, config.loss],
  );
  const all = useMemo(
    () => GAN_LOSSES.map((loss) => ({ loss, ...ganLosses(config.dReal, config.dFake, loss) })),
    [config.dReal, config.dFake],
  );
  const preset = matchLossPreset(config.dReal, config.dFake);
  const shown = (name: (typeof LOSSES_HIDEABLE)[number]) => !hide.includes(name);

  return (
    <div className="gan-losses" data-testid="gan.losses">
      <p className="lead">{t('gan.losses.lead')}</p>
      {problem && (
        <p className="sandbox-problem" role="alert" data-testid="gan.losses.problem">
          {t('gan.rejected', { detail: problem })}
        </p>
      )}
      <div className="gan-toolbar">
        {shown('losses-presets') && (
          <label className="select-label">
            {t('gan.losses.presets')}
            <select
              value={preset ?? ''}
              onChange={(e) => {
                if (e.target.value) edit(lossPreset(e.target.value as LossPreset));
              }}
              data-testid="gan.losses.preset"
            >
              {!preset && <option value="">—</option>}
              {LOSS_PRESETS.map((p) => (
                <option key={p} value={p}>
                  {t(`gan.losses.preset.${p}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="gan-loss-picker" role="group" aria-label={t('gan.losses.lossPicker')}>
          {GAN_LOSSES.map((loss) => (
            <button
              key={loss}
              type="button"
              aria-pressed={config.loss === loss}
              onClick={() => edit({ loss })}
              data-testid={`gan.losses.loss.${loss}`}
            >
              {t(`gan.lossNames.${loss}`)}
            </button>
          ))}
        </div>
      </div>

      {shown('losses-inputs') && (
        <div className="gan-batches">
          <BatchEditor
            field="dReal"
            label={t('gan.losses.dReal')}
            symbol="D(x)"
            values={config.dReal}
            onChange={(dReal) => edit({ dReal })}
          />
          <BatchEditor
            field="dFake"
            label={t('gan.losses.dFake')}
            symbol="D(G(z))"
            values={config.dFake}
            onChange={(dFake) => edit({ dFake })}
          />
        </div>
      )}

      <p className="gan-headline" aria-live="polite">
        <span>
          L_D ={' '}
          <strong data-testid="gan.losses.lossD" data-value={terms.lossD}>
            {fmt4(terms.lossD)}
          </strong>
        </span>
        <span>
          L_G ={' '}
          <strong data-testid="gan.losses.lossG" data-value={terms.lossG}>
            {fmt4(terms.lossG)}
          </strong>
        </span>
        <span className="gan-headline-loss">{t(`gan.lossNames.${config.loss}`)}</span>
      </p>
      {terms.infinite.length > 0 && (
        <ul className="gan-infinite" role="status" data-testid="gan.losses.infinite">
          {terms.infinite.map((x, i) => (
            <li key={i}>
              {t('gan.losses.infinite', {
                field: x.field,
                value: x.field.startsWith('dReal')
                  ? config.dReal[Number(x.field.split('.')[1])]
                  : config.dFake[Number(x.field.split('.')[1])],
                loss: x.loss === 'lossD' ? 'L_D' : 'L_G',
                why: t('gan.losses.whyLog0'),
              })}
            </li>
          ))}
        </ul>
      )}

      <section className="gan-walk" aria-labelledby="gan-losses-steps">
        <h2 id="gan-losses-steps">{t('gan.losses.steps')}</h2>
        <StepControls
          step={step}
          count={count}
          go={go}
          playback={playback}
          stepName={t(`gan.losses.step.${LOSSES_STEPS[step]!}`)}
          testIdPrefix="gan.losses.steps"
        />
        <LossTerms
          dReal={config.dReal}
          dFake={config.dFake}
          terms={terms}
          step={LOSSES_STEPS[step]!}
          article={preset === 'article'}
        />
      </section>

      {shown('losses-compare') && (
        <section className="panel" aria-labelledby="gan-losses-compare">
          <h2 id="gan-losses-compare">{t('gan.losses.compare')}</h2>
          <table className="gan-compare" data-testid="gan.losses.compare">
            <thead>
              <tr>
                <th scope="col">{t('gan.losses.variant')}</th>
                <th scope="col">L_D</th>
                <th scope="col">L_G</th>
              </tr>
            </thead>
            <tbody>
              {all.map((row) => (
                <CompareRow key={row.loss} {...row} selected={row.loss === config.loss} />
              ))}
            </tbody>
          </table>
        </section>
      )}

      {shown('losses-curves') && <LossCurves loss={config.loss} dFake={config.dFake} />}
    </div>
  );
}

function CompareRow({
  loss,
  lossD,
  lossG,
  selected,
}: {
  loss: GanLoss;
  lossD: number;
  lossG: number;
  selected: boolean;
}) {
  const { t } = useTranslation();
  return (
    <tr
      className={selected ? 'selected' : undefined}
      data-testid={`gan.losses.compare.${loss}`}
      data-selected={selected}
    >
      <th scope="row">
        {selected && <span aria-hidden="true">▸ </span>}
        {t(`gan.lossNames.${loss}`)}
        {selected && <span className="visually-hidden"> ({t('gan.losses.selected')})</span>}
      </th>
      <td data-testid={`gan.losses.compare.${loss}.lossD`} data-value={lossD}>
        {fmt4(lossD)}
      </td>
      <td data-testid={`gan.losses.compare.${loss}.lossG`} data-value={lossG}>
        {fmt4(lossG)}
      </td>
    </tr>
  );
}
