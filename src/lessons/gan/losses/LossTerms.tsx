/** The walk through the losses: each step's formula with every term's numbers. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GanLoss, GanLossTerms } from '../../../core/ganLoss';
import { Formula } from '../../../viz/Formula';
import { fmt4, fmtP } from './format';
import { lossTex, tex4 } from './formula';
import type { LossesStep } from './lessonParts';

/** The expression of one per-sample term, e.g. "−log(1 − 0.1)". */
export function termText(kind: 'real' | 'fake' | 'gen', loss: GanLoss, p: number): string {
  const v = fmtP(p);
  if (loss === 'lsgan') {
    return kind === 'fake' ? `½·${v}²` : `½(${v} − 1)²`;
  }
  if (kind === 'real') return `−log ${v}`;
  if (kind === 'fake') return `−log(1 − ${v})`;
  return loss === 'minimax' ? `log(1 − ${v})` : `−log ${v}`;
}

function TermTable({
  symbol,
  values,
  terms,
  kind,
  loss,
  mean,
  testId,
}: {
  symbol: string;
  values: readonly number[];
  terms: readonly number[];
  kind: 'real' | 'fake' | 'gen';
  loss: GanLoss;
  mean: number;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="gan-table-wrap">
      <table className="gan-terms" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('gan.losses.sample')}</th>
            <th scope="col">{symbol}</th>
            <th scope="col">{t('gan.losses.term')}</th>
          </tr>
        </thead>
        <tbody>
          {values.map((p, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td>{fmtP(p)}</td>
              <td>
                {termText(kind, loss, p)} ={' '}
                <span data-testid={`${testId}.term-${i}`} data-value={terms[i]}>
                  {fmt4(terms[i]!)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {t('gan.losses.mean')}
            </th>
            <td data-testid={`${testId}.mean`} data-value={mean}>
              {fmt4(mean)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Step({
  name,
  current,
  children,
}: {
  name: LossesStep;
  current: LossesStep;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const on = name === current;
  return (
    <li
      className={on ? 'panel gan-step current' : 'panel gan-step'}
      aria-current={on ? 'step' : undefined}
      data-testid={`gan.losses.step.${name}`}
    >
      <h3>{t(`gan.losses.step.${name}`)}</h3>
      {children}
    </li>
  );
}

export function LossTerms({
  dReal,
  dFake,
  terms,
  step,
}: {
  dReal: readonly number[];
  dFake: readonly number[];
  terms: GanLossTerms;
  step: LossesStep;
}) {
  const { t } = useTranslation();
  const { loss } = terms;
  const ls = loss === 'lsgan';
  const gradFormula = {
    minimax: '\\frac{\\partial \\ell_G}{\\partial a} = -D(G(z))',
    'non-saturating': '\\frac{\\partial \\ell_G}{\\partial a} = -(1 - D(G(z)))',
    lsgan: '\\frac{\\partial \\ell_G}{\\partial a} = (D(G(z)) - 1)\\,D(G(z))\\,(1 - D(G(z)))',
  }[loss];
  return (
    <ol className="gan-steps">
      <Step name="dReal" current={step}>
        <p>{t(ls ? 'gan.losses.realTermLs' : 'gan.losses.realTermLog')}</p>
        <TermTable
          symbol="D(x)"
          values={dReal}
          terms={terms.realTerms}
          kind="real"
          loss={loss}
          mean={terms.lossDReal}
          testId="gan.losses.real-terms"
        />
      </Step>
      <Step name="dFake" current={step}>
        <p>{t(ls ? 'gan.losses.fakeTermLs' : 'gan.losses.fakeTermLog')}</p>
        <TermTable
          symbol="D(G(z))"
          values={dFake}
          terms={terms.fakeTerms}
          kind="fake"
          loss={loss}
          mean={terms.lossDFake}
          testId="gan.losses.fake-terms"
        />
      </Step>
      <Step name="lossD" current={step}>
        <p className="gan-formula">
          <Formula tex={lossTex(loss, 'D')} />
        </p>
        <p className="gan-formula">
          <Formula tex={`L_D = ${tex4(terms.lossDReal)} + ${tex4(terms.lossDFake)} =`} />{' '}
          <strong data-testid="gan.losses.formula.lossD" data-value={terms.lossD}>
            {fmt4(terms.lossD)}
          </strong>
        </p>
        {!ls && (
          <p className="gan-note" data-testid="gan.losses.never-negative">
            {t('gan.losses.lossDNote')}
          </p>
        )}
      </Step>
      <Step name="lossG" current={step}>
        <p>{t(`gan.losses.lossGText.${loss}`)}</p>
        <p className="gan-formula">
          <Formula tex={lossTex(loss, 'G')} />
        </p>
        <TermTable
          symbol="D(G(z))"
          values={dFake}
          terms={terms.genTerms}
          kind="gen"
          loss={loss}
          mean={terms.lossG}
          testId="gan.losses.gen-terms"
        />
      </Step>
      <Step name="gradient" current={step}>
        <p>{t('gan.losses.gradient')}</p>
        <p className="gan-formula">
          <Formula tex={gradFormula} />
        </p>
        <div className="gan-table-wrap">
          <table className="gan-terms" data-testid="gan.losses.grad-terms">
            <thead>
              <tr>
                <th scope="col">{t('gan.losses.sample')}</th>
                <th scope="col">D(G(z))</th>
                <th scope="col">
                  <Formula tex="\\partial \\ell_G / \\partial D(G(z))" />
                </th>
                <th scope="col">
                  <Formula tex="\\partial \\ell_G / \\partial a" />
                </th>
              </tr>
            </thead>
            <tbody>
              {dFake.map((p, j) => (
                <tr key={j}>
                  <td>{j + 1}</td>
                  <td>{fmtP(p)}</td>
                  <td>{fmt4(terms.dGenDp[j]!)}</td>
                  <td data-testid={`gan.losses.grad-${j}`} data-value={terms.dGenDlogit[j]}>
                    {fmt4(terms.dGenDlogit[j]!)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="gan-note">{t('gan.losses.gradientWhy')}</p>
      </Step>
    </ol>
  );
}
