/**
 * Numbered, forward-only migrations in Postgres SQL (PGlite runs the same). Each runs in its own
 * transaction together with the row that records it, under an advisory lock so several server
 * instances starting at once on one database apply each migration exactly once.
 */
import { ROLES } from '../../shared/domain/enums.ts';
import { int, type Db } from './db.ts';

const roles = ROLES.map((r) => `'${r}'`).join(', ');

export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'tenants, auth and the synced records with their change log',
    sql: `
      CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);

      CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL, created_at bigint NOT NULL);

      -- One row per tenant: every write transaction of the tenant bumps version once while holding
      -- this row's lock, so versions are handed out in commit order (docs/sync-protocol.md).
      CREATE TABLE tenant_clock (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id),
        version bigint NOT NULL DEFAULT 0,
        -- Change-log entries at or below this version were pruned: older cursors get a reset.
        pruned_through bigint NOT NULL DEFAULT 0,
        next_ticket_number bigint NOT NULL DEFAULT 1
      );

      CREATE TABLE users (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN (${roles})),
        active boolean NOT NULL DEFAULT true,
        created_at bigint NOT NULL
      );
      CREATE UNIQUE INDEX users_email ON users (lower(email));

      CREATE TABLE memberships (
        user_id uuid NOT NULL REFERENCES users (id),
        team_id uuid NOT NULL,
        PRIMARY KEY (user_id, team_id)
      );

      -- One per local database (device); its row lock serializes that client's pushes.
      CREATE TABLE clients (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        device_name text NOT NULL,
        last_mutation_id bigint NOT NULL DEFAULT 0,
        created_at bigint NOT NULL,
        revoked_at bigint
      );

      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        family_id uuid NOT NULL,
        client_id uuid NOT NULL REFERENCES clients (id),
        user_id uuid NOT NULL REFERENCES users (id),
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        used_at bigint,
        revoked_at bigint
      );
      CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
      CREATE INDEX refresh_tokens_client ON refresh_tokens (client_id);

      -- Every synced record of every entity: the sync engine stays generic. scope is the ticket's
      -- team for tickets and their children, the owner for private views and macros, else the tenant.
      CREATE TABLE records (
        tenant_id uuid NOT NULL,
        entity text NOT NULL,
        id uuid NOT NULL,
        scope uuid NOT NULL,
        -- 'team' scopes are visible to supervisors and admins; 'user' ones only to that person.
        scope_kind text NOT NULL CHECK (scope_kind IN ('tenant', 'team', 'user')),
        version bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, entity, id)
      );
      CREATE INDEX records_ticket_children ON records (tenant_id, (data ->> 'ticketId'))
        WHERE entity IN ('message', 'ticket_event', 'ticket_link');
      CREATE INDEX records_bootstrap ON records (tenant_id, entity, scope, id) WHERE NOT deleted;
      CREATE INDEX records_assignee ON records (tenant_id, (data ->> 'assigneeId')) WHERE entity = 'ticket' AND NOT deleted;

      -- The change log pull reads: one entry per record write, in (version, seq) order. A record
      -- leaving a scope gets a 'del' under its old scope in the same version as its new 'put'.
      CREATE TABLE changes (
        tenant_id uuid NOT NULL,
        version bigint NOT NULL,
        seq integer NOT NULL,
        entity text NOT NULL,
        id uuid NOT NULL,
        scope uuid NOT NULL,
        scope_kind text NOT NULL,
        op text NOT NULL CHECK (op IN ('put', 'del')),
        PRIMARY KEY (tenant_id, version, seq)
      );
      CREATE INDEX changes_scope ON changes (tenant_id, scope, version);

      -- A client's last mutation id as of each version that advanced it, so a pull page that ends
      -- before the head reports only the mutations whose effects it has carried.
      CREATE TABLE client_progress (
        client_id uuid NOT NULL REFERENCES clients (id),
        version bigint NOT NULL,
        last_mutation_id bigint NOT NULL,
        PRIMARY KEY (client_id, version)
      );

      -- Every conflict a push reported, for the audit trail and the supervisor's eyes.
      CREATE TABLE conflicts (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL,
        client_id uuid NOT NULL,
        mutation_id bigint NOT NULL,
        user_id uuid NOT NULL,
        mutation text NOT NULL,
        details jsonb NOT NULL,
        at bigint NOT NULL
      );

      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        tenant_id uuid,
        actor text NOT NULL,
        action text NOT NULL,
        details jsonb NOT NULL,
        at bigint NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'the result of every refused mutation, for retries whose first answer was lost',
    sql: `
      -- A push's answer can be lost after the server committed. The retry must tell the person
      -- about a rejection or conflict as the first answer did, or they never see it: so refused
      -- mutations keep their result, written in the same transaction as the last mutation id.
      -- Applied ones need none: a retry of one is answered alreadyProcessed.
      CREATE TABLE mutation_results (
        client_id uuid NOT NULL REFERENCES clients (id),
        mutation_id bigint NOT NULL,
        result jsonb NOT NULL,
        PRIMARY KEY (client_id, mutation_id)
      );
    `,
  },
  {
    version: 3,
    name: 'durable jobs: run at a time, on an event or on a schedule, claimed by one instance',
    sql: `
      -- One row per job (server/jobs/). Times are milliseconds since the epoch from the server's
      -- clock, like every other time here. The dedupe key makes enqueueing retry-safe: the same
      -- key twice is one job (a schedule's key names its slot, so instances never double it).
      CREATE TABLE jobs (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        tenant_id uuid REFERENCES tenants (id),
        payload jsonb NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        run_at bigint NOT NULL,
        state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL CHECK (max_attempts >= 1),
        -- The instance running it and until when its lease holds; another takes it over after.
        locked_by text,
        locked_until bigint,
        result jsonb,
        last_error text,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        finished_at bigint
      );
      CREATE INDEX jobs_due ON jobs (run_at) WHERE state = 'queued';
      CREATE INDEX jobs_leases ON jobs (locked_until) WHERE state = 'running';
    `,
  },
  {
    version: 4,
    name: 'the effects system actors have applied, by idempotency key',
    sql: `
      -- A system actor (an automation, an intake, the admin CLI) names each effect it commits with a
      -- key (e.g. sla-breach:<ticket>:<target>:<dueAt>). The key is written in the transaction of the
      -- effect, under the tenant's lock, so the same effect committed again, by a retry or by a
      -- second instance at the same moment, finds it and changes nothing.
      CREATE TABLE applied_effects (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        key text NOT NULL,
        actor text NOT NULL,
        -- The tenant version the effect committed at; what the mutation answered (applied or conflict).
        version bigint NOT NULL,
        result jsonb NOT NULL,
        at bigint NOT NULL,
        PRIMARY KEY (tenant_id, key)
      );
    `,
  },
  {
    version: 5,
    name: 'sync scopes per kind of record: the account scope, assignee scopes, notes that follow their ticket',
    sql: `
      -- shared/sync/scopes.ts: tasks live with their assignee, interactions and feedback with their
      -- ticket's team (or their account when on no ticket), and a ticket with its thread, notes and
      -- tasks is also in its account's scope, which the account's owner receives.
      ALTER TABLE records DROP CONSTRAINT records_scope_kind_check;
      ALTER TABLE records ADD CONSTRAINT records_scope_kind_check
        CHECK (scope_kind IN ('tenant', 'team', 'user', 'assignee', 'account'));
      -- The second scope of a record about an account (null: its home scope is its only one).
      ALTER TABLE records ADD COLUMN account_scope uuid;

      UPDATE records SET account_scope = (data ->> 'accountId')::uuid
       WHERE entity = 'ticket' AND data ->> 'accountId' IS NOT NULL;
      UPDATE records c SET account_scope = t.account_scope
        FROM records t
       WHERE c.entity IN ('message', 'ticket_event', 'ticket_link') AND t.tenant_id = c.tenant_id AND t.entity = 'ticket'
         AND t.id = (c.data ->> 'ticketId')::uuid AND t.account_scope IS NOT NULL;
      UPDATE records c SET scope = t.scope, scope_kind = 'team',
             account_scope = coalesce((c.data ->> 'accountId')::uuid, t.account_scope)
        FROM records t
       WHERE c.entity IN ('interaction', 'feedback') AND t.tenant_id = c.tenant_id AND t.entity = 'ticket'
         AND t.id = (c.data ->> 'ticketId')::uuid;
      UPDATE records SET scope = (data ->> 'accountId')::uuid, scope_kind = 'account'
       WHERE entity IN ('interaction', 'feedback') AND scope_kind = 'tenant' AND data ->> 'accountId' IS NOT NULL;
      UPDATE records SET scope = (data ->> 'assigneeId')::uuid, scope_kind = 'assignee', account_scope = (data ->> 'accountId')::uuid
       WHERE entity = 'task';

      -- Bootstrap of an account manager: the records of their accounts, in id order per entity.
      CREATE INDEX records_account_scope ON records (tenant_id, entity, account_scope, id) WHERE NOT deleted AND account_scope IS NOT NULL;
      -- The accounts a person owns, read with every pull of an account manager.
      CREATE INDEX records_account_owner ON records (tenant_id, (data ->> 'ownerId')) WHERE entity = 'account' AND NOT deleted;
      -- Interactions and feedback now move with their ticket too.
      DROP INDEX records_ticket_children;
      CREATE INDEX records_ticket_children ON records (tenant_id, (data ->> 'ticketId'))
        WHERE entity IN ('message', 'ticket_event', 'ticket_link', 'interaction', 'feedback');
      -- Change-log entries written before this stay under their old scopes: the scope rules'
      -- edition in every cursor's tag changed with this release, so no console reads them again.
    `,
  },
  {
    version: 6,
    name: 'ticket events as data: the English system messages go, their tickets count only real messages',
    sql: `
      -- System messages were English sentences ("Ticket assigned to …", "Escalated to tier 2: …",
      -- "Merged into ticket #…") written beside the ticket events that hold the same facts as data;
      -- the console now words those events in the reader's language (shared/domain/ticket-events.ts).
      -- Consoles drop their copies in their own migration, so no change-log entry is needed: pull
      -- never sends a deleted record as a put.
      UPDATE records t SET data = jsonb_set(t.data, '{messageCount}', to_jsonb(greatest(0, (t.data ->> 'messageCount')::int - s.n)))
        FROM (SELECT tenant_id, (data ->> 'ticketId')::uuid AS ticket_id, count(*)::int AS n
                FROM records WHERE entity = 'message' AND data ->> 'kind' = 'system' AND NOT deleted
               GROUP BY 1, 2) s
       WHERE t.tenant_id = s.tenant_id AND t.entity = 'ticket' AND t.id = s.ticket_id;
      UPDATE records SET deleted = true WHERE entity = 'message' AND data ->> 'kind' = 'system' AND NOT deleted;
      -- Demo escalations held the new tier alone; live ones hold { tier, reason }.
      UPDATE records SET data = jsonb_set(data, '{to}', jsonb_build_object('tier', data -> 'to'))
       WHERE entity = 'ticket_event' AND data ->> 'kind' = 'escalated' AND jsonb_typeof(data -> 'to') = 'number';
    `,
  },
  {
    version: 7,
    name: 'SLA settings in the engine shape, with a revision and every earlier version kept',
    sql: `
      -- shared/sla/records.ts. Policies: a target per metric in business hours (the policy had a
      -- calendar) or calendar hours (it had none) instead of bare minutes, no empty condition lists,
      -- the resolution clock's default statuses, no breach actions yet; both kinds get revision 1.
      UPDATE records SET data = data || jsonb_build_object(
          'targets', (SELECT coalesce(jsonb_object_agg(p.key, m.targets), '{}'::jsonb)
                        FROM jsonb_each(data -> 'targets') p,
                        LATERAL (SELECT jsonb_object_agg(x.metric, jsonb_build_object(
                                          'minutes', (p.value ->> x.old)::int,
                                          'hours', CASE WHEN data ->> 'calendarId' IS NULL THEN 'calendar' ELSE 'business' END)) AS targets
                                   FROM (VALUES ('firstReply', 'firstReplyMinutes'), ('nextReply', 'nextReplyMinutes'),
                                                ('resolution', 'resolutionMinutes')) x (metric, old)
                                  WHERE jsonb_typeof(p.value -> x.old) = 'number') m
                       WHERE m.targets IS NOT NULL),
          'conditions', (SELECT coalesce(jsonb_object_agg(c.key, c.value), '{}'::jsonb)
                           FROM jsonb_each(data -> 'conditions') c
                          WHERE jsonb_typeof(c.value) = 'array' AND jsonb_array_length(c.value) > 0),
          'runningStatuses', '["new", "open", "on_hold"]'::jsonb,
          'breachActions', '{"notifyAssignee": false, "notifySupervisors": false, "raisePriority": false, "escalate": false}'::jsonb,
          'revision', 1)
       WHERE entity = 'sla_policy' AND NOT (data ? 'revision');
      UPDATE records SET data = data || '{"active": true, "revision": 1}'::jsonb
       WHERE entity = 'business_calendar' AND NOT (data ? 'revision');

      -- Revision 1 of each, kept as its version record.
      INSERT INTO records (tenant_id, entity, id, scope, scope_kind, version, data)
      SELECT r.tenant_id, r.entity || '_version', v.id, r.scope, r.scope_kind, r.version,
             r.data || jsonb_build_object('id', v.id, CASE r.entity WHEN 'sla_policy' THEN 'policyId' ELSE 'calendarId' END, r.id,
                                          'createdAt', r.data -> 'updatedAt')
        FROM records r, LATERAL (SELECT gen_random_uuid() AS id) v
       WHERE r.entity IN ('sla_policy', 'business_calendar') AND NOT r.deleted;
      -- No change-log entries: the scope edition in every cursor's tag changed with this release
      -- (server/sync/scopes.ts), so every console bootstraps again and receives these as they are now.
    `,
  },
  {
    version: 8,
    name: "a trigram index on message bodies for the server search of threads outside a console's window",
    sql: `
      -- docs/architecture.md, "Server search: pg_trgm". The extension is database-wide; the lock
      -- every migration holds keeps two schemas or instances from creating it at once.
      CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
      CREATE INDEX records_message_body_trgm ON records USING gin ((data ->> 'body') public.gin_trgm_ops)
       WHERE entity = 'message' AND NOT deleted;
    `,
  },
  {
    version: 9,
    name: 'when each person last had a console connected',
    sql: `
      -- Kept by the live sockets (server/routing/console-seen.ts): now while a console of the person
      -- is connected (refreshed every half minute), the moment of leaving when the last one closes.
      -- The routing sweep sets offline whoever has been gone past the grace period.
      CREATE TABLE console_seen (
        tenant_id uuid NOT NULL REFERENCES tenants (id),
        user_id uuid NOT NULL,
        last_seen bigint NOT NULL,
        PRIMARY KEY (tenant_id, user_id)
      );
    `,
  },
  {
    version: 10,
    name: "each ticket's SLA clock kept beside it, so a commit reads no event log",
    sql: `
      -- server/sla/clock-log.ts: what the SLA step reads of a ticket's event log, written by every
      -- commit that touches the ticket, so the next one computes the timers from this row and its
      -- own new events. Server-only (never synced). No backfill: a ticket without a row (every
      -- ticket at first, one seeded in bulk) has its log read once by its next commit, which
      -- writes the row.
      CREATE TABLE ticket_clocks (
        tenant_id uuid NOT NULL,
        ticket_id uuid NOT NULL,
        -- The clock steps in order (shared/sla/clock.ts clockSteps), encoded by shared/sla/clock-codec.ts.
        steps text NOT NULL,
        -- The instant of the latest event of any kind: what the snapshot is computed as of.
        as_of bigint NOT NULL,
        -- The targets met or breached that an sla event records: a JSON array of metric:state:startedAt.
        recorded text NOT NULL,
        PRIMARY KEY (tenant_id, ticket_id)
      );
    `,
  },
];

export async function migrate(db: Db): Promise<number> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)',
  );
  const known = MIGRATIONS.at(-1)?.version ?? 0;
  for (const m of MIGRATIONS) {
    await db.transaction(async (tx) => {
      // Scoped to this transaction; the key is arbitrary but fixed for Switchboard's migrations.
      await tx.query('SELECT pg_advisory_xact_lock(727272)');
      const { rows } = await tx.query<{ v: unknown }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
      const applied = int(rows[0]?.v ?? 0);
      if (applied >= m.version) return;
      if (applied !== m.version - 1) throw new Error(`database schema is at ${applied}; cannot apply migration ${m.version}`);
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
    });
  }
  const { rows } = await db.query<{ v: unknown }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  const latest = int(rows[0]?.v ?? 0);
  if (latest > known) throw new Error(`database schema ${latest} is newer than this server (${known}); update the server`);
  return latest;
}
