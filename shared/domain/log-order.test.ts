import { describe, expect, it } from 'vitest';
import { inLogOrder, inThreadOrder } from './log-order.ts';

describe('log order', () => {
  it('orders events by instant, then by id in byte order as SQLite and PostgreSQL (C collation) index them', () => {
    const events = [
      { id: 'b', at: 2 },
      { id: 'a', at: 2 },
      { id: 'B', at: 2 },
      { id: 'z', at: 1 },
    ];
    // Locale order would put 'a' before 'B'; byte order puts capitals first.
    expect(events.sort(inLogOrder).map((e) => e.id)).toEqual(['z', 'B', 'a', 'b']);
  });

  it('orders a thread by creation, then id', () => {
    const messages = [
      { id: 'm2', createdAt: 5 },
      { id: 'm1', createdAt: 5 },
      { id: 'm0', createdAt: 9 },
    ];
    expect(messages.sort(inThreadOrder).map((m) => m.id)).toEqual(['m1', 'm2', 'm0']);
  });
});
