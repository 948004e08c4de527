import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PASSWORD, SERVER_URL, UNREACHABLE_URL, createFakeApi } from '../../test/fake-api.ts';
import { me, omar } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

const signedOut = (remembered: { rememberedServerUrl: string | null; rememberedEmail: string | null }) =>
  createFakeApi({}, { signedOut: remembered });

async function fill(user: ReturnType<typeof userEvent.setup>, fields: { server?: string; email?: string; password: string }) {
  const server = screen.getByLabelText('Server address');
  const email = screen.getByLabelText('Email');
  if (fields.server !== undefined) {
    await user.clear(server);
    await user.type(server, fields.server);
  }
  if (fields.email !== undefined) {
    await user.clear(email);
    await user.type(email, fields.email);
  }
  if (fields.password) await user.type(screen.getByLabelText('Password'), fields.password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in', () => {
  it('prefills the remembered server and email, signs in, and shows the app while the first sync downloads', async () => {
    const user = userEvent.setup();
    const fake = signedOut({ rememberedServerUrl: SERVER_URL, rememberedEmail: me.email });
    renderApp('#/inbox/mine', fake);

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Server address')).toHaveValue(SERVER_URL);
    expect(screen.getByLabelText('Email')).toHaveValue(me.email);
    expect(screen.getByLabelText('Password')).toHaveFocus();

    await user.keyboard(`${PASSWORD}{Enter}`);

    expect(await screen.findByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
    expect(fake.calls.find((c) => c.channel === 'session.signIn')?.input).toEqual({
      serverUrl: SERVER_URL,
      email: me.email,
      password: PASSWORD,
    });
    expect(screen.getByRole('button', { name: 'Syncing' })).toBeInTheDocument();
    expect(screen.getByText(/Downloading your work from the server/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mei Lin Agent account menu' })).toHaveTextContent('Agent');
  });

  it('says a wrong email or password the same way, clears the password and puts the cursor back in it', async () => {
    const user = userEvent.setup();
    renderApp('#/inbox/mine', signedOut({ rememberedServerUrl: SERVER_URL, rememberedEmail: null }));
    await screen.findByRole('heading', { name: 'Sign in' });

    await fill(user, { email: 'nobody@switchboard.test', password: 'guess' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not right.');
    const password = screen.getByLabelText('Password');
    expect(password).toHaveValue('');
    expect(password).toHaveFocus();
    expect(password).toHaveAttribute('aria-invalid', 'true');

    await user.type(password, 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not right.');
  });

  it('tells an unreachable server, a malformed address and too many attempts apart', async () => {
    const user = userEvent.setup();
    renderApp('#/inbox/mine', signedOut({ rememberedServerUrl: null, rememberedEmail: null }));
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(screen.getByLabelText('Server address')).toHaveFocus();

    await fill(user, { server: UNREACHABLE_URL, email: me.email, password: PASSWORD });
    expect(await screen.findByRole('alert')).toHaveTextContent(`The server at ${UNREACHABLE_URL} cannot be reached.`);
    expect(screen.getByLabelText('Server address')).toHaveFocus();

    await fill(user, { server: 'support desk', password: '' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter the server’s full address, starting with https://');
    expect(screen.getByLabelText('Server address')).toHaveAttribute('aria-invalid', 'true');

    await user.clear(screen.getByLabelText('Password'));
    for (let attempt = 0; attempt < 3; attempt++) await fill(user, { server: SERVER_URL, password: 'wrong' });
    await fill(user, { password: PASSWORD });
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many sign-in attempts. Wait a few minutes, then try again.');
  });

  describe('when the device holds another person’s data', () => {
    const omarsDevice = (unsentChanges: number) =>
      createFakeApi(
        {},
        {
          signedOut: {
            rememberedServerUrl: SERVER_URL,
            rememberedEmail: omar.email,
            deviceHolder: { name: omar.name, email: omar.email, serverUrl: SERVER_URL, unsentChanges },
          },
        },
      );

    it('says whose data it is and that their unsent work would be lost, and wipes only once that is accepted', async () => {
      const user = userEvent.setup();
      const fake = omarsDevice(2);
      renderApp('#/inbox/mine', fake);
      await screen.findByRole('heading', { level: 1, name: 'Sign in' });
      await fill(user, { email: me.email, password: PASSWORD });

      const panel = await screen.findByRole('region', { name: 'This device holds someone else’s data' });
      expect(within(panel).getByRole('alert')).toHaveTextContent(
        `The tickets, customers and messages on this computer are Omar Haddad’s (${omar.email}).`,
      );
      expect(screen.queryByText('You do not have permission to do this.')).not.toBeInTheDocument();
      expect(panel).toHaveTextContent('Omar Haddad has 2 changes that have not reached the server yet. Wiping loses them.');
      const wipe = within(panel).getByRole('button', { name: `Wipe this device and sign in as ${me.email}` });
      expect(wipe).toBeDisabled();

      await user.click(within(panel).getByRole('checkbox', { name: 'Lose Omar Haddad’s 2 unsent changes' }));
      await user.click(wipe);
      expect(await screen.findByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
      expect(fake.calls.filter((c) => c.channel === 'session.signIn').at(-1)?.input).toEqual({
        serverUrl: SERVER_URL,
        email: me.email,
        password: PASSWORD,
        replaceDeviceData: { discardUnsent: 2 },
      });
    });

    it('offers to sign in as them instead, leaving only their password to type', async () => {
      const user = userEvent.setup();
      renderApp('#/inbox/mine', omarsDevice(0));
      await screen.findByRole('heading', { level: 1, name: 'Sign in' });
      await fill(user, { email: me.email, password: PASSWORD });

      const panel = await screen.findByRole('region', { name: 'This device holds someone else’s data' });
      expect(panel).toHaveTextContent('Everything Omar Haddad did has reached the server; wiping loses nothing.');
      expect(within(panel).getByRole('button', { name: `Wipe this device and sign in as ${me.email}` })).toBeEnabled();
      await user.click(within(panel).getByRole('button', { name: 'Sign in as Omar Haddad' }));
      expect(screen.queryByRole('region', { name: 'This device holds someone else’s data' })).not.toBeInTheDocument();
      expect(screen.getByLabelText('Email')).toHaveValue(omar.email);
      expect(screen.getByLabelText('Password')).toHaveValue('');
      expect(screen.getByLabelText('Password')).toHaveFocus();
    });
  });

  it('shows the sign-in screen when Core announces the session ended', async () => {
    const fake = createFakeApi();
    renderApp('#/inbox/mine', fake);
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('button', { name: 'Mei Lin Agent account menu' })).toBeInTheDocument();
    fake.emit('session.changed', {
      status: 'signed_out',
      user: null,
      serverUrl: null,
      rememberedServerUrl: SERVER_URL,
      rememberedEmail: me.email,
      deviceHolder: null,
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveValue(me.email);
  });
});
