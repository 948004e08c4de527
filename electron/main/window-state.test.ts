import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clampToDisplays, defaultWindowState, loadWindowState, saveWindowState } from './window-state.ts';

const laptop = { x: 0, y: 25, width: 1440, height: 875 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1440 };

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchboard-window-'));
  file = path.join(dir, 'window-state.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('keeps bounds that are fully visible', () => {
    const state = { x: 1600, y: 100, width: 1280, height: 800, maximized: true };
    expect(clampToDisplays(state, [laptop, rightMonitor])).toEqual(state);
  });

  it('brings a window from a disconnected monitor back to the primary display', () => {
    const clamped = clampToDisplays({ x: 1600, y: 100, width: 1280, height: 800, maximized: false }, [laptop]);
    expect(clamped).toEqual(defaultWindowState(laptop));
  });

  it('pulls a window hanging off the edge fully onto the display and shrinks it to fit', () => {
    expect(clampToDisplays({ x: 1000, y: -200, width: 3000, height: 600, maximized: false }, [laptop])).toEqual({
      x: 0,
      y: 25,
      width: 1440,
      height: 600,
      maximized: false,
    });
  });

  it('round-trips through the file and is clamped when loaded', () => {
    saveWindowState(file, { x: 100, y: 100, width: 1200, height: 900, maximized: true });
    expect(loadWindowState(file, [laptop])).toEqual({ x: 100, y: 25, width: 1200, height: 875, maximized: true });
  });

  it('falls back to the default for a missing, damaged or invalid file', () => {
    expect(loadWindowState(file, [laptop])).toEqual(defaultWindowState(laptop));
    writeFileSync(file, '{"x": 1');
    expect(loadWindowState(file, [laptop])).toEqual(defaultWindowState(laptop));
    writeFileSync(file, JSON.stringify({ x: 0, y: 0, width: -5, height: 'tall', maximized: false }));
    expect(loadWindowState(file, [laptop])).toEqual(defaultWindowState(laptop));
  });

  it('refuses to save invalid bounds', () => {
    expect(() => saveWindowState(file, { x: 0, y: 0, width: 0, height: 10, maximized: false })).toThrow();
    expect(() => readFileSync(file)).toThrow();
  });
});
