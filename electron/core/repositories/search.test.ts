import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../shared/contract/channels.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, splitHighlights } from '../../../shared/search/text.ts';
import { call, seededCore } from '../testing/fixtures.ts';

const core = seededCore(800);
const search = async (q: string, extra: Record<string, unknown> = {}) =>
  (await call<{ hits: SearchHit[] }>(core, 'search.query', { q, ...extra })).hits;
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
