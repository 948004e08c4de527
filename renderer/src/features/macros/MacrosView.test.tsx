import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Macro } from '../../../../shared/domain/records.ts';
import { UUID_PATTERN } from '../../../../shared/ids.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import { TENANT_ID, id, me } from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';

const macro = (key: string, patch: Partial<Macro>): Macro => ({
  id: id('macro', key),
  tenantId: TENANT_ID,
  version: 1,
  createdAt: 0,
  updatedAt: 0,
  title: key,
  body: 'Hi {{requester.firstName}}',
  replyKind: 'reply',
  actions: {},
  ownerId: null,
  active: true,
  ...patch,
});
const shared = macro('shared', { title: 'Ask for a screenshot', actions: { status: 'pending' } });
const retired = macro('retired', { title: 'Old holiday notice', active: false });
const mine = macro('mine', { title: 'My sign-off', replyKind: 'note', ownerId: me.id });
const supervisor = { ...me, id: id('sofia'), name: 'Sofia Reyes', email: 'sofia@switchboard.test', role: 'supervisor' as const };

function withMacros(options: Parameters<typeof createFakeApi>[1] = {}) {
  const fake = createFakeApi({}, options);
  for (const m of [shared, retired, mine]) fake.backend.tx.put('macro', m);
  return fake;
}
const upserts = (fake: ReturnType<typeof createFakeApi>) =>
  fake.calls.filter((c) => c.channel === 'mutations.run').map((c) => (c.input as { args: unknown }).args);
const row = (title: string) => screen.getByRole('row', { name: new RegExp(title) });

beforeEach(() => localStorage.clear());

describe('macros page', () => {
  it('is reachable from the sidebar; an agent sees shared macros read-only and manages only their own', async () => {
    const user = userEvent.setup();
    const fake = withMacros();
    renderApp('#/inbox/mine', fake);
    await user.click(await screen.findByRole('link', { name: 'Macros' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Macros' })).toBeInTheDocument();
    expect(screen.getByText(/Shared macros are managed by supervisors and admins/)).toBeInTheDocument();

    await screen.findByRole('table', { name: 'Macros' });
    expect(within(row('Ask for a screenshot')).queryByRole('button')).not.toBeInTheDocument();
    expect(within(row('Old holiday notice')).getByRole('cell', { name: 'Inactive' })).toBeInTheDocument();
    expect(within(row('My sign-off')).getByRole('button', { name: 'Edit “My sign-off”' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New macro' }));
    const dialog = screen.getByRole('dialog', { name: 'New macro' });
    // An agent's macros are personal: sharing is not theirs to choose.
    expect(within(dialog).getByRole('combobox', { name: 'Who can use it' })).toBeDisabled();
    expect(within(dialog).getByRole('combobox', { name: 'Who can use it' })).toHaveDisplayValue('Only me (personal)');
    await user.click(within(dialog).getByRole('button', { name: 'Save macro' }));
    expect(within(dialog).getByRole('textbox', { name: 'Title' })).toHaveAccessibleDescription('Give the macro a title.');
    expect(within(dialog).getByRole('textbox', { name: 'Text' })).toHaveAccessibleDescription(
      expect.stringContaining('A macro must insert text or set at least one field.'),
    );

    await user.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Thanks');
    await user.type(within(dialog).getByRole('textbox', { name: 'Text' }), 'Thanks {{{{requester.frstName}}');
    await user.click(within(dialog).getByRole('button', { name: 'Save macro' }));
    expect(within(dialog).getByRole('textbox', { name: 'Text' })).toHaveAccessibleDescription(
      expect.stringContaining('Unknown placeholders: {{requester.frstName}}.'),
    );
    expect(upserts(fake)).toEqual([]);

    await user.clear(within(dialog).getByRole('textbox', { name: 'Text' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Text' }), 'Thanks, ');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Insert placeholder' }), 'Requester’s first name');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Status' }), 'Solved');
    await user.click(within(dialog).getByRole('button', { name: 'Save macro' }));

    expect(upserts(fake)).toEqual([
      {
        id: expect.stringMatching(UUID_PATTERN),
        title: 'Thanks',
        body: 'Thanks, {{requester.firstName}}',
        replyKind: 'reply',
        actions: { status: 'solved' },
        ownerId: me.id,
        active: true,
      },
    ]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByRole('row', { name: /Thanks/ })).toHaveTextContent('Personal');
  });

  it('lets a supervisor edit and deactivate a shared macro', async () => {
    const user = userEvent.setup();
    const fake = withMacros({ user: supervisor });
    fake.backend.tx.put('user', supervisor);
    renderApp('#/macros', fake);
    await screen.findByRole('table', { name: 'Macros' });
    expect(screen.queryByText(/Shared macros are managed by supervisors and admins/)).not.toBeInTheDocument();

    await user.click(within(row('Ask for a screenshot')).getByRole('button', { name: 'Edit “Ask for a screenshot”' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit macro' });
    expect(within(dialog).getByRole('combobox', { name: 'Who can use it' })).toHaveDisplayValue('Everyone (shared)');
    expect(within(dialog).getByRole('combobox', { name: 'Status' })).toHaveDisplayValue('Pending');
    const title = within(dialog).getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Ask for a screenshot and steps');
    await user.type(within(dialog).getByRole('textbox', { name: 'Add tags' }), 'needs-info');
    await user.click(within(dialog).getByRole('button', { name: 'Save macro' }));
    expect(upserts(fake).at(-1)).toEqual({
      id: shared.id,
      title: 'Ask for a screenshot and steps',
      body: shared.body,
      replyKind: 'reply',
      actions: { status: 'pending', addTags: ['needs-info'] },
      ownerId: null,
      active: true,
    });

    await user.click(await screen.findByRole('button', { name: 'Deactivate “Ask for a screenshot and steps”' }));
    expect(upserts(fake).at(-1)).toMatchObject({ id: shared.id, active: false });
    await waitFor(() => expect(within(row('Ask for a screenshot and steps')).getByRole('cell', { name: 'Inactive' })).toBeInTheDocument());
  });
});
