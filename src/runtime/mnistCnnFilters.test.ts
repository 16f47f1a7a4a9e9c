import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInitializers } from './graph/onnx';
import { ModelSession } from './session';

// The committed MNIST CNN must show the Convolution lesson a picture in every feature map: no
// filter that is blank (zero after ReLU) for every digit, and no denormal weight (a value like
// -3.17e-39 is what a filter that stopped learning decays to). models/recipes/mnist_cnn.py
// re-initialises dead filters while training and flushes denormals to 0 before export.
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const bytes = new Uint8Array(readFileSync(new URL('../../models/mnist_cnn.onnx', import.meta.url)));
const samples = JSON.parse(
  readFileSync(new URL('../../models/mnist_samples.json', import.meta.url), 'utf8'),
) as { digits: { label: number; pixels: number[] }[] };

/** Smallest normal float32; nonzero magnitudes below it are denormal. */
const FLOAT32_MIN_NORMAL = 2 ** -126;

describe('models/mnist_cnn.onnx has no dead filters', () => {
  const weights = readInitializers(bytes);

  it.each(Object.keys(weights))('%s holds no denormal float', (name) => {
    const denormal = Array.from(weights[name]!.data).filter(
      (v) => v !== 0 && Math.abs(v) < FLOAT32_MIN_NORMAL,
    );
    expect(denormal).toEqual([]);
  });

  it.each(['model.conv1.weight', 'model.conv2.weight'])('%s: no all-zero filter', (name) => {
    const w = weights[name]!;
    const perFilter = w.data.length / w.dims[0]!;
    for (let f = 0; f < w.dims[0]!; f++) {
      const filter = w.data.subarray(f * perFilter, (f + 1) * perFilter);
      expect(Math.max(...Array.from(filter, Math.abs)), `filter ${f}`).toBeGreaterThan(1e-3);
    }
  });

  let session: ModelSession;
  beforeAll(async () => {
    session = await ModelSession.create(ort, bytes, 'wasm');
  });
  afterAll(async () => {
    await session?.dispose();
  });

  it.each(['relu1', 'relu2'])(
    'every %s channel fires (a positive value) for most of the sample digits',
    async (name) => {
      expect(samples.digits).toHaveLength(10);
      const n = samples.digits.length;
      const out = await session.run({
        image: {
          data: Float32Array.from(samples.digits.flatMap((d) => d.pixels)),
          dims: [n, 1, 28, 28],
        },
      });
      const t = out[name]!;
      const [, channels, h, w] = t.dims as number[];
      const map = h! * w!;
      for (let c = 0; c < channels!; c++) {
        let firing = 0;
        for (let i = 0; i < n; i++) {
          const start = (i * channels! + c) * map;
          if (t.data.subarray(start, start + map).some((v) => v > 0)) firing++;
        }
        // The committed model: every channel fires for all 10 (the card's
        // metrics.aliveFractionPerChannel); a clear majority is the requirement.
        expect(firing, `${name} channel ${c} (0-based) fires for ${firing}/${n}`).toBeGreaterThan(
          n / 2,
        );
      }
    },
  );
});
