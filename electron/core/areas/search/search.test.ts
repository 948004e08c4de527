import { describe, expect, it } from 'vitest';
import type { SearchHit, SearchTotal } from '../../../../shared/contract/channels.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, splitHighlights } from '../../../../shared/search/text.ts';
import { join } from 'node:path';
import { openDatabase } from '../../db/open.ts';
import { createSearchWriter } from '../../search/search-writer.ts';
import { call, seededCore, tempDir } from '../../testing/fixtures.ts';
import { createSearchRepository } from './search.ts';

const core = seededCore(800);
const ORDER = ['ticket', 'message', 'contact', 'account', 'article'];
const grouped = (q: string, extra: Record<string, unknown> = {}) =>
  call<{ hits: SearchHit[]; totals: SearchTotal[] }>(core, 'search.query', { q, ...extra });
const search = async (q: string, extra: Record<string, unknown> = {}) => (await grouped(q, extra)).hits;
const highlighted = (hit: SearchHit) =>
  splitHighlights(hit.snippet)
    .filter((p) => p.hit)
    .map((p) => p.text.toLowerCase());

describe('search.query', () => {
  it('finds English words by prefix while typing, with highlight markers around the matches', async () => {
    const hits = await search('refu');
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(hit.snippet).toContain(HIGHLIGHT_START);
      expect(hit.snippet).toContain(HIGHLIGHT_END);
      expect(highlighted(hit).every((word) => word.startsWith('refu'))).toBe(true);
    }
    expect(hits.filter((h) => h.kind === 'message').every((h) => h.ticketId !== null && h.title.length > 0)).toBe(true);
  });

  it('finds a Chinese word inside a longer run of characters', async () => {
    const hits = await search('退款');
    expect(hits.length).toBeGreaterThan(0);
    // Every highlight is (part of, when the snippet window cuts it) the word searched for.
    expect(hits.every((h) => highlighted(h).length > 0 && highlighted(h).every((t) => '退款'.includes(t)))).toBe(true);
    expect(hits.some((h) => highlighted(h).includes('退款'))).toBe(true);
  });

  it('needs every word typed', async () => {
    const both = await search('invoice refund', { limit: 50 });
    expect(both.length).toBeGreaterThan(0);
    const text = (h: SearchHit) =>
      splitHighlights(h.snippet)
        .map((p) => p.text)
        .join('')
        .toLowerCase();
    expect(both.every((h) => text(h).includes('invoice') || h.title.toLowerCase().includes('invoice'))).toBe(true);
  });

  it('bounds a common word to the newest matches', async () => {
    const hits = await search('the', { limit: 20 });
    expect(hits).toHaveLength(20);
    const times = hits.map((h) => h.at);
    expect(Math.max(...times)).toBeGreaterThan(Math.min(...times) - 1);
  });

  it('finds contacts by name and email, and accounts by name, restricted to the kinds asked', async () => {
    const { rows } = await call<{ rows: { name: string; domain: string | null }[] }>(core, 'accounts.list', { limit: 5 });
    const account = rows[0]!;
    const firstWord = account.name.split(/\s+/)[0]!;
    const accountHits = await search(firstWord, { kinds: ['account'] });
    expect(accountHits.some((h) => h.kind === 'account' && h.title === account.name)).toBe(true);
    expect(accountHits.every((h) => h.kind === 'account')).toBe(true);

    const contacts = await call<{ name: string; email: string | null }[]>(core, 'contacts.find', { query: 'wang' });
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.every((c) => `${c.name} ${c.email}`.toLowerCase().includes('wang') || c.name.startsWith('王'))).toBe(true);
    const byName = await search(contacts[0]!.name, { kinds: ['contact'] });
    expect(byName.some((h) => h.kind === 'contact' && h.title === contacts[0]!.name)).toBe(true);
  });

  it("names a message hit's ticket and requester, so a customer is found by a word they wrote", async () => {
    const hits = await search('refund', { kinds: ['message'], limit: 10 });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const { ticket, requester } = await call<{
        ticket: { number: number; status: string; subject: string };
        requester: { name: string };
      }>(core, 'tickets.get', { id: hit.ticketId });
      expect(hit).toMatchObject({
        title: ticket.subject,
        ticketNumber: ticket.number,
        ticketStatus: ticket.status,
        requesterName: requester.name,
      });
      // The snippet shows the words found, not the kind asked for.
      expect(highlighted(hit).length).toBeGreaterThan(0);
      expect(highlighted(hit).every((word) => word.startsWith('refund'))).toBe(true);
    }
    const contact = (await search('refund', { kinds: ['contact', 'account'] }))[0];
    if (contact) expect(contact).toMatchObject({ ticketNumber: null, ticketStatus: null, requesterName: null });
  });

  it('filters ticket and message hits by their ticket status, leaving out kinds that have none', async () => {
    const all = await search('the', { limit: 50 });
    expect(new Set(all.map((h) => h.ticketStatus)).size).toBeGreaterThan(1);
    const solved = await search('the', { statuses: ['solved', 'closed'], limit: 50 });
    expect(solved.length).toBeGreaterThan(0);
    expect(solved.every((h) => (h.kind === 'ticket' || h.kind === 'message') && ['solved', 'closed'].includes(h.ticketStatus ?? ''))).toBe(
      true,
    );
    for (const hit of solved) expect(hit.snippet).toContain(HIGHLIGHT_START);
    expect(await search('the', { statuses: ['open'], kinds: ['contact'] })).toEqual([]);
  });

  it('groups hits by kind with `limit` per kind when asked', async () => {
    const hits = await search('a', { perKind: true, limit: 3 });
    const kinds = hits.map((h) => h.kind);
    // Grouped: each kind's hits are together, in the palette's order.
    expect(kinds).toEqual([...kinds].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)));
    for (const kind of ORDER) expect(kinds.filter((k) => k === kind).length).toBeLessThanOrEqual(3);
    expect(new Set(kinds).size).toBeGreaterThan(2);
  });

  it('finds a ticket by its number, with or without #, first among the tickets', async () => {
    const { rows } = await call<{ rows: { id: string; number: number | null }[] }>(core, 'tickets.list', { view: 'all', limit: 40 });
    const ticket = rows.find((r) => r.number !== null)!;
    for (const q of [String(ticket.number), `#${ticket.number}`]) {
      expect((await search(q, { perKind: true, limit: 6 }))[0]).toMatchObject({
        kind: 'ticket',
        id: ticket.id,
        ticketNumber: ticket.number,
      });
      expect((await search(q))[0]).toMatchObject({ kind: 'ticket', id: ticket.id });
    }
    // Among contacts the number is plain text: only one that holds those digits (a phone) is found.
    const contacts = await search(String(ticket.number), { kinds: ['contact'] });
    expect(contacts.every((c) => `${c.title} ${c.snippet}`.includes(String(ticket.number)))).toBe(true);
  });

  it('shows every kind that has hits, however many newer hits another kind has (accounts behind their contacts)', () => {
    // "Stonegate": six accounts, then forty of their people, whose addresses carry the name too.
    const db = openDatabase(join(tempDir(), 'crowded.db'));
    const writer = createSearchWriter(db);
    const ref = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
    for (let i = 1; i <= 6; i++)
      writer.insert({ kind: 'account', refId: ref(i), ticketId: null, at: i, title: `Stonegate ${i}`, body: 'stonegate.example' });
    for (let i = 7; i <= 46; i++)
      writer.insert({ kind: 'contact', refId: ref(i), ticketId: null, at: i, title: `Person ${i}`, body: `p${i}@stonegate.example` });
    const { hits, totals } = createSearchRepository(db).query('stonegate', [], 6, { perKind: true });
    expect(hits.filter((h) => h.kind === 'account')).toHaveLength(6);
    expect(hits.filter((h) => h.kind === 'contact')).toHaveLength(6);
    expect(totals).toEqual([
      { kind: 'ticket', count: 0, capped: false },
      { kind: 'message', count: 0, capped: false },
      { kind: 'contact', count: 40, capped: false },
      { kind: 'account', count: 6, capped: false },
      { kind: 'article', count: 0, capped: false },
    ]);
    db.close();
  });

  it('says how many hits each kind has, so the rest can be offered', async () => {
    const { hits, totals } = await grouped('the', { perKind: true, limit: 6 });
    const messages = totals.find((t) => t.kind === 'message')!;
    expect(hits.filter((h) => h.kind === 'message')).toHaveLength(6);
    expect(messages.count).toBeGreaterThan(6);
    const all = await search('the', { kinds: ['message'], limit: 50 });
    expect(messages.capped || messages.count >= all.length).toBe(true);
    // A kind with few hits is counted by what it shows.
    expect(totals.map((t) => t.kind)).toEqual(ORDER);
    const few = await grouped('password', { perKind: true, limit: 6 });
    const articles = few.hits.filter((h) => h.kind === 'article').length;
    if (articles < 6) expect(few.totals.find((t) => t.kind === 'article')).toEqual({ kind: 'article', count: articles, capped: false });
  });

  it("pages one kind's hits, newest first, with no overlap and no gap", async () => {
    const page = (offset: number) => grouped('the', { kinds: ['message'], perKind: true, limit: 20, offset });
    const first = await page(0);
    const second = await page(20);
    const whole = await grouped('the', { kinds: ['message'], perKind: true, limit: 40 });
    expect(first.hits).toHaveLength(20);
    expect(second.hits).toHaveLength(20);
    expect([...first.hits, ...second.hits].map((h) => h.id)).toEqual(whole.hits.map((h) => h.id));
    expect(second.totals).toEqual(whole.totals);
    await expect(grouped('the', { kinds: ['message'], perKind: true, offset: -1 })).rejects.toThrow(/VALIDATION/);
    // Pages are of one kind's group: an offset into the mixed newest-first list would be ignored, so it is refused.
    await expect(grouped('the', { kinds: ['message'], offset: 20 })).rejects.toThrow(/VALIDATION/);
  });

  it('treats search syntax typed by a person as text', async () => {
    for (const q of ['"', 'AND', 'refund OR', 'NEAR(a b)', '*', 'title:refund', '']) {
      const result = await core.dispatch('search.query', { q });
      expect(result.ok).toBe(true);
    }
  });

  it('finds knowledge-base articles in both languages', async () => {
    const en = await call<{ rows: { title: string; excerpt: string }[] }>(core, 'articles.list', { query: 'password' });
    expect(en.rows.map((r) => r.title)).toContain('Resetting your password');
    const zh = await call<{ rows: { title: string }[] }>(core, 'articles.list', { query: '密码' });
    expect(zh.rows.map((r) => r.title)).toContain('如何重置密码');
  });
});
