/**
 * What the full-text index holds for each kind of record: one rule, used by every writer of the
 * cache (the sync record store and the demo seeder), so a seeded cache and a synced one search
 * alike.
 */
import type { SyncEntity } from '../../../shared/sync/protocol.ts';
import type { SearchDoc } from './search-writer.ts';

/**
 * The fields `searchDoc` reads, per entity: a change to none of them (a ticket's SLA snapshot,
 * status or priority) leaves the record's search entry as it is.
 */
export const SEARCH_DOC_FIELDS: Partial<Record<SyncEntity, ReadonlySet<string>>> = {
  ticket: new Set(['id', 'updatedAt', 'subject']),
  message: new Set(['id', 'kind', 'ticketId', 'createdAt', 'body']),
  contact: new Set(['id', 'createdAt', 'name', 'email', 'phone']),
  account: new Set(['id', 'createdAt', 'name', 'domain']),
  kb_article: new Set(['id', 'updatedAt', 'title', 'body']),
};

/** What the full-text index holds for a record, or null for records it does not index. */
export function searchDoc(entity: SyncEntity, row: Record<string, unknown>): SearchDoc | null {
  const id = row.id as string;
  switch (entity) {
    case 'ticket':
      return { kind: 'ticket', refId: id, ticketId: id, at: row.updatedAt as number, title: row.subject as string, body: '' };
    case 'message':
      // System messages ("Merged into …") are not what anyone searches for.
      if (row.kind === 'system') return null;
      return {
        kind: 'message',
        refId: id,
        ticketId: row.ticketId as string,
        at: row.createdAt as number,
        title: '',
        body: row.body as string,
      };
    case 'contact':
      return {
        kind: 'contact',
        refId: id,
        ticketId: null,
        at: row.createdAt as number,
        title: row.name as string,
        body: [row.email, row.phone].filter(Boolean).join(' '),
      };
    case 'account':
      return {
        kind: 'account',
        refId: id,
        ticketId: null,
        at: row.createdAt as number,
        title: row.name as string,
        body: (row.domain as string | null) ?? '',
      };
    case 'kb_article':
      return {
        kind: 'article',
        refId: id,
        ticketId: null,
        at: row.updatedAt as number,
        title: row.title as string,
        body: row.body as string,
      };
    default:
      return null;
  }
}
