/** The output-shape formulas with the current numbers, and why there is no output when so. */
import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SandboxConfig } from '../config';
import type { SandboxModel } from './derive';
import { axisFormula, poolFormula, type AxisFormula } from './formula';

/** Text with `X_sub` written as X with a subscript. */
function MathText({ text }: { text: string }) {
  const parts = text.split(/([A-Za-z])_([a-z]+)/);
  // split with two groups: [text, letter, sub, text, letter, sub, …, text]
  const nodes: ReactNode[] = [];
  for (let i = 0; i < parts.length; i += 3) {
    nodes.push(parts[i]);
    if (i + 2 < parts.length) {
      nodes.push(
        <span key={i}>
          <var>{parts[i + 1]}</var>
          <sub>{parts[i + 2]}</sub>
        </span>,
      );
    }
  }
  return <>{nodes}</>;
}

function FormulaLine({
  symbol,
  sub,
  f,
  testId,
}: {
  symbol: string;
  sub: string;
  f: AxisFormula;
  testId: string;
}) {
  return (
    // Three unbreakable parts, so a narrow screen wraps between them, not inside.
    <span className="formula-line" data-testid={testId} data-value={f.value}>
      <span>
        <var>{symbol}</var>
        <sub>{sub}</sub> = <MathText text={f.general} />
      </span>{' '}
      <span>= {f.numbers}</span>{' '}
      <span>
        = <strong>{f.value}</strong>
      </span>
    </span>
  );
}

function FormulaPanelBody({ config, model }: { config: SandboxConfig; model: SandboxModel }) {
  const { t } = useTranslation();
  const [cin, h, w] = model.tensors.input.dims as [number, number, number];
  const [cout, , kH, kW] = model.tensors.kernel.dims as [number, number, number, number];
  const fh = axisFormula('H', h, kH, model.params, config.transposed);
  const fw = axisFormula('W', w, kW, model.params, config.transposed);
  const [ho, wo] = model.outSize;
  const pooled =
    config.pool !== 'none' && ho >= 1 && wo >= 1
      ? {
          h: poolFormula('H_out', ho, config.poolSize, config.poolStride),
          w: poolFormula('W_out', wo, config.poolSize, config.poolStride),
        }
      : null;
  const { stride: s, padding: p, dilation: d } = model.params;

  const why = (axis: 'height' | 'width', f: AxisFormula) => {
    const e = f.empty;
    if (!e) return null;
    const dim = t(`sandbox.${axis}`);
    return e.kind === 'conv'
      ? t('sandbox.noOutputConv', { dim, span: e.span, available: e.available, d, p })
      : t('sandbox.noOutputTransposed', { dim, full: e.full, cropped: e.cropped, p });
  };
  const reasons = [why('height', fh), why('width', fw)].filter((r): r is string => r !== null);

  return (
    <section className="panel sandbox-formula" aria-labelledby="sandbox-formula-title">
      <h2 id="sandbox-formula-title">{t('sandbox.shapeTitle')}</h2>
      <p className="hint">
        {config.transposed ? t('sandbox.shapeTransposed') : t('sandbox.shapeConv')}
      </p>
      <p className="formula" data-testid="conv.sandbox.formula">
        <FormulaLine symbol="H" sub="out" f={fh} testId="conv.sandbox.formula.height" />
        <FormulaLine symbol="W" sub="out" f={fw} testId="conv.sandbox.formula.width" />
      </p>
      <p className="hint formula-legend">{t('sandbox.formulaLegend', { h, w, kH, kW, s, p, d })}</p>
      {reasons.length > 0 ? (
        <div className="no-output" role="status" data-testid="conv.sandbox.no-output">
          {reasons.map((r) => (
            <p key={r}>{r}</p>
          ))}
          <p>{config.transposed ? t('sandbox.noOutputFixTransposed') : t('sandbox.noOutputFix')}</p>
        </div>
      ) : (
        <p data-testid="conv.sandbox.output-shape" data-shape={`${cout}x${ho}x${wo}`}>
          {t('sandbox.outputShape', { cin, h, w, cout, ho, wo })}
        </p>
      )}
      {pooled && (
        <>
          <p className="formula" data-testid="conv.sandbox.pool-formula">
            <FormulaLine
              symbol="H"
              sub="pool"
              f={pooled.h}
              testId="conv.sandbox.pool-formula.height"
            />
            <FormulaLine
              symbol="W"
              sub="pool"
              f={pooled.w}
              testId="conv.sandbox.pool-formula.width"
            />
          </p>
          <p className="hint formula-legend">
            {t('sandbox.poolLegend', { ho, wo, k: config.poolSize, s: config.poolStride })}
          </p>
          {(pooled.h.value < 1 || pooled.w.value < 1) && (
            <p className="no-output" role="status" data-testid="conv.sandbox.no-pool">
              {t('sandbox.noPool', { k: config.poolSize, ho, wo })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** Memoised: stepping the animation does not redraw it. */
export const FormulaPanel = memo(FormulaPanelBody);
