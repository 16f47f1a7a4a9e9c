import { defineConfig } from 'vite';

/**
 * The benchmark page (bench/index.html): Glassbox's runtime modules and the TensorFlow.js
 * peer side by side. Built on its own into dist-bench/, so TF.js never enters the app bundle.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: { outDir: '../dist-bench', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
