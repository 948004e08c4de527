/**
 * Core's reader of the SLA rules keeps what it read while no policy or calendar changed, and reads
 * again after any change a console can make or receive: an edit (a new revision), a move, a switch.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../../../shared/sla/records.ts';
import { openDatabase } from '../../db/open.ts';
import { ensureSyncState } from '../../db/sync-state.ts';
import { seedDemoDatabase } from '../../demo/seed.ts';
import { createRecordStore } from '../../sync/record-store.ts';
import { DEMO_NOW, tempDir } from '../../testing/fixtures.ts';
import { createSlaRulesReader } from './sla-policies.ts';

describe('the SLA rules Core computes timers with', () => {
  it('are read once while nothing changes, and again after an edit, a move or a switch', () => {
    const db = openDatabase(join(tempDir(), 'rules.db'), { now: () => DEMO_NOW });
    ensureSyncState(db);
    seedDemoDatabase(db, { tickets: 5, seed: 3, now: DEMO_NOW });
    const store = createRecordStore(db);
    const rules = createSlaRulesReader(db, store);
    const first = rules();
    expect(rules()).toBe(first);
    const names = () => rules().policies.map((p) => p.spec.name);
    expect(names()).toEqual(['Urgent & high', 'Enterprise accounts', 'Standard']);

    const policy = (name: string) => {
      const id = db.prepare('SELECT id FROM sla_policies WHERE name = ?').pluck().get(name) as string;
      return store.get('sla_policy', id) as SlaPolicy;
    };
    // An edit at the console: a new revision, the row's version unchanged until the server's comes back.
    const standard = policy('Standard');
    store.put('sla_policy', { ...standard, atRiskShare: 0.5, revision: standard.revision + 1, updatedAt: standard.updatedAt + 1 });
    expect(rules().policies.find((p) => p.id === standard.id)).toMatchObject({
      version: standard.revision + 1,
      spec: { atRiskShare: 0.5 },
    });

    const urgent = policy('Urgent & high');
    store.put('sla_policy', { ...urgent, position: 9, revision: urgent.revision + 1, updatedAt: urgent.updatedAt + 1 });
    expect(names()).toEqual(['Enterprise accounts', 'Standard', 'Urgent & high']);

    const enterprise = policy('Enterprise accounts');
    store.put('sla_policy', { ...enterprise, active: false, revision: enterprise.revision + 1, updatedAt: enterprise.updatedAt + 1 });
    expect(names()).toEqual(['Standard', 'Urgent & high']);
    db.close();
  });
});
