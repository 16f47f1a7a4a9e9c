// npm run bench: builds the app (dist/) and the benchmark page (dist-bench/), serves both from
// one local origin, and measures them in headless Chromium (Debian's) with WebGPU enabled —
// Glassbox's runtime against the TensorFlow.js peer in the same browser, same run. Writes
// bench/results/<date>.json and the table in bench/RESULTS.md.
//   node bench/run.mjs [--quick] [--no-build]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const root = new URL('..', import.meta.url).pathname;
const argv = new Set(process.argv.slice(2));
const quick = argv.has('--quick');
const RUNS = quick ? 30 : 200;
const GAN_SECONDS = quick ? 1 : 3;

if (!argv.has('--no-build')) {
  console.log('== building the app and the benchmark page');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  execFileSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
}

// --- a static server for dist/ at / and dist-bench/ at /bench/ ----------------------------
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};
function fileFor(url) {
  const path = decodeURIComponent(new URL(url, 'http://x').pathname);
  const [dir, rest] = path.startsWith('/bench/')
    ? ['dist-bench', path.slice('/bench/'.length)]
    : ['dist', path.slice(1)];
  const file = normalize(join(root, dir, rest || 'index.html'));
  return file.startsWith(join(root, dir)) && existsSync(file) && statSync(file).isFile()
    ? file
    : null;
}
const server = createServer((req, res) => {
  const file = fileFor(req.url ?? '/');
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
  // WebGL on a machine without a GPU (TF.js's webgl backend): SwiftShader.
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];
const browser = await chromium.launch({ executablePath, args });

/** Runs `f(bench)` in a fresh benchmark page (each runtime/backend gets a clean page). */
async function inBench(f, arg) {
  const page = await browser.newPage();
  try {
    await page.goto(`${base}bench/`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    return await page.evaluate(f, arg);
  } catch (e) {
    console.log(`   failed: ${String(e).split('\n')[0]}`);
    return null;
  } finally {
    await page.close();
  }
}

const fmt = (v, d = 2) => (v == null ? '—' : v.toFixed(d));
const results = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    browser: `Chromium ${browser.version()}`,
    adapter: await inBench(() => window.bench.adapter()),
  },
  runs: RUNS,
  models: {},
  gan: {},
  app: {},
};
console.log(`== ${results.machine.browser}, adapter: ${results.machine.adapter ?? 'none'}`);

// --- models: Glassbox (onnxruntime-web) vs TF.js -------------------------------------------
const TF = ['wasm', 'cpu', 'webgl', 'webgpu'];
const cnn = { glassbox: {}, tfjs: {} };
for (const ep of ['wasm', 'webgpu']) {
  console.log(`-- mnist_cnn: Glassbox on ${ep}`);
  cnn.glassbox[ep] = await inBench(([b, n]) => window.bench.ortCnn(b, n), [ep, RUNS]);
}
for (const tb of TF) {
  console.log(`-- mnist_cnn: TF.js on ${tb}`);
  cnn.tfjs[tb] = await inBench(([b, n]) => window.bench.tfCnn(b, n), [tb, RUNS]);
}
cnn.agreement = await inBench(() => window.bench.cnnAgreement('wasm', 'wasm'));
results.models.mnist_cnn = cnn;
const TRANSFORMERS = ['char_gpt_en', 'toy_reverse'];
for (const name of TRANSFORMERS) {
  const t = { glassbox: {} };
  for (const ep of ['wasm', 'webgpu']) {
    console.log(`-- ${name}: Glassbox on ${ep}`);
    t.glassbox[ep] = await inBench(
      ([n, b, r]) => window.bench.ortTransformer(n, b, r),
      [name, ep, ep === 'webgpu' ? Math.min(RUNS, 50) : RUNS],
    );
  }
  results.models[name] = t;
}

// --- GAN training ---------------------------------------------------------------------------
const gan = { glassbox: {}, tfjs: {} };
for (const ep of ['wasm', 'webgpu']) {
  console.log(`-- GAN Lab-sized training: Glassbox on ${ep}`);
  gan.glassbox[ep] = await inBench(([b, s]) => window.bench.ortGan(b, s, 10), [ep, GAN_SECONDS]);
}
for (const tb of TF) {
  console.log(`-- GAN Lab-sized training: TF.js on ${tb}`);
  gan.tfjs[tb] = await inBench(([b, s]) => window.bench.tfGan(b, s), [tb, GAN_SECONDS]);
}
results.gan.ganLab = gan;

// --- the app: sizes and main-thread frame times ---------------------------------------------
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const indexHtml = readFileSync(join(root, 'dist/index.html'), 'utf8');
const initialJs = [...indexHtml.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map(
  (m) => m[1],
);
results.app.initialJsGzip = initialJs.reduce((n, f) => n + gz(join(root, 'dist', f)), 0);
{
  const page = await browser.newPage();
  const fetched = new Set();
  page.on('response', (r) => {
    const file = fileFor(r.url().replace(base, '/'));
    if (file && r.status() === 200) fetched.add(file);
  });
  await page.goto(`${base}?ep=wasm#/convolution`);
  await page.locator('[data-testid="conv.prediction"][aria-busy="false"]').waitFor();
  await page.waitForLoadState('networkidle');
  results.app.firstVisitWasm = {
    files: fetched.size,
    gzipBytes: [...fetched].reduce((n, f) => n + gz(f), 0),
    webgpuBuildFetched: [...fetched].some((f) => /webgpu|asyncify/.test(f)),
  };
  // Main-thread frames, idle and while a learner scrubs the CNN's layers with the arrow keys.
  const startFrames = () =>
    page.evaluate(() => {
      window.__frames = [];
      let last = performance.now();
      const loop = (t) => {
        window.__frames.push(t - last);
        last = t;
        if (window.__frames.length < 100000) requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    });
  const stopFrames = async () => {
    const frames = await page.evaluate(() => {
      const f = window.__frames.slice(2).sort((a, b) => a - b);
      window.__frames.length = 100000;
      return f;
    });
    const at = (q) => frames[Math.min(frames.length - 1, Math.floor(frames.length * q))];
    return { frames: frames.length, p50: at(0.5), p95: at(0.95) };
  };
  await startFrames();
  await page.waitForTimeout(2000);
  results.app.idleFrames = await stopFrames();
  await page.waitForTimeout(100);
  await startFrames();
  await page.getByTestId('conv.step.next').focus();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press(i % 12 < 6 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForTimeout(30);
  }
  results.app.scrubFrames = await stopFrames();
  await page.close();
}
{
  // Main-thread frames while the GAN Lab-sized model trains in the worker (the GAN lesson's
  // default is 2 × 16 hidden, batch 128, Adam; 10 iterations per frame).
  const page = await browser.newPage();
  await page.goto(`${base}?ep=wasm#/gan`);
  await page.getByTestId('gan.train.play').waitFor();
  await page.waitForTimeout(1500);
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const loop = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (window.__frames.length < 100000) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  await page.getByTestId('gan.train.play').click();
  await page.waitForTimeout(quick ? 3000 : 8000);
  const frames = await page.evaluate(() => window.__frames.slice(5).sort((a, b) => a - b));
  const at = (q) => frames[Math.min(frames.length - 1, Math.floor(frames.length * q))];
  const rate = Number(await page.getByTestId('gan.train.rate').getAttribute('data-value'));
  const steps = Number(await page.getByTestId('gan.train.steps').getAttribute('data-value'));
  results.app.trainFrames = { frames: frames.length, p50: at(0.5), p95: at(0.95), rate, steps };
  await page.close();
}
const onnx = ['mnist_cnn', ...TRANSFORMERS, 'char_gpt_zh', 'mnist_gan_g', 'mnist_gan_d'];
for (const f of onnx) results.app[`${f}.onnx`] = statSync(join(root, 'models', `${f}.onnx`)).size;

await browser.close();
server.close();

// --- write --------------------------------------------------------------------------------
mkdirSync(join(root, 'bench/results'), { recursive: true });
const stamp = results.date.slice(0, 10);
writeFileSync(join(root, `bench/results/${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);

const best = (o, key, lowerIsBetter) => {
  const entries = Object.entries(o).filter(([, v]) => v != null);
  if (!entries.length) return null;
  const pick = (v) => (key ? v[key] : v);
  return entries.reduce((a, b) =>
    lowerIsBetter ? (pick(b[1]) < pick(a[1]) ? b : a) : pick(b[1]) > pick(a[1]) ? b : a,
  );
};
const lines = [];
const m = results.machine;
lines.push(
  `Measured ${results.date} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB), ${m.browser}, WebGPU adapter: ${m.adapter ?? 'none'}.`,
  '',
);
if (/swiftshader|llvmpipe|cpu/i.test(m.adapter ?? '') || !m.adapter)
  lines.push(
    '> WebGPU here is a software rasteriser (SwiftShader): its figures prove the path works, not its speed. So are TF.js webgl/webgpu on this machine.',
    '',
  );
lines.push(`### MNIST CNN forward pass (${RUNS} runs, every stage read back), ms`, '');
lines.push('| runtime | backend | create | first run | p50 | p95 | speed-up vs best TF.js (p50) |');
lines.push('|---|---|---:|---:|---:|---:|---:|');
const bestTf = best(cnn.tfjs, 'p50', true);
for (const [b, v] of Object.entries(cnn.glassbox))
  lines.push(
    `| Glassbox (onnxruntime-web) | ${b} | ${fmt(v?.create, 1)} | ${fmt(v?.first)} | ${fmt(v?.p50)} | ${fmt(v?.p95)} | ${v && bestTf ? `${(bestTf[1].p50 / v.p50).toFixed(2)}× (TF.js ${bestTf[0]})` : '—'} |`,
  );
for (const [b, v] of Object.entries(cnn.tfjs))
  lines.push(
    `| TF.js 4.22 | ${b} | ${fmt(v?.create, 1)} | ${fmt(v?.first)} | ${fmt(v?.p50)} | ${fmt(v?.p95)} | ${v ? '' : 'unavailable'} |`,
  );
lines.push(
  '',
  `Agreement (probabilities, WASM vs TF.js wasm): max |diff| ${cnn.agreement?.toExponential(2) ?? '—'}`,
  '',
);
lines.push(
  '### Transformer forward passes (Glassbox; every named output read back), ms',
  '',
  '| model | backend | create | first run | p50 | p95 |',
  '|---|---|---:|---:|---:|---:|',
);
for (const name of TRANSFORMERS)
  for (const [b, v] of Object.entries(results.models[name].glassbox))
    lines.push(
      `| ${name} | ${b} | ${fmt(v?.create, 1)} | ${fmt(v?.first)} | ${fmt(v?.p50)} | ${fmt(v?.p95)} |`,
    );
lines.push('', 'The TF.js transformer baseline is not built yet (see RESULTS.md notes).', '');
lines.push(
  '### GAN Lab-sized training (G, D: 2 hidden layers of 16, batch 150, Adam), iterations/s',
  '',
);
const bestTfGan = best(gan.tfjs, null, false);
lines.push('| runtime | backend | iterations/s | vs best TF.js |', '|---|---|---:|---:|');
for (const [b, v] of Object.entries(gan.glassbox))
  lines.push(
    `| Glassbox | ${b} | ${fmt(v, 0)} | ${v && bestTfGan ? `${(v / bestTfGan[1]).toFixed(1)}× (TF.js ${bestTfGan[0]})` : '—'} |`,
  );
for (const [b, v] of Object.entries(gan.tfjs)) lines.push(`| TF.js 4.22 | ${b} | ${fmt(v, 0)} | |`);
lines.push('', '### The app', '');
lines.push(
  `- Initial JS (what index.html loads), gzip: ${results.app.initialJsGzip.toLocaleString('en')} bytes (target ≤ 200 KB)`,
);
const fv = results.app.firstVisitWasm;
lines.push(
  `- First visit on WASM (Convolution lesson until the first prediction): ${fv.files} files, ${fv.gzipBytes.toLocaleString('en')} bytes gzip; WebGPU build fetched: ${fv.webgpuBuildFetched ? 'yes' : 'no'}`,
);
const sf = results.app.scrubFrames;
lines.push(
  `- Main-thread frame time while scrubbing steps: p50 ${fmt(sf.p50, 1)} ms, p95 ${fmt(sf.p95, 1)} ms over ${sf.frames} frames (idle page: p50 ${fmt(results.app.idleFrames.p50, 1)}, p95 ${fmt(results.app.idleFrames.p95, 1)})`,
);
const tf = results.app.trainFrames;
lines.push(
  `- Main-thread frame time while a GAN trains in the worker (WASM, GAN lesson defaults): p50 ${fmt(tf.p50, 1)} ms, p95 ${fmt(tf.p95, 1)} ms over ${tf.frames} frames, ${fmt(tf.rate, 0)} iterations/s shown (target p95 ≤ 20 ms)`,
);
lines.push(
  `- Model sizes: ${onnx.map((f) => `${f}.onnx ${results.app[`${f}.onnx`].toLocaleString('en')} B`).join(', ')}`,
);

// --- targets (issue 7), from this run ------------------------------------------------------
const ok = (b) => (b ? 'met' : '**missed**');
const ganWasm = gan.glassbox.wasm;
const bestGlassboxGan = Math.max(...Object.values(gan.glassbox).filter((v) => v != null));
const cnnBest = Math.min(
  ...Object.values(cnn.glassbox)
    .filter(Boolean)
    .map((v) => v.p50),
);
lines.push('', '### Targets', '');
lines.push('| target | measured | status |', '|---|---|---|');
if (bestTfGan)
  lines.push(
    `| GAN training ≥ 5× the best TF.js backend | ${(bestGlassboxGan / bestTfGan[1]).toFixed(1)}× | ${ok(bestGlassboxGan >= 5 * bestTfGan[1])} |`,
  );
lines.push(
  `| ≥ 1,000 iterations/s on WASM (GAN Lab size) | ${fmt(ganWasm, 0)} | ${ok(ganWasm >= 1000)} |`,
);
if (bestTf)
  lines.push(
    `| CNN forward no slower than the best TF.js backend (p50) | ${fmt(cnnBest)} vs ${fmt(bestTf[1].p50)} ms | ${ok(cnnBest <= bestTf[1].p50)} |`,
  );
lines.push(`| frame p95 ≤ 20 ms while training | ${fmt(tf.p95, 1)} ms | ${ok(tf.p95 <= 20)} |`);
lines.push(
  `| initial JS ≤ 200 KB gzip | ${results.app.initialJsGzip.toLocaleString('en')} B | ${ok(results.app.initialJsGzip <= 200 * 1024)} |`,
);
lines.push(
  `| a WASM visitor does not download the WebGPU build | ${fv.webgpuBuildFetched ? 'fetched' : 'not fetched'} | ${ok(!fv.webgpuBuildFetched)} |`,
);

const md = join(root, 'bench/RESULTS.md');
const head = existsSync(md)
  ? readFileSync(md, 'utf8').split('<!-- results -->')[0]
  : '# Benchmark results\n\n';
writeFileSync(md, `${head}<!-- results -->\n\n${lines.join('\n')}\n`);
console.log(lines.join('\n'));
