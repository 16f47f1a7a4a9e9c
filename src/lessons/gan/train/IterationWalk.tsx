/**
 * One training iteration, sub-step by sub-step, from a recorded iteration (the trainer's
 * D-step and G-step details and the parameters before and after each): the batches, D's
 * outputs, L_D with its terms, D's gradient and update, then L_G through the updated D, G's
 * gradient and update. Each sub-step is shown on the plane (`walkStill`) and as numbers.
 */
import { useTranslation } from 'react-i18next';
import type { Point } from '../../../core/ganData';
import type { GanSnapshot } from '../../../store/training';
import { FAKE_STYLE, REAL_STYLE } from '../../../viz/ScatterPlot';
import { fmtNum } from './TrainCharts';
import type { IterationRecord } from './trainController';
import { D_SUBSTEPS, G_SUBSTEPS, type TrainSubstep } from './lessonParts';
import type { PlaneStill } from './TrainPlane';
import { arrowsOf, dOutput, fieldOf, pointsOf } from './trainSpec';

/** The sub-steps a record holds: 6 per D step, then 2 for G (fewer if it diverged). */
export function recordSubsteps(r: IterationRecord): { name: TrainSubstep; dStep: number | null }[] {
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

const BIG = 5;

export function walkStill(
  r: IterationRecord,
  sub: { name: TrainSubstep; dStep: number | null },
  labels: { real: string; fake: string; batchReal: string; batchFake: string },
): PlaneStill {
  const k = sub.dStep;
  const before: GanSnapshot =
    k === null ? (r.d[r.d.length - 1]?.after ?? r.before) : k === 0 ? r.before : r.d[k - 1]!.after;
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

function l2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! ** 2;
  return Math.sqrt(s);
}
function diffNorm(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
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

function Update({
  before,
  after,
  grad,
  gradNorm,
  lr,
  net,
  testId,
}: {
  before: GanSnapshot;
  after: GanSnapshot;
  grad: Float32Array;
  gradNorm: number;
  lr: number;
  net: 'G' | 'D';
  testId: string;
}) {
  const { t } = useTranslation();
  const key = net === 'G' ? 'thetaG' : 'thetaD';
  const a = before.params![key];
  const b = after.params![key];
  const layout = net === 'G' ? before.params!.layoutG : before.params!.layoutD;
  return (
    <>
      <p className="gan-formula">
        ‖∇θ_{net} L_{net}‖ ={' '}
        <strong data-testid={`${testId}.gradNorm`} data-value={gradNorm}>
          {fmtNum(gradNorm)}
        </strong>{' '}
        ({t('gan.train.walk.checkNorm', { value: fmtNum(l2(grad)) })})
      </p>
      <p className="gan-formula">
        lr = {lr} · ‖Δθ_{net}‖ ={' '}
        <strong data-testid={`${testId}.step`} data-value={diffNorm(a, b)}>
          {fmtNum(diffNorm(a, b), 5)}
        </strong>
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
            {Array.from({ length: Math.min(SHOWN, a.length) }, (_, i) => (
              <tr key={i}>
                <td>
                  {layout[0]!.name}[{i}]
                </td>
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

export function IterationWalk({ record, step }: { record: IterationRecord; step: number }) {
  const { t } = useTranslation();
  const subs = recordSubsteps(record);
  const sub = subs[Math.min(step, subs.length - 1)]!;
  const k = sub.dStep;
  const ls = record.loss === 'lsgan';
  const testId = 'gan.train.walk';
  let body: React.ReactNode;
  if (k !== null) {
    const d = record.d[k]!;
    const before = k === 0 ? record.before : record.d[k - 1]!.after;
    const { dReal, dFake } = dOutputsOf(record, k);
    const terms = Array.from(d.detail.terms);
    const realTerms = terms.slice(0, terms.length / 2);
    const fakeTerms = terms.slice(terms.length / 2);
    switch (sub.name) {
      case 'sampleReal':
        body = (
          <>
            <p>{t('gan.train.walk.sampleRealText', { count: dReal.length })}</p>
            <PointsTable points={pointsOf(d.detail.real)} name="x" testId={`${testId}.real`} />
          </>
        );
        break;
      case 'sampleNoise':
        body = (
          <p>
            {t('gan.train.walk.sampleNoiseText', {
              count: dFake.length,
              dim: before.params!.layoutG[0]!.shape[1],
            })}
          </p>
        );
        break;
      case 'generate':
        body = (
          <>
            <p>{t('gan.train.walk.generateText')}</p>
            <PointsTable points={pointsOf(d.detail.fake)} name="G(z)" testId={`${testId}.fake`} />
          </>
        );
        break;
      case 'discriminate':
        body = (
          <>
            <p>{t(ls ? 'gan.train.walk.discriminateLs' : 'gan.train.walk.discriminateText')}</p>
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
          </>
        );
        break;
      case 'lossD':
        body = (
          <>
            <p className="gan-formula">
              {ls
                ? 'L_D = ½·mean (D(x) − 1)² + ½·mean D(G(z))²'
                : 'L_D = −mean log D(x) − mean log(1 − D(G(z)))'}
            </p>
            <p className="gan-formula">
              L_D = {fmtNum(mean(realTerms))} + {fmtNum(mean(fakeTerms))} ={' '}
              <strong
                data-testid={`${testId}.lossD`}
                data-value={d.lossD}
                data-d-real={JSON.stringify(dReal)}
                data-d-fake={JSON.stringify(dFake)}
              >
                {fmtNum(d.lossD)}
              </strong>
            </p>
            <p className="gan-note">{t('gan.train.walk.lossDText', { count: dReal.length })}</p>
          </>
        );
        break;
      default:
        body = (
          <>
            <p>{t('gan.train.walk.updateDText')}</p>
            <Update
              before={before}
              after={d.after}
              grad={d.detail.grad}
              gradNorm={d.detail.gradNorm}
              lr={record.lrD}
              net="D"
              testId={`${testId}.updateD`}
            />
          </>
        );
    }
  } else {
    const g = record.g!;
    const before = record.d[record.d.length - 1]?.after ?? record.before;
    const outs = Array.from(g.detail.logits).map((l) => dOutput(record.loss, l));
    const gFormula = {
      minimax: 'L_G = mean log(1 − D(G(z)))',
      'non-saturating': 'L_G = −mean log D(G(z))',
      lsgan: 'L_G = ½·mean (D(G(z)) − 1)²',
    }[record.loss];
    body =
      sub.name === 'lossG' ? (
        <>
          <p>{t('gan.train.walk.lossGText')}</p>
          <p className="gan-formula">{gFormula}</p>
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
            L_G ={' '}
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
        <>
          <p>{t('gan.train.walk.updateGText')}</p>
          <Update
            before={before}
            after={g.after}
            grad={g.detail.grad}
            gradNorm={g.detail.gradNorm}
            lr={record.lrG}
            net="G"
            testId={`${testId}.updateG`}
          />
        </>
      );
  }
  return (
    <div
      className="panel gan-step current"
      data-testid={`${testId}.step.${sub.name}`}
      aria-live="polite"
    >
      <h3>
        {k !== null && record.d.length > 1 ? `${t('gan.train.walk.dStep', { n: k + 1 })} · ` : ''}
        {t(`gan.train.walk.name.${sub.name}`)}
      </h3>
      {body}
    </div>
  );
}
