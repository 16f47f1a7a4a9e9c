/**
 * Typed access to the MNIST CNN's named outputs (models/mnist_cnn.json). Components ask for a
 * layer by its id here, never by building output names themselves.
 */
import type { Tensor } from '../../core/tensor';

export const CNN_MODEL = 'mnist_cnn';
export const CNN_INPUT = 'image';

export type CnnLayerKind = 'input' | 'conv' | 'relu' | 'pool' | 'dense' | 'softmax';

export interface CnnLayer {
  id:
    | 'input'
    | 'conv1'
    | 'relu1'
    | 'pool1'
    | 'conv2'
    | 'relu2'
    | 'pool2'
    | 'logits'
    | 'probabilities';
  kind: CnnLayerKind;
  /** Shape of one sample: [C, H, W] for maps, [10] for the dense layers. */
  shape: readonly number[];
}

/** Every layer the lesson steps through, input first. */
export const CNN_LAYERS: readonly CnnLayer[] = [
  { id: 'input', kind: 'input', shape: [1, 28, 28] },
  { id: 'conv1', kind: 'conv', shape: [8, 28, 28] },
  { id: 'relu1', kind: 'relu', shape: [8, 28, 28] },
  { id: 'pool1', kind: 'pool', shape: [8, 14, 14] },
  { id: 'conv2', kind: 'conv', shape: [16, 14, 14] },
  { id: 'relu2', kind: 'relu', shape: [16, 14, 14] },
  { id: 'pool2', kind: 'pool', shape: [16, 7, 7] },
  { id: 'logits', kind: 'dense', shape: [10] },
  { id: 'probabilities', kind: 'softmax', shape: [10] },
];

export type CnnLayerId = CnnLayer['id'];

/** One forward pass: every layer's activation for one digit, by layer id. */
export type CnnActivations = Record<CnnLayerId, Tensor>;

/** Checks the model returned every named output with the expected size, and keys them by layer. */
export function readCnnOutputs(
  image: Float32Array,
  outputs: Record<string, Tensor>,
): CnnActivations {
  const acts = {} as CnnActivations;
  for (const layer of CNN_LAYERS) {
    const t = layer.id === 'input' ? { data: image, dims: [1, ...layer.shape] } : outputs[layer.id];
    const expected = layer.shape.reduce((a, b) => a * b, 1);
    if (!t || t.data.length !== expected) {
      throw new Error(`the model's output "${layer.id}" is missing or has the wrong size`);
    }
    acts[layer.id] = { data: t.data, dims: layer.shape };
  }
  return acts;
}

/** How each layer with a detail view is computed from the layer before (as the model does). */
export const CNN_OPS = {
  conv1: {
    kind: 'conv',
    input: 'input',
    weight: 'model.conv1.weight',
    bias: 'model.conv1.bias',
    stride: 1,
    padding: 1,
    dilation: 1,
  },
  relu1: { kind: 'relu', input: 'conv1' },
  pool1: { kind: 'pool', input: 'relu1', size: 2, stride: 2 },
  conv2: {
    kind: 'conv',
    input: 'pool1',
    weight: 'model.conv2.weight',
    bias: 'model.conv2.bias',
    stride: 1,
    padding: 1,
    dilation: 1,
  },
  relu2: { kind: 'relu', input: 'conv2' },
  pool2: { kind: 'pool', input: 'relu2', size: 2, stride: 2 },
  logits: { kind: 'dense', input: 'pool2', weight: 'model.fc.weight', bias: 'model.fc.bias' },
  probabilities: { kind: 'softmax', input: 'logits' },
} as const;

export function layerOf(id: CnnLayerId): CnnLayer {
  return CNN_LAYERS.find((l) => l.id === id)!;
}
