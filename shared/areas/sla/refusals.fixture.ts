/**
 * The bad SLA settings a person can send and the coded refusal each gets, for the tests that try
 * them on the console (optimistically) and on the server (by push): the same list on both sides.
 */
import type { ErrorCode } from '../../contract/errors.ts';
import { deterministicId } from '../../ids.ts';
import type { MutatorName } from '../../sync/mutators.ts';

const hours = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));
export const goodCalendar = (id: string) => ({
  id,
  name: 'Support hours (Paris)',
  timeZone: 'Europe/Paris',
  weeklyHours: hours,
  holidays: [],
});
export const goodPolicy = (id: string, calendarId: string | null) => ({
  id,
  name: 'VIP',
  position: 0,
  conditions: { tags: ['vip'] },
  targets: {
    high: { firstReply: { minutes: 30, hours: 'calendar' }, resolution: { minutes: 480, hours: calendarId ? 'business' : 'calendar' } },
  },
  calendarId,
  breachActions: { notifyAssignee: true, notifySupervisors: true, raisePriority: false, escalate: false },
});

export interface Refusal {
  what: string;
  name: MutatorName;
  args: (ids: { calendar: string; policy: string }) => unknown;
  code: ErrorCode;
}

export const SLA_REFUSALS: Refusal[] = [
  {
    what: 'an unknown time zone',
    name: 'calendar.upsert',
    args: (i) => ({ ...goodCalendar(i.calendar), timeZone: 'Europe/Atlantis' }),
    code: 'VALIDATION',
  },
  {
    what: 'overlapping hours',
    name: 'calendar.upsert',
    args: (i) => ({ ...goodCalendar(i.calendar), weeklyHours: [...hours, { day: 1, start: '16:00', end: '18:00' }] }),
    code: 'VALIDATION',
  },
  {
    what: 'inverted hours',
    name: 'calendar.upsert',
    args: (i) => ({ ...goodCalendar(i.calendar), weeklyHours: [{ day: 1, start: '17:00', end: '09:00' }] }),
    code: 'VALIDATION',
  },
  {
    what: '30 February as a holiday',
    name: 'calendar.upsert',
    args: (i) => ({ ...goodCalendar(i.calendar), holidays: [{ date: '2027-02-30', name: 'Nope' }] }),
    code: 'VALIDATION',
  },
  {
    what: 'a policy with no targets',
    name: 'slaPolicy.upsert',
    args: (i) => ({ ...goodPolicy(i.policy, i.calendar), targets: {} }),
    code: 'VALIDATION',
  },
  {
    what: 'a negative target',
    name: 'slaPolicy.upsert',
    args: (i) => ({ ...goodPolicy(i.policy, i.calendar), targets: { urgent: { firstReply: { minutes: -5, hours: 'calendar' } } } }),
    code: 'VALIDATION',
  },
  {
    what: 'a policy naming a missing calendar',
    name: 'slaPolicy.upsert',
    args: (i) => goodPolicy(i.policy, deterministicId('no such calendar')),
    code: 'NOT_FOUND',
  },
  {
    what: 'business hours without a calendar',
    name: 'slaPolicy.upsert',
    args: (i) => ({ ...goodPolicy(i.policy, null), targets: { low: { resolution: { minutes: 60, hours: 'business' } } } }),
    code: 'RULE_VIOLATION',
  },
  {
    what: 'reordering a policy that does not exist',
    name: 'slaPolicy.reorder',
    args: (i) => ({ ids: [i.policy, deterministicId('gone')] }),
    code: 'NOT_FOUND',
  },
];
