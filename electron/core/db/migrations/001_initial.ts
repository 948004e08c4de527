/**
 * The first schema: every record of shared/domain/records.ts, the local-only tables, and the
 * full-text index. Enums become CHECK constraints built from the same tuples the zod schemas use,
 * so the database refuses what the contract would.
 *
 * Conventions: ids are UUIDv7 TEXT; times INTEGER epoch ms; booleans INTEGER 0/1; list fields that
 * views filter on get their own table (ticket_tags, user_teams), the rest is JSON TEXT.
 * Every synced table carries `version` (the server's row version, 0 until acknowledged).
 *
 * Synced tables declare no foreign keys: the server owns referential integrity, pulled pages bring
 * a person's own tickets before the teams and contacts they point at, and rows leaving the
 * person's scopes leave references behind on purpose. Only the derived tables that belong to one
 * record (ticket_tags, user_teams) reference it, so they go when it goes.
 */
import {
  ACCOUNT_TIERS,
  ARTICLE_STATUSES,
  CHANNELS,
  CUSTOMER_TYPES,
  FEEDBACK_KINDS,
  INTERACTION_KINDS,
  LIFECYCLE_STAGES,
  LOCALES,
  MESSAGE_KINDS,
  ROLES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from '../../../../shared/domain/enums.ts';
import { MessageAuthor, TicketEventKind } from '../../../../shared/domain/records.ts';
import type { Migration } from './types.ts';

const oneOf = (column: string, values: readonly (string | number)[]) =>
  `CHECK (${column} IN (${values.map((v) => (typeof v === 'number' ? String(v) : `'${v}'`)).join(', ')}))`;

const synced = `
  version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL`;

/** Keeps sort keys for NULL due times last in `due_asc` without a NULLS LAST scan. */
export const NO_DUE_KEY = Number.MAX_SAFE_INTEGER;

const sql = `
CREATE TABLE tenants (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, name TEXT NOT NULL, time_zone TEXT NOT NULL,${synced}
);

CREATE TABLE teams (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',${synced}
);

CREATE TABLE users (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  name TEXT NOT NULL, email TEXT NOT NULL, role TEXT NOT NULL ${oneOf('role', ROLES)},
  skills TEXT NOT NULL DEFAULT '[]', capacity INTEGER NOT NULL DEFAULT 0,
  locale TEXT NOT NULL ${oneOf('locale', LOCALES)}, active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),${synced}
);

-- A user's team ids (User.teamIds), as rows so "my teams" is an index lookup.
CREATE TABLE user_teams (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  team_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (user_id, team_id)
) WITHOUT ROWID;
CREATE INDEX user_teams_team ON user_teams(team_id);

CREATE TABLE accounts (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  name TEXT NOT NULL, domain TEXT,
  tier TEXT NOT NULL ${oneOf('tier', ACCOUNT_TIERS)},
  lifecycle_stage TEXT NOT NULL ${oneOf('lifecycle_stage', LIFECYCLE_STAGES)},
  owner_id TEXT, renewal_date TEXT,
  annual_value_minor INTEGER NOT NULL DEFAULT 0 CHECK (annual_value_minor >= 0), currency TEXT NOT NULL,
  health_score INTEGER CHECK (health_score BETWEEN 0 AND 100), notes TEXT NOT NULL DEFAULT '',${synced}
);
CREATE INDEX accounts_name ON accounts(name COLLATE NOCASE, id);
CREATE INDEX accounts_lifecycle ON accounts(lifecycle_stage, name COLLATE NOCASE, id);
CREATE INDEX accounts_owner ON accounts(owner_id);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  account_id TEXT, name TEXT NOT NULL, email TEXT, phone TEXT, title TEXT,
  customer_type TEXT NOT NULL ${oneOf('customer_type', CUSTOMER_TYPES)},
  locale TEXT NOT NULL ${oneOf('locale', LOCALES)},${synced}
);
CREATE INDEX contacts_account ON contacts(account_id, name);
CREATE INDEX contacts_customer_type ON contacts(customer_type);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  number INTEGER UNIQUE CHECK (number > 0), subject TEXT NOT NULL,
  status TEXT NOT NULL ${oneOf('status', TICKET_STATUSES)},
  priority TEXT NOT NULL ${oneOf('priority', TICKET_PRIORITIES)},
  type TEXT NOT NULL ${oneOf('type', TICKET_TYPES)},
  channel TEXT NOT NULL ${oneOf('channel', CHANNELS)},
  requester_id TEXT NOT NULL,
  account_id TEXT,
  team_id TEXT NOT NULL,
  assignee_id TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  escalation_tier INTEGER NOT NULL DEFAULT 1 CHECK (escalation_tier IN (1, 2, 3)),
  sla_policy_id TEXT,
  first_reply_due_at INTEGER, next_reply_due_at INTEGER, resolution_due_at INTEGER,
  first_reply_at INTEGER, solved_at INTEGER, closed_at INTEGER,
  last_message_at INTEGER NOT NULL, message_count INTEGER NOT NULL DEFAULT 0,
  merged_into_id TEXT, follow_up_of_id TEXT,${synced},
  -- Sort keys derived from the row so every sort has a plain B-tree order to page along.
  priority_rank INTEGER GENERATED ALWAYS AS (CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END) VIRTUAL,
  due_key INTEGER GENERATED ALWAYS AS (
    CASE WHEN status IN ('solved', 'closed') THEN ${NO_DUE_KEY}
    ELSE coalesce(min(coalesce(first_reply_due_at, ${NO_DUE_KEY}), coalesce(next_reply_due_at, ${NO_DUE_KEY}), coalesce(resolution_due_at, ${NO_DUE_KEY})), ${NO_DUE_KEY}) END
  ) VIRTUAL
);
-- Inbox paging (repositories/ticket-filter.ts chooses which one drives). A page is a walk along
-- one of these in sort order, reading about limit matching rows whatever the table size. The
-- sort-only indexes carry the columns views filter on most, so rows that fail a status, team or
-- assignee filter are skipped inside the index without reading the table. Indexes led by one
-- value (an assignee, a team, a status, a requester, an account) serve the narrow queues.
CREATE INDEX tickets_updated ON tickets(updated_at, id, status, team_id, assignee_id);
CREATE INDEX tickets_created ON tickets(created_at, id, status, team_id, assignee_id);
CREATE INDEX tickets_priority ON tickets(priority_rank, updated_at, id, status, team_id, assignee_id);
CREATE INDEX tickets_due ON tickets(due_key, id, status, team_id, assignee_id);
-- Also covers the dashboard's counts of unsolved tickets (by priority, age, assignee).
CREATE INDEX tickets_status_updated ON tickets(status, updated_at, id, assignee_id, priority, created_at);
CREATE INDEX tickets_assignee_updated ON tickets(assignee_id, updated_at, id);
CREATE INDEX tickets_assignee_created ON tickets(assignee_id, created_at, id);
CREATE INDEX tickets_team_updated ON tickets(team_id, updated_at, id);
CREATE INDEX tickets_requester ON tickets(requester_id, updated_at, id);
CREATE INDEX tickets_account ON tickets(account_id, updated_at, id);
CREATE INDEX tickets_solved ON tickets(solved_at) WHERE solved_at IS NOT NULL;

CREATE TABLE ticket_tags (
  ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (tag, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_tags_ticket ON ticket_tags(ticket_id);

CREATE TABLE messages (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL ${oneOf('kind', MESSAGE_KINDS)},
  author_type TEXT NOT NULL ${oneOf('author_type', MessageAuthor.options)},
  author_id TEXT, body TEXT NOT NULL,
  channel TEXT NOT NULL ${oneOf('channel', CHANNELS)},${synced}
);
CREATE INDEX messages_ticket ON messages(ticket_id, created_at, id);

CREATE TABLE ticket_events (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL ${oneOf('kind', TicketEventKind.options)},
  actor_id TEXT, from_value TEXT, to_value TEXT, at INTEGER NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, at);

CREATE TABLE ticket_links (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  other_ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('related', 'duplicate', 'follow_up')),${synced}
);
CREATE INDEX ticket_links_ticket ON ticket_links(ticket_id);
CREATE INDEX ticket_links_other ON ticket_links(other_ticket_id);

CREATE TABLE interactions (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  account_id TEXT NOT NULL, contact_id TEXT,
  ticket_id TEXT,
  kind TEXT NOT NULL ${oneOf('kind', INTERACTION_KINDS)},
  summary TEXT NOT NULL, occurred_at INTEGER NOT NULL, author_id TEXT,${synced}
);
CREATE INDEX interactions_account ON interactions(account_id, occurred_at);

CREATE TABLE tasks (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  title TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '',
  account_id TEXT, ticket_id TEXT,
  assignee_id TEXT NOT NULL,
  due_at INTEGER NOT NULL, remind_at INTEGER, completed_at INTEGER,${synced}
);
CREATE INDEX tasks_assignee_due ON tasks(assignee_id, completed_at, due_at);
CREATE INDEX tasks_account ON tasks(account_id);

CREATE TABLE feedback (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  kind TEXT NOT NULL ${oneOf('kind', FEEDBACK_KINDS)},
  score INTEGER NOT NULL CHECK (
    (kind = 'csat' AND score BETWEEN 1 AND 5) OR (kind = 'nps' AND score BETWEEN 0 AND 10) OR (kind = 'ces' AND score BETWEEN 1 AND 7)
  ),
  comment TEXT NOT NULL DEFAULT '',
  contact_id TEXT, account_id TEXT, ticket_id TEXT,${synced}
);
CREATE INDEX feedback_account ON feedback(account_id, created_at);
CREATE INDEX feedback_ticket ON feedback(ticket_id);

CREATE TABLE business_calendars (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  name TEXT NOT NULL, time_zone TEXT NOT NULL,
  weekly_hours TEXT NOT NULL DEFAULT '[]', holidays TEXT NOT NULL DEFAULT '[]',${synced}
);

CREATE TABLE sla_policies (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  name TEXT NOT NULL, position INTEGER NOT NULL CHECK (position >= 0),
  conditions TEXT NOT NULL DEFAULT '{}', targets TEXT NOT NULL,
  calendar_id TEXT,
  at_risk_share REAL NOT NULL CHECK (at_risk_share BETWEEN 0.05 AND 0.99),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),${synced}
);

CREATE TABLE macros (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  title TEXT NOT NULL, body TEXT NOT NULL DEFAULT '',
  reply_kind TEXT NOT NULL CHECK (reply_kind IN ('reply', 'note')),
  actions TEXT NOT NULL DEFAULT '{}', owner_id TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),${synced}
);

CREATE TABLE kb_articles (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  title TEXT NOT NULL, body TEXT NOT NULL DEFAULT '',
  locale TEXT NOT NULL ${oneOf('locale', LOCALES)}, tags TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL ${oneOf('status', ARTICLE_STATUSES)}, author_id TEXT,${synced}
);
CREATE INDEX kb_articles_updated ON kb_articles(updated_at, id);

CREATE TABLE saved_views (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  name TEXT NOT NULL, owner_id TEXT,
  filter TEXT NOT NULL DEFAULT '{}', sort TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0,${synced}
);

CREATE TABLE audit_events (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  actor_id TEXT, action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT,
  details TEXT NOT NULL DEFAULT 'null', at INTEGER NOT NULL
);
CREATE INDEX audit_events_at ON audit_events(at);

-- Local-only: this console's preferences (key -> JSON value).
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- Local-only: mutations made here and not yet acknowledged by the server (SYNC.md). The
-- AUTOINCREMENT id is the per-client mutation id: never reused, even after rows leave the table.
CREATE TABLE outbox (
  mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL, args TEXT NOT NULL, created_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'rejected')),
  error TEXT
);
CREATE INDEX outbox_status ON outbox(status, mutation_id);

-- Local-only: this database's sync identity and progress; one row.
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  client_id TEXT NOT NULL,
  user_id TEXT,
  tenant_id TEXT,
  server_url TEXT,
  cursor TEXT,
  last_pulled_at INTEGER
);

-- Full-text search over ticket subjects, messages, contacts, accounts and KB articles.
-- search_docs maps each indexed record to the FTS rowid; rowids grow with insertion, so
-- "ORDER BY rowid DESC" on the FTS table lists newest matches first and stops after LIMIT, which
-- keeps a common word from ranking a large share of the index.
CREATE TABLE search_docs (
  doc_id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('ticket', 'message', 'contact', 'account', 'article')),
  ref_id TEXT NOT NULL,
  ticket_id TEXT,
  at INTEGER NOT NULL,
  UNIQUE (ref_id, kind)
);
-- A regular (content-storing) FTS5 table, not contentless or external-content: snippet() needs
-- the exact text that was tokenized, and that is indexableText() (CJK characters spaced apart),
-- which no source table holds. It is maintained from code in each write's transaction. The kind column is
-- an indexed column so a query can be narrowed to some kinds inside FTS ("kind : contact").
-- prefix = '2 3': typing a short word ("re", "inv") is a prefix query, which without a prefix
-- index must merge the doclists of every word starting that way (slow for common prefixes).
CREATE VIRTUAL TABLE search_index USING fts5(kind, title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
`;

export const migration001: Migration = { version: 1, name: 'initial', up: (db) => db.exec(sql) };
