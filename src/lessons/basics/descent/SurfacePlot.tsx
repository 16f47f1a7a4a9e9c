/**
 * The loss surface J(w, b) as a heatmap (viridis, with its legend) with contour lines, the
 * best fit, and the path θ₀ → θ₁ → … taken so far (dots joined; the current one large, the last
 * update as an arrow; the rest of the run faint).
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ColorLegend } from '../../../viz/ColorLegend';
import { paintValues } from '../../../viz/colormap';
import { formatValue } from '../../../viz/format';
import { PLOT, PlotAxes, PlotClip, plotScale } from './PlotAxes';
import { GRID, type Surface } from './surface';

export function SurfacePlot({
  surface,
  thetas,
  step,
  last,
}: {
  surface: Surface;
  thetas: readonly (readonly [number, number])[];
  step: number;
  last: number;
}) {
  const { t } = useTranslation();
  const scale = plotScale(surface.w, surface.b);
  const { sx, sy } = scale;
  const image = useMemo(() => heatmapUrl(surface), [surface]);
  const finite = (p: readonly [number, number]) => Number.isFinite(p[0]) && Number.isFinite(p[1]);
  const line = (pts: readonly (readonly [number, number])[]) =>
    pts
      .filter(finite)
      .map(([w, b]) => `${sx(w).toFixed(1)},${sy(b).toFixed(1)}`)
      .join(' ');
  const walked = thetas.slice(0, step + 1);
  const ahead = thetas.slice(step, last + 1);
  const now = thetas[step]!;
  const prev = step > 0 ? thetas[step - 1]! : null;
  const inside = (p: readonly [number, number]) =>
    finite(p) &&
    p[0] >= surface.w[0] &&
    p[0] <= surface.w[1] &&
    p[1] >= surface.b[0] &&
    p[1] <= surface.b[1];
  const left = walked.some((p) => !inside(p));

  return (
    <figure className="descent-plot" data-testid="basics.descent.surface">
      <figcaption className="descent-plot-title">{t('basics.descent.surface.title')}</figcaption>
      <svg
        viewBox={`0 0 ${PLOT.w} ${PLOT.h}`}
        role="img"
        aria-label={t('basics.descent.surface.label', { k: step })}
        data-export="descent-surface"
        data-export-label={t('basics.descent.surface.title')}
      >
        <defs>
          <PlotClip id="descent-surface-clip" />
          <marker
            id="descent-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" className="descent-arrowhead" />
          </marker>
        </defs>
        <image
          href={image}
          x={PLOT.left}
          y={PLOT.top}
          width={PLOT.w - PLOT.left - PLOT.right}
          height={PLOT.h - PLOT.top - PLOT.bottom}
          preserveAspectRatio="none"
        />
        <PlotAxes scale={scale} xName="w" yName="b" grid={false} />
        <g clipPath="url(#descent-surface-clip)">
          <path
            className="descent-contour"
            d={surface.contours
              .map(
                ([w0, b0, w1, b1]) =>
                  `M${sx(w0).toFixed(1)},${sy(b0).toFixed(1)}L${sx(w1).toFixed(1)},${sy(b1).toFixed(1)}`,
              )
              .join('')}
          />
          {surface.best && (
            <g
              className="descent-best"
              transform={`translate(${sx(surface.best[0])} ${sy(surface.best[1])})`}
            >
              <path d="M-7,0H7M0,-7V7" />
              <title>
                {`${t('basics.descent.surface.best')}: (${formatValue(surface.best[0], 4)}, ${formatValue(surface.best[1], 4)})`}
              </title>
            </g>
          )}
          <polyline className="descent-path ahead" points={line(ahead)} />
          <polyline className="descent-path" points={line(walked)} />
          {walked.filter(finite).map(([w, b], i) => (
            <circle key={i} cx={sx(w)} cy={sy(b)} r={2.6} className="descent-dot" />
          ))}
          {prev && finite(prev) && finite(now) && (
            <line
              x1={sx(prev[0])}
              y1={sy(prev[1])}
              x2={sx(now[0])}
              y2={sy(now[1])}
              className="descent-update"
              markerEnd="url(#descent-arrow)"
            />
          )}
          {finite(now) && (
            <circle
              cx={sx(now[0])}
              cy={sy(now[1])}
              r={6}
              className="descent-now"
              data-testid="basics.descent.surface.now"
            />
          )}
        </g>
      </svg>
      <div className="descent-plot-keys">
        <ColorLegend
          colormap="viridis"
          range={surface.range}
          label={t('basics.descent.surface.legend')}
        />
        <span className="key">
          <svg width="18" height="12" aria-hidden="true">
            <circle cx="9" cy="6" r="5" className="descent-now" />
          </svg>
          {t('basics.descent.surface.current')}
        </span>
        <span className="key">
          <svg width="14" height="14" aria-hidden="true" className="descent-best">
            <path d="M1,7H13M7,1V13" />
          </svg>
          {t('basics.descent.surface.best')}
        </span>
        {left && (
          <span className="key descent-outside" data-testid="basics.descent.surface.outside">
            {t('basics.descent.surface.outside')}
          </span>
        )}
      </div>
    </figure>
  );
}

/** The surface's J painted into a PNG (one pixel per sample, smoothed when scaled). */
function heatmapUrl(surface: Surface): string {
  const canvas = document.createElement('canvas');
  canvas.width = GRID;
  canvas.height = GRID;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  const img = ctx.createImageData(GRID, GRID);
  paintValues(img.data, surface.values, surface.range, 'viridis');
  ctx.putImageData(img, 0, 0);
  return canvas.toDataURL();
}
