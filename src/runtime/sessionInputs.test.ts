import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputMismatchError, ModelSession } from './session';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const bytes = new Uint8Array(readFileSync(new URL('../../models/mnist_cnn.onnx', import.meta.url)));
const image = (dims: number[], n = dims.reduce((a, b) => a * b, 1)) => ({
  data: new Float32Array(n),
  dims,
});

describe('ModelSession input checks', () => {
  let session: ModelSession;
  beforeAll(async () => {
    session = await ModelSession.create(ort, bytes, 'wasm');
  });
  afterAll(() => session.dispose());

  it('accepts any size for a symbolic dim (mnist_cnn: [N, 1, 28, 28])', async () => {
    const out = await session.run({ image: image([3, 1, 28, 28]) });
    expect(out.probabilities!.dims).toEqual([3, 10]);
  });

  it.each([
    [
      { image: image([1, 1, 2, 5]) },
      'input "image" has dims [1, 1, 2, 5]; the model expects [N, 1, 28, 28]',
    ],
    [
      { image: image([1, 28, 28]) },
      'input "image" has dims [1, 28, 28]; the model expects [N, 1, 28, 28]',
    ],
    [{ image: image([1, 1, 28, 28], 10) }, 'input "image" has 10 values for dims [1, 1, 28, 28]'],
    [{}, 'input "image" is missing'],
    [
      { image: image([1, 1, 28, 28]), extra: image([1]) },
      '"extra" is not an input of this model (its inputs: image)',
    ],
  ])('rejects a mismatch before ORT sees it: %#', async (inputs, message) => {
    const run = session.run(inputs);
    await expect(run).rejects.toBeInstanceOf(InputMismatchError);
    await expect(run).rejects.toThrow(message);
  });
});
