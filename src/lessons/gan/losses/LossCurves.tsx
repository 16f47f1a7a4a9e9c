/**
 * The losses view's figure: the curves of the current step's loss over D's output, with the
 * batch's D outputs marked on them. D's steps show what one real and one generated sample cost
 * D; G's steps show G's loss for the three losses beside the gradient G gets — why the
 * non-saturating loss still teaches a generator that is losing badly (D(G(z)) near 0).
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  GAN_LOSSES,
  generatorCurves,
  generatorGradLogit,
  generatorTerm,
  ganLossTerms,
  type Curve,
  type GanLoss,
} from '../../../core/ganLoss';
import { fmtP } from './format';
import type { LossesStep } from './lessonParts';
import { LossChart, type ChartMark } from './LossChart';

const G_CURVES = Object.fromEntries(
  GAN_LOSSES.map((name) => [name, generatorCurves(name)]),
) as Record<GanLoss, { loss: Curve; gradLogit: Curve }>;

/** D's per-sample terms over p ∈ (0, 1), from core's own terms (log losses and LSGAN). */
function dCurves(kind: 'log' | 'lsgan'): { real: Curve; fake: Curve } {
  const ps = generatorCurves('minimax').loss.map(([p]) => p);
  const t = ganLossTerms(ps, ps, kind === 'log' ? 'minimax' : 'lsgan');
  return {
    real: ps.map((p, i) => [p, t.realTerms[i]!]),
    fake: ps.map((p, i) => [p, t.fakeTerms[i]!]),
  };
}
const D_CURVES = { log: dCurves('log'), lsgan: dCurves('lsgan') };

const short = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : v > 0 ? '∞' : '−∞');

function LossFigureBody({
  step,
  loss,
  dReal,
  dFake,
}: {
  step: LossesStep;
  loss: GanLoss;
  dReal: readonly number[];
  dFake: readonly number[];
}) {
  const { t } = useTranslation();
  const kind = loss === 'lsgan' ? 'lsgan' : 'log';

  if (step === 'dReal' || step === 'dFake' || step === 'lossD') {
    const curves = D_CURVES[kind];
    const real = step !== 'dFake';
    const fake = step !== 'dReal';
    const terms = ganLossTerms(dReal, dFake, loss);
    const marks: ChartMark[] = [
      ...(real
        ? dReal.map((p, i) => ({
            x: p,
            y: terms.realTerms[i]!,
            style: 0,
            label: `${fmtP(p)} → ${short(terms.realTerms[i]!)}`,
          }))
        : []),
      ...(fake
        ? dFake.map((p, j) => ({
            x: p,
            y: terms.fakeTerms[j]!,
            style: 1,
            label: `${fmtP(p)} → ${short(terms.fakeTerms[j]!)}`,
          }))
        : []),
    ];
    return (
      <div className="gan-loss-figure one" data-testid="gan.losses.figure" data-part="d">
        <LossChart
          title={t('gan.losses.chart.dTitle')}
          xLabel={t('gan.losses.chart.dX')}
          yLabel={t('gan.losses.chart.dY')}
          xDomain={[0, 1]}
          yDomain={kind === 'log' ? [0, 5] : [0, 0.5]}
          curves={[
            {
              id: 'real',
              label: t(`gan.losses.chart.real.${kind}`),
              points: curves.real,
              highlight: real,
              style: 0,
            },
            {
              id: 'fake',
              label: t(`gan.losses.chart.fake.${kind}`),
              points: curves.fake,
              highlight: fake,
              style: 1,
            },
          ]}
          marks={marks}
          testId="gan.losses.curve-d"
        />
      </div>
    );
  }

  const series = (pick: 'loss' | 'gradLogit') =>
    GAN_LOSSES.map((name, i) => ({
      id: name,
      label: t(`gan.lossNames.${name}`),
      points: G_CURVES[name][pick],
      highlight: name === loss,
      style: i,
    }));
  const style = GAN_LOSSES.indexOf(loss);
  const shade = { from: 0, to: 0.2, label: t('gan.losses.chart.losing') };
  return (
    <div className="gan-loss-figure two" data-testid="gan.losses.figure" data-part="g">
      <LossChart
        title={t('gan.losses.chart.gTitle')}
        xLabel={t('gan.losses.chart.gX')}
        yLabel={t('gan.losses.chart.gY')}
        xDomain={[0, 1]}
        yDomain={[-5, 5]}
        curves={series('loss')}
        marks={dFake.map((p) => ({
          x: p,
          y: generatorTerm(loss, p),
          style,
          label: `${fmtP(p)} → ${short(generatorTerm(loss, p))}`,
        }))}
        shade={shade}
        testId="gan.losses.curve-loss"
      />
      <LossChart
        title={t('gan.losses.chart.gradTitle')}
        xLabel={t('gan.losses.chart.gX')}
        yLabel={t('gan.losses.chart.gradY')}
        xDomain={[0, 1]}
        yDomain={[0, 1]}
        curves={series('gradLogit')}
        marks={dFake.map((p) => {
          const g = Math.abs(generatorGradLogit(loss, p));
          return { x: p, y: g, style, label: `${fmtP(p)} → ${short(g)}` };
        })}
        shade={shade}
        testId="gan.losses.curve-grad"
      />
    </div>
  );
}

/** Memoised: only a change of step, loss or values redraws the charts. */
export const LossFigure = memo(LossFigureBody);
