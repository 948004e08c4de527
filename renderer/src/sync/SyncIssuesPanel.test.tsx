import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test/fake-api.ts';
import { noteRejection, statusConflict } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

describe('connection indicator', () => {
  it('shows each connection state with the pending and issue counts, following sync.changed', async () => {
    const fake = createFakeApi({}, { status: { connection: 'local' } });
    renderApp('#/dashboard', fake);
    const indicator = await screen.findByRole('button', { name: 'Local' });
    expect(indicator).toHaveAttribute('title', 'Working from this computer’s local data; no server is configured.');

    act(() =>
      fake.backend.setStatus({ connection: 'offline', pendingMutations: 3, lastError: { code: 'UNAVAILABLE', message: 'timeout' } }),
    );
    expect(screen.getByRole('button', { name: 'Offline 3 pending' })).toHaveAttribute(
      'title',
      'Switchboard’s backend cannot be reached right now.',
    );

    act(() => fake.backend.addIssue(statusConflict));
    expect(screen.getByRole('button', { name: 'Offline 3 pending 1 issue' })).toBeInTheDocument();

    act(() => fake.backend.setStatus({ connection: 'syncing' }));
    expect(screen.getByRole('button', { name: 'Syncing 3 pending 1 issue' })).toBeInTheDocument();

    act(() => fake.backend.acknowledge());
    expect(screen.getByRole('button', { name: 'Online 1 issue' })).toBeInTheDocument();

    act(() => fake.backend.setStatus({ connection: 'update_required' }));
    expect(screen.getByRole('button', { name: 'Update required 1 issue' })).toHaveAttribute('title', expect.stringContaining('too old'));
  });
});

describe('sync issues panel', () => {
  it('opens from the indicator, shows a conflict with both values, who and when, and keeps theirs', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { issues: [statusConflict] });
    renderApp('#/dashboard', fake);
    const indicator = await screen.findByRole('button', { name: 'Online 1 issue' });
    await user.click(indicator);

    const dialog = await screen.findByRole('dialog', { name: 'Sync' });
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    const issue = await within(dialog).findByRole('article', { name: statusConflict.title ?? '' });
    expect(issue).toHaveTextContent('Conflict');
    expect(issue).toHaveTextContent('Your change: Status change');
    const status = within(issue).getByRole('definition');
    expect(status).toHaveTextContent('TheirsPending');
    expect(status).toHaveTextContent('set by Omar Haddad 5 minutes ago');
    expect(status).toHaveTextContent('YoursSolved');

    await user.click(within(issue).getByRole('button', { name: 'Keep theirs' }));
    expect(fake.calls.find((c) => c.channel === 'sync.resolve')?.input).toEqual({ id: statusConflict.id, choice: 'keep_theirs' });
    expect(await within(dialog).findByText('No sync issues. Everything you changed was accepted.')).toBeInTheDocument();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    expect(screen.getByRole('button', { name: 'Online' })).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Online' })).toHaveFocus();
  });

  it('applies mine as a new pending change, and keeps Tab inside the dialog', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { issues: [statusConflict] });
    renderApp('#/dashboard', fake);
    await user.click(await screen.findByRole('button', { name: 'Online 1 issue' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync' });
    const apply = await within(dialog).findByRole('button', { name: 'Apply mine' });

    // From the last control, Tab wraps to the first (the close button), and Shift+Tab back.
    apply.focus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(apply).toHaveFocus();

    await user.click(apply);
    expect(fake.calls.find((c) => c.channel === 'sync.resolve')?.input).toEqual({ id: statusConflict.id, choice: 'apply_mine' });
    expect(await within(dialog).findByText('1 change waiting to sync')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Online 1 pending' })).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Sync now' }));
    expect(fake.calls.some((c) => c.channel === 'sync.now')).toBe(true);
    expect(await within(dialog).findByText('Every change has reached the server.')).toBeInTheDocument();
  });

  it('shows a rejection with its translated reason and message, and dismisses it', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { issues: [noteRejection] });
    renderApp('#/dashboard', fake);
    await user.click(await screen.findByRole('button', { name: 'Online 1 issue' }));
    const issue = await screen.findByRole('article', { name: noteRejection.title ?? '' });
    expect(issue).toHaveTextContent('Not accepted');
    expect(issue).toHaveTextContent('Your change: Message');
    expect(issue).toHaveTextContent('This change is not allowed for this record.');
    expect(issue).toHaveTextContent('ticket 998 is closed');
    expect(within(issue).queryByRole('button', { name: 'Keep theirs' })).not.toBeInTheDocument();

    await user.click(within(issue).getByRole('button', { name: 'Dismiss' }));
    expect(fake.calls.find((c) => c.channel === 'sync.resolve')?.input).toEqual({ id: noteRejection.id, choice: 'dismiss' });
    expect(await screen.findByText('No sync issues. Everything you changed was accepted.')).toBeInTheDocument();
  });

  it('speaks Chinese too, with the values translated', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi(
      { 'settings.get': () => ({ theme: 'dark', locale: 'zh-CN', density: 'comfortable', notifications: true, undoSeconds: 5 }) },
      { issues: [statusConflict] },
    );
    renderApp('#/dashboard', fake);
    await user.click(await screen.findByRole('button', { name: '在线 1 个问题' }));
    const dialog = screen.getByRole('dialog', { name: '同步' });
    const issue = await within(dialog).findByRole('article');
    expect(issue).toHaveTextContent('对方的值等待客户');
    expect(issue).toHaveTextContent('您的值已解决');
    expect(within(issue).getByRole('button', { name: '保留对方的值' })).toBeInTheDocument();
  });
});
