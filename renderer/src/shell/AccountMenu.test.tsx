import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SERVER_URL, createFakeApi } from '../../test/fake-api.ts';
import { me } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

describe('account menu', () => {
  it('shows who is signed in and signs out, back to a prefilled sign-in screen', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp('#/dashboard', fake);
    const account = await screen.findByRole('button', { name: 'Mei Lin Agent account menu' });
    expect(account).toHaveTextContent('Mei Lin');
    expect(account).toHaveTextContent('Agent');

    await user.click(account);
    expect(account).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{Escape}');
    expect(account).toHaveAttribute('aria-expanded', 'false');
    expect(account).toHaveFocus();

    await user.click(account);
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(fake.calls.find((c) => c.channel === 'session.signOut')?.input).toEqual({ wipe: false });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Server address')).toHaveValue(SERVER_URL);
    expect(screen.getByLabelText('Email')).toHaveValue(me.email);
  });

  it('asks before wiping the device, saying how many pending changes would be lost', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { status: { connection: 'offline', pendingMutations: 3 } });
    renderApp('#/dashboard', fake);
    const account = await screen.findByRole('button', { name: 'Mei Lin Agent account menu' });

    await user.click(account);
    await user.click(screen.getByRole('button', { name: 'Sign out and wipe this device' }));
    let dialog = screen.getByRole('alertdialog', { name: 'Wipe this device?' });
    expect(dialog).toHaveTextContent('3 changes have not reached the server yet and will be lost.');
    // The safe choice has the focus; Cancel changes nothing.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(account).toHaveFocus();
    expect(fake.calls.some((c) => c.channel === 'session.signOut')).toBe(false);

    await user.click(account);
    await user.click(screen.getByRole('button', { name: 'Sign out and wipe this device' }));
    dialog = screen.getByRole('alertdialog', { name: 'Wipe this device?' });
    await user.click(within(dialog).getByRole('button', { name: 'Wipe and sign out' }));
    expect(fake.calls.find((c) => c.channel === 'session.signOut')?.input).toEqual({ wipe: true, discardUnsent: 3 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('says nothing will be lost when every change has reached the server', async () => {
    const user = userEvent.setup();
    renderApp('#/dashboard');
    await user.click(await screen.findByRole('button', { name: 'Mei Lin Agent account menu' }));
    await user.click(screen.getByRole('button', { name: 'Sign out and wipe this device' }));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('Every change you made has reached the server; nothing will be lost.');
  });
});
