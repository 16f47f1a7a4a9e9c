import { useEffect, useRef, type PointerEvent } from 'react';

export interface DrawingPadProps {
  /** Canvas resolution (square); it is drawn at whatever CSS size the layout gives it. */
  resolution?: number;
  /** An image to show instead of the current drawing, [side·side] in [0, 1]; drawn on `imageKey` change. */
  image?: ArrayLike<number> | null;
  imageSide?: number;
  imageKey: string;
  /** Called (at most once per frame) with the ink: [resolution²] alpha in [0, 1]. */
  onInk: (ink: Float32Array, width: number, height: number) => void;
  label: string;
  hint: string;
  testId?: string;
}

const INK = '#0b1f3a';

/**
 * A square canvas to draw on with mouse, finger or pen (pointer events, with capture and
 * touch-action: none so a finger draws instead of scrolling). Reports ink per animation frame.
 */
export function DrawingPad({
  resolution = 280,
  image,
  imageSide = 28,
  imageKey,
  onInk,
  label,
  hint,
  testId,
}: DrawingPadProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);
  const onInkRef = useRef(onInk);
  useEffect(() => {
    onInkRef.current = onInk;
  }, [onInk]);

  // Paint the given image (e.g. a picked sample) when its key changes.
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!image) return;
    const small = document.createElement('canvas');
    small.width = imageSide;
    small.height = imageSide;
    const sctx = small.getContext('2d');
    if (!sctx) return;
    const img = sctx.createImageData(imageSide, imageSide);
    for (let i = 0; i < imageSide * imageSide; i++) {
      img.data[i * 4] = 11;
      img.data[i * 4 + 1] = 31;
      img.data[i * 4 + 2] = 58;
      img.data[i * 4 + 3] = Math.round((image[i] ?? 0) * 255);
    }
    sctx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
    // Only the key decides when to repaint: the image itself changes with every stroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [imageKey]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const report = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const canvas = ref.current;
      const ctx = canvas?.getContext('2d', { willReadFrequently: true });
      if (!canvas || !ctx) return;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const ink = new Float32Array(canvas.width * canvas.height);
      for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4 + 3]! / 255;
      onInkRef.current(ink, canvas.width, canvas.height);
    });
  };

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) / rect.width) * resolution,
      y: ((e.clientY - rect.top) / rect.height) * resolution,
    };
  };

  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.strokeStyle = INK;
    ctx.fillStyle = INK;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = resolution * 0.075;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };

  return (
    <canvas
      ref={ref}
      className="drawing-pad"
      role="img"
      width={resolution}
      height={resolution}
      aria-label={label}
      title={hint}
      data-testid={testId}
      onPointerDown={(e) => {
        try {
          e.currentTarget.setPointerCapture(e.pointerId); // keep the stroke if it leaves the pad
        } catch {
          // synthetic pointers (assistive tech, automation) cannot be captured; drawing still works
        }
        const p = point(e);
        last.current = p;
        stroke(p, p);
        report();
      }}
      onPointerMove={(e) => {
        if (!last.current) return;
        const p = point(e);
        stroke(last.current, p);
        last.current = p;
        report();
      }}
      onPointerUp={() => {
        last.current = null;
      }}
      onPointerCancel={() => {
        last.current = null;
      }}
    />
  );
}
