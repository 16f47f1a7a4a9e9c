import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import type { GlassboxOptions } from './e2e/fixtures';

/** Debian's Chromium (or CHROMIUM_PATH); Playwright's own browser only if neither exists. */
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const baseArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Not 4173 (npm start's port), so the tests never talk to a server left running by hand.
// E2E_SLOT=name (with E2E_PORT) runs a second suite side by side: it serves dist-name/ and
// writes its reports under test-results/*-name, so parallel work never clobbers another's.
const SLOT = process.env.E2E_SLOT;
const PORT = Number(process.env.E2E_PORT ?? 4183);
const DIST = SLOT ? `dist-${SLOT}` : 'dist';
const suffix = SLOT ? `-${SLOT}` : '';

export default defineConfig<GlassboxOptions>({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  retries: 0,
  workers: 2,
  // Playwright empties its outputDir on start: keep it apart from the other reports.
  outputDir: `test-results/playwright${suffix}`,
  reporter: [['list'], ['json', { outputFile: `test-results/e2e${suffix}.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --outDir ${DIST} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
  projects: [
    {
      name: 'wasm',
      testIgnore: [/webgpu-only/, /no-webgpu/],
      use: { ep: 'wasm', launchOptions: { executablePath, args: baseArgs } },
    },
    {
      // SwiftShader gives headless Chromium a (software) WebGPU adapter: correct, not fast.
      name: 'webgpu',
      testIgnore: [/no-webgpu/],
      use: {
        ep: 'webgpu',
        launchOptions: { executablePath, args: [...baseArgs, '--enable-unsafe-webgpu'] },
      },
    },
    {
      // Without --enable-unsafe-webgpu headless Chromium has no adapter: WebGPU is missing.
      name: 'no-webgpu',
      testMatch: /no-webgpu/,
      use: { ep: 'webgpu', launchOptions: { executablePath, args: baseArgs } },
    },
  ],
});
