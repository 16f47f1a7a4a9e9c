/** The output-shape formulas, typeset with the current numbers, and why there is no output when so. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Formula } from '../../../viz/Formula';
import type { SandboxConfig } from '../config';
import type { SandboxModel } from './derive';
import { axisFormula, poolFormula, texSymbol, type AxisFormula } from './formula';

function FormulaLine({
  symbol,
  f,
  testId,
}: {
  /** `H_out`, `W_pool`… */
  symbol: string;
  f: AxisFormula;
  testId: string;
}) {
  return (
    // Two pieces (symbols, then numbers) that wrap between them in a narrow column.
    <span className="shape-line formula-pieces" data-testid={testId} data-value={f.value}>
      <Formula tex={`${texSymbol(symbol)} = ${f.tex.general}`} label={`${symbol} = ${f.general}`} />
      <Formula
        tex={`{}= ${f.tex.numbers} = \\mathbf{${f.value}}`}
        label={`= ${f.numbers} = ${f.value}`}
      />
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
    <div className="sandbox-formula">
      <p className="hint">
        {config.transposed ? t('sandbox.shapeTransposed') : t('sandbox.shapeConv')}
      </p>
      <div className="shape-formulas" data-testid="conv.sandbox.formula">
        <FormulaLine symbol="H_out" f={fh} testId="conv.sandbox.formula.height" />
        <FormulaLine symbol="W_out" f={fw} testId="conv.sandbox.formula.width" />
      </div>
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
          <div className="shape-formulas" data-testid="conv.sandbox.pool-formula">
            <FormulaLine symbol="H_pool" f={pooled.h} testId="conv.sandbox.pool-formula.height" />
            <FormulaLine symbol="W_pool" f={pooled.w} testId="conv.sandbox.pool-formula.width" />
          </div>
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
    </div>
  );
}

/** Memoised: stepping the animation does not redraw it. */
export const FormulaPanel = memo(FormulaPanelBody);
