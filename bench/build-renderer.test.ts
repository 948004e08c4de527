/**
 * The renderer build the UI suite (and start:web, and the tests) use: it builds from the config
 * alone, and no chunk reaches the 500 kB at which Vite warns on every start.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRenderer } from './build-renderer.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-renderer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the renderer build', () => {
  it('builds into a fresh folder, with every script chunk under Vite’s 500 kB warning', async () => {
    const lines: string[] = [];
    await buildRenderer((l) => lines.push(l), dir);
    expect(lines).toEqual([`  building the renderer (${dir})`]);
    const scripts = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(1);
    for (const file of scripts)
      expect({ file, under: statSync(join(dir, 'assets', file)).size < 500 * 1000 }).toEqual({ file, under: true });
    expect(readdirSync(dir)).toContain('index.html');
  });
});
