/**
 * The UI suite measures the renderer this checkout builds to, so it builds it first: a fresh clone
 * needs no manual `npm run build:renderer`, and a build left over from older code is never what
 * gets measured. Same config, same out/renderer as `npm run build:renderer`.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const CONFIG = fileURLToPath(new URL('../renderer/vite.config.ts', import.meta.url));

/** `outDir` elsewhere than out/renderer is for the test that checks the build itself. */
export async function buildRenderer(log: (line: string) => void, outDir?: string): Promise<void> {
  log(`  building the renderer (${outDir ?? 'out/renderer'})`);
  await build({ configFile: CONFIG, logLevel: 'warn', ...(outDir ? { build: { outDir } } : {}) });
}
