/** Stride, padding, dilation, transposed, activation and pooling: each change applies at once. */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { LEAKY_RELU_SLOPE } from '../../../core/conv';
import { ACTIVATIONS, POOLS, SANDBOX_LIMITS, type SandboxConfig } from '../config';
import type { SandboxEdit } from './edit';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

function NumberSelect({
  label,
  value,
  options,
  onChange,
  testId,
  allowed,
}: {
  label: string;
  value: number;
  options: number[];
  onChange: (v: number) => void;
  testId: string;
  /** Options that would be refused are offered disabled. */
  allowed: (v: number) => boolean;
}) {
  return (
    <label className="select-label">
      {label}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {options.map((v) => (
          <option key={v} value={v} disabled={v !== value && !allowed(v)}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

function ParamsPanelBody({
  config,
  edit,
  allowed,
  showParams,
  showPool,
}: {
  config: SandboxConfig;
  edit: (change: SandboxEdit) => void;
  allowed: (change: SandboxEdit) => boolean;
  showParams: boolean;
  showPool: boolean;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<SandboxConfig>) => edit((c) => ({ ...c, ...patch }));
  const can = (patch: Partial<SandboxConfig>) => allowed((c) => ({ ...c, ...patch }));
  return (
    <div className="sandbox-params">
      {showParams && (
        <div className="params-grid">
          <NumberSelect
            label={t('sandbox.stride')}
            value={config.stride}
            options={range(1, SANDBOX_LIMITS.stride)}
            onChange={(stride) => set({ stride })}
            allowed={(stride) => can({ stride })}
            testId="conv.sandbox.stride"
          />
          <NumberSelect
            label={t('sandbox.padding')}
            value={config.padding}
            options={range(0, SANDBOX_LIMITS.padding)}
            onChange={(padding) => set({ padding })}
            allowed={(padding) => can({ padding })}
            testId="conv.sandbox.padding"
          />
          <NumberSelect
            label={t('sandbox.dilation')}
            value={config.dilation}
            options={range(1, SANDBOX_LIMITS.dilation)}
            onChange={(dilation) => set({ dilation })}
            allowed={(dilation) => can({ dilation })}
            testId="conv.sandbox.dilation"
          />
          <label className="check-label">
            <input
              type="checkbox"
              checked={config.transposed}
              disabled={!can({ transposed: !config.transposed })}
              onChange={(e) => set({ transposed: e.target.checked })}
              data-testid="conv.sandbox.transposed"
            />
            {t('sandbox.transposed')}
          </label>
          <label className="select-label">
            {t('sandbox.activation')}
            <select
              value={config.activation}
              onChange={(e) => set({ activation: e.target.value as SandboxConfig['activation'] })}
              data-testid="conv.sandbox.activation"
            >
              {ACTIVATIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`sandbox.activations.${a}`, { slope: LEAKY_RELU_SLOPE })}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {showPool && (
        <div className="params-grid">
          <label className="select-label">
            {t('sandbox.pool')}
            <select
              value={config.pool}
              onChange={(e) => set({ pool: e.target.value as SandboxConfig['pool'] })}
              data-testid="conv.sandbox.pool"
            >
              {POOLS.map((p) => (
                <option key={p} value={p}>
                  {t(`sandbox.pools.${p}`)}
                </option>
              ))}
            </select>
          </label>
          {config.pool !== 'none' && (
            <>
              <NumberSelect
                label={t('sandbox.poolSize')}
                value={config.poolSize}
                options={range(1, SANDBOX_LIMITS.pool)}
                onChange={(poolSize) => set({ poolSize })}
                allowed={(poolSize) => can({ poolSize })}
                testId="conv.sandbox.pool-size"
              />
              <NumberSelect
                label={t('sandbox.poolStride')}
                value={config.poolStride}
                options={range(1, SANDBOX_LIMITS.pool)}
                onChange={(poolStride) => set({ poolStride })}
                allowed={(poolStride) => can({ poolStride })}
                testId="conv.sandbox.pool-stride"
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** Memoised: stepping the animation does not redraw it. */
export const ParamsPanel = memo(ParamsPanelBody);
