/**
 * Builds Electron's main process: electron/main/index.ts -> out/main/index.js (ESM, Node).
 * Everything it imports is bundled (zod, shared/) so the packaged app needs no node_modules for
 * main; `electron` is provided by the runtime and Node built-ins stay imports.
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRoot = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

export default defineConfig({
  root: fromRoot(''),
  publicDir: false,
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: fromRoot('electron/main/index.ts'),
    outDir: fromRoot('out/main'),
    emptyOutDir: true,
    target: 'node22',
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      external: ['electron', /^node:/, ...builtinModules],
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
});
