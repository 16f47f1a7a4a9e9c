/**
 * What a unit of the CNN reads: the window it reads in the layer before, and its receptive
 * field in the input — for the overview's edges and outlines. Derived from CNN_OPS (kernel,
 * stride, padding), the same description the unit detail computes with.
 */
import { CNN_OPS, layerOf, type CnnLayerId } from './cnn';
import type { Unit } from './config';

/** A rectangle of cells in a map: top-left corner and size, clipped to the map. */
export interface Rect {
  row: number;
  col: number;
  height: number;
  width: number;
}

/** The window of `layer`'s input that the cells `rect` of `layer` read (unclipped). */
function back(layer: Exclude<CnnLayerId, 'input'>, r: Rect): Rect {
  const op = CNN_OPS[layer];
  switch (op.kind) {
    case 'conv': {
      const k = 3 + (3 - 1) * (op.dilation - 1);
      return {
        row: r.row * op.stride - op.padding,
        col: r.col * op.stride - op.padding,
        height: (r.height - 1) * op.stride + k,
        width: (r.width - 1) * op.stride + k,
      };
    }
    case 'pool':
      return {
        row: r.row * op.stride,
        col: r.col * op.stride,
        height: (r.height - 1) * op.stride + op.size,
        width: (r.width - 1) * op.stride + op.size,
      };
    case 'relu':
      return r;
    default: {
      // Dense layers read every cell of every map of their input.
      const [, h, w] = layerOf(op.input).shape as [number, number, number];
      return { row: 0, col: 0, height: h, width: w };
    }
  }
}

function clip(r: Rect, layer: CnnLayerId): Rect {
  const [, h, w] = layerOf(layer).shape as [number, number, number];
  const row = Math.max(0, r.row);
  const col = Math.max(0, r.col);
  return {
    row,
    col,
    height: Math.min(h, r.row + r.height) - row,
    width: Math.min(w, r.col + r.width) - col,
  };
}

export interface Reads {
  /** The layer the unit reads. */
  layer: CnnLayerId;
  /** The channels (maps) of that layer it reads; for dense inputs, every index. */
  channels: number[];
  /** The window it reads in each of those maps (null when the input is a vector). */
  rect: Rect | null;
}

/** What one unit reads in the layer before it (its edges in the overview). */
export function readsFrom(unit: Unit): Reads {
  const op = CNN_OPS[unit.layer];
  const input = op.input as CnnLayerId;
  const inShape = layerOf(input).shape;
  const all = Array.from({ length: inShape[0]! }, (_, i) => i);
  switch (op.kind) {
    case 'conv':
      return {
        layer: input,
        channels: all,
        rect: clip(back(unit.layer, { row: unit.y, col: unit.x, height: 1, width: 1 }), input),
      };
    case 'relu':
    case 'pool':
      return {
        layer: input,
        channels: [unit.channel],
        rect: clip(back(unit.layer, { row: unit.y, col: unit.x, height: 1, width: 1 }), input),
      };
    default:
      return {
        layer: input,
        channels: all,
        rect:
          inShape.length === 3 ? back(unit.layer, { row: 0, col: 0, height: 1, width: 1 }) : null,
      };
  }
}

/** The unit's receptive field in the input image (clipped to the 28 × 28 digit). */
export function inputField(unit: Unit): Rect {
  let layer: CnnLayerId = unit.layer;
  let r: Rect =
    layerOf(layer).shape.length === 3
      ? { row: unit.y, col: unit.x, height: 1, width: 1 }
      : { row: 0, col: 0, height: 28, width: 28 };
  while (layer !== 'input') {
    if (layerOf(layer).shape.length === 1) {
      // A dense unit reads the whole image.
      return { row: 0, col: 0, height: 28, width: 28 };
    }
    r = back(layer, r);
    layer = CNN_OPS[layer].input;
  }
  return clip(r, 'input');
}
