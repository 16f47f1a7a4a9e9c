import { useTranslation } from 'react-i18next';
import { Heatmap } from '../../../viz/Heatmap';
import { sliceOutput, type TransformerRun } from './run';
import { headOutput } from '../../../runtime/transformer';

/** Every layer × head's attention weights as a small map; a click opens that head. */
export function HeadGrid({
  run,
  layer,
  head,
  onOpen,
}: {
  run: TransformerRun;
  layer: number;
  head: number;
  onOpen: (layer: number, head: number) => void;
}) {
  const { t } = useTranslation();
  const { layers, heads } = run.spec;
  const n = run.chars.length;
  return (
    <div
      className="attn-head-grid"
      style={{ gridTemplateColumns: `auto repeat(${heads}, minmax(0, 6.5rem))` }}
      role="group"
      aria-label={t('attn.model.heads')}
    >
      <span />
      {Array.from({ length: heads }, (_, h) => (
        <span key={h} className="attn-head-label">
          {t('attn.model.headN', { n: h + 1 })}
        </span>
      ))}
      {Array.from({ length: layers }, (_, l) => [
        <span key={`l${l}`} className="attn-head-label row">
          {t('attn.model.layerN', { n: l + 1 })}
        </span>,
        ...Array.from({ length: heads }, (_, h) => {
          const w = sliceOutput(run, headOutput(l, h, 'weights'), true);
          return (
            <button
              key={`${l}-${h}`}
              type="button"
              className="attn-head-cell"
              aria-pressed={l === layer && h === head}
              aria-label={t('attn.model.headCell', { layer: l + 1, head: h + 1 })}
              onClick={() => onOpen(l, h)}
              data-testid={`attention.model.head-${l}-${h}`}
            >
              <Heatmap
                data={w.data}
                width={n}
                height={n}
                range={[0, 1]}
                colormap="viridis"
                label=""
                size="100%"
              />
            </button>
          );
        }),
      ])}
    </div>
  );
}
