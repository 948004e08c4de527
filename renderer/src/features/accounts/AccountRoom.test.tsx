/**
 * The account manager's room as they use it: the portfolio as their accounts screen, an account's
 * page, logging a call with the NPS given on it, and editing the account's fields, with the
 * renewal-date flag and a refused value.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { account, omar } from '../../../test/fixtures.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import { renderApp } from '../../../test/render-app.tsx';

const manager = { ...omar, role: 'account_manager' as const };
const asManager = () => createFakeApi({}, { user: manager });

describe('the account manager’s room', () => {
  it('opens on the manager’s own portfolio, with the renewal and value of each account', async () => {
    const { fake } = renderApp('#/accounts', asManager());
    expect(await screen.findByRole('heading', { level: 1, name: 'My portfolio' })).toBeInTheDocument();
    const row = within(await screen.findByRole('listbox', { name: 'Accounts' })).getByRole('option');
    expect(row).toHaveTextContent('Acme Logistics');
    expect(row).toHaveTextContent('Renews Mar 31, 2027');
    expect(row).toHaveTextContent('$125,000');
    expect(fake.calls.findLast((c) => c.channel === 'accounts.portfolio')?.input).toMatchObject({ owner: 'me', sort: 'renewal' });

    await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Renewal' }), 'Due in 90 days');
    expect(fake.calls.findLast((c) => c.channel === 'accounts.portfolio')?.input).toMatchObject({ renewalWithinDays: 90 });
  });

  it('logs a call with its duration, outcome and the NPS given on it, and shows it on the timeline', async () => {
    const user = userEvent.setup();
    const { fake } = renderApp(`#/accounts/${account.id}`, asManager());
    await screen.findByRole('heading', { level: 1, name: 'Acme Logistics' });
    await user.keyboard('l');
    const dialog = await screen.findByRole('dialog', { name: 'Log interaction' });
    await user.type(within(dialog).getByRole('spinbutton', { name: 'Duration (minutes)' }), '25');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Outcome' }), 'Positive');
    await user.type(within(dialog).getByRole('textbox', { name: 'Summary' }), 'Quarterly check-in; happy with the API.');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'NPS given (0-10)' }), '9');
    await user.click(within(dialog).getByRole('button', { name: 'Log it' }));

    const timeline = await screen.findByRole('list', { name: 'Relationship timeline' });
    expect(await within(timeline).findByText('Quarterly check-in; happy with the API.')).toBeInTheDocument();
    expect(timeline).toHaveTextContent('25 minutes · Positive');
    expect(timeline).toHaveTextContent('NPSScore 9');
    expect(fake.backend.outbox.map((m) => m.name)).toEqual(['interaction.log', 'feedback.record']);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'Feedback');
    expect(await within(timeline).findByText('Score 9')).toBeInTheDocument();
    expect(fake.calls.findLast((c) => c.channel === 'accounts.timeline')?.input).toMatchObject({ kinds: ['feedback'] });
  });

  it('saves a new renewal date, flagging one in the past on an active account', async () => {
    const user = userEvent.setup();
    const { fake } = renderApp(`#/accounts/${account.id}`, asManager());
    const editor = await screen.findByRole('form', { name: 'Edit account' });
    const renewal = within(editor).getByLabelText('Renewal');
    await user.clear(renewal);
    await user.type(renewal, '2020-01-31');
    expect(within(editor).getByRole('status')).toHaveTextContent('Renewal date has passed');
    await user.click(within(editor).getByRole('button', { name: 'Save changes' }));
    expect(fake.backend.outbox).toEqual([{ name: 'account.update', args: { id: account.id, changes: { renewalDate: '2020-01-31' } } }]);
    expect(await screen.findByText('Jan 31, 2020')).toBeInTheDocument();
  });

  it('refuses a negative annual value with its reason, and saves nothing', async () => {
    const user = userEvent.setup();
    const { fake } = renderApp(`#/accounts/${account.id}`, asManager());
    const editor = await screen.findByRole('form', { name: 'Edit account' });
    const value = within(editor).getByRole('spinbutton', { name: 'Annual value (USD)' });
    await user.clear(value);
    await user.type(value, '-5');
    await user.click(within(editor).getByRole('button', { name: 'Save changes' }));
    expect(await within(editor).findByRole('alert')).toHaveTextContent('Switchboard sent a request it did not accept');
    expect(fake.backend.outbox).toEqual([]);
  });

  it('shows each account’s health trend, filters to those whose health fell, and keeps the view under a name', async () => {
    const user = userEvent.setup();
    const { fake } = renderApp('#/accounts', asManager());
    const row = within(await screen.findByRole('listbox', { name: 'Accounts' })).getByRole('option');
    // 82 on March 9th against 95 on March 2nd.
    expect(row).toHaveTextContent('Trend −13');

    await user.click(screen.getByRole('checkbox', { name: 'Health fell' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Health trend, biggest fall first');
    expect(fake.calls.findLast((c) => c.channel === 'accounts.portfolio')?.input).toMatchObject({ healthFell: true, sort: 'health_trend' });

    await user.click(screen.getByRole('button', { name: 'Save view' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save this view' });
    await user.click(within(dialog).getByRole('button', { name: 'Save view' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Give the view a name.');
    await user.type(within(dialog).getByRole('textbox', { name: 'Name of the view' }), 'Falling');
    await user.click(within(dialog).getByRole('button', { name: 'Save view' }));
    const views = await screen.findByRole('combobox', { name: 'Saved views' });
    await waitFor(() => expect(views).toHaveDisplayValue('Falling'));

    // Back to everything, then the view brings its filter and sort back.
    await user.click(screen.getByRole('checkbox', { name: 'Health fell' }));
    expect(views).toHaveDisplayValue('No saved view');
    await user.selectOptions(views, 'Falling');
    expect(screen.getByRole('checkbox', { name: 'Health fell' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveDisplayValue('Health trend, biggest fall first');
    await user.click(screen.getByRole('button', { name: 'Delete view' }));
    await waitFor(() => expect(within(views).queryByRole('option', { name: 'Falling' })).toBeNull());
  });

  it('charts the account’s daily health with its trend and the reasons for every point lost', async () => {
    renderApp(`#/accounts/${account.id}`, asManager());
    const panel = await screen.findByRole('region', { name: 'Health' });
    expect(await within(panel).findByText('−13 in 7 days · Health fell')).toBeInTheDocument();
    expect(within(panel).getByRole('img', { name: '8 daily scores, from 95 on Mar 2, 2026 to 82 on Mar 9, 2026' })).toBeInTheDocument();
    expect(within(panel).getByRole('list', { name: 'Points lost' })).toHaveTextContent('-14: 2 urgent tickets open');
  });

  it('adds a follow-up task about the account from its page, then edits it there', async () => {
    const user = userEvent.setup();
    const { fake } = renderApp(`#/accounts/${account.id}`, asManager());
    const tasks = await screen.findByRole('region', { name: /Open tasks/ });
    await user.click(within(tasks).getByRole('button', { name: 'New task' }));
    const dialog = await screen.findByRole('dialog', { name: 'New task' });
    expect(await within(dialog).findByRole('combobox', { name: 'Account' })).toHaveDisplayValue('Acme Logistics');
    await user.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Follow up on the outage');
    await user.click(within(dialog).getByRole('button', { name: 'Save task' }));
    const edit = await within(tasks).findByRole('button', { name: 'Edit “Follow up on the outage”' });
    expect(fake.backend.outbox).toEqual([
      expect.objectContaining({ name: 'task.upsert', args: expect.objectContaining({ accountId: account.id, assigneeId: omar.id }) }),
    ]);

    await user.click(edit);
    const editing = await screen.findByRole('dialog', { name: 'Edit task' });
    const title = within(editing).getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Call about the outage');
    await user.click(within(editing).getByRole('button', { name: 'Save task' }));
    expect(await within(tasks).findByRole('button', { name: 'Edit “Call about the outage”' })).toBeInTheDocument();
    expect(fake.backend.outbox).toHaveLength(2);
  });
});
