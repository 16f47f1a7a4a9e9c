/**
 * The step's typeset formulas (the stage's formula: this output cell's products, sum and
 * bias; its activation; its pooling window), every product with its running sum (a side
 * panel), and where the output maps' numbers come from.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WindowCell } from '../../../core/conv';
import { Formula } from '../../../viz/Formula';
import type { SandboxConfig } from '../config';
import { poolStepAt, type SandboxModel } from './derive';
import type { SandboxFocus } from './SandboxFigure';
import { activationTex, convStepTex, poolTex } from './stepTex';
import type { SandboxRun } from './useSandboxRun';

/** The current output cell's formulas, with its live numbers. */
export function StepFormula({
  config,
  model,
  run,
  step,
  focus,
}: {
  config: SandboxConfig;
  model: SandboxModel;
  run: SandboxRun;
  step: number;
  focus: SandboxFocus;
}) {
  const conv = model.conv!;
  const current = conv.steps[step]!;
  const { co, oy, ox } = current;
  const [cin] = conv.grid.dims as [number];
  const [cout, ho, wo] = conv.output.dims as [number, number, number];
  const sum = current.cells.length ? current.cells[current.cells.length - 1]!.sum : 0;
  const act = run.outputs?.act ?? model.act!;
  const activated = act.data[(co * ho + oy) * wo + ox]!;
  const win =
    focus === 'pool' && model.pool && config.pool !== 'none'
      ? poolStepAt(model.pool, config.poolSize, config.poolStride, co, oy, ox)
      : null;
  const pooled = run.outputs?.pool ?? model.pool?.output;
  const [, hp, wp] = (pooled?.dims ?? [0, 0, 0]) as [number, number, number];
  const pooledValue = win && pooled ? pooled.data[(win.c * hp + win.oy) * wp + win.ox]! : 0;
  return (
    <div className="sb-formulas" aria-live="polite">
      {focus !== 'pool' && (
        <span data-testid="conv.sandbox.sum" data-value={sum}>
          <span data-testid="conv.sandbox.result" data-value={current.result}>
            <span className="formula-pieces" data-testid="conv.sandbox.step-formula">
              {convStepTex(current, cout, cin).map((tex, i) => (
                <Formula key={i} tex={tex} />
              ))}
            </span>
          </span>
        </span>
      )}
      {config.activation !== 'none' && focus !== 'pool' && (
        <span data-testid="conv.sandbox.activation-formula" data-value={activated}>
          <Formula tex={activationTex(config.activation, current.result, activated)} />
        </span>
      )}
      {win && config.pool !== 'none' && (
        <span data-testid="conv.sandbox.pool-result" data-value={pooledValue}>
          <Formula tex={poolTex(config.pool, win, pooledValue)} />
        </span>
      )}
    </div>
  );
}

/** Every term of the current window with its running sum; drawn only while open. */
export function RunningSum({ cells, fmt }: { cells: WindowCell[]; fmt: (v: number) => string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details
      className="stage-panel running-sum"
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="conv.sandbox.running-panel"
    >
      <summary>{t('sandbox.runningSum', { n: cells.length })}</summary>
      {open && (
        <div className="matrix-scroll running-scroll">
          <table className="terms-table" data-testid="conv.sandbox.running">
            <thead>
              <tr>
                <th scope="col">{t('sandbox.colChannel')}</th>
                <th scope="col">{t('sandbox.colPosition')}</th>
                <th scope="col">{t('sandbox.colValue')}</th>
                <th scope="col">{t('sandbox.colWeight')}</th>
                <th scope="col">{t('sandbox.colProduct')}</th>
                <th scope="col">{t('sandbox.colSum')}</th>
              </tr>
            </thead>
            <tbody>
              {cells.map((cell, i) => (
                <tr key={i}>
                  <td>{cell.c + 1}</td>
                  <td>
                    ({cell.y}, {cell.x})
                  </td>
                  <td>{fmt(cell.value)}</td>
                  <td>{fmt(cell.weight)}</td>
                  <td>{fmt(cell.product)}</td>
                  <td>{fmt(cell.sum)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

/** Where the output maps' numbers come from. */
export function OutputSource({ run }: { run: SandboxRun }) {
  const { t } = useTranslation();
  return (
    <p
      className="output-source"
      data-testid="conv.sandbox.output-source"
      data-source={run.outputs ? 'ort' : 'reference'}
      data-state={run.state}
      role="status"
    >
      {run.state === 'done'
        ? t('sandbox.sourceOrt')
        : run.state === 'error'
          ? t('sandbox.sourceError', { detail: run.error })
          : t('sandbox.sourceRunning')}
    </p>
  );
}
