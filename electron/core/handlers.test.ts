import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract/channels.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { LATEST_SCHEMA_VERSION } from './db/migrations/index.ts';
import { call, seededCore } from './testing/fixtures.ts';

const core = seededCore(300);

describe('Core dispatch', () => {
  it('answers every channel of the contract with output the contract accepts', async () => {
    const { rows } = await call<{ rows: { id: string; requesterId: string; accountId: string | null; teamId: string }[] }>(
      core,
      'tickets.list',
      {
        filter: { assigneeIds: ['me'] },
      },
    );
    const ticket = rows.find((r) => r.accountId)!;
    const article = (await call<{ rows: { id: string }[] }>(core, 'articles.list', {})).rows[0]!;
    const macro = (await call<{ macros: { id: string }[] }>(core, 'macros.list', {})).macros[0]!;
    const team = (await call<{ teams: { id: string }[] }>(core, 'directory.get', {})).teams[0]!;
    const viewId = uuidv7();
    const inputs: Record<string, unknown> = {
      'tickets.get': { id: ticket.id },
      'accounts.get': { id: ticket.accountId },
      'accounts.health': { accountId: ticket.accountId },
      'accounts.portfolio': { today: '2026-03-10' },
      'accounts.timeline': { accountId: ticket.accountId },
      // Saved, then deleted (the contract lists save before delete).
      'portfolioViews.save': { view: { id: viewId, name: 'Renewing soon', filter: { renewalWithinDays: 30 }, sort: 'renewal' } },
      'portfolioViews.delete': { id: viewId },
      'contacts.get': { id: ticket.requesterId },
      'contacts.find': { query: 'a' },
      'articles.get': { id: article.id },
      'search.query': { q: 'invoice' },
      'settings.update': { density: 'compact' },
      'session.signOut': { wipe: false },
      'mutations.run': { name: 'ticket.tags', args: { id: ticket.id, add: ['checked'] }, undoable: true },
      'tickets.find': { query: 'invoice' },
      'tickets.requesterContext': { ticketId: ticket.id },
      'drafts.get': { ticketId: ticket.id },
      'drafts.save': { ticketId: ticket.id, draft: { mode: 'note', body: 'Checking', submitAs: null } },
      'drafts.clear': { ticketId: ticket.id },
      'macros.get': { id: macro.id },
      'presence.get': { ticketId: ticket.id },
      'presence.set': { ticketId: ticket.id, typing: false },
      'board.tickets': { figure: { scope: 'team', teamId: ticket.teamId, measure: { kind: 'backlog' } }, at: Date.now() },
      'routing.roster': { from: Date.UTC(2026, 2, 9), to: Date.UTC(2026, 2, 16) },
      'routing.mySchedule': { from: Date.UTC(2026, 2, 9), to: Date.UTC(2026, 2, 23) },
      'routing.coverage': { teamId: team.id, weekOf: Date.UTC(2026, 2, 9) },
      'complaints.tickets': { query: {} },
      'complaints.comments': { query: {} },
    };
    // Signing in and Next ticket need a server, and resolving needs an issue: sync/*.test.ts, the
    // routing tests and the routing e2e cover them.
    // mutations.undo takes back the change mutations.run (before it in the contract) held.
    let held: number | null = null;
    const answers = [];
    for (const channel of CHANNEL_NAMES.filter((c) => c !== 'session.signIn' && c !== 'sync.resolve' && c !== 'routing.nextTicket')) {
      const result = await core.dispatch(channel, channel === 'mutations.undo' ? { mutationId: held } : (inputs[channel] ?? {}));
      if (channel === 'mutations.run' && result.ok) held = (result.value as { mutationId: number }).mutationId;
      answers.push({ channel, error: result.ok ? undefined : result.error });
    }
    expect(answers.filter((a) => a.error)).toEqual([]);
  });

  it('refuses invalid input with VALIDATION naming the field, and crashes nothing', async () => {
    const cases: [string, unknown][] = [
      ['tickets.list', { limit: 0 }],
      ['tickets.list', { filter: { statuses: ['lost'] } }],
      ['tickets.list', { view: 'everything' }],
      ['tickets.list', { extra: true }],
      ['tickets.get', { id: 'not-a-uuid' }],
      ['settings.update', { theme: 'purple' }],
      ['search.query', { q: 'x'.repeat(201) }],
      ['contacts.find', { query: '' }],
      ['app.info', 'a string'],
    ];
    for (const [channel, input] of cases) {
      const result = await core.dispatch(channel, input);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      if (!result.ok) expect(result.error.issues?.length).toBeGreaterThan(0);
    }
    expect((await core.dispatch('app.info', {})).ok).toBe(true);
  });

  it('refuses an unknown channel', async () => {
    for (const channel of ['tickets.delete', '__proto__', 'constructor', '']) {
      expect(await core.dispatch(channel, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('says NOT_FOUND for records that do not exist', async () => {
    for (const channel of ['tickets.get', 'accounts.get', 'contacts.get', 'articles.get']) {
      expect(await core.dispatch(channel, { id: uuidv7() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('keeps settings and tells subscribers when they change', async () => {
    const seen: unknown[] = [];
    const unsubscribe = core.subscribe((name, payload) => seen.push({ name, payload }));
    const updated = await call(core, 'settings.update', { theme: 'dark', locale: 'zh-CN' });
    expect(updated).toEqual({
      theme: 'dark',
      locale: 'zh-CN',
      density: expect.any(String),
      notifications: true,
      undoSeconds: 5,
      historyMonths: null,
    });
    expect(await call(core, 'settings.get', {})).toEqual(updated);
    expect(seen).toEqual([{ name: 'settings.changed', payload: updated }]);
    unsubscribe();
    await call(core, 'settings.update', { theme: 'light' });
    expect(seen).toHaveLength(1);
  });

  it('reports the app, the schema and what the cache holds', async () => {
    const info = await call<{ transport: string; schemaVersion: number; counts: { tickets: number; messages: number } }>(
      core,
      'app.info',
      {},
    );
    expect(info.transport).toBe('direct');
    expect(info.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(info.counts.tickets).toBe(300);
    expect(info.counts.messages).toBeGreaterThan(300);
  });

  it('summarizes the queue for the dashboard from the cache', async () => {
    const summary = await call<{ byStatus: Record<string, number>; workload: { open: number }[]; backlogByAge: { count: number }[] }>(
      core,
      'dashboard.summary',
      {},
    );
    expect(Object.values(summary.byStatus).reduce((a, b) => a + b, 0)).toBe(300);
    const unsolved = summary.byStatus.new! + summary.byStatus.open! + summary.byStatus.pending! + summary.byStatus.on_hold!;
    expect(summary.backlogByAge.reduce((a, b) => a + b.count, 0)).toBe(unsolved);
    expect(summary.workload.length).toBeGreaterThan(5);
  });

  it('lists accounts by name with a keyset cursor and a name search', async () => {
    type Page = { rows: { id: string; name: string }[]; nextCursor: string | null };
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await call<Page>(core, 'accounts.list', { cursor, limit: 4 });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    const info = await call<{ counts: { accounts: number } }>(core, 'app.info', {});
    expect(new Set(seen).size).toBe(info.counts.accounts);
    const first = await call<Page>(core, 'accounts.list', { limit: 1 });
    const found = await call<Page>(core, 'accounts.list', { query: first.rows[0]!.name.slice(1, 6) });
    expect(found.rows.map((r) => r.id)).toContain(first.rows[0]!.id);
  });

  it('refuses a stale reply at once when asked to: nothing queued, nothing appended, the newer messages in the answer', async () => {
    // One of the person's own (any open ticket may be outside their teams, which the mutator refuses)
    // where the customer wrote after an earlier message: the reply answers that earlier one.
    const { rows } = await call<{ rows: { id: string }[] }>(core, 'tickets.list', { filter: { statuses: ['open'], assigneeIds: ['me'] } });
    type Detail = { ticket: { id: string }; messages: { id: string; kind: string }[] };
    let found: { detail: Detail; customer: number } | null = null;
    for (const row of rows) {
      const detail = await call<Detail>(core, 'tickets.get', { id: row.id });
      const customer = detail.messages.findLastIndex((m) => m.kind === 'inbound');
      if (customer >= 1) {
        found = { detail, customer };
        break;
      }
    }
    const { ticket, messages } = found!.detail;
    const older = messages[found!.customer - 1]!;
    const missed = messages[found!.customer]!;
    const before = await call<{ pendingMutations: number }>(core, 'sync.status', {});
    const reply = { id: uuidv7(), ticketId: ticket.id, kind: 'reply', body: 'Answering an old message', seenMessageId: older.id };

    const refused = await call<{ mutationId: number | null; outcome: string; conflicts: { field: string; theirs: { id: string }[] }[] }>(
      core,
      'mutations.run',
      { name: 'message.append', args: reply, onConflict: 'discard' },
    );
    expect(refused.mutationId).toBeNull();
    expect(refused.outcome).toBe('conflict');
    expect(refused.conflicts[0]?.field).toBe('newerMessages');
    expect(refused.conflicts[0]?.theirs.map((m) => m.id)).toContain(missed.id);
    expect((await call<{ pendingMutations: number }>(core, 'sync.status', {})).pendingMutations).toBe(before.pendingMutations);
    const after = await call<{ messages: { id: string }[] }>(core, 'tickets.get', { id: ticket.id });
    expect(after.messages.map((m) => m.id)).toEqual(messages.map((m) => m.id));

    // Having read them, the same reply goes out.
    const sent = await call<{ mutationId: number | null; outcome: string }>(core, 'mutations.run', {
      name: 'message.append',
      args: { ...reply, seenMessageId: messages.at(-1)?.id },
      onConflict: 'discard',
    });
    expect(sent).toMatchObject({ outcome: 'applied', mutationId: expect.any(Number) });
  });
});
