/// <reference types="vitest/config" />
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const modelsDir = fileURLToPath(new URL('./models/', import.meta.url));
/** Only the artifacts the app serves: NAME.onnx, its card NAME.json and sample data. */
const isServable = (name: string) => /^[\w-]+\.(onnx|json)$/.test(name);

/**
 * Serves models/*.onnx and their cards at ./models/ in dev and copies them into dist/models/
 * at build time, so the committed artifacts stay in models/ (next to their recipes) and the
 * built site works from any path of any static host.
 */
function glassboxModels(): Plugin {
  return {
    name: 'glassbox-models',
    configureServer(server) {
      server.middlewares.use('/models', (req, res, next) => {
        const name = decodeURIComponent((req.url ?? '/').split('?')[0]!.slice(1));
        const file = join(modelsDir, name);
        if (!isServable(name) || !existsSync(file)) return next();
        res.setHeader(
          'Content-Type',
          name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        );
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const name of readdirSync(modelsDir).filter(isServable)) {
        this.emitFile({
          type: 'asset',
          fileName: `models/${name}`,
          source: readFileSync(join(modelsDir, name)),
        });
      }
    },
  };
}

// No cross-origin isolation headers (COOP/COEP): onnxruntime-web runs single-threaded here (see
// src/runtime/ort.ts), so isolation would buy nothing, and COEP would stop pages that embed
// Glassbox, or that Glassbox's examples embed, from loading across origins.

export default defineConfig({
  base: './',
  plugins: [react(), glassboxModels()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'models/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
