import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../shared/ids.ts';
import { openCore } from '../../index.ts';
import { call, DEMO_NOW, seededCore, tempDir } from '../../testing/fixtures.ts';

const open = (databasePath: string) => openCore({ databasePath, transport: 'direct', now: () => DEMO_NOW, log: () => {} });

describe('drafts', () => {
  it('survive closing and reopening the database file, per ticket', async () => {
    const path = join(tempDir(), 'drafts.db');
    const [first, second] = [uuidv7(), uuidv7()];
    const core = open(path);
    await call(core, 'drafts.save', {
      ticketId: first,
      draft: { mode: 'reply', body: '**Hello** Dana,\n- step one', submitAs: 'pending' },
    });
    await call(core, 'drafts.save', { ticketId: second, draft: { mode: 'note', body: 'Call them back', submitAs: null } });
    // A later save replaces the earlier one.
    await call(core, 'drafts.save', { ticketId: second, draft: { mode: 'note', body: 'Call them back tomorrow', submitAs: null } });
    core.close();

    const reopened = open(path);
    try {
      expect(await call(reopened, 'drafts.get', { ticketId: first })).toEqual({
        draft: { mode: 'reply', body: '**Hello** Dana,\n- step one', submitAs: 'pending' },
      });
      expect(await call(reopened, 'drafts.get', { ticketId: second })).toEqual({
        draft: { mode: 'note', body: 'Call them back tomorrow', submitAs: null },
      });
      expect(await call(reopened, 'drafts.get', { ticketId: uuidv7() })).toEqual({ draft: null });

      await call(reopened, 'drafts.clear', { ticketId: first });
      // An emptied composer leaves nothing behind either.
      await call(reopened, 'drafts.save', { ticketId: second, draft: { mode: 'note', body: '  ', submitAs: null } });
    } finally {
      reopened.close();
    }
    const again = open(path);
    try {
      expect(await call(again, 'drafts.get', { ticketId: first })).toEqual({ draft: null });
      expect(await call(again, 'drafts.get', { ticketId: second })).toEqual({ draft: null });
    } finally {
      again.close();
    }
  });

  it('refuses malformed drafts with VALIDATION naming the field', async () => {
    const core = seededCore(5);
    const ticketId = uuidv7();
    const cases: [unknown, string][] = [
      [{ ticketId: 'ticket-1', draft: { mode: 'reply', body: 'x', submitAs: null } }, 'ticketId'],
      [{ ticketId, draft: { mode: 'email', body: 'x', submitAs: null } }, 'draft.mode'],
      [{ ticketId, draft: { mode: 'reply', body: 'x'.repeat(100_001), submitAs: null } }, 'draft.body'],
      [{ ticketId, draft: { mode: 'reply', body: 'x', submitAs: 'closed' } }, 'draft.submitAs'],
    ];
    for (const [input, path] of cases) {
      const result = await core.dispatch('drafts.save', input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('VALIDATION');
        expect(JSON.stringify(result.error.issues)).toContain(path);
      }
    }
  });
});

describe('ticket detail: links, search by number, the requester in context', () => {
  const core = seededCore(60);

  it('shows a merge from both sides, finds tickets by number, and lists the requester’s other tickets', async () => {
    const { rows } = await call<{ rows: { id: string; number: number; status: string; requesterId: string; teamId: string }[] }>(
      core,
      'tickets.list',
      { view: 'all', limit: 200 },
    );
    // Two open tickets of the demo agent's teams: the ones they may merge.
    const { me } = await call<{ me: { teamIds: string[] } }>(core, 'directory.get', {});
    const open = rows.filter((r) => r.status !== 'closed' && me.teamIds.includes(r.teamId));
    const [source, target] = open as [(typeof rows)[number], (typeof rows)[number]];
    await call(core, 'mutations.run', { name: 'ticket.merge', args: { sourceId: source.id, targetId: target.id } });

    const merged = await call<{ ticket: { status: string }; links: { role: string; ticket: { id: string } }[] }>(core, 'tickets.get', {
      id: source.id,
    });
    expect(merged.ticket.status).toBe('closed');
    expect(merged.links).toEqual([expect.objectContaining({ role: 'merged_into', ticket: expect.objectContaining({ id: target.id }) })]);
    const absorbing = await call<{ links: { role: string; ticket: { id: string } }[] }>(core, 'tickets.get', { id: target.id });
    expect(absorbing.links).toEqual([expect.objectContaining({ role: 'merged_from', ticket: expect.objectContaining({ id: source.id }) })]);

    const found = await call<{ tickets: { id: string }[] }>(core, 'tickets.find', { query: `#${target.number}` });
    expect(found.tickets[0]?.id).toBe(target.id);
    const excluded = await call<{ tickets: { id: string }[] }>(core, 'tickets.find', {
      query: String(target.number),
      excludeId: target.id,
    });
    expect(excluded.tickets.map((t) => t.id)).not.toContain(target.id);

    const context = await call<{ tickets: { id: string }[]; ticketCount: number }>(core, 'tickets.requesterContext', {
      ticketId: target.id,
    });
    const others = rows.filter((r) => r.requesterId === target.requesterId && r.id !== target.id);
    expect(context.ticketCount).toBe(others.length);
    expect(context.tickets.map((t) => t.id)).not.toContain(target.id);
  });
});
