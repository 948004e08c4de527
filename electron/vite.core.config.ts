/**
 * Builds Core for the utility process: electron/core/utility-entry.ts -> out/core/index.js (ESM,
 * Node). better-sqlite3 stays external: its native `.node` binary is loaded from node_modules
 * (unpacked from the asar by electron-builder); everything else is bundled.
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
    ssr: fromRoot('electron/core/utility-entry.ts'),
    outDir: fromRoot('out/core'),
    emptyOutDir: true,
    target: 'node22',
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      external: ['better-sqlite3', /^node:/, ...builtinModules],
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
});
