/**
 * Whole synced records (the shapes of shared/domain/records.ts, as mutators and the server see
 * them) read from and written to Core's tables. Every write keeps the derived rows in step in the
 * same transaction: a ticket's tags (ticket_tags), a user's teams (user_teams) and the full-text
 * index. Both optimistic mutations (sqlite-tx.ts) and pulled pages write through here.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { z } from 'zod';
import { SYNCED_ENTITIES } from '../../../shared/sync/entities.ts';
import { SYNC_ENTITIES, type SyncEntity } from '../../../shared/sync/protocol.ts';
import type { EntityRows } from '../../../shared/sync/tx.ts';
import { SEARCH_DOC_FIELDS, searchDoc } from '../search/search-doc.ts';
import { createSearchWriter, type SearchDoc } from '../search/search-writer.ts';

/**
 * How a record field is stored: as is, as JSON text (null stays NULL), as 0/1, or as is for a field
 * that may be absent (absent is NULL, and NULL reads back as absent).
 */
type Codec = 'plain' | 'json' | 'bool' | 'optional' | 'optionalJson';

interface TableSpec {
  table: string;
  /** [record field, column, codec]; the first is always `id`. */
  columns: [string, string, Codec][];
}

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A field's codec from its zod type: arrays, objects and free JSON values as JSON text, booleans as
 * 0/1, and a field that may be absent as absent when NULL (a ticket event's actorKind, a user's
 * routing profile).
 */
function codecOf(type: z.ZodType): Codec {
  const def = type._zod.def as { type: string; innerType?: z.ZodType };
  if (def.type === 'optional' && def.innerType) {
    const inner = codecOf(def.innerType);
    return inner === 'plain' ? 'optional' : inner === 'json' ? 'optionalJson' : inner;
  }
  if (def.innerType && ['nullable', 'optional', 'default', 'readonly'].includes(def.type)) return codecOf(def.innerType);
  if (def.type === 'array' || def.type === 'object' || def.type === 'record' || def.type === 'lazy') return 'json';
  return def.type === 'boolean' ? 'bool' : 'plain';
}

/** Where a table differs from what its record schema implies. */
interface TableExceptions {
  /** Default: the entity's name with an `s`. */
  table?: string;
  /** Fields kept elsewhere than a column of the table. */
  omit?: string[];
  /** Default: the field's name in snake_case. */
  columns?: Record<string, string>;
}

const EXCEPTIONS: Partial<Record<SyncEntity, TableExceptions>> = {
  // teamIds live in user_teams (written below).
  user: { omit: ['teamIds'] },
  // `from` and `to` are SQL keywords.
  ticket_event: { columns: { from: 'from_value', to: 'to_value' } },
  feedback: { table: 'feedback' },
  sla_policy: { table: 'sla_policies' },
  health_settings: { table: 'health_settings' },
  complaint_category: { table: 'complaint_categories' },
};

/** A synced entity's table: a column per field of its record schema (shared/sync/entities.ts), `id` first. */
function tableOf(entity: SyncEntity): TableSpec {
  const { table = `${entity}s`, omit = [], columns = {} } = EXCEPTIONS[entity] ?? {};
  const shape = SYNCED_ENTITIES[entity].record.shape as Record<string, z.ZodType>;
  const fields = Object.keys(shape).filter((f) => !omit.includes(f));
  return { table, columns: fields.map((f) => [f, columns[f] ?? snake(f), codecOf(shape[f]!)]) };
}

const TABLES = Object.fromEntries(SYNC_ENTITIES.map((entity) => [entity, tableOf(entity)])) as Record<SyncEntity, TableSpec>;

/** The tables a cache reset empties: every synced table and what is derived from them. */
export const SYNCED_TABLES: readonly string[] = [
  ...Object.values(TABLES).map((t) => t.table),
  'user_teams',
  'ticket_tags',
  'search_docs',
  'search_index',
  'directory_index',
];

export interface RecordStore {
  get<E extends SyncEntity>(entity: E, id: string): EntityRows[E] | null;
  /**
   * Inserts or updates the record (never delete-and-insert, which would cascade). With `changesOnly`
   * an existing row is first read and only the columns that differ are written:
   * worth a primary-key read where a write usually changes a field or two of a row that exists
   * (a person's changes, pre-images put back), not where rows mostly arrive new (a bootstrap).
   */
  put<E extends SyncEntity>(entity: E, row: EntityRows[E], options?: { changesOnly: boolean }): void;
  /**
   * Inserts the record if no row has its id, with `version` as its version (ticket events have
   * none), and returns true; returns false, writing nothing, if the row exists. For rows that
   * mostly arrive new (a bootstrap): no read before the write, and the derived rows (tags, teams,
   * search document) are inserted without looking for old ones, which exist only with the record.
   */
  insertNew<E extends SyncEntity>(entity: E, row: EntityRows[E], version: number): boolean;
  del(entity: SyncEntity, id: string): void;
  /** The stored row version; null when the record is absent (ticket events have none: 0). */
  versionOf(entity: SyncEntity, id: string): number | null;
}

interface Statements {
  select: Statement;
  upsert: Statement;
  insertNew: Statement;
  /** The position of the `version` column, or -1. */
  versionAt: number;
  remove: Statement;
  version: Statement;
}

function encode(value: unknown, codec: Codec): unknown {
  if (value === undefined || value === null) return null;
  if (codec === 'json' || codec === 'optionalJson') return JSON.stringify(value);
  if (codec === 'bool') return value ? 1 : 0;
  return value;
}

function decode(value: unknown, codec: Codec): unknown {
  if (codec === 'json' || codec === 'optionalJson') return value === null ? null : JSON.parse(value as string);
  if (codec === 'bool') return value === 1;
  return value;
}

const SEARCH_KIND: Partial<Record<SyncEntity, SearchDoc['kind']>> = {
  ticket: 'ticket',
  message: 'message',
  contact: 'contact',
  account: 'account',
  kb_article: 'article',
};

export function createRecordStore(db: Database): RecordStore {
  const search = createSearchWriter(db);
  const statements = new Map<SyncEntity, Statements>();
  const teamsOf = db.prepare<[string], { team_id: string }>('SELECT team_id FROM user_teams WHERE user_id = ? ORDER BY position');
  const clearTeams = db.prepare('DELETE FROM user_teams WHERE user_id = ?');
  const addTeam = db.prepare('INSERT INTO user_teams (user_id, team_id, position) VALUES (?, ?, ?)');
  const clearTags = db.prepare('DELETE FROM ticket_tags WHERE ticket_id = ?');
  const addTag = db.prepare('INSERT OR IGNORE INTO ticket_tags (ticket_id, tag) VALUES (?, ?)');
  const tagsOf = db.prepare<[string], string>('SELECT tag FROM ticket_tags WHERE ticket_id = ?').pluck();

  const updates = new Map<string, Statement>();
  /** An UPDATE of the given columns (by position in TABLES) of one row, by id. */
  function updateOf(entity: SyncEntity, changed: readonly number[]): Statement {
    const key = `${entity}:${changed.join(',')}`;
    let stmt = updates.get(key);
    if (!stmt) {
      const { table, columns } = TABLES[entity];
      stmt = db.prepare(`UPDATE ${table} SET ${changed.map((i) => `${columns[i]![1]} = ?`).join(', ')} WHERE id = ?`);
      updates.set(key, stmt);
    }
    return stmt;
  }

  function prepared(entity: SyncEntity): Statements {
    let s = statements.get(entity);
    if (s) return s;
    const { table, columns } = TABLES[entity];
    const names = columns.map(([, c]) => c);
    const hasVersion = columns.some(([f]) => f === 'version');
    s = {
      select: db.prepare(`SELECT ${names.join(', ')} FROM ${table} WHERE id = ?`).raw(),
      upsert: db.prepare(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${names
           .slice(1)
           .map((c) => `${c} = excluded.${c}`)
           .join(', ')}`,
      ),
      insertNew: db.prepare(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`,
      ),
      versionAt: columns.findIndex(([f]) => f === 'version'),
      remove: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
      version: db.prepare(`SELECT ${hasVersion ? 'version' : '0'} FROM ${table} WHERE id = ?`).pluck(),
    };
    statements.set(entity, s);
    return s;
  }

  return {
    get(entity, id) {
      const values = prepared(entity).select.get(id) as unknown[] | undefined;
      if (!values) return null;
      const row: Record<string, unknown> = {};
      TABLES[entity].columns.forEach(([field, , codec], i) => {
        if ((codec !== 'optional' && codec !== 'optionalJson') || values[i] !== null) row[field] = decode(values[i], codec);
      });
      if (entity === 'user') row.teamIds = teamsOf.all(id).map((r) => r.team_id);
      return row as EntityRows[typeof entity];
    },

    put(entity, record, options) {
      const row = record as unknown as Record<string, unknown>;
      const id = row.id as string;
      const { columns } = TABLES[entity];
      const values = columns.map(([field, , codec]) => encode(row[field], codec));
      const stored = options?.changesOnly ? (prepared(entity).select.get(id) as unknown[] | undefined) : undefined;
      /** Null: written whole. Else the fields the UPDATE changed. */
      let changedFields: Set<string> | null = null;
      if (stored) {
        // Every index on a column an UPDATE names is rewritten, changed or not: name only what changed.
        const changed = columns.flatMap((_, i) => (stored[i] === values[i] ? [] : [i]));
        if (changed.length > 0) updateOf(entity, changed).run(...changed.map((i) => values[i]), id);
        changedFields = new Set(changed.map((i) => columns[i]![0]));
      } else {
        prepared(entity).upsert.run(values);
      }
      if (entity === 'user') {
        clearTeams.run(id);
        (row.teamIds as string[]).forEach((teamId, i) => addTeam.run(id, teamId, i));
      } else if (entity === 'ticket' && !(changedFields && !changedFields.has('tags'))) {
        // Tags rarely change with the rest of a ticket: rewriting equal rows would only add pages to the commit.
        const tags = new Set(row.tags as string[]);
        const stored = tagsOf.all(id);
        if (stored.length !== tags.size || stored.some((tag) => !tags.has(tag))) {
          clearTags.run(id);
          for (const tag of tags) addTag.run(id, tag);
        }
      }
      const kind = SEARCH_KIND[entity];
      if (!kind) return;
      // A change the search entry does not read (an SLA recompute, a status) leaves it alone.
      const reads = SEARCH_DOC_FIELDS[entity];
      if (changedFields && reads && ![...changedFields].some((f) => reads.has(f))) return;
      const doc = searchDoc(entity, row);
      if (doc) search.put(doc);
      else search.remove(kind, id);
    },

    insertNew(entity, record, version) {
      const row = record as unknown as Record<string, unknown>;
      const s = prepared(entity);
      const { columns } = TABLES[entity];
      const values = new Array<unknown>(columns.length);
      for (let i = 0; i < columns.length; i++) {
        const [field, , codec] = columns[i]!;
        values[i] = encode(row[field], codec);
      }
      if (s.versionAt >= 0) values[s.versionAt] = version;
      if (s.insertNew.run(values).changes === 0) return false;
      const id = row.id as string;
      if (entity === 'user') (row.teamIds as string[]).forEach((teamId, i) => addTeam.run(id, teamId, i));
      else if (entity === 'ticket') for (const tag of row.tags as string[]) addTag.run(id, tag);
      const doc = SEARCH_KIND[entity] ? searchDoc(entity, row) : null;
      if (doc) search.insert(doc);
      return true;
    },

    del(entity, id) {
      prepared(entity).remove.run(id);
      if (entity === 'user') clearTeams.run(id);
      else if (entity === 'ticket') clearTags.run(id);
      const kind = SEARCH_KIND[entity];
      if (kind) search.remove(kind, id);
    },

    versionOf(entity, id) {
      const v = prepared(entity).version.get(id) as number | undefined;
      return v === undefined ? null : v;
    },
  };
}
