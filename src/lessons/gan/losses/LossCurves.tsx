/** The generator's loss and its gradient over D(G(z)) for the three losses, batch marked. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  GAN_LOSSES,
  generatorCurves,
  generatorGradLogit,
  generatorTerm,
  type GanLoss,
} from '../../../core/ganLoss';
import { LineChart } from '../../../viz/LineChart';
import { fmtP } from './format';

const CURVES = GAN_LOSSES.map((name) => {
  const c = generatorCurves(name);
  return { name, lossCurve: c.loss, gradCurve: c.gradLogit };
});

function LossCurvesBody({ loss, dFake }: { loss: GanLoss; dFake: readonly number[] }) {
  const { t } = useTranslation();
  const meanFake = dFake.reduce((s, p) => s + p, 0) / dFake.length;
  const series = (pick: 'loss' | 'gradLogit') =>
    CURVES.map((c) => ({
      id: c.name,
      label: t(`gan.lossNames.${c.name}`),
      points: pick === 'loss' ? c.lossCurve : c.gradCurve,
    }));
  return (
    <section className="panel gan-curves" aria-labelledby="gan-curves-title">
      <h2 id="gan-curves-title" className="visually-hidden">
        {t('gan.losses.curveLoss')}
      </h2>
      <div className="gan-curves-grid">
        <div>
          <h3>{t('gan.losses.curveLoss')}</h3>
          <LineChart
            series={series('loss')}
            highlight={loss}
            xDomain={[0, 1]}
            yDomain={[-5, 5]}
            marker={{ x: meanFake, y: generatorTerm(loss, meanFake) }}
            label={t('gan.losses.curveLoss')}
            description={t('gan.losses.curveDesc')}
            testId="gan.losses.curve-loss"
          />
        </div>
        <div>
          <h3>{t('gan.losses.curveGrad')}</h3>
          <LineChart
            series={series('gradLogit')}
            highlight={loss}
            xDomain={[0, 1]}
            yDomain={[0, 1]}
            marker={{ x: meanFake, y: Math.abs(generatorGradLogit(loss, meanFake)) }}
            label={t('gan.losses.curveGrad')}
            description={t('gan.losses.curveDesc')}
            testId="gan.losses.curve-grad"
          />
        </div>
      </div>
      <p className="gan-note">{t('gan.losses.curveMarker', { value: fmtP(meanFake) })}</p>
    </section>
  );
}

/** Memoised: stepping through the walk does not redraw the charts. */
export const LossCurves = memo(LossCurvesBody);
