/** The activation (its curve and the activated maps) and the pooling of those maps. */
import { MatrixFigure } from './MatrixFigure';
import { symmetricRange } from '../../../viz/colormap';
import { useTranslation } from 'react-i18next';
import { activate, LEAKY_RELU_SLOPE } from '../../../core/conv';
import { extent, type Tensor } from '../../../core/tensor';
import { formatValue } from '../../../viz/format';
import { LineChart, type LineSeries } from '../../../viz/LineChart';
import { ACTIVATIONS, type SandboxConfig } from '../config';
import { channelOf, poolStepAt, type SandboxModel } from './derive';
import { outputPrefix } from './SandboxAnimation';
import type { SandboxRun } from './useSandboxRun';

const X_DOMAIN = [-6, 6] as const;
const Y_DOMAIN = [-3, 6] as const;

/** The five activation curves on x ∈ [−6, 6], sampled every 0.1 with core's `activate`. */
const CURVES = ACTIVATIONS.map((a) => ({
  id: a,
  points: Array.from({ length: 121 }, (_, i) => {
    const x = X_DOMAIN[0] + i * 0.1;
    return [x, activate(x, a)] as const;
  }),
}));

/** What the activation and pooling panels draw from. */
interface PanelProps {
  config: SandboxConfig;
  model: SandboxModel;
  run: SandboxRun;
  step: number;
}

export function ActivationPanel({ config, model, run, step }: PanelProps) {
  const { t } = useTranslation();
  const names = Object.fromEntries(
    ACTIVATIONS.map((a) => [a, t(`sandbox.activations.${a}`, { slope: LEAKY_RELU_SLOPE })]),
  );
  const curves: LineSeries[] = CURVES.map((c) => ({ ...c, label: names[c.id]! }));
  const conv = model.conv!;
  const current = conv.steps[step]!;
  const { co, oy, ox } = current;
  const [cout, ho, wo] = conv.output.dims as [number, number, number];
  const act: Tensor = run.outputs?.act ?? model.act!;
  const index = (co * ho + oy) * wo + ox;
  const activated = act.data[index]!;
  const range = symmetricRange(extent(act.data));
  const name = names[config.activation]!;

  return (
    <section className="panel sandbox-activation" aria-labelledby="sandbox-activation-title">
      <h2 id="sandbox-activation-title">{t('sandbox.activationTitle', { name })}</h2>
      <div className="anim-row">
        <LineChart
          series={curves}
          highlight={config.activation}
          xDomain={X_DOMAIN}
          yDomain={Y_DOMAIN}
          marker={{ x: current.result, y: activated }}
          label={t('sandbox.curveLabel', { name })}
          description={t('sandbox.curveDescription')}
          testId="conv.sandbox.curve"
        />
        <div>
          <p className="result-line" data-testid="conv.sandbox.activated" data-value={activated}>
            {config.activation === 'none'
              ? t('sandbox.noActivation', { value: formatValue(current.result, 4) })
              : `${name}(${formatValue(current.result, 4)}) = ${formatValue(activated, 4)}`}
          </p>
          <p className="hint">{t(`sandbox.activationHints.${config.activation}`)}</p>
          {Array.from({ length: cout }, (_, c) => (
            <MatrixFigure
              key={c}
              caption={t('sandbox.activatedMap', { index: c + 1, rows: ho, cols: wo })}
              data={channelOf(act, c)}
              rows={ho}
              cols={wo}
              label={t('sandbox.activatedMap', { index: c + 1, rows: ho, cols: wo })}
              colormap="diverging"
              range={range}
              digits={4}
              isPending={(y, x) => (c * ho + y) * wo + x > step}
              cellClass={(y, x) => (c === co && y === oy && x === ox ? 'current' : undefined)}
              testIdPrefix={outputPrefix('conv.sandbox.act', c)}
            />
          ))}
        </div>
      </div>
    </section>
  );
}

export function PoolPanel({ config, model, run, step }: PanelProps) {
  const { t } = useTranslation();
  const conv = model.conv!;
  const [cout, ho, wo] = conv.output.dims as [number, number, number];
  const title = t('sandbox.poolTitle', {
    type: t(`sandbox.pools.${config.pool}`),
    k: config.poolSize,
    s: config.poolStride,
  });
  if (!model.pool) {
    return (
      <section className="panel sandbox-pool" aria-labelledby="sandbox-pool-title">
        <h2 id="sandbox-pool-title">{title}</h2>
        <p data-testid="conv.sandbox.no-pool-map">
          {t('sandbox.noPool', { k: config.poolSize, ho, wo })}
        </p>
      </section>
    );
  }
  const { co, oy, ox } = conv.steps[step]!;
  const act: Tensor = run.outputs?.act ?? model.act!;
  const pooled: Tensor = run.outputs?.pool ?? model.pool.output;
  const [, hp, wp] = model.pool.output.dims as [number, number, number];
  const win = poolStepAt(model.pool, config.poolSize, config.poolStride, co, oy, ox);
  const inWindow = new Set(win?.cells.map((cell) => cell.y * wo + cell.x) ?? []);
  const maxCell = win && win.argmax >= 0 ? win.cells[win.argmax] : undefined;
  const actRange = symmetricRange(extent(act.data));
  const poolRange = symmetricRange(extent(pooled.data));
  const fmt = (v: number) => formatValue(v, 4);
  const pooledValue = win ? pooled.data[(win.c * hp + win.oy) * wp + win.ox]! : 0;

  return (
    <section className="panel sandbox-pool" aria-labelledby="sandbox-pool-title">
      <h2 id="sandbox-pool-title">{title}</h2>
      {win ? (
        <p className="result-line" data-testid="conv.sandbox.pool-result" data-value={pooledValue}>
          {config.pool === 'max'
            ? `max(${win.cells.map((c) => fmt(c.value)).join(', ')}) = ${fmt(pooledValue)}`
            : `(${win.cells.map((c) => fmt(c.value)).join(' + ')}) / ${win.cells.length} = ${fmt(pooledValue)}`}
        </p>
      ) : (
        <p className="hint" data-testid="conv.sandbox.pool-result">
          {t('sandbox.notPooled', { row: oy, col: ox })}
        </p>
      )}
      <div className="anim-row">
        {Array.from({ length: cout }, (_, c) => (
          <div key={c} className="kernel-pair">
            <MatrixFigure
              caption={t('sandbox.activatedMap', { index: c + 1, rows: ho, cols: wo })}
              data={channelOf(act, c)}
              rows={ho}
              cols={wo}
              label={t('sandbox.activatedMap', { index: c + 1, rows: ho, cols: wo })}
              colormap="diverging"
              range={actRange}
              digits={4}
              cellClass={(y, x) => {
                if (!win || c !== win.c || !inWindow.has(y * wo + x)) return undefined;
                return maxCell && maxCell.y === y && maxCell.x === x ? 'win pool-max' : 'win';
              }}
            />
            <MatrixFigure
              caption={t('sandbox.pooledMap', { index: c + 1, rows: hp, cols: wp })}
              data={channelOf(pooled, c)}
              rows={hp}
              cols={wp}
              label={t('sandbox.pooledMap', { index: c + 1, rows: hp, cols: wp })}
              colormap="diverging"
              range={poolRange}
              digits={4}
              cellClass={(y, x) =>
                win && c === win.c && y === win.oy && x === win.ox ? 'current' : undefined
              }
              testIdPrefix={outputPrefix('conv.sandbox.pooled', c)}
            />
          </div>
        ))}
      </div>
    </section>
  );
}
