/**
 * Figures to files. A canvas is scaled up pixel for pixel (its cells stay crisp); an <svg> is
 * serialized with its computed styles; any other element goes through html-to-image (loaded
 * only when the user exports), which draws the DOM — canvases included — into an SVG
 * foreignObject and, for PNG, onto a canvas.
 */

/** The background a figure is drawn on (its own, else the page's). */
function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
}

function canvasBlob(canvas: HTMLCanvasElement, type = 'image/png'): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no image'))), type),
  );
}

/** A canvas scaled by an integer factor to at least 512 px wide, without smoothing. */
function scaledCanvas(src: HTMLCanvasElement): HTMLCanvasElement {
  const k = Math.max(1, Math.ceil(512 / Math.max(1, src.width)));
  const out = document.createElement('canvas');
  out.width = src.width * k;
  out.height = src.height * k;
  const ctx = out.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(src, 0, 0, out.width, out.height);
  return out;
}

const htmlToImage = () => import('html-to-image');

const options = (el: Element) => ({
  backgroundColor: backgroundOf(el),
  pixelRatio: 2,
  // Keep the export free of tooltips and hover cursors.
  filter: (node: Node) =>
    !(node instanceof HTMLElement && /heatmap-(tip|cursor)/.test(node.className)),
});

export async function figureToPng(el: Element): Promise<Blob> {
  if (el instanceof HTMLCanvasElement) return canvasBlob(scaledCanvas(el));
  const { toBlob } = await htmlToImage();
  const blob = await toBlob(el as HTMLElement, options(el));
  if (!blob) throw new Error('the figure could not be drawn');
  return blob;
}

/** Inlines computed styles an <svg> relies on from the page's stylesheets. */
function serializeSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const props = ['fill', 'stroke', 'stroke-width', 'font-size', 'font-family', 'opacity'];
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((node, i) => {
    const style = getComputedStyle(node);
    const target = dst[i] as SVGElement;
    for (const p of props) target.style.setProperty(p, style.getPropertyValue(p));
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.getBoundingClientRect();
  if (!clone.getAttribute('width')) clone.setAttribute('width', String(Math.round(box.width)));
  if (!clone.getAttribute('height')) clone.setAttribute('height', String(Math.round(box.height)));
  return new XMLSerializer().serializeToString(clone);
}

export async function figureToSvg(el: Element): Promise<string> {
  if (el instanceof SVGSVGElement) return serializeSvg(el);
  if (el instanceof HTMLCanvasElement) {
    const url = scaledCanvas(el).toDataURL('image/png');
    const [w, h] = [el.clientWidth || el.width, el.clientHeight || el.height];
    return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><image width="${w}" height="${h}" style="image-rendering:pixelated" href="${url}"/></svg>`;
  }
  const { toSvg } = await htmlToImage();
  const dataUrl = await toSvg(el as HTMLElement, options(el));
  return decodeURIComponent(dataUrl.slice(dataUrl.indexOf(',') + 1));
}

/** Saves a file through the browser's download (a temporary object URL). */
export function download(data: Blob | string, filename: string, type: string): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
