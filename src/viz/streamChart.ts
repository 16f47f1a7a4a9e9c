/**
 * Line charts drawn straight onto a canvas, for curves that grow on every animation frame
 * (loss curves while a GAN trains): no React render per frame, just `paintStream(canvas, …)`.
 * Each series has a colour and a dash pattern, so lines differ without colour too.
 */
import { formatTick, formatValue } from './format';

export interface StreamSeries {
  id: string;
  /** Okabe–Ito colours read well for colour-blind viewers. */
  color: string;
  /** Canvas dash pattern ([] for solid). */
  dash: readonly number[];
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  /** Points to draw (xs / ys may be longer buffers). */
  length: number;
}

export interface StreamPaint {
  series: readonly StreamSeries[];
  /** Width and height in CSS pixels. */
  width: number;
  height: number;
  /** The y range; `null` fits the finite values shown (with a little margin). */
  yDomain?: readonly [number, number] | null;
  /** A log₁₀ y axis (values ≤ 0 skipped). */
  logY?: boolean;
}

const PAD = { left: 40, right: 8, top: 8, bottom: 20 };

/** Round ticks across [lo, hi]: 1, 2 or 5 × 10ⁿ apart, about `n` of them. */
export function niceTicks(lo: number, hi: number, n = 4): number[] {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return [lo];
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    out.push(Math.round(t / step) * step);
  return out;
}

/** The x and y ranges of the finite points of some series. */
export function streamExtent(
  series: readonly StreamSeries[],
  logY = false,
): { x: [number, number]; y: [number, number] } | null {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const s of series)
    for (let i = 0; i < s.length; i++) {
      const x = s.xs[i]!;
      const y = s.ys[i]!;
      if (!Number.isFinite(x) || !Number.isFinite(y) || (logY && y <= 0)) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      const v = logY ? Math.log10(y) : y;
      y0 = Math.min(y0, v);
      y1 = Math.max(y1, v);
    }
  return x0 <= x1 ? { x: [x0, x1], y: [y0, y1] } : null;
}

/** Draws the series on shared axes; NaN / ∞ values break the line instead of wrecking the scale. */
export function paintStream(canvas: HTMLCanvasElement, paint: StreamPaint): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width: W, height: H, series, logY = false } = paint;
  const dpr = Math.min(3, globalThis.devicePixelRatio || 1);
  if (canvas.width !== Math.round(W * dpr)) canvas.width = Math.round(W * dpr);
  if (canvas.height !== Math.round(H * dpr)) canvas.height = Math.round(H * dpr);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  const ext = streamExtent(series, logY);
  const x0 = ext ? ext.x[0] : 0;
  const x1 = Math.max(ext ? ext.x[1] : 1, x0 + 1);
  let [y0, y1] = paint.yDomain ?? (ext ? ext.y : [0, 1]);
  if (!paint.yDomain) {
    const m = (y1 - y0) * 0.05 || 0.5;
    [y0, y1] = [y0 - m, y1 + m];
  }
  const sx = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => PAD.top + ((y1 - y) / (y1 - y0)) * (H - PAD.top - PAD.bottom);

  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#444';
  ctx.strokeStyle = 'rgba(0,0,0,0.1)';
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  for (const t of niceTicks(y0, y1)) {
    ctx.beginPath();
    ctx.moveTo(PAD.left, sy(t));
    ctx.lineTo(W - PAD.right, sy(t));
    ctx.stroke();
    ctx.fillText(logY ? formatValue(10 ** t, 2) : formatTick(t), PAD.left - 4, sy(t) + 4);
  }
  ctx.textAlign = 'center';
  for (const t of niceTicks(x0, x1)) ctx.fillText(formatTick(t), sx(t), H - 6);

  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, PAD.top, W - PAD.left - PAD.right, H - PAD.top - PAD.bottom);
  ctx.clip();
  ctx.lineWidth = 1.75;
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.setLineDash(s.dash as number[]);
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < s.length; i++) {
      const x = s.xs[i]!;
      let y = s.ys[i]!;
      if (logY) y = y > 0 ? Math.log10(y) : NaN;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(sx(x), sy(y));
      else ctx.moveTo(sx(x), sy(y));
      pen = true;
    }
    ctx.stroke();
  }
  ctx.restore();
  ctx.setLineDash([]);
}
