// Measures the MNIST CNN's inference time per backend in headless Chromium, as the e2e suite
// runs it: 50 runs (the 10 sample digits, 5 times), timed inside the worker around
// session.run and the copy of its outputs. Usage, with the app served (npm start):
//   node scripts/measure-inference.mjs [http://127.0.0.1:4173/]
// WebGPU here is SwiftShader (software): the figure proves the path works, not its speed.
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:4173/';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

for (const ep of ['wasm', 'webgpu']) {
  const browser = await chromium.launch({ executablePath, args });
  const page = await browser.newPage();
  await page.goto(`${base}?ep=${ep}#/convolution`);
  await page.getByTestId('conv.prediction.label').waitFor();
  const ms = [];
  for (let round = 0; round < 5; round++) {
    for (let digit = 0; digit < 10; digit++) {
      await page.getByTestId(`conv.sample-${digit}`).click();
      await page.locator('[data-testid="conv.prediction"][aria-busy="false"]').waitFor();
      ms.push(await page.evaluate(() => window.glassbox.state().runtime.lastMs));
    }
  }
  const backend = await page.getByTestId('app.backend').getAttribute('data-backend');
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(ms.length * q))].toFixed(2);
  console.log(
    `${ep}: backend ${backend}, ${ms.length} runs, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`,
  );
  await browser.close();
}
