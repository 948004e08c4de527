/**
 * Text preparation for the local full-text index (SQLite FTS5, unicode61 tokenizer), shared so
 * the indexer and the query builder agree exactly.
 *
 * unicode61 splits on spaces and punctuation, which suits English but leaves a run of Chinese
 * characters as one giant token. We index every CJK character as its own token (a space on each
 * side) and turn a CJK run in a query into a phrase of those characters, so "退款" finds "申请退款"
 * with the characters adjacent and in order, the way Chinese users expect substring search to work.
 */

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;
const CJK_GLOBAL = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/gu;

/** The text as it goes into the index. */
export function indexableText(text: string): string {
  return CJK.test(text) ? text.replace(CJK_GLOBAL, ' $& ') : text;
}

/**
 * An FTS5 MATCH expression for what a person typed, or null if it holds nothing searchable.
 * Every term must match (AND); the last term is a prefix so results come while typing; quotes and
 * FTS5 operators typed by the person are treated as text, never as query syntax.
 */
export function toMatchExpression(input: string): string | null {
  const terms: string[] = [];
  const words = input
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);
  words.forEach((word, i) => {
    const isLast = i === words.length - 1 && !/[^\p{L}\p{N}_]$/u.test(input);
    const chars = [...word];
    if (chars.some((c) => CJK.test(c))) {
      // Latin parts inside a mixed word stay whole; each CJK character becomes its own token.
      const tokens = word.replace(CJK_GLOBAL, ' $& ').split(' ').filter(Boolean);
      terms.push(`"${tokens.join(' ')}"`);
    } else {
      terms.push(`"${word}"${isLast ? '*' : ''}`);
    }
  });
  return terms.length ? terms.join(' AND ') : null;
}

/** Markers FTS5's snippet() puts around matches: control characters can't appear in user text we index. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

/** Splits a snippet into plain and highlighted parts, and undoes the index's CJK spacing. */
export function splitHighlights(raw: string): { text: string; hit: boolean }[] {
  const snippet = unspaceCjk(raw);
  const parts: { text: string; hit: boolean }[] = [];
  const re = new RegExp(`${HIGHLIGHT_START}([^${HIGHLIGHT_END}]*)${HIGHLIGHT_END}`, 'g');
  let last = 0;
  for (const m of snippet.matchAll(re)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), hit: false });
    parts.push({ text: m[1] ?? '', hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), hit: false });
  return mergeAdjacent(parts);
}

function mergeAdjacent(parts: { text: string; hit: boolean }[]): { text: string; hit: boolean }[] {
  const out: { text: string; hit: boolean }[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (prev && prev.hit === p.hit) prev.text += p.text;
    else if (p.text) out.push({ ...p });
  }
  return out;
}

/** Removes the spaces indexableText() put around CJK characters (highlight markers may hug them). */
export function unspaceCjk(text: string): string {
  return text.replace(SPACED_CJK, '$1');
}

const SPACED_CJK = new RegExp(` ?(${HIGHLIGHT_START}?${CJK.source}${HIGHLIGHT_END}?) ?`, 'gu');

/** "9958" or "#9958" names ticket 9958 (the list shows it as #9958); anything else is words. */
export function ticketNumberIn(typed: string): number | null {
  const digits = /^#?\s*(\d{1,9})$/.exec(typed.trim())?.[1];
  return digits === undefined ? null : Number(digits);
}
