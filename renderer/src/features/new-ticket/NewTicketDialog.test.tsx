import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../../../shared/domain/records.ts';
import { UUID_PATTERN } from '../../../../shared/ids.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import { account, dana, me, team, wang } from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';

/** contacts.find as Core answers it: contacts whose name or email contains what was typed. */
const withContacts = () =>
  createFakeApi({
    'contacts.find': ({ query }) =>
      [dana, wang]
        .filter((c: Contact) => `${c.name} ${c.email ?? ''}`.toLowerCase().includes(query.toLowerCase()))
        .map((c) => ({ ...c, accountName: account.name })),
  });
const mutations = (fake: ReturnType<typeof createFakeApi>) => fake.calls.filter((c) => c.channel === 'mutations.run').map((c) => c.input);

beforeEach(() => localStorage.clear());

describe('new ticket', () => {
  it('logs an email from an existing contact picked with the keyboard, then opens the unsynced ticket', async () => {
    const user = userEvent.setup();
    const fake = withContacts();
    renderApp('#/inbox/mine', fake);
    await screen.findByRole('button', { name: /New ticket/ });

    await user.keyboard('c');
    const dialog = await screen.findByRole('dialog', { name: 'New ticket' });
    const requester = within(dialog).getByRole('combobox', { name: 'Requester' });
    expect(requester).toHaveFocus();
    // Defaults: my first team, assigned to me, so the ticket is worked at once.
    expect(within(dialog).getByRole('combobox', { name: 'Team' })).toHaveDisplayValue(team.name);
    expect(within(dialog).getByRole('combobox', { name: 'Assignee' })).toHaveDisplayValue(`${me.name} (me)`);
    expect(within(dialog).getByRole('combobox', { name: 'Submit as' })).toHaveDisplayValue('Open');

    await user.type(requester, 'dana');
    const option = await within(dialog).findByRole('option', { name: /Dana Whitfield/ });
    expect(option).toHaveAttribute('aria-selected', 'true');
    expect(within(dialog).getByRole('option', { name: 'Create a new contact “dana”' })).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(within(dialog).getByRole('group', { name: 'Requester' })).toHaveTextContent('Dana Whitfield');

    await user.click(within(dialog).getByRole('radio', { name: 'Email' }));
    expect(within(dialog).getByRole('textbox', { name: 'The customer’s message' })).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Subject' }), 'Invoice address is wrong');
    await user.type(within(dialog).getByRole('textbox', { name: 'The customer’s message' }), 'Please change our invoice address.');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Priority' }), 'High');
    await user.type(within(dialog).getByRole('textbox', { name: 'Tags' }), 'billing address');
    await user.click(within(dialog).getByRole('button', { name: 'Create ticket' }));

    expect(mutations(fake)).toEqual([
      {
        name: 'ticket.create',
        args: {
          ticket: {
            id: expect.stringMatching(UUID_PATTERN),
            subject: 'Invoice address is wrong',
            priority: 'high',
            type: 'question',
            channel: 'email',
            requesterId: dana.id,
            teamId: team.id,
            assigneeId: me.id,
            tags: ['billing', 'address'],
            status: 'open',
          },
          // An email is the customer's own words: logged as their message.
          message: { id: expect.stringMatching(UUID_PATTERN), kind: 'inbound', body: 'Please change our invoice address.' },
        },
      },
    ]);
    const ticketId = (mutations(fake)[0] as { args: { ticket: { id: string } } }).args.ticket.id;
    await waitFor(() => expect(window.location.hash).toBe(`#/tickets/${ticketId}`));
    expect(screen.queryByRole('dialog', { name: 'New ticket' })).not.toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'Invoice address is wrong' })).toBeInTheDocument();
    expect(screen.getByText('Not yet synced')).toBeInTheDocument();
  });

  it('logs a phone call from a new caller: creates the contact, then the ticket with the call notes as an internal note', async () => {
    const user = userEvent.setup();
    const fake = withContacts();
    renderApp('#/inbox/mine', fake);
    await user.click(await screen.findByRole('button', { name: /New ticket/ }));
    const dialog = await screen.findByRole('dialog', { name: 'New ticket' });
    // Phone is the default channel: what the agent writes is their note of the call.
    expect(within(dialog).getByRole('radio', { name: 'Phone' })).toBeChecked();

    await user.type(within(dialog).getByRole('combobox', { name: 'Requester' }), 'Li Wei');
    await within(dialog).findByRole('option', { name: 'Create a new contact “Li Wei”' });
    await user.keyboard('{ArrowDown}');
    expect(within(dialog).getByRole('option', { name: 'Create a new contact “Li Wei”' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');

    const contact = within(dialog).getByRole('group', { name: 'New contact' });
    expect(within(contact).getByRole('textbox', { name: 'Name' })).toHaveValue('Li Wei');
    await user.type(within(contact).getByRole('textbox', { name: 'Email (optional)' }), 'li.wei@example');
    await user.type(within(contact).getByRole('textbox', { name: 'Phone (optional)' }), '+86 21 5555 0101');
    await user.selectOptions(within(contact).getByRole('combobox', { name: 'Customer type' }), 'Prospect');
    await user.type(within(dialog).getByRole('textbox', { name: 'Subject' }), 'Asked about enterprise pricing');
    await user.type(within(dialog).getByRole('textbox', { name: 'What was said (internal note)' }), 'Wants a quote for 40 seats.');
    await user.click(within(dialog).getByRole('button', { name: 'Create ticket' }));

    // The email is incomplete: nothing is sent, and the problem is said next to the field.
    expect(mutations(fake)).toEqual([]);
    const email = within(contact).getByRole('textbox', { name: 'Email (optional)' });
    expect(email).toHaveFocus();
    expect(email).toHaveAccessibleDescription('Enter a valid email address, like name@example.com, or leave it empty.');
    await user.clear(email);
    await user.type(email, 'li.wei@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Create ticket' }));

    const [upsert, create] = mutations(fake) as [{ name: string; args: { id: string } }, { name: string; args: unknown }];
    expect(upsert).toEqual({
      name: 'contact.upsert',
      args: {
        id: expect.stringMatching(UUID_PATTERN),
        accountId: null,
        name: 'Li Wei',
        email: 'li.wei@example.com',
        phone: '+86 21 5555 0101',
        title: null,
        customerType: 'prospect',
        locale: 'en',
      },
    });
    expect(create).toMatchObject({
      name: 'ticket.create',
      args: {
        ticket: { channel: 'phone', requesterId: upsert.args.id, subject: 'Asked about enterprise pricing' },
        message: { kind: 'note', body: 'Wants a quote for 40 seats.' },
      },
    });
    expect(fake.backend.tx.get('contact', upsert.args.id)?.name).toBe('Li Wei');
    expect(await screen.findByRole('heading', { level: 1, name: 'Asked about enterprise pricing' })).toBeInTheDocument();
  });

  it('says what is missing, focuses the first problem, and closes with Esc without creating anything', async () => {
    const user = userEvent.setup();
    const fake = withContacts();
    renderApp('#/inbox/mine', fake);
    const open = await screen.findByRole('button', { name: /New ticket/ });
    await user.click(open);
    const dialog = await screen.findByRole('dialog', { name: 'New ticket' });
    await user.click(within(dialog).getByRole('button', { name: 'Create ticket' }));

    expect(within(dialog).getByRole('alert')).toHaveTextContent('Fix 3 problems to create the ticket.');
    const requester = within(dialog).getByRole('combobox', { name: 'Requester' });
    expect(requester).toHaveFocus();
    expect(requester).toHaveAccessibleDescription('Pick who this ticket is for, or create a new contact.');
    expect(within(dialog).getByRole('textbox', { name: 'Subject' })).toHaveAccessibleDescription('Enter a subject.');
    await user.type(within(dialog).getByRole('textbox', { name: 'Tags' }), 'a,b');
    await user.type(within(dialog).getByRole('textbox', { name: 'Subject' }), 'Something');
    expect(within(dialog).getByRole('textbox', { name: 'Subject' })).not.toHaveAccessibleDescription('Enter a subject.');

    // The first Esc closes the open result list, the second the dialog; focus goes back to the button.
    await user.type(requester, 'zzz');
    await within(dialog).findByText('No contact matches “zzz”.');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'New ticket' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'New ticket' })).not.toBeInTheDocument();
    expect(open).toHaveFocus();
    expect(mutations(fake)).toEqual([]);
  });
});
