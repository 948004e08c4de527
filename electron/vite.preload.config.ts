/**
 * Builds the preload: electron/preload/index.ts -> out/preload/index.cjs. Sandboxed preloads can
 * neither be ES modules nor `require` anything but `electron` (and a few polyfilled built-ins), so
 * this is one self-contained CommonJS file with the contract (and zod) bundled in.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRoot = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

export default defineConfig({
  root: fromRoot(''),
  publicDir: false,
  ssr: { noExternal: true },
  build: {
    ssr: fromRoot('electron/preload/index.ts'),
    outDir: fromRoot('out/preload'),
    emptyOutDir: true,
    // Electron 45 ships Chromium 142.
    target: 'chrome142',
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: 'index.cjs' },
    },
  },
});
