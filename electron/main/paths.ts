/**
 * Where the built pieces live relative to the built main (`out/main/index.js`): the layout
 * `npm run build` produces and electron-builder packs into the asar.
 */
import path from 'node:path';

export interface BuiltPaths {
  rendererDir: string;
  preload: string;
  core: string;
}

export function builtPaths(mainDir: string): BuiltPaths {
  const out = path.resolve(mainDir, '..');
  return {
    rendererDir: path.join(out, 'renderer'),
    preload: path.join(out, 'preload', 'index.cjs'),
    core: path.join(out, 'core', 'index.js'),
  };
}

export const DATABASE_FILE = 'switchboard.db';
export const WINDOW_STATE_FILE = 'window-state.json';
