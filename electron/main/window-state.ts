/**
 * The window opens where the person left it: bounds and maximized state are kept in a small JSON
 * file in userData. The file is untrusted input (edited by hand, written by another version, left
 * over from a monitor that is gone), so it is validated and the bounds are clamped onto a display
 * that exists now.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export type Rect = { x: number; y: number; width: number; height: number };

const DEFAULT_SIZE = { width: 1280, height: 800 } as const;

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Centered on the primary work area, at the default size or as much of it as fits. */
export function defaultWindowState(primaryWorkArea: Rect): WindowState {
  const width = Math.min(DEFAULT_SIZE.width, primaryWorkArea.width);
  const height = Math.min(DEFAULT_SIZE.height, primaryWorkArea.height);
  return {
    x: primaryWorkArea.x + Math.round((primaryWorkArea.width - width) / 2),
    y: primaryWorkArea.y + Math.round((primaryWorkArea.height - height) / 2),
    width,
    height,
    maximized: false,
  };
}

/**
 * Moves and shrinks `state` so it lies entirely within the work area it overlaps most; a window
 * that overlaps no display at all goes back to the default place on the first (primary) one.
 */
export function clampToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(state, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  if (!best) return { ...defaultWindowState(primary), maximized: state.maximized };
  const width = Math.min(state.width, best.width);
  const height = Math.min(state.height, best.height);
  const x = Math.min(Math.max(state.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(state.y, best.y), best.y + best.height - height);
  return { x, y, width, height, maximized: state.maximized };
}

/** The remembered state, clamped to today's displays; the default when there is none or it is unreadable. */
export function loadWindowState(file: string, workAreas: Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return defaultWindowState(primary);
  }
  const parsed = WindowState.safeParse(raw);
  return parsed.success ? clampToDisplays(parsed.data, workAreas) : defaultWindowState(primary);
}

/** Written to a temporary file and renamed, so a crash mid-write cannot leave half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(WindowState.parse(state)));
  renameSync(tmp, file);
}
