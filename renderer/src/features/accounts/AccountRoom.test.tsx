/**
 * The account manager's room as they use it: the portfolio as their accounts screen, an account's
 * page, logging a call with the NPS given on it, and editing the account's fields, with the
 * renewal-date flag and a refused value.
 */
import { screen, within } from '@testing-library/react';
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
});
