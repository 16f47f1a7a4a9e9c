#!/usr/bin/env node
/**
 * GAN training speed in Node on onnxruntime-web's WASM backend (one thread, as the page):
 * iterations per second of the fused iteration graph for the GAN Lab-sized model (G and D
 * with two hidden layers of 16, ReLU, batch 150, Adam, noise dim 2, one D and one G step per
 * iteration), run through GanTrainer exactly as the worker runs it.
 *
 *   node scripts/gan-steps.mjs [iterations=3000] [perCall=10]
 *
 * Prints node counts of every graph and iterations/s for the fused iteration, D-only and
 * G-only steps. Loads the TypeScript sources through Vite's module runner.
 */
import { runnerImport } from 'vite';

const total = Number(process.argv[2] ?? 3000);
const perCall = Number(process.argv[3] ?? 10);

const ort = await import('onnxruntime-web');
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

const { module: gan } = await runnerImport('/src/runtime/graph/gan.ts');
const { module: trainerMod } = await runnerImport('/src/runtime/ganTrainer.ts');

const spec = {
  dataDim: 2,
  noiseDim: 2,
  batch: 150,
  generator: { hidden: [16, 16], activation: 'relu' },
  discriminator: { hidden: [16, 16], activation: 'relu' },
  loss: 'non-saturating',
  optimizerG: 'adam',
  optimizerD: 'adam',
  dStepsPerG: 1,
};
const view = { samples: 150, gridPoints: 32 * 32, manifoldPoints: 0 };
const graphs = gan.ganGraphs(spec, view);
for (const k of ['iteration', 'dStep', 'gStep', 'view'])
  console.log(`${k.padEnd(9)} ${String(graphs[k].nodeCount).padStart(4)} nodes`);

// A ring of 8 Gaussians, GAN Lab's classic data set.
const data = [];
for (let i = 0; i < 400; i++) {
  const a = ((i % 8) / 8) * 2 * Math.PI;
  data.push(
    0.5 + 0.35 * Math.cos(a) + 0.02 * Math.sin(i * 12.9898),
    0.5 + 0.35 * Math.sin(a) + 0.02 * Math.cos(i * 78.233),
  );
}
const trainer = await trainerMod.GanTrainer.create(ort, 'wasm', {
  spec,
  seed: 1,
  data: Float32Array.from(data),
  hyper: { lrG: 0.001, lrD: 0.001, momentum: 0.9, beta1: 0.5, beta2: 0.999, eps: 1e-8 },
  view: { samples: 150, gridSize: 32, bounds: [0, 1, 0, 1], manifoldSize: 0 },
});
// Wall time on a shared machine counts other processes' time too: the best call (the
// fastest group of perCall runs) shows what one free core does.
for (const kind of ['iteration', 'd', 'g']) {
  await trainer.step(kind, 20); // warm-up
  const t0 = performance.now();
  let best = Infinity;
  let r;
  for (let done = 0; done < total; done += perCall) {
    const c0 = performance.now();
    r = await trainer.step(kind, perCall);
    best = Math.min(best, performance.now() - c0);
  }
  const s = (performance.now() - t0) / 1000;
  console.log(
    `${kind.padEnd(9)} ${(total / s).toFixed(0).padStart(6)} /s overall, ${((perCall * 1000) / best).toFixed(0).padStart(6)} /s best call  (${total} in ${s.toFixed(2)} s, ${perCall} per call; lossD ${r.lossD.toFixed(4)} lossG ${r.lossG.toFixed(4)})`,
  );
}
await trainer.dispose();
