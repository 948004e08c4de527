/**
 * Moving and resizing a shift on the roster, and the rules a shift must keep wherever it lands
 * (docs/routing.md, "Roster"): it ends after it starts and lasts at most 16 hours, it overlaps no
 * other shift of its agent, it falls in none of their time off, and the agent is in its team. The
 * console checks a move against what it holds before sending it, to say exactly why it is refused;
 * the mutators (shift.put) refuse the overlap and the 16 hours again with what the server holds.
 */
import { MAX_SHIFT_MS, overlaps, type Interval, type Shift } from './records.ts';

export type ShiftRefusal = 'too_short' | 'too_long' | 'overlap' | 'time_off' | 'team';

/** The agent a shift would land on, as the roster holds them. */
export interface ShiftOwner {
  teamIds: readonly string[];
  shifts: readonly Pick<Shift, 'id' | 'start' | 'end'>[];
  timeOff: readonly Interval[];
}

/** Why `shift` may not be the agent's, or null when it may (the first rule broken, in the order above). */
export function shiftRefusal(shift: Pick<Shift, 'id' | 'teamId' | 'start' | 'end'>, owner: ShiftOwner): ShiftRefusal | null {
  if (shift.end <= shift.start) return 'too_short';
  if (shift.end - shift.start > MAX_SHIFT_MS) return 'too_long';
  if (owner.shifts.some((s) => s.id !== shift.id && overlaps(s, shift))) return 'overlap';
  if (owner.timeOff.some((o) => overlaps(o, shift))) return 'time_off';
  if (!owner.teamIds.includes(shift.teamId)) return 'team';
  return null;
}

/** The shift starting at `start` instead, its breaks moved with it. */
export function moveShift(shift: Shift, start: number): Shift {
  const by = start - shift.start;
  return { ...shift, start, end: shift.end + by, breaks: shift.breaks.map((b) => ({ start: b.start + by, end: b.end + by })) };
}

/** The shift ending at `end` instead; breaks no longer wholly inside it are dropped. */
export function resizeShift(shift: Shift, end: number): Shift {
  return { ...shift, end, breaks: shift.breaks.filter((b) => b.end <= end) };
}
