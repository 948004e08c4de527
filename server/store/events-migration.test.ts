import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import { backends, type TestDb } from '../testing/backends.ts';
import { MIGRATIONS } from './migrations.ts';

describe.each(backends)('the events-as-data migration on $name, on a database with data', (backend) => {
  let t: TestDb;
  afterEach(() => t.dispose());

  it('retires the English system messages, counts only real messages, and gives old escalations the live shape', async () => {
    t = await backend.open();
    const { db } = t;
    {
      const [tenant, team, ticket] = [uuidv7(), uuidv7(), uuidv7()];
      const put = (entity: string, data: Record<string, unknown>) =>
        db.query("INSERT INTO records (tenant_id, entity, id, scope, scope_kind, version, data) VALUES ($1, $2, $3, $4, 'team', 1, $5)", [
          tenant,
          entity,
          data.id,
          team,
          JSON.stringify({ tenantId: tenant, ...data }),
        ]);
      await put('ticket', { id: ticket, teamId: team, messageCount: 3 });
      await put('message', { id: uuidv7(), ticketId: ticket, kind: 'inbound', body: 'Please refund me' });
      await put('message', { id: uuidv7(), ticketId: ticket, kind: 'system', body: 'Ticket assigned to Rachel Green.' });
      await put('message', { id: uuidv7(), ticketId: ticket, kind: 'reply', body: 'Done' });
      await put('ticket_event', { id: uuidv7(), ticketId: ticket, kind: 'escalated', from: 1, to: 2 });
      await put('ticket_event', {
        id: uuidv7(),
        ticketId: ticket,
        kind: 'escalated',
        from: 2,
        to: { tier: 3, reason: 'Needs engineering' },
      });

      // The step itself, over rows as the releases before it wrote them.
      await db.exec(MIGRATIONS.find((m) => m.version === 6)?.sql ?? '');

      const live = async (entity: string) =>
        (
          await db.query<{ data: Record<string, unknown> }>(
            'SELECT data FROM records WHERE entity = $1 AND NOT deleted ORDER BY data ->> $2',
            [entity, 'to'],
          )
        ).rows.map((r) => r.data);
      expect((await live('message')).map((m) => m.kind).sort()).toEqual(['inbound', 'reply']);
      expect((await live('ticket'))[0]?.messageCount).toBe(2);
      expect((await live('ticket_event')).map((e) => e.to)).toEqual([{ tier: 2 }, { tier: 3, reason: 'Needs engineering' }]);
    }
  });
});
