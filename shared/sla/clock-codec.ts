/**
 * How a ticket's SLA clock steps (clock.ts `clockSteps`) are kept, by Core in `folded_logs.clock`
 * (Core migration 025) and by the server in `ticket_clocks.steps` (server/sla/clock-log.ts): one
 * JSON array of numbers, the encoding's version, the first step's instant, then three numbers a
 * step: its offset from that instant, its kind, and its value (the indexes of its status, priority
 * or message kind in the domain's lists). `decodeClockSteps(encodeClockSteps(x))` deep-equals `x`
 * (clock-codec.test.ts).
 *
 * A value in another version decodes to null, and the reader reads that ticket's events instead:
 * a change of encoding comes with a Core migration that empties every `log` (the keeper folds both
 * again); the server reads the log of a ticket whose kept steps do not decode, and keeps them anew.
 */
import { MESSAGE_KINDS, TICKET_PRIORITIES, TICKET_STATUSES } from '../domain/enums.ts';
import type { ClockStep } from './clock.ts';

const VERSION = 1;
const CREATED = 0;
const PRIORITY = 1;
const STATUS = 2;
const MESSAGE = 3;
const PRIORITIES = TICKET_PRIORITIES.length;

function encodeStep(step: ClockStep): [kind: number, value: number] {
  switch (step.kind) {
    case 'created':
      return [CREATED, TICKET_STATUSES.indexOf(step.status) * PRIORITIES + TICKET_PRIORITIES.indexOf(step.priority)];
    case 'priority':
      return [PRIORITY, TICKET_PRIORITIES.indexOf(step.priority)];
    case 'status':
      return [STATUS, TICKET_STATUSES.indexOf(step.status)];
    case 'message':
      return [MESSAGE, MESSAGE_KINDS.indexOf(step.message) * 2 + (step.automated ? 1 : 0)];
  }
}

export function encodeClockSteps(steps: readonly ClockStep[]): string {
  const base = steps[0]?.at ?? 0;
  const flat: number[] = [VERSION, base];
  for (const step of steps) flat.push(step.at - base, ...encodeStep(step));
  return JSON.stringify(flat);
}

function decodeStep(at: number, kind: number, value: number): ClockStep | null {
  switch (kind) {
    case CREATED: {
      const status = TICKET_STATUSES[Math.floor(value / PRIORITIES)];
      const priority = TICKET_PRIORITIES[value % PRIORITIES];
      return status && priority ? { at, kind: 'created', status, priority } : null;
    }
    case PRIORITY: {
      const priority = TICKET_PRIORITIES[value];
      return priority ? { at, kind: 'priority', priority } : null;
    }
    case STATUS: {
      const status = TICKET_STATUSES[value];
      return status ? { at, kind: 'status', status } : null;
    }
    case MESSAGE: {
      const message = MESSAGE_KINDS[value >> 1];
      return message ? { at, kind: 'message', message, automated: (value & 1) === 1 } : null;
    }
    default:
      return null;
  }
}

/** The steps kept in `text`; null when it is in another version or not an encoding of steps. */
export function decodeClockSteps(text: string): ClockStep[] | null {
  const flat = JSON.parse(text) as unknown;
  if (!Array.isArray(flat) || flat[0] !== VERSION || (flat.length - 2) % 3 !== 0) return null;
  const base = flat[1] as number;
  const steps: ClockStep[] = [];
  for (let i = 2; i < flat.length; i += 3) {
    const step = decodeStep(base + (flat[i] as number), flat[i + 1] as number, flat[i + 2] as number);
    if (!step) return null;
    steps.push(step);
  }
  return steps;
}
