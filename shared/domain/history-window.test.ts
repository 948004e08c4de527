import { describe, expect, it } from 'vitest';
import { historyCutoff, keepsThread } from './history-window.ts';

const at = (iso: string) => Date.parse(iso);

describe('the message history window', () => {
  it('reaches back whole calendar months, to the last day of a shorter month', () => {
    expect(historyCutoff(at('2026-12-05T09:30:00Z'), 6)).toBe(at('2026-06-05T09:30:00Z'));
    expect(historyCutoff(at('2026-03-31T12:00:00Z'), 1)).toBe(at('2026-02-28T12:00:00Z'));
    expect(historyCutoff(at('2026-01-15T00:00:00Z'), 13)).toBe(at('2024-12-15T00:00:00Z'));
  });

  it('keeps every unsolved thread and the solved ones updated inside the window', () => {
    const now = at('2026-12-05T00:00:00Z');
    const old = at('2025-01-01T00:00:00Z');
    expect(keepsThread({ status: 'pending', updatedAt: old }, 6, now)).toBe(true);
    expect(keepsThread({ status: 'solved', updatedAt: old }, 6, now)).toBe(false);
    expect(keepsThread({ status: 'closed', updatedAt: old }, 24, now)).toBe(true);
    expect(keepsThread({ status: 'closed', updatedAt: at('2026-07-01T00:00:00Z') }, 6, now)).toBe(true);
    expect(keepsThread({ status: 'closed', updatedAt: old }, null, now)).toBe(true);
  });
});
