import { describe, expect, it } from 'vitest';
import { copyJson } from './json-copy.ts';

describe('copyJson', () => {
  it('copies a row deeply: changing the original afterwards leaves the copy as it was', () => {
    const row = { id: 't1', tags: ['billing'], sla: { timers: [{ metric: 'firstReply', dueAt: 5 }] }, accountId: null, note: undefined };
    const copy = copyJson(row);
    row.tags.push('vip');
    row.sla.timers[0]!.dueAt = 9;
    row.sla.timers.push({ metric: 'resolution', dueAt: 7 });
    expect(copy).toEqual({
      id: 't1',
      tags: ['billing'],
      sla: { timers: [{ metric: 'firstReply', dueAt: 5 }] },
      accountId: null,
      note: undefined,
    });
    // As structuredClone does: a key whose value is undefined is still there.
    expect(Object.keys(copy)).toEqual(['id', 'tags', 'sla', 'accountId', 'note']);
    expect(copy).toStrictEqual(structuredClone({ ...copy }));
  });

  it('gives back values that are not objects as they are', () => {
    for (const value of ['text', 0, -1.5, true, null]) expect(copyJson(value)).toBe(value);
  });
});
