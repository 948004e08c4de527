import { describe, expect, it } from 'vitest';
import type { TaskRow } from '../../../../shared/areas/tasks/channels.ts';
import { nextOccurrenceId } from '../../../../shared/areas/tasks/mutators.ts';
import { deterministicId } from '../../../../shared/ids.ts';
import { call, DEMO_NOW, seededCore } from '../../testing/fixtures.ts';

const HOUR = 3_600_000;

describe('My tasks in the console', () => {
  const core = seededCore(20);

  async function me(): Promise<string> {
    const { me } = await call<{ me: { id: string } }>(core, 'directory.get', {});
    return me.id;
  }
  const mine = (completedSince: number | null = null) =>
    call<{ tasks: TaskRow[]; truncated: boolean }>(core, 'tasks.mine', { completedSince });

  it('lists the person’s open tasks soonest first with what they are about, and keeps a completed one in sight when asked', async () => {
    const self = await me();
    const before = await mine();
    expect(before.tasks.every((t) => t.assigneeId === self && t.completedAt === null)).toBe(true);
    expect(before.tasks.map((t) => t.dueAt)).toEqual([...before.tasks.map((t) => t.dueAt)].sort((a, b) => a - b));

    const { rows } = await call<{ rows: { id: string; name: string }[] }>(core, 'accounts.list', {});
    const account = rows[0] as { id: string; name: string };
    const id = deterministicId('core-tasks', 'weekly');
    await call(core, 'mutations.run', {
      name: 'task.upsert',
      args: {
        id,
        title: 'Weekly check-in',
        accountId: account.id,
        ticketId: null,
        assigneeId: self,
        dueAt: DEMO_NOW - HOUR,
        remindAt: null,
        recurrence: 'weekly',
      },
    });
    const listed = (await mine()).tasks.find((t) => t.id === id);
    expect(listed).toMatchObject({ title: 'Weekly check-in', accountName: account.name, recurrence: 'weekly', completedAt: null });

    await call(core, 'mutations.run', { name: 'task.complete', args: { id, done: true } });
    const after = await mine(DEMO_NOW - 1);
    expect(after.tasks.find((t) => t.id === id)?.completedAt).toBe(DEMO_NOW);
    // Its next occurrence is due a week after the first, and open.
    expect(after.tasks.find((t) => t.id === nextOccurrenceId(id))).toMatchObject({
      dueAt: DEMO_NOW - HOUR + 7 * 24 * HOUR,
      completedAt: null,
    });
    expect((await mine()).tasks.find((t) => t.id === id)).toBeUndefined();
  });

  it('refuses bad input with a code and saves nothing', async () => {
    const self = await me();
    const id = deterministicId('core-tasks', 'bad');
    const attempt = async (args: Record<string, unknown>) => {
      const result = await core.dispatch('mutations.run', {
        name: 'task.upsert',
        args: { id, title: 'Call', accountId: null, ticketId: null, assigneeId: self, dueAt: DEMO_NOW, remindAt: null, ...args },
      });
      return result.ok ? 'applied' : result.error.code;
    };
    expect(await attempt({ title: '' })).toBe('VALIDATION');
    expect(await attempt({ assigneeId: deterministicId('nobody') })).toBe('NOT_FOUND');
    expect(await attempt({ remindAt: DEMO_NOW + HOUR })).toBe('RULE_VIOLATION');
    expect((await mine()).tasks.find((t) => t.id === id)).toBeUndefined();
    const { pendingMutations } = await call<{ pendingMutations: number }>(core, 'sync.status', {});
    expect(await attempt({})).toBe('applied');
    expect((await call<{ pendingMutations: number }>(core, 'sync.status', {})).pendingMutations).toBe(pendingMutations + 1);
  });
});
