/**
 * One training iteration, sub-step by sub-step, from a recorded iteration (the trainer's
 * D-step and G-step details and the parameters and optimizer state before and after each):
 * the batches, D's outputs, L_D with its terms, D's update, then L_G through the updated D and
 * G's update. Each sub-step is the stage's step: its picture on the plane (`walkStill`), its
 * formula with the live numbers (`walkFormula`), and its numbers in detail (`IterationWalk`,
 * in the side column).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Point } from '../../../core/ganData';
import type { GanSnapshot } from '../../../store/training';
import { Formula, texNum } from '../../../viz/Formula';
import { FAKE_STYLE, REAL_STYLE } from '../../../viz/ScatterPlot';
import { fmtNum } from './TrainCharts';
import type { IterationRecord } from './trainController';
import { D_SUBSTEPS, G_SUBSTEPS, type TrainSubstep } from './lessonParts';
import type { PlaneStill } from './TrainPlane';
import { arrowsOf, dOutput, fieldOf, pointsOf } from './trainSpec';
import { stepNormTex, updateExample, updateTex, type UpdateExample } from './updateRule';

export type WalkSub = { name: TrainSubstep; dStep: number | null };

/** The sub-steps a record holds: 6 per D step, then 2 for G (fewer if it diverged). */
export function recordSubsteps(r: IterationRecord): WalkSub[] {
  return [
    ...r.d.flatMap((_, k) => D_SUBSTEPS.map((name) => ({ name, dStep: k }) as const)),
    ...(r.g ? G_SUBSTEPS.map((name) => ({ name, dStep: null })) : []),
  ];
}

const SHOWN = 6;
const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const half = (v: Float32Array, first: boolean) =>
  Array.from(first ? v.subarray(0, v.length / 2) : v.subarray(v.length / 2));

/** D's outputs on the batch of a D step: [real…], [fake…]. */
export function dOutputsOf(r: IterationRecord, k: number): { dReal: number[]; dFake: number[] } {
  const logits = r.d[k]!.detail.logits;
  return {
    dReal: half(logits, true).map((l) => dOutput(r.loss, l)),
    dFake: half(logits, false).map((l) => dOutput(r.loss, l)),
  };
}

/** The state a sub-step starts from. */
function stateBefore(r: IterationRecord, k: number | null): GanSnapshot {
  if (k === null) return r.d[r.d.length - 1]?.after ?? r.before;
  return k === 0 ? r.before : r.d[k - 1]!.after;
}

/**
 * The optimizer's update of D step `k` (null: the G step) for its largest-|g| parameter, from
 * the trainer's parameters and optimizer state before and after the step.
 */
export function walkUpdate(r: IterationRecord, k: number | null): UpdateExample | null {
  const before = stateBefore(r, k);
  const net = k === null ? 'G' : 'D';
  const step = k === null ? r.g : r.d[k];
  const p = before.params;
  const q = step?.after.params;
  if (!step || !p || !q) return null;
  const kind = net === 'G' ? r.optG : r.optD;
  return updateExample({
    kind,
    hyper: { ...r.hyper, lr: net === 'G' ? r.lrG : r.lrD },
    layout: net === 'G' ? p.layoutG : p.layoutD,
    theta: net === 'G' ? p.thetaG : p.thetaD,
    thetaAfter: net === 'G' ? q.thetaG : q.thetaD,
    grad: step.detail.grad,
    state: { m: p.opt[`m${net}`], v: p.opt[`v${net}`], buf: p.opt[`buf${net}`] },
    t: net === 'G' ? p.tG : p.tD,
  });
}

const BIG = 5;

export function walkStill(
  r: IterationRecord,
  sub: WalkSub,
  labels: { real: string; fake: string; batchReal: string; batchFake: string },
): PlaneStill {
  const k = sub.dStep;
  const before = stateBefore(r, k);
  const viewFake = (s: GanSnapshot) => ({
    id: 'fake',
    label: labels.fake,
    points: pointsOf(s.fake),
    ...FAKE_STYLE,
  });
  if (k !== null) {
    const d = r.d[k]!;
    const after = sub.name === 'updateD';
    const shown = after ? d.after : before;
    const realBatch = {
      id: 'batch-real',
      label: labels.batchReal,
      points: pointsOf(d.detail.real),
      ...REAL_STYLE,
      radius: BIG,
    };
    const fakeBatch = {
      id: 'batch-fake',
      label: labels.batchFake,
      points: pointsOf(d.detail.fake),
      ...FAKE_STYLE,
      radius: BIG,
    };
    const i = D_SUBSTEPS.indexOf(sub.name as (typeof D_SUBSTEPS)[number]);
    return {
      series: [realBatch, ...(i >= 2 ? [fakeBatch] : [])],
      field: i >= 3 ? fieldOf(shown) : null,
      arrows: [],
      lines: [],
    };
  }
  const g = r.g!;
  const shown = sub.name === 'updateG' ? g.after : before;
  return {
    series:
      sub.name === 'updateG'
        ? [viewFake(g.after)]
        : [
            {
              id: 'batch-fake',
              label: labels.batchFake,
              points: pointsOf(g.detail.fake),
              ...FAKE_STYLE,
              radius: BIG,
            },
          ],
    field: fieldOf(shown),
    arrows:
      sub.name === 'lossG'
        ? arrowsOf(g.detail.fake, g.detail.fakeGrad)
        : arrowsOf(shown.fake, shown.fakeGrad),
    lines: [],
  };
}

const MEAN = '\\operatorname{mean}';
const pt = (p: Point | undefined) =>
  p ? `(${texNum(p[0], 3)},\\ ${texNum(p[1], 3)})` : '(\\dots)';

/** L_D's definition for a loss kind (TeX). */
export function lossDTex(loss: IterationRecord['loss']): string {
  return loss === 'lsgan'
    ? `L_D = \\tfrac12 ${MEAN}\\,(D(x)-1)^2 + \\tfrac12 ${MEAN}\\,D(G(z))^2`
    : `L_D = -${MEAN}\\,\\log D(x) - ${MEAN}\\,\\log(1 - D(G(z)))`;
}

/** L_G's definition for a loss kind (TeX). */
export function lossGTex(loss: IterationRecord['loss']): string {
  return {
    minimax: `L_G = ${MEAN}\\,\\log(1 - D(G(z)))`,
    'non-saturating': `L_G = -${MEAN}\\,\\log D(G(z))`,
    lsgan: `L_G = \\tfrac12 ${MEAN}\\,(D(G(z)) - 1)^2`,
  }[loss];
}

/** The stage's formula for a sub-step, in TeX, with the record's numbers. */
export function walkFormula(r: IterationRecord, sub: WalkSub): string {
  const k = sub.dStep;
  const ls = r.loss === 'lsgan';
  if (k !== null) {
    const d = r.d[k]!;
    const B = d.detail.logits.length / 2;
    const { dReal, dFake } = dOutputsOf(r, k);
    const terms = Array.from(d.detail.terms);
    switch (sub.name) {
      case 'sampleReal':
        return `x_1, \\dots, x_{${B}} \\sim p_{\\text{data}}, \\qquad x_1 = ${pt(pointsOf(d.detail.real)[0])}`;
      case 'sampleNoise': {
        const dim = stateBefore(r, k).params?.layoutG[0]?.shape[1] ?? 2;
        return `z_1, \\dots, z_{${B}} \\sim \\mathcal{N}(0, I_{${dim}})`;
      }
      case 'generate':
        return `\\tilde x_i = G(z_i), \\qquad \\tilde x_1 = ${pt(pointsOf(d.detail.fake)[0])}`;
      case 'discriminate':
        return `\\begin{aligned} ${ls ? 'D(x) &= \\text{score}(x)' : 'D(x) &= \\sigma(\\text{logit}(x))'} \\\\ ${MEAN}\\,D(x) &= ${texNum(mean(dReal), 4)} \\\\ ${MEAN}\\,D(G(z)) &= ${texNum(mean(dFake), 4)} \\end{aligned}`;
      case 'lossD':
        return `\\begin{aligned} ${lossDTex(r.loss).replace('L_D =', 'L_D &=')} \\\\ &= ${texNum(mean(terms.slice(0, B)), 4)} + ${texNum(mean(terms.slice(B)), 4)} = ${texNum(d.lossD, 4)} \\end{aligned}`;
      default: {
        const ex = walkUpdate(r, k);
        return ex ? updateTex(ex, 'D') : '';
      }
    }
  }
  const g = r.g!;
  if (sub.name === 'lossG') return `${lossGTex(r.loss)} = ${texNum(g.lossG, 4)}`;
  const ex = walkUpdate(r, null);
  return ex ? updateTex(ex, 'G') : '';
}

/** The update step's labelled numbers: which parameter the rule shows, and ‖Δθ‖ of them all. */
export function UpdateNorm({ ex, net }: { ex: UpdateExample; net: 'D' | 'G' }) {
  const { t } = useTranslation();
  const testId = `gan.train.walk.update${net}`;
  return (
    <span className="gan-update-norm">
      <span
        data-testid={`${testId}.rule`}
        data-example={JSON.stringify(ex)}
        data-index={ex.index}
        data-theta-next={ex.thetaNext}
        data-theta-trainer={ex.thetaTrainer}
      >
        {t('gan.train.walk.ruleFor', {
          name: ex.name,
          optimizer: t(`gan.train.optimizers.${ex.kind}`),
        })}
      </span>{' '}
      <span data-testid={`${testId}.step`} data-value={ex.stepNorm}>
        {t('gan.train.walk.stepNorm', { count: ex.count, net })}{' '}
        <Formula tex={stepNormTex(ex, net)} />
      </span>
    </span>
  );
}

function PointsTable({
  points,
  name,
  testId,
}: {
  points: readonly Point[];
  name: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="gan-table-wrap">
      <table className="gan-terms" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('gan.losses.sample')}</th>
            <th scope="col">{name}</th>
          </tr>
        </thead>
        <tbody>
          {points.slice(0, SHOWN).map(([x, y], i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td>
                ({x.toFixed(3)}, {y.toFixed(3)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function l2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! ** 2;
  return Math.sqrt(s);
}

function UpdateTable({
  before,
  after,
  grad,
  gradNorm,
  net,
  example,
}: {
  before: GanSnapshot;
  after: GanSnapshot;
  grad: Float32Array;
  gradNorm: number;
  net: 'G' | 'D';
  example: UpdateExample | null;
}) {
  const { t } = useTranslation();
  const key = net === 'G' ? 'thetaG' : 'thetaD';
  const a = before.params![key];
  const b = after.params![key];
  const layout = net === 'G' ? before.params!.layoutG : before.params!.layoutD;
  // The first parameters, and the rule's own one if it is further on.
  const rows = Array.from({ length: Math.min(SHOWN, a.length) }, (_, i) => i);
  if (example && !rows.includes(example.index)) rows.push(example.index);
  const testId = `gan.train.walk.update${net}`;
  return (
    <>
      <p className="gan-formula">
        <Formula
          tex={`\\lVert \\nabla_{\\theta_${net}} L_${net} \\rVert = ${texNum(gradNorm, 4)}`}
          testId={`${testId}.gradNorm`}
        />{' '}
        <span data-testid={`${testId}.gradNorm.value`} data-value={gradNorm}>
          ({t('gan.train.walk.checkNorm', { value: fmtNum(l2(grad)) })})
        </span>
      </p>
      <div className="gan-table-wrap">
        <table className="gan-terms" data-testid={`${testId}.params`}>
          <thead>
            <tr>
              <th scope="col">{t('gan.train.walk.param')}</th>
              <th scope="col">θ</th>
              <th scope="col">∂L/∂θ</th>
              <th scope="col">θ′</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i} className={example?.index === i ? 'current' : undefined}>
                <td>{example?.index === i ? `j = ${example.name}` : paramLabel(layout, i)}</td>
                <td>{fmtNum(a[i]!)}</td>
                <td>{fmtNum(grad[i]!)}</td>
                <td>{fmtNum(b[i]!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function paramLabel(layout: NonNullable<GanSnapshot['params']>['layoutG'], i: number): string {
  const e = layout.find((p) => i >= p.offset && i < p.offset + p.size);
  return e ? `${e.name}[${i - e.offset}]` : `θ[${i}]`;
}

/** A sub-step's caption: what happens, in words. */
export function walkCaption(
  r: IterationRecord,
  sub: WalkSub,
  t: (k: string, o?: Record<string, unknown>) => string,
): string {
  const k = sub.dStep;
  const B = k !== null ? r.d[k]!.detail.logits.length / 2 : (r.g?.detail.logits.length ?? 0);
  switch (sub.name) {
    case 'sampleReal':
      return t('gan.train.walk.sampleRealText', { count: B });
    case 'sampleNoise':
      return t('gan.train.walk.sampleNoiseText', {
        count: B,
        dim: stateBefore(r, k).params?.layoutG[0]?.shape[1] ?? 2,
      });
    case 'generate':
      return t('gan.train.walk.generateText');
    case 'discriminate':
      return t(
        r.loss === 'lsgan' ? 'gan.train.walk.discriminateLs' : 'gan.train.walk.discriminateText',
      );
    case 'lossD':
      return t('gan.train.walk.lossDText', { count: B });
    case 'updateD':
      return t('gan.train.walk.updateDText');
    case 'lossG':
      return t('gan.train.walk.lossGText');
    default:
      return t('gan.train.walk.updateGText');
  }
}

/** The sub-step's numbers in detail (the side column): points, outputs, terms, parameters. */
export function IterationWalk({ record, step }: { record: IterationRecord; step: number }) {
  const { t } = useTranslation();
  const subs = recordSubsteps(record);
  const sub = subs[Math.min(step, subs.length - 1)]!;
  const k = sub.dStep;
  const testId = 'gan.train.walk';
  let body: ReactNode;
  if (k !== null) {
    const d = record.d[k]!;
    const before = stateBefore(record, k);
    const { dReal, dFake } = dOutputsOf(record, k);
    switch (sub.name) {
      case 'sampleReal':
        body = <PointsTable points={pointsOf(d.detail.real)} name="x" testId={`${testId}.real`} />;
        break;
      case 'sampleNoise':
        body = <p className="gan-note">{t('gan.train.walk.noiseHidden')}</p>;
        break;
      case 'generate':
        body = (
          <PointsTable points={pointsOf(d.detail.fake)} name="G(z)" testId={`${testId}.fake`} />
        );
        break;
      case 'discriminate':
        body = (
          <div className="gan-table-wrap">
            <table className="gan-terms" data-testid={`${testId}.outputs`}>
              <thead>
                <tr>
                  <th scope="col">{t('gan.losses.sample')}</th>
                  <th scope="col">D(x)</th>
                  <th scope="col">D(G(z))</th>
                </tr>
              </thead>
              <tbody>
                {dReal.slice(0, SHOWN).map((p, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    <td>{fmtNum(p)}</td>
                    <td>{fmtNum(dFake[i]!)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('gan.losses.mean')}</th>
                  <td>{fmtNum(mean(dReal))}</td>
                  <td>{fmtNum(mean(dFake))}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        );
        break;
      case 'lossD': {
        const terms = Array.from(d.detail.terms);
        const B = terms.length / 2;
        body = (
          <div className="gan-table-wrap">
            <table className="gan-terms" data-testid={`${testId}.terms`}>
              <thead>
                <tr>
                  <th scope="col">{t('gan.losses.sample')}</th>
                  <th scope="col">{t('gan.train.walk.termReal')}</th>
                  <th scope="col">{t('gan.train.walk.termFake')}</th>
                </tr>
              </thead>
              <tbody>
                {terms.slice(0, Math.min(SHOWN, B)).map((v, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    <td>{fmtNum(v)}</td>
                    <td>{fmtNum(terms[B + i]!)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('gan.losses.mean')}</th>
                  <td>{fmtNum(mean(terms.slice(0, B)))}</td>
                  <td>{fmtNum(mean(terms.slice(B)))}</td>
                </tr>
              </tfoot>
            </table>
            <p className="gan-formula">
              <Formula tex="L_D =" />{' '}
              <strong
                data-testid={`${testId}.lossD`}
                data-value={d.lossD}
                data-d-real={JSON.stringify(dReal)}
                data-d-fake={JSON.stringify(dFake)}
              >
                {fmtNum(d.lossD)}
              </strong>
            </p>
          </div>
        );
        break;
      }
      default:
        body = (
          <UpdateTable
            before={before}
            after={d.after}
            grad={d.detail.grad}
            gradNorm={d.detail.gradNorm}
            net="D"
            example={walkUpdate(record, k)}
          />
        );
    }
  } else {
    const g = record.g!;
    const before = stateBefore(record, null);
    const outs = Array.from(g.detail.logits).map((l) => dOutput(record.loss, l));
    body =
      sub.name === 'lossG' ? (
        <>
          <div className="gan-table-wrap">
            <table className="gan-terms" data-testid={`${testId}.gen`}>
              <thead>
                <tr>
                  <th scope="col">{t('gan.losses.sample')}</th>
                  <th scope="col">D(G(z))</th>
                  <th scope="col">{t('gan.losses.term')}</th>
                  <th scope="col">−∂ℓ/∂G(z)</th>
                </tr>
              </thead>
              <tbody>
                {outs.slice(0, SHOWN).map((p, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    <td>{fmtNum(p)}</td>
                    <td>{fmtNum(g.detail.terms[i]!)}</td>
                    <td>
                      ({fmtNum(-g.detail.fakeGrad[2 * i]!, 3)},{' '}
                      {fmtNum(-g.detail.fakeGrad[2 * i + 1]!, 3)})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="gan-formula">
            <Formula tex="L_G =" />{' '}
            <strong
              data-testid={`${testId}.lossG`}
              data-value={g.lossG}
              data-d-fake={JSON.stringify(outs)}
            >
              {fmtNum(g.lossG)}
            </strong>
          </p>
          <p className="gan-note">{t('gan.train.walk.arrowsText')}</p>
        </>
      ) : (
        <UpdateTable
          before={before}
          after={g.after}
          grad={g.detail.grad}
          gradNorm={g.detail.gradNorm}
          net="G"
          example={walkUpdate(record, null)}
        />
      );
  }
  return (
    <div className="gan-step current" data-testid={`${testId}.step.${sub.name}`}>
      {body}
    </div>
  );
}
