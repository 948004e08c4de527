/**
 * Writes the demo data set (shared/demo/generate.ts) straight into an empty local cache: the
 * organization in one transaction, then each batch of tickets in its own, with their search
 * documents. This is the console's offline path (`start:web --local`, tests, benchmarks); with a
 * server, the cache is filled by bootstrapping from the server's copy of the same data set.
 */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors.ts';
import { createDemoData, MAX_DEMO_TICKETS, type DemoBatch, type DemoOrganizationRecords } from '../../../shared/demo/generate.ts';
import { ensureSyncState } from '../db/sync-state.ts';
import type { SyncEntity } from '../../../shared/sync/protocol.ts';
import { searchDoc } from '../search/search-doc.ts';
import { createRecordStore } from '../sync/record-store.ts';
import { createSearchWriter, type SearchWriter } from '../search/search-writer.ts';

export interface SeedOptions {
  tickets: number;
  seed?: number;
  /** The demo's "now": threads end before it. Defaults to the current time. */
  now?: number;
  batchSize?: number;
  onProgress?: (progress: { tickets: number; messages: number; elapsedMs: number }) => void;
}

export interface SeedReport {
  tickets: number;
  messages: number;
  accounts: number;
  contacts: number;
  users: number;
  elapsedMs: number;
  /** The demo agent the console opens as ("me"). */
  meId: string;
}

const json = (value: unknown) => JSON.stringify(value);

export function seedDemoDatabase(db: Database, options: SeedOptions): SeedReport {
  if (!Number.isInteger(options.tickets) || options.tickets < 1 || options.tickets > MAX_DEMO_TICKETS) {
    throw new AppError('VALIDATION', `tickets must be a whole number from 1 to 10,000,000, not ${options.tickets}`);
  }
  const existing = db.prepare('SELECT (SELECT count(*) FROM tenants) + (SELECT count(*) FROM tickets) AS n').get() as { n: number };
  if (existing.n > 0) throw new AppError('RULE_VIOLATION', 'the database already holds data; seed an empty database');

  const started = performance.now();
  const { organization, batches } = createDemoData({
    tickets: options.tickets,
    seed: options.seed ?? 42,
    now: options.now ?? Date.now(),
    batchSize: options.batchSize ?? 5000,
  });
  ensureSyncState(db);
  db.transaction(() => writeOrganization(db, organization))();

  const writeBatch = createBatchWriter(db);
  let tickets = 0;
  let messages = 0;
  for (const batch of batches) {
    db.transaction(() => writeBatch(batch))();
    tickets += batch.tickets.length;
    messages += batch.messages.length;
    options.onProgress?.({ tickets, messages, elapsedMs: performance.now() - started });
  }
  // Fresh statistics let the planner pick the paging indexes; merging FTS segments keeps queries fast.
  db.exec(
    "ANALYZE; INSERT INTO search_index (search_index) VALUES ('optimize'); INSERT INTO directory_index (directory_index) VALUES ('optimize');",
  );
  return {
    tickets,
    messages,
    accounts: organization.accounts.length,
    contacts: organization.contacts.length,
    users: organization.users.length,
    elapsedMs: performance.now() - started,
    meId: organization.me.id,
  };
}

function writeOrganization(db: Database, org: DemoOrganizationRecords): void {
  const { tenant } = org;
  const t = tenant.id;
  db.prepare('INSERT INTO tenants (id, tenant_id, name, time_zone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    t,
    t,
    tenant.name,
    tenant.timeZone,
    tenant.createdAt,
    tenant.updatedAt,
  );
  const team = db.prepare('INSERT INTO teams (id, tenant_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const x of org.teams) team.run(x.id, t, x.name, x.description, x.createdAt, x.updatedAt);
  const user = db.prepare(
    'INSERT INTO users (id, tenant_id, name, email, role, skills, capacity, locale, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const userTeam = db.prepare('INSERT INTO user_teams (user_id, team_id, position) VALUES (?, ?, ?)');
  for (const u of org.users) {
    user.run(u.id, t, u.name, u.email, u.role, json(u.skills), u.capacity, u.locale, u.active ? 1 : 0, u.createdAt, u.updatedAt);
    u.teamIds.forEach((teamId, i) => userTeam.run(u.id, teamId, i));
  }
  db.prepare('UPDATE sync_state SET user_id = ?, tenant_id = ? WHERE id = 1').run(org.me.id, t);

  // The SLA settings are few: written through the record store, which knows their columns.
  const store = createRecordStore(db);
  for (const c of org.calendars) store.insertNew('business_calendar', c, c.version);
  for (const v of org.calendarVersions) store.insertNew('business_calendar_version', v, v.version);
  for (const p of org.slaPolicies) store.insertNew('sla_policy', p, p.version);
  for (const v of org.slaPolicyVersions) store.insertNew('sla_policy_version', v, v.version);
  for (const c of org.complaintCategories) store.insertNew('complaint_category', c, c.version);
  for (const n of org.complaintCategoryNames) store.insertNew('complaint_category_name', n, n.version);
  const macro = db.prepare(
    'INSERT INTO macros (id, tenant_id, title, body, reply_kind, actions, owner_id, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const m of org.macros)
    macro.run(m.id, t, m.title, m.body, m.replyKind, json(m.actions), m.ownerId, m.active ? 1 : 0, m.createdAt, m.updatedAt);
  const view = db.prepare(
    'INSERT INTO saved_views (id, tenant_id, name, owner_id, filter, sort, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const v of org.savedViews) view.run(v.id, t, v.name, v.ownerId, json(v.filter), v.sort, v.position, v.createdAt, v.updatedAt);

  const search = createSearchWriter(db);
  const article = db.prepare(
    'INSERT INTO kb_articles (id, tenant_id, title, body, locale, tags, status, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const a of org.articles) {
    article.run(a.id, t, a.title, a.body, a.locale, json(a.tags), a.status, a.authorId, a.createdAt, a.updatedAt);
    index(search, 'kb_article', a);
  }
  const account = db.prepare(
    `INSERT INTO accounts (id, tenant_id, name, domain, tier, lifecycle_stage, owner_id, renewal_date, annual_value_minor, currency, health_score, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of org.accounts) {
    account.run(
      a.id,
      t,
      a.name,
      a.domain,
      a.tier,
      a.lifecycleStage,
      a.ownerId,
      a.renewalDate,
      a.annualValueMinor,
      a.currency,
      a.healthScore,
      a.notes,
      a.createdAt,
      a.updatedAt,
    );
    index(search, 'account', a);
  }
  const contact = db.prepare(
    'INSERT INTO contacts (id, tenant_id, account_id, name, email, phone, title, customer_type, locale, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const c of org.contacts) {
    contact.run(c.id, t, c.accountId, c.name, c.email, c.phone, c.title, c.customerType, c.locale, c.createdAt, c.updatedAt);
    index(search, 'contact', c);
  }
}

/** Prepared statements once; each call writes one batch (the caller wraps it in a transaction). */
function createBatchWriter(db: Database): (batch: DemoBatch) => void {
  const search = createSearchWriter(db);
  const insertTicket = db.prepare(
    `INSERT INTO tickets (id, tenant_id, number, subject, status, priority, type, channel, requester_id, account_id, team_id, assignee_id, tags,
       escalation_tier, sla_policy_id, first_reply_due_at, next_reply_due_at, resolution_due_at, sla, first_reply_at, solved_at, closed_at,
       last_message_at, message_count, complaint_category_id, root_cause, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTag = db.prepare('INSERT INTO ticket_tags (ticket_id, tag) VALUES (?, ?)');
  const insertMessage = db.prepare(
    'INSERT INTO messages (id, tenant_id, ticket_id, kind, author_type, author_id, body, channel, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertEvent = db.prepare(
    'INSERT INTO ticket_events (id, tenant_id, ticket_id, kind, actor_id, actor_kind, automation, from_value, to_value, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertFeedback = db.prepare(
    'INSERT INTO feedback (id, tenant_id, kind, score, comment, contact_id, account_id, ticket_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertInteraction = db.prepare(
    'INSERT INTO interactions (id, tenant_id, account_id, contact_id, ticket_id, kind, summary, occurred_at, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertTask = db.prepare(
    'INSERT INTO tasks (id, tenant_id, title, notes, account_id, ticket_id, assignee_id, due_at, remind_at, completed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertLink = db.prepare(
    'INSERT INTO ticket_links (id, tenant_id, ticket_id, other_ticket_id, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertPresence = db.prepare(
    'INSERT INTO presence_events (id, tenant_id, user_id, status, previous, at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertHealth = db.prepare(
    'INSERT INTO account_healths (id, tenant_id, account_id, score, band, reasons, day, history, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // The account shows its latest daily score, as health.record leaves it.
  const accountScore = db.prepare('UPDATE accounts SET health_score = ? WHERE id = ?');

  return (batch) => {
    for (const x of batch.tickets) {
      insertTicket.run(
        x.id,
        x.tenantId,
        x.number,
        x.subject,
        x.status,
        x.priority,
        x.type,
        x.channel,
        x.requesterId,
        x.accountId,
        x.teamId,
        x.assigneeId,
        json(x.tags),
        x.escalationTier,
        x.slaPolicyId,
        x.firstReplyDueAt,
        x.nextReplyDueAt,
        x.resolutionDueAt,
        x.sla === null ? null : json(x.sla),
        x.firstReplyAt,
        x.solvedAt,
        x.closedAt,
        x.lastMessageAt,
        x.messageCount,
        x.complaintCategoryId ?? null,
        x.rootCause ?? null,
        x.createdAt,
        x.updatedAt,
      );
      for (const tag of x.tags) insertTag.run(x.id, tag);
      index(search, 'ticket', x);
    }
    for (const m of batch.messages) {
      insertMessage.run(m.id, m.tenantId, m.ticketId, m.kind, m.authorType, m.authorId, m.body, m.channel, m.createdAt, m.updatedAt);
      index(search, 'message', m);
    }
    for (const e of batch.events) {
      insertEvent.run(
        e.id,
        e.tenantId,
        e.ticketId,
        e.kind,
        e.actorId,
        e.actorKind ?? null,
        e.automation ?? null,
        e.from === null ? null : json(e.from),
        e.to === null ? null : json(e.to),
        e.at,
      );
    }
    for (const l of batch.links) insertLink.run(l.id, l.tenantId, l.ticketId, l.otherTicketId, l.kind, l.createdAt, l.updatedAt);
    for (const f of batch.feedback) {
      insertFeedback.run(f.id, f.tenantId, f.kind, f.score, f.comment, f.contactId, f.accountId, f.ticketId, f.createdAt, f.updatedAt);
    }
    for (const i of batch.interactions) {
      insertInteraction.run(
        i.id,
        i.tenantId,
        i.accountId,
        i.contactId,
        i.ticketId,
        i.kind,
        i.summary,
        i.occurredAt,
        i.authorId,
        i.createdAt,
        i.updatedAt,
      );
    }
    for (const p of batch.presenceEvents)
      insertPresence.run(p.id, p.tenantId, p.userId, p.status, p.previous, p.at, p.createdAt, p.updatedAt);
    for (const h of batch.accountHealths) {
      insertHealth.run(h.id, h.tenantId, h.accountId, h.score, h.band, json(h.reasons), h.day, json(h.history), h.createdAt, h.updatedAt);
      accountScore.run(h.score, h.accountId);
    }
    for (const k of batch.tasks) {
      insertTask.run(
        k.id,
        k.tenantId,
        k.title,
        k.notes,
        k.accountId,
        k.ticketId,
        k.assigneeId,
        k.dueAt,
        k.remindAt,
        k.completedAt,
        k.createdAt,
        k.updatedAt,
      );
    }
  };
}

/** Indexes a seeded record exactly as a synced one would be (search/search-doc.ts). */
function index(search: SearchWriter, entity: SyncEntity, record: object): void {
  const doc = searchDoc(entity, record as Record<string, unknown>);
  if (doc) search.insert(doc);
}
