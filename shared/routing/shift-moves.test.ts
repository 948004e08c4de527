import { describe, expect, it } from 'vitest';
import { HOUR_MS, type Shift } from './records.ts';
import { moveShift, resizeShift, shiftRefusal } from './shift-moves.ts';

const DAY = Date.UTC(2026, 2, 9);
const shift: Shift = {
  id: 'a',
  teamId: 'support',
  start: DAY + 9 * HOUR_MS,
  end: DAY + 17 * HOUR_MS,
  breaks: [{ start: DAY + 13 * HOUR_MS, end: DAY + 13.5 * HOUR_MS }],
};
const owner = { teamIds: ['support'], shifts: [shift], timeOff: [] };

describe('moving a shift', () => {
  it('moves its breaks with it, and a resize drops the breaks it no longer holds', () => {
    const later = moveShift(shift, shift.start + 26 * HOUR_MS);
    expect(later).toEqual({
      ...shift,
      start: DAY + 35 * HOUR_MS,
      end: DAY + 43 * HOUR_MS,
      breaks: [{ start: DAY + 39 * HOUR_MS, end: DAY + 39.5 * HOUR_MS }],
    });
    expect(resizeShift(shift, DAY + 13.5 * HOUR_MS).breaks).toEqual(shift.breaks);
    expect(resizeShift(shift, DAY + 13.25 * HOUR_MS).breaks).toEqual([]);
  });

  it('accepts the shift where it is, and says which rule a landing place breaks', () => {
    expect(shiftRefusal(shift, owner)).toBeNull();
    expect(shiftRefusal({ ...shift, end: shift.start }, owner)).toBe('too_short');
    expect(shiftRefusal({ ...shift, end: shift.start + 16 * HOUR_MS }, owner)).toBeNull();
    expect(shiftRefusal({ ...shift, end: shift.start + 16 * HOUR_MS + 1 }, owner)).toBe('too_long');
    const other = { ...shift, id: 'b', start: DAY + 17 * HOUR_MS, end: DAY + 20 * HOUR_MS };
    // Touching is not overlapping: one shift may end when the next starts.
    expect(shiftRefusal(other, owner)).toBeNull();
    expect(shiftRefusal({ ...other, start: other.start - 1 }, owner)).toBe('overlap');
    expect(shiftRefusal(shift, { ...owner, timeOff: [{ start: DAY + 16 * HOUR_MS, end: DAY + 40 * HOUR_MS }] })).toBe('time_off');
    expect(shiftRefusal(shift, { ...owner, teamIds: ['billing'] })).toBe('team');
  });
});
