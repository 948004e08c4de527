/**
 * Routing as the console holds it: the person's own presence, and the settings screen's teams with
 * their rules, people with their profiles and presence, and shift templates. They are few, so each
 * is read whole through the record store, which knows their columns.
 */
import type { Database } from 'better-sqlite3';
import type { User } from '../../../../shared/domain/records.ts';
import type { AgentPresence, RoutingRuleRecord, ShiftTemplate } from '../../../../shared/routing/records.ts';
import { createRecordStore } from '../../sync/record-store.ts';

export function createRoutingRepository(db: Database, currentUserId: () => string | null) {
  const store = createRecordStore(db);
  const teams = db.prepare<[], { id: string; name: string }>('SELECT id, name FROM teams ORDER BY name COLLATE NOCASE, id');
  const userIds = db.prepare('SELECT id FROM users WHERE active = 1 ORDER BY name COLLATE NOCASE, id').pluck();
  const templateIds = db.prepare('SELECT id FROM shift_templates ORDER BY name COLLATE NOCASE, id').pluck();
  return {
    myPresence(): { presence: AgentPresence | null } {
      const me = currentUserId();
      return { presence: me ? store.get('agent_presence', me) : null };
    },
    settings(): {
      teams: { id: string; name: string; rule: RoutingRuleRecord | null }[];
      agents: { user: User; presence: AgentPresence | null }[];
      templates: ShiftTemplate[];
    } {
      return {
        teams: teams.all().map((t) => ({ ...t, rule: store.get('routing_rule', t.id) })),
        agents: userIds
          .all()
          .map((id) => store.get('user', id as string))
          .filter((u) => u !== null)
          .map((user) => ({ user, presence: store.get('agent_presence', user.id) })),
        templates: templateIds
          .all()
          .map((id) => store.get('shift_template', id as string))
          .filter((t) => t !== null),
      };
    },
  };
}

export type RoutingRepository = ReturnType<typeof createRoutingRepository>;
