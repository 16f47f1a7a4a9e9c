/** The sandbox's editors: the input (1–3 channels) and the kernel (1–3 × 1–3 slices, bias). */
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MatrixEditor } from '../../../viz/MatrixEditor';
import { useMatrixMessages } from '../../shared/useMatrixMessages';
import { SANDBOX_LIMITS, type SandboxConfig } from '../config';
import {
  addInputChannel,
  addOutputChannel,
  pasteInput,
  pasteKernel,
  removeInputChannel,
  removeOutputChannel,
  replaceInput,
  replaceKernelSlice,
  resizeInput,
  resizeKernel,
  setBias,
  setInputCell,
  setKernelCell,
  type SandboxArrays,
} from './edit';
import { NumberField } from './NumberField';
import {
  INPUT_PRESETS,
  KERNEL_PRESETS,
  inputPreset,
  kernelPreset,
  matchInputPreset,
  matchKernelPreset,
  randomInput,
  randomSeed,
  type InputPreset,
  type KernelPreset,
} from './presets';
import { Stepper } from './Stepper';

type EditArrays = (f: (a: SandboxArrays) => SandboxArrays, patch?: Partial<SandboxConfig>) => void;
/** Whether an edit would be accepted (the controls offer only those). */
type AllowArrays = (
  f: (a: SandboxArrays) => SandboxArrays,
  patch?: Partial<SandboxConfig>,
) => boolean;

interface EditorProps {
  config: SandboxConfig;
  arrays: SandboxArrays;
  editArrays: EditArrays;
  allowArrays: AllowArrays;
}

/** Buttons choosing one of `count` channels (nothing when there is only one). */
function ChannelTabs({
  count,
  selected,
  onSelect,
  label,
  name,
  testIdPrefix,
}: {
  count: number;
  selected: number;
  onSelect: (i: number) => void;
  label: string;
  name: (i: number) => string;
  testIdPrefix: string;
}) {
  if (count < 2) return null;
  return (
    <div className="channel-tabs" role="group" aria-label={label}>
      <span className="channel-tabs-label" aria-hidden="true">
        {label}
      </span>
      {Array.from({ length: count }, (_, i) => (
        <button
          key={i}
          type="button"
          aria-pressed={i === selected}
          onClick={() => onSelect(i)}
          data-testid={`${testIdPrefix}-${i}`}
        >
          {name(i)}
        </button>
      ))}
    </div>
  );
}

/** The input to start from (a preset, or random numbers): in the stage's bar. */
function InputPresetPickerBody({ config, arrays, editArrays }: Omit<EditorProps, 'allowArrays'>) {
  const { t } = useTranslation();
  const channels = arrays.input.length;
  const rows = arrays.input[0]!.length;
  const cols = arrays.input[0]![0]!.length;
  const preset = matchInputPreset(config.preset, arrays.input);

  const choose = (name: InputPreset, seed = 1) => {
    if (name === 'random') {
      editArrays((a) => ({ ...a, input: randomInput(seed, channels, rows, cols) }), {
        preset: `random:${seed}`,
      });
    } else {
      editArrays((a) => replaceInput(a, [inputPreset(name)]), { preset: name });
    }
  };

  return (
    <div className="sandbox-row sandbox-preset">
      <label className="select-label">
        {t('sandbox.inputPreset')}
        <select
          value={preset ?? 'custom'}
          onChange={(e) => choose(e.target.value as InputPreset)}
          data-testid="conv.sandbox.preset"
        >
          <option value="custom" disabled>
            {t('sandbox.custom')}
          </option>
          {INPUT_PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`sandbox.inputPresets.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {preset === 'random' && (
        <button
          type="button"
          onClick={() => choose('random', randomSeed(config.preset) + 1)}
          data-testid="conv.sandbox.reroll"
        >
          {t('sandbox.reroll', { seed: randomSeed(config.preset) })}
        </button>
      )}
    </div>
  );
}

function InputPanelBody({ arrays, editArrays, allowArrays }: Omit<EditorProps, 'config'>) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState(0);
  const channels = arrays.input.length;
  const ch = Math.min(selected, channels - 1);
  const rows = arrays.input[0]!.length;
  const cols = arrays.input[0]![0]!.length;
  const messages = useMatrixMessages(t('sandbox.input'));
  // Any edit of the numbers leaves the preset behind.
  const custom = { preset: undefined };
  const channelChange = (n: number) => (a: SandboxArrays) =>
    n > channels ? addInputChannel(a) : removeInputChannel(a, channels - 1);

  return (
    <div className="sandbox-input">
      <div className="sandbox-row">
        <SizeSteppers
          what="input"
          rows={rows}
          cols={cols}
          max={SANDBOX_LIMITS.size}
          onResize={(r, c) => editArrays((a) => resizeInput(a, r, c), custom)}
          allowed={(r, c) => allowArrays((a) => resizeInput(a, r, c), custom)}
        />
        <Stepper
          label={t('sandbox.channels')}
          value={channels}
          min={1}
          max={SANDBOX_LIMITS.channels}
          onChange={(n) => editArrays(channelChange(n), custom)}
          allowed={(n) => allowArrays(channelChange(n), custom)}
          decLabel={t('sandbox.fewer', { what: t('sandbox.inputChannelsLower') })}
          incLabel={t('sandbox.more', { what: t('sandbox.inputChannelsLower') })}
          testId="conv.sandbox.input.channels"
        />
      </div>
      <ChannelTabs
        count={channels}
        selected={ch}
        onSelect={setSelected}
        label={t('sandbox.inputChannels')}
        name={(i) => t('sandbox.channel', { index: i + 1 })}
        testIdPrefix="conv.sandbox.input.channel"
      />
      <MatrixEditor
        key={ch}
        values={arrays.input[ch]!}
        onChange={(r, c, v) => editArrays((a) => setInputCell(a, ch, r, c, v), custom)}
        onPasteBlock={(r, c, block) => editArrays((a) => pasteInput(a, ch, r, c, block), custom)}
        maxRows={SANDBOX_LIMITS.size}
        maxCols={SANDBOX_LIMITS.size}
        label={
          channels > 1
            ? t('sandbox.inputChannelLabel', { index: ch + 1, rows, cols })
            : t('sandbox.inputLabel', { rows, cols })
        }
        messages={messages}
        testIdPrefix="conv.sandbox.input"
        idPrefix={`sandbox-input-${ch}`}
      />
      <p className="hint">{t('sandbox.editHint')}</p>
    </div>
  );
}

function KernelPanelBody({ arrays, editArrays, allowArrays }: Omit<EditorProps, 'config'>) {
  const { t } = useTranslation();
  const [selOut, setSelOut] = useState(0);
  const [selIn, setSelIn] = useState(0);
  const outs = arrays.kernel.length;
  const ins = arrays.kernel[0]!.length;
  const o = Math.min(selOut, outs - 1);
  const i = Math.min(selIn, ins - 1);
  const slice = arrays.kernel[o]![i]!;
  const rows = slice.length;
  const cols = slice[0]!.length;
  const preset = matchKernelPreset(slice);
  const messages = useMatrixMessages(t('sandbox.kernel'));
  const outChange = (n: number) => (a: SandboxArrays) =>
    n > outs ? addOutputChannel(a) : removeOutputChannel(a, outs - 1);

  return (
    <div className="sandbox-kernel">
      <div className="sandbox-row">
        <label className="select-label">
          {t('sandbox.kernelPreset')}
          <select
            value={preset ?? 'custom'}
            onChange={(e) =>
              editArrays((a) =>
                replaceKernelSlice(a, o, i, kernelPreset(e.target.value as KernelPreset)),
              )
            }
            data-testid="conv.sandbox.kernel-preset"
          >
            <option value="custom" disabled>
              {t('sandbox.custom')}
            </option>
            {KERNEL_PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`sandbox.kernelPresets.${p}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="sandbox-row">
        <SizeSteppers
          what="kernel"
          rows={rows}
          cols={cols}
          max={SANDBOX_LIMITS.kernel}
          onResize={(r, c) => editArrays((a) => resizeKernel(a, r, c))}
          allowed={(r, c) => allowArrays((a) => resizeKernel(a, r, c))}
        />
        <Stepper
          label={t('sandbox.outChannels')}
          value={outs}
          min={1}
          max={SANDBOX_LIMITS.channels}
          onChange={(n) => editArrays(outChange(n))}
          allowed={(n) => allowArrays(outChange(n))}
          decLabel={t('sandbox.fewer', { what: t('sandbox.outChannelsLower') })}
          incLabel={t('sandbox.more', { what: t('sandbox.outChannelsLower') })}
          testId="conv.sandbox.kernel.out-channels"
        />
      </div>
      <p className="hint">{t('sandbox.kernelShape', { outs, ins, rows, cols })}</p>
      <ChannelTabs
        count={outs}
        selected={o}
        onSelect={setSelOut}
        label={t('sandbox.outChannels')}
        name={(k) => t('sandbox.outChannel', { index: k + 1 })}
        testIdPrefix="conv.sandbox.kernel.out"
      />
      <ChannelTabs
        count={ins}
        selected={i}
        onSelect={setSelIn}
        label={t('sandbox.inputChannels')}
        name={(k) => t('sandbox.channel', { index: k + 1 })}
        testIdPrefix="conv.sandbox.kernel.in"
      />
      <MatrixEditor
        key={`${o}-${i}`}
        values={slice}
        onChange={(r, c, v) => editArrays((a) => setKernelCell(a, o, i, r, c, v))}
        onPasteBlock={(r, c, block) => editArrays((a) => pasteKernel(a, o, i, r, c, block))}
        maxRows={SANDBOX_LIMITS.kernel}
        maxCols={SANDBOX_LIMITS.kernel}
        label={t('sandbox.kernelLabel', { out: o + 1, in: i + 1, rows, cols })}
        messages={messages}
        testIdPrefix="conv.sandbox.kernel"
        idPrefix={`sandbox-kernel-${o}-${i}`}
      />
      <div className="sandbox-row biases">
        {arrays.bias.map((b, k) => (
          <NumberField
            key={k}
            label={outs > 1 ? t('sandbox.biasOf', { index: k + 1 }) : t('sandbox.bias')}
            value={b}
            onChange={(v) => editArrays((a) => setBias(a, k, v))}
            invalidMessage={(text) => t('sandbox.invalidNumber', { text, kept: b })}
            testId={`conv.sandbox.bias-${k}`}
          />
        ))}
      </div>
    </div>
  );
}

/** Memoised: stepping the animation does not redraw it. */
export const InputPresetPicker = memo(InputPresetPickerBody);

/** Memoised: stepping the animation does not redraw it. */
export const InputPanel = memo(InputPanelBody);

/** Memoised: stepping the animation does not redraw it. */
export const KernelPanel = memo(KernelPanelBody);

/** Rows and columns steppers of a matrix (the input or the kernel), 1 to `max` each. */
function SizeSteppers({
  what,
  rows,
  cols,
  max,
  onResize,
  allowed,
}: {
  what: 'input' | 'kernel';
  rows: number;
  cols: number;
  max: number;
  onResize: (rows: number, cols: number) => void;
  allowed: (rows: number, cols: number) => boolean;
}) {
  const { t } = useTranslation();
  const dims = [
    {
      key: 'rows',
      label: t('sandbox.rows'),
      what: t(`sandbox.${what}Rows`),
      value: rows,
      set: (n: number) => onResize(n, cols),
      ok: (n: number) => allowed(n, cols),
    },
    {
      key: 'cols',
      label: t('sandbox.cols'),
      what: t(`sandbox.${what}Cols`),
      value: cols,
      set: (n: number) => onResize(rows, n),
      ok: (n: number) => allowed(rows, n),
    },
  ];
  return dims.map((d) => (
    <Stepper
      key={d.key}
      label={d.label}
      value={d.value}
      min={1}
      max={max}
      onChange={d.set}
      allowed={d.ok}
      decLabel={t('sandbox.fewer', { what: d.what })}
      incLabel={t('sandbox.more', { what: d.what })}
      testId={`conv.sandbox.${what}.${d.key}`}
    />
  ));
}
