import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// Electron cannot run on the build machines: every test sees this stub in its place. Only
// electron/main and electron/preload import 'electron' at all (enforced by lint).
const electronStub = fileURLToPath(new URL('./test/stubs/electron.ts', import.meta.url));

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        resolve: { alias: { electron: electronStub } },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'test/contract/**/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts'],
          testTimeout: 30_000,
          // The server's test files share nothing but the test process's one PGlite (each test
          // database is a schema of its own, server/testing/shared-pglite.ts): without isolation a
          // process starts PGlite once for all the files it runs, not once per file.
          isolate: false,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'components',
          environment: 'jsdom',
          include: ['renderer/**/*.test.tsx', 'renderer/**/*.test.ts'],
          setupFiles: ['renderer/test-setup.ts'],
          // A test of a few user steps takes well under a second alone, and several on a loaded
          // machine; the default 5 s failed tests that were only waiting their turn for a core.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'torture',
          environment: 'node',
          include: ['test/torture/**/*.test.ts'],
          // Ten seeds of eight consoles and two server instances per test: seconds each, minutes when loaded.
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
