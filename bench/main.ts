/**
 * The benchmark page. bench/run.mjs opens it in headless Chromium and calls `window.bench`:
 * Glassbox's own runtime code (runtime/ort + runtime/session, exactly what the inference worker
 * runs) and the TensorFlow.js peer (bench/tfjs.ts) on the same model weights, in the same page.
 */
import { seededNormal, seededRandom } from '../src/core/random';
import type { Tensor } from '../src/core/tensor';
import type { BackendName } from '../src/runtime/backend';
import { readInitializers } from '../src/runtime/graph/onnx';
import { GanTrainer } from '../src/runtime/ganTrainer';
import { loadOrt } from '../src/runtime/ort';
import { ModelSession } from '../src/runtime/session';
import { TOKENS_INPUT, transformerSpec } from '../src/runtime/transformer';
import { tfCnn, tfGan, tfTransformer, tf, useTfBackend, type TfBackend } from './tfjs';

export interface Latency {
  /** Session (or model) creation, ms. */
  create: number;
  /** The first run, shader compilation included, ms. */
  first: number;
  p50: number;
  p95: number;
  /** Total time of the `runs` runs over their number, ms. */
  mean: number;
  runs: number;
}

const modelsUrl = new URL('../models/', document.baseURI);

async function modelBytes(name: string): Promise<Uint8Array> {
  const res = await fetch(new URL(`${name}.onnx`, modelsUrl));
  if (!res.ok) throw new Error(`${name}.onnx: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function sampleDigit(): Promise<Float32Array> {
  const res = await fetch(new URL('mnist_samples.json', modelsUrl));
  const { digits } = (await res.json()) as { digits: { pixels: number[] }[] };
  return Float32Array.from(digits[7]!.pixels, (p) => p / 255);
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
}

const WARMUP_RUNS = 20;

/**
 * Times `create`, the first run and, after {@link WARMUP_RUNS} uncounted runs, `runs` more
 * runs (each reading back every output).
 */
async function latency(
  create: () => Promise<{ run: () => Promise<unknown>; dispose: () => unknown }>,
  runs: number,
): Promise<Latency> {
  const [createMs, m] = await time(create);
  const [first] = await time(() => m.run());
  // Warm-up runs, not counted (the same for every runtime): the JIT tiers up and allocators
  // settle during the first few dozen runs.
  for (let i = 0; i < WARMUP_RUNS; i++) await m.run();
  const ms: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) ms.push((await time(() => m.run()))[0]);
  // The mean over one long span: the page's clock has 0.1 ms steps (no cross-origin
  // isolation), too coarse to rank sub-millisecond runs by p50 alone.
  const mean = (performance.now() - t0) / runs;
  await m.dispose();
  ms.sort((a, b) => a - b);
  return {
    create: createMs,
    first,
    p50: percentile(ms, 0.5),
    p95: percentile(ms, 0.95),
    mean,
    runs,
  };
}

const cnnInput = async (): Promise<Record<string, Tensor>> => ({
  image: { data: await sampleDigit(), dims: [1, 1, 28, 28] },
});

/** A transformer's spec and a fixed input: T token ids 1, 2, 3, … (any ids time the same). */
async function transformerInput(name: string) {
  const res = await fetch(new URL(`${name}.json`, modelsUrl));
  const spec = transformerSpec(await res.json());
  const T = spec.context;
  const tokens = Float32Array.from({ length: T }, (_, i) => 1 + (i % 10));
  const inputs: Record<string, Tensor> = { [TOKENS_INPUT]: { data: tokens, dims: [1, T] } };
  return { spec, tokens, inputs };
}

/** max |a - b|; equal infinities (the masked scores' -Infinity) count as no difference. */
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i]) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

async function ortSession(name: string, backend: BackendName) {
  const ort = await loadOrt(backend);
  return ModelSession.create(ort, await modelBytes(name), backend);
}

const rand = seededRandom(1);
const normal = seededNormal(rand);
/** Two Gaussians at (±0.5, ±0.5), x and y interleaved. */
function twoGaussians(n: number): Float32Array {
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const c = rand() < 0.5 ? -0.5 : 0.5;
    out[2 * i] = c + 0.1 * normal();
    out[2 * i + 1] = c + 0.1 * normal();
  }
  return out;
}

const bench = {
  /** The WebGPU adapter's description, or null when there is none. */
  async adapter(): Promise<string | null> {
    const a = await navigator.gpu?.requestAdapter();
    if (!a) return null;
    const i = a.info;
    return (
      [i.vendor, i.architecture, i.device, i.description].filter(Boolean).join(' ') || 'unknown'
    );
  },

  /** Glassbox: the MNIST CNN on onnxruntime-web, all eight named outputs read back. */
  async ortCnn(backend: BackendName, runs: number): Promise<Latency> {
    const inputs = await cnnInput();
    return latency(async () => {
      const s = await ortSession('mnist_cnn', backend);
      return { run: () => s.run(inputs), dispose: () => s.dispose() };
    }, runs);
  },

  /**
   * Glassbox: the GAN digits view's models as one update runs them — G on a batch of 21
   * latents (12 grid samples, the selected digit, an 8-step walk) with their one-hot labels,
   * then D on the 21 images it drew.
   */
  async ortGanDigits(backend: BackendName, runs: number): Promise<Latency> {
    const n = 21;
    const z = Float32Array.from({ length: n * 8 }, () => normal());
    const label = Float32Array.from({ length: n * 10 }, (_, i) =>
      i % 10 === Math.floor(i / 10) % 10 ? 1 : 0,
    );
    return latency(async () => {
      const g = await ortSession('mnist_gan_g', backend);
      const d = await ortSession('mnist_gan_d', backend);
      return {
        run: async () => {
          const { image } = await g.run({
            z: { data: z, dims: [n, 8] },
            label: { data: label, dims: [n, 10] },
          });
          return d.run({ image: { data: image!.data, dims: [n, 1, 28, 28] } });
        },
        dispose: async () => {
          await g.dispose();
          await d.dispose();
        },
      };
    }, runs);
  },

  /**
   * Glassbox: a transformer (char_gpt_en, toy_reverse…) on a fixed text of token ids, every
   * named output (all heads' Q/K/V/scores/weights, every block) read back, as the lesson does.
   */
  async ortTransformer(name: string, backend: BackendName, runs: number): Promise<Latency> {
    const { inputs } = await transformerInput(name);
    return latency(async () => {
      const s = await ortSession(name, backend);
      return { run: () => s.run(inputs), dispose: () => s.dispose() };
    }, runs);
  },

  /**
   * TF.js: the same transformer with the same weights on the same tokens, every stage the ONNX
   * graph names read back; null when the backend is unavailable.
   */
  async tfTransformer(name: string, backend: TfBackend, runs: number): Promise<Latency | null> {
    if (!(await useTfBackend(backend))) return null;
    const { spec, tokens } = await transformerInput(name);
    const bytes = await modelBytes(name);
    return latency(async () => {
      const m = tfTransformer(readInitializers(bytes), spec);
      return { run: () => m.run(tokens), dispose: m.dispose };
    }, runs);
  },

  /**
   * Largest |difference| between Glassbox on WASM and TF.js wasm for the same tokens: in the
   * logits, in layer 0 head 0's attention weights, and over every named output.
   */
  async transformerAgreement(
    name: string,
  ): Promise<{ logits: number; weights: number; everyOutput: number } | null> {
    if (!(await useTfBackend('wasm'))) return null;
    const { spec, inputs, tokens } = await transformerInput(name);
    const s = await ortSession(name, 'wasm');
    const ours = await s.run(inputs);
    await s.dispose();
    const m = tfTransformer(readInitializers(await modelBytes(name)), spec);
    const theirs = await m.run(tokens);
    m.dispose();
    const diff = (n: string) => maxDiff(ours[n]!.data, theirs[n]!);
    return {
      logits: diff('logits'),
      weights: diff('l0.h0.weights'),
      everyOutput: Math.max(...Object.keys(theirs).map(diff)),
    };
  },

  /** TF.js: the same CNN with the same weights; null when the backend is unavailable. */
  async tfCnn(backend: TfBackend, runs: number): Promise<Latency | null> {
    if (!(await useTfBackend(backend))) return null;
    const image = (await cnnInput()).image!.data;
    const bytes = await modelBytes('mnist_cnn');
    return latency(async () => {
      const m = tfCnn(readInitializers(bytes));
      return { run: () => m.run(image), dispose: m.dispose };
    }, runs);
  },

  /** Largest |difference| between the two runtimes' probabilities for the same digit. */
  async cnnAgreement(backend: BackendName, tfBackend: TfBackend): Promise<number | null> {
    if (!(await useTfBackend(tfBackend))) return null;
    const inputs = await cnnInput();
    const s = await ortSession('mnist_cnn', backend);
    const ours = (await s.run(inputs)).probabilities!.data;
    await s.dispose();
    const m = tfCnn(readInitializers(await modelBytes('mnist_cnn')));
    const theirs = (await m.run(inputs.image!.data))[7]!;
    m.dispose();
    return Math.max(...Array.from(ours, (v, i) => Math.abs(v - theirs[i]!)));
  },

  /**
   * Glassbox GAN Lab-sized training (the same model as `tfGan`), through GanTrainer as the
   * worker runs it: fused iterations, `perCall` per run request, losses read back each call.
   */
  async ortGan(backend: BackendName, seconds: number, perCall: number): Promise<number> {
    const ort = await loadOrt(backend);
    const trainer = await GanTrainer.create(ort, backend, {
      spec: {
        dataDim: 2,
        noiseDim: 2,
        batch: 150,
        generator: { hidden: [16, 16], activation: 'relu' },
        discriminator: { hidden: [16, 16], activation: 'relu' },
        loss: 'non-saturating',
        optimizerG: 'adam',
        optimizerD: 'adam',
        dStepsPerG: 1,
      },
      seed: 1,
      data: twoGaussians(1000),
      hyper: { lrG: 0.001, lrD: 0.001, momentum: 0.9, beta1: 0.5, beta2: 0.999, eps: 1e-8 },
      view: { samples: 150, gridSize: 32, bounds: [-1, 1, -1, 1], manifoldSize: 0 },
    });
    await trainer.step('iteration', perCall);
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
      n += (await trainer.step('iteration', perCall)).ran;
    }
    const rate = n / ((performance.now() - t0) / 1000);
    await trainer.dispose();
    return rate;
  },

  /**
   * TF.js GAN Lab-sized training (G and D: two hidden layers of 16, batch 150, Adam): iterations
   * per second over at least `seconds`, after a warm-up; null when the backend is unavailable.
   */
  async tfGan(backend: TfBackend, seconds: number): Promise<number | null> {
    if (!(await useTfBackend(backend))) return null;
    const sampleReal = (n: number) => twoGaussians(n);
    const gan = tfGan({ hidden: 16, batch: 150, noiseDim: 2, lr: 0.001 }, sampleReal);
    for (let i = 0; i < 10; i++) tf.dispose(gan.iterate());
    await tf.nextFrame();
    let n = 0;
    const t0 = performance.now();
    let last: tf.Scalar | null = null;
    while (performance.now() - t0 < seconds * 1000) {
      for (let i = 0; i < 10; i++) {
        if (last) last.dispose();
        last = gan.iterate();
        n++;
      }
      await last!.data();
    }
    const rate = n / ((performance.now() - t0) / 1000);
    last?.dispose();
    gan.dispose();
    return rate;
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
document.body.dataset.ready = 'true';
