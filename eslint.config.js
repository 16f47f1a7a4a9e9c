// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries (DESIGN.md): imports point inward only,
 *   app → lessons → viz / store / workers → runtime → core.
 * Each folder lists what it must not import; only runtime/ may import onnxruntime-web.
 */
const layer = (files, forbidden, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((dir) => ({
            group: [`**/${dir}/*`, `**/${dir}`],
            message: `${files[0]} must not import from ${dir}/ (see DESIGN.md: imports point inward).`,
          })),
          ...extra,
        ],
      },
    ],
  },
});
const noOrt = {
  group: ['onnxruntime-web', 'onnxruntime-web/*'],
  message: 'Only src/runtime/ imports onnxruntime-web.',
};
const noUi = {
  group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'],
  message: 'This layer is framework-free.',
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'node_modules',
      'test-results',
      'playwright-report',
      'models/**/*.py',
      'bench/results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**/*.{ts,tsx}'], ...reactHooks.configs.flat['recommended-latest'] },
  layer(
    ['src/core/**'],
    ['runtime', 'workers', 'store', 'lessons', 'viz', 'editor', 'i18n', 'app'],
    [noOrt, noUi],
  ),
  layer(
    ['src/runtime/**'],
    ['workers', 'store', 'lessons', 'viz', 'editor', 'i18n', 'app'],
    [noUi],
  ),
  layer(['src/workers/**'], ['store', 'lessons', 'viz', 'editor', 'app'], [noOrt, noUi]),
  layer(['src/viz/**'], ['runtime', 'workers', 'store', 'lessons', 'editor', 'app'], [noOrt]),
  layer(['src/store/**'], ['lessons', 'viz', 'editor', 'app'], [noOrt]),
  layer(
    ['src/i18n/**'],
    ['core', 'runtime', 'workers', 'store', 'lessons', 'viz', 'editor', 'app'],
    [noOrt],
  ),
  layer(['src/lessons/**'], ['app', 'editor'], [noOrt]),
  layer(['src/editor/**'], [], [noOrt]),
  // Monaco is large: the app may reach the editor only through a dynamic import().
  layer(
    ['src/app/**'],
    [],
    [
      noOrt,
      {
        group: ['**/editor/*', '**/editor', 'monaco-editor', 'monaco-editor/*'],
        message: 'Import the editor lazily (import()), so Monaco stays out of the initial bundle.',
      },
    ],
  ),
  // Tests may cross layers: runtime tests use onnxruntime-web's Node build (the same WASM
  // backend as the page), store tests check the generic URL/embed code against real lessons.
  { files: ['src/**/*.test.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['e2e/**', 'scripts/**', 'bench/**', '*.config.{ts,js}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
