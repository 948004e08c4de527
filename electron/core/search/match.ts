/**
 * FTS5 MATCH expressions for the full-text tables (search_index, directory_index): what the person
 * typed, looked for in the text columns only, optionally narrowed to some kinds of record. A kind
 * filter intersects with the `kind` column's doclist, as long as the table: cheap in
 * directory_index, costly in search_index (tickets and messages), where it is used only when asked
 * for one of the two kinds.
 */
import { toMatchExpression } from '../../../shared/search/text.ts';
import type { SearchDocKind } from './search-writer.ts';

export function searchMatch(typed: string, kinds: readonly SearchDocKind[] = []): string | null {
  const expression = toMatchExpression(typed);
  if (!expression) return null;
  // A one-letter word being typed would be a prefix of most of the index; until a second letter
  // comes, it matches only itself.
  const text = expression.replace(/"([^"])"\*$/u, '"$1"');
  const scoped = `{title body} : (${text})`;
  return kinds.length ? `kind : (${kinds.join(' OR ')}) AND ${scoped}` : scoped;
}
