/**
 * My tasks as a person uses it: the sidebar entry, the three groups, creating a task with a
 * reminder and a link to an account (refused with a reason when the title is missing or the
 * reminder comes after the due time), and completing a repeating task, which brings its next one.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../../shared/domain/records.ts';
import { nextOccurrenceId } from '../../../../shared/areas/tasks/mutators.ts';
import { account, id, me, omar, TENANT_ID } from '../../../test/fixtures.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { toLocalInput } from './local-time.ts';

const manager = { ...omar, role: 'account_manager' as const };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function task(key: string, dueAt: number, extra: Partial<Task> = {}): Task {
  return {
    id: id('task', key),
    tenantId: TENANT_ID,
    version: 1,
    createdAt: dueAt - DAY,
    updatedAt: dueAt - DAY,
    title: key,
    notes: '',
    accountId: null,
    contactId: null,
    ticketId: null,
    assigneeId: manager.id,
    dueAt,
    remindAt: null,
    completedAt: null,
    recurrence: null,
    ...extra,
  };
}

/** The titles listed under a group's heading. */
function titlesIn(group: string): string[] {
  const list = screen.queryByRole('list', { name: new RegExp(`^${group}`) });
  return list
    ? within(list)
        .queryAllByRole('button')
        .map((b) => b.textContent ?? '')
    : [];
}

describe('My tasks', () => {
  it('is in the sidebar of an account manager, and of an agent only once they have a task', async () => {
    renderApp('#/inbox', createFakeApi({}, { user: manager }));
    expect(await screen.findByRole('link', { name: 'My tasks' })).toHaveAttribute('href', '#/tasks');

    document.body.innerHTML = '';
    const agent = createFakeApi({}, { user: me });
    renderApp('#/accounts', agent);
    await screen.findByRole('heading', { level: 1, name: 'Accounts' });
    expect(screen.queryByRole('link', { name: 'My tasks' })).toBeNull();
    agent.backend.tx.put('task', task('Mine', Date.now() - HOUR, { assigneeId: me.id }));
    agent.emit('data.changed', { entity: 'task', ids: [] });
    const link = await screen.findByRole('link', { name: /My tasks/ });
    // Its badge counts the tasks overdue.
    expect(within(link).getByLabelText('1 task overdue')).toHaveTextContent('1');
  });

  it('groups open tasks into overdue, today and upcoming, each with what it is about', async () => {
    const now = Date.now();
    const endOfToday = new Date(now).setHours(23, 59, 59, 999);
    const fake = createFakeApi({}, { user: manager });
    fake.backend.tx.put('task', task('Late call', now - HOUR, { accountId: account.id }));
    fake.backend.tx.put('task', task('Tonight', endOfToday));
    fake.backend.tx.put('task', task('Next week', now + 7 * DAY, { recurrence: 'weekly' }));
    fake.backend.tx.put('task', task('Someone else’s', now + DAY, { assigneeId: me.id }));
    renderApp('#/tasks', fake);
    await screen.findByRole('heading', { level: 1, name: 'My tasks' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Overdue 1' })).toBeInTheDocument();
    expect(titlesIn('Overdue')).toEqual(['Late call']);
    expect(titlesIn('Today')).toEqual(['Tonight']);
    expect(titlesIn('Upcoming')).toEqual(['Next week']);
    const late = screen.getByRole('list', { name: /^Overdue/ });
    expect(within(late).getByRole('link', { name: 'Acme Logistics' })).toHaveAttribute('href', `#/accounts/${account.id}`);
    expect(screen.getByRole('list', { name: /^Upcoming/ })).toHaveTextContent('Every week');
  });

  it('creates a task with N, refusing a missing title and a reminder after the due time, saving nothing until both are right', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { user: manager });
    renderApp('#/tasks', fake);
    await screen.findByRole('heading', { level: 1, name: 'My tasks' });
    await user.keyboard('n');
    const dialog = await screen.findByRole('dialog', { name: 'New task' });
    await user.click(within(dialog).getByRole('button', { name: 'Save task' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Give the task a title.');

    await user.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Renewal prep with Acme');
    const due = Date.now() + 3 * DAY;
    fireEvent.change(within(dialog).getByLabelText('Due'), { target: { value: toLocalInput(due) } });
    fireEvent.change(within(dialog).getByLabelText('Reminder'), { target: { value: toLocalInput(due + HOUR) } });
    await user.selectOptions(await within(dialog).findByRole('combobox', { name: 'Account' }), 'Acme Logistics');
    await user.click(within(dialog).getByRole('button', { name: 'Save task' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The reminder must come before the task is due.');
    expect(fake.backend.outbox).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('Reminder'), { target: { value: toLocalInput(due - HOUR) } });
    await user.click(within(dialog).getByRole('button', { name: 'Save task' }));
    expect(await screen.findByRole('list', { name: /^Upcoming/ })).toHaveTextContent('Renewal prep with Acme');
    expect(fake.backend.outbox).toHaveLength(1);
    expect(fake.backend.outbox[0]).toMatchObject({
      name: 'task.upsert',
      args: { title: 'Renewal prep with Acme', accountId: account.id, assigneeId: manager.id, recurrence: null },
    });
    const args = fake.backend.outbox[0]?.args as Task;
    // The minute the person chose, on this computer's clock.
    expect(toLocalInput(args.dueAt)).toBe(toLocalInput(due));
    expect(args.dueAt - (args.remindAt ?? 0)).toBe(HOUR);
  });

  it('completing a repeating task strikes it through and brings its next occurrence', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { user: manager });
    const due = Date.now() - HOUR;
    fake.backend.tx.put('task', task('Weekly pipeline review', due, { recurrence: 'weekly' }));
    renderApp('#/tasks', fake);
    await user.click(await screen.findByRole('checkbox', { name: 'Complete “Weekly pipeline review”' }));
    expect(await screen.findByRole('list', { name: /^Completed/ })).toHaveTextContent('Weekly pipeline review');
    expect(titlesIn('Upcoming')).toEqual(['Weekly pipeline review']);
    expect(fake.backend.tx.get('task', nextOccurrenceId(id('task', 'Weekly pipeline review')))?.dueAt).toBe(due + 7 * DAY);
    expect(fake.backend.outbox).toEqual([{ name: 'task.complete', args: { id: id('task', 'Weekly pipeline review'), done: true } }]);
  });
});
