/** The sandbox's inputs: presets, tokens, the Q, K, V editors with their sizes, and the settings. */
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MatrixEditor } from '../../../viz/MatrixEditor';
import { useMatrixMessages } from '../../shared/useMatrixMessages';
import { Stepper } from '../../convolution/sandbox/Stepper';
import { ATTN_SANDBOX_LIMITS, type SandboxConfig } from './config';
import { parseTokens, pasteBlock, resize, setCell, type MatrixName, type SizeName } from './edit';
import { PRESETS, presetConfig, presetOf, randomSeed, type PresetName } from './presets';

export type Edit = (change: (c: SandboxConfig) => SandboxConfig) => void;

interface Props {
  config: SandboxConfig;
  edit: Edit;
}

function PresetsBody({ config, edit }: Props) {
  const { t } = useTranslation();
  const preset = presetOf(config);
  const seed = randomSeed(config.preset);
  return (
    <div className="sandbox-row">
      <label className="select-label">
        {t('attn.sandbox.preset')}
        <select
          value={preset ?? 'custom'}
          onChange={(e) => edit((c) => presetConfig(e.target.value as PresetName, c))}
          data-testid="attention.sandbox.preset"
        >
          <option value="custom" disabled>
            {t('attn.sandbox.custom')}
          </option>
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`attn.sandbox.presets.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {preset === 'random' && (
        <button
          type="button"
          onClick={() => edit((c) => presetConfig('random', c, seed + 1))}
          data-testid="attention.sandbox.reroll"
        >
          {t('attn.sandbox.reroll', { seed })}
        </button>
      )}
    </div>
  );
}
export const Presets = memo(PresetsBody);

/** One line of tokens; a draft keeps what is typed (e.g. a trailing space) until it changes. */
function TokensField({ config, edit }: Props) {
  const { t } = useTranslation();
  const joined = config.tokens.join(' ');
  const [draft, setDraft] = useState<{ text: string; base: string } | null>(null);
  const text = draft && draft.base === joined ? draft.text : joined;
  return (
    <label className="select-label tokens-field">
      {t('attn.sandbox.tokens')}
      <input
        type="text"
        value={text}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          const tokens = parseTokens(e.target.value);
          setDraft({ text: e.target.value, base: tokens.join(' ') });
          edit((c) => ({ ...c, tokens }));
        }}
        data-testid="attention.sandbox.tokens"
      />
    </label>
  );
}

function QkvEditor({ which, config, edit }: Props & { which: MatrixName }) {
  const { t } = useTranslation();
  const name = t(`attn.sandbox.${which}`);
  const messages = useMatrixMessages(which.toUpperCase(), 'attn.sandbox');
  const m = config[which];
  return (
    <div className="attn-editor">
      <h3>{name}</h3>
      <MatrixEditor
        values={m}
        onChange={(r, c, v) => edit((cfg) => setCell(cfg, which, r, c, v))}
        onPasteBlock={(r, c, block) => edit((cfg) => pasteBlock(cfg, which, r, c, block))}
        maxRows={ATTN_SANDBOX_LIMITS.tokens}
        maxCols={which === 'v' ? ATTN_SANDBOX_LIMITS.dv : ATTN_SANDBOX_LIMITS.dk}
        label={t('attn.sandbox.matrixLabel', { name, rows: m.length, cols: m[0]!.length })}
        messages={messages}
        testIdPrefix={`attention.sandbox.${which}`}
        idPrefix={`attn-sandbox-${which}`}
      />
    </div>
  );
}

function EditorsBody({ config, edit }: Props) {
  const { t } = useTranslation();
  const sizes: Record<SizeName, number> = {
    tq: config.q.length,
    tk: config.k.length,
    dk: config.q[0]!.length,
    dv: config.v[0]!.length,
  };
  const max: Record<SizeName, number> = {
    tq: ATTN_SANDBOX_LIMITS.tokens,
    tk: ATTN_SANDBOX_LIMITS.tokens,
    dk: ATTN_SANDBOX_LIMITS.dk,
    dv: ATTN_SANDBOX_LIMITS.dv,
  };
  return (
    <div className="attn-editors">
      <div className="sandbox-row">
        <TokensField config={config} edit={edit} />
      </div>
      <div className="sandbox-row">
        {(Object.keys(sizes) as SizeName[]).map((s) => (
          <Stepper
            key={s}
            label={t(`attn.sandbox.sizes.${s}`)}
            value={sizes[s]}
            min={1}
            max={max[s]}
            onChange={(n) => edit((c) => resize(c, s, n))}
            decLabel={t('attn.sandbox.fewer', { what: t(`attn.sandbox.sizesLower.${s}`) })}
            incLabel={t('attn.sandbox.more', { what: t(`attn.sandbox.sizesLower.${s}`) })}
            testId={`attention.sandbox.size.${s}`}
          />
        ))}
      </div>
      <div className="attn-editor-row">
        {(['q', 'k', 'v'] as const).map((w) => (
          <QkvEditor key={w} which={w} config={config} edit={edit} />
        ))}
      </div>
      <p className="hint">{t('attn.sandbox.editHint')}</p>
    </div>
  );
}
/** Memoised: stepping through the computation does not redraw the editors. */
export const Editors = memo(EditorsBody);

/** The head counts that divide both d_k and d_v (the only ones offered). */
export function headChoices(config: SandboxConfig): number[] {
  const dk = config.q[0]!.length;
  const dv = config.v[0]!.length;
  return Array.from({ length: ATTN_SANDBOX_LIMITS.heads }, (_, i) => i + 1).filter(
    (h) => dk % h === 0 && dv % h === 0,
  );
}

function ParamsBody({ config, edit }: Props) {
  const { t } = useTranslation();
  const square = config.q.length === config.k.length;
  return (
    <div className="attn-params">
      <div className="sandbox-row">
        <label className="select-label">
          {t('attn.sandbox.mask')}
          <select
            value={config.mask}
            onChange={(e) => {
              const mask = e.target.value as SandboxConfig['mask'];
              edit((c) => ({ ...c, mask }));
            }}
            data-testid="attention.sandbox.mask"
          >
            {(['none', 'causal'] as const).map((m) => (
              <option key={m} value={m} disabled={m === 'causal' && !square}>
                {t(`attn.sandbox.masks.${m}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!square && (
        <p className="hint" data-testid="attention.sandbox.mask-hint">
          {t('attn.sandbox.causalNeedsSquare', { tq: config.q.length, tk: config.k.length })}
        </p>
      )}
      <div className="sandbox-row">
        <label className="check-label">
          <input
            type="checkbox"
            checked={config.scale === 'sqrt_dk'}
            onChange={(e) => {
              const scale = e.target.checked ? 'sqrt_dk' : 'none';
              edit((c) => ({ ...c, scale }));
            }}
            data-testid="attention.sandbox.scale"
          />
          {t('attn.sandbox.scale')}
        </label>
      </div>
      <div className="sandbox-row">
        <label className="select-label">
          {t('attn.sandbox.heads')}
          <select
            value={config.heads}
            onChange={(e) => {
              const heads = Number(e.target.value);
              edit((c) => ({ ...c, heads }));
            }}
            data-testid="attention.sandbox.heads"
          >
            {headChoices(config).map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">
        {t('attn.sandbox.headsHint', {
          dk: config.q[0]!.length,
          dv: config.v[0]!.length,
          choices: headChoices(config).join(', '),
        })}
      </p>
    </div>
  );
}
export const Params = memo(ParamsBody);
