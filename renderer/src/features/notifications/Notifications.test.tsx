import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../../shared/contract/events.ts';
import { createFakeApi, type FakeApi } from '../../../test/fake-api.ts';
import { account, ticket } from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';

/** The browser's Notification, recording what the console shows and asks. */
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  static asked = 0;
  static async requestPermission(): Promise<NotificationPermission> {
    FakeNotification.asked += 1;
    FakeNotification.permission = 'granted';
    return 'granted';
  }
  readonly title: string;
  readonly options: NotificationOptions;
  onclick: (() => void) | null = null;
  closed = false;
  constructor(title: string, options: NotificationOptions = {}) {
    this.title = title;
    this.options = options;
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

const assigned: EventPayload<'notification.show'> = {
  kind: 'assigned',
  target: { entity: 'ticket', id: ticket.id },
  count: 1,
  title: 'Ticket assigned to you',
  body: '#1042 Refund, by Omar Haddad',
};

/** Renders the console and waits until it is on screen (listening for Core's events). */
async function renderConsole(fake: FakeApi): Promise<void> {
  renderApp('#/dashboard', fake);
  await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
}

beforeEach(() => {
  localStorage.clear();
  FakeNotification.permission = 'granted';
  FakeNotification.shown = [];
  FakeNotification.asked = 0;
  Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
});

afterEach(() => {
  Reflect.deleteProperty(window, 'Notification');
});

describe('desktop notifications in the renderer', () => {
  it("in a browser, shows Core's notification with the browser's; clicking it opens the ticket", async () => {
    const fake = createFakeApi();
    await renderConsole(fake);
    act(() => fake.emit('notification.show', assigned));
    expect(FakeNotification.shown).toHaveLength(1);
    const [shown] = FakeNotification.shown;
    expect(shown?.title).toBe('Ticket assigned to you');
    expect(shown?.options.body).toBe('#1042 Refund, by Omar Haddad');

    act(() => shown?.onclick?.());
    expect(await screen.findByRole('heading', { level: 1, name: ticket.subject })).toBeInTheDocument();
    expect(shown?.closed).toBe(true);
  });

  it('a notification about an account opens the account; a summary of several opens the list they are in', async () => {
    const fake = createFakeApi();
    await renderConsole(fake);
    const click = (payload: EventPayload<'notification.show'>) => {
      act(() => fake.emit('notification.show', payload));
      act(() => FakeNotification.shown.at(-1)?.onclick?.());
    };
    const words = { count: 1, title: 'Acme Logistics is at risk: health 35', body: '-14: 2 urgent tickets open' };
    // Each page loads its data first (its heading shows meanwhile): on a busy machine that takes longer than the default second.
    const page = (name: string) => screen.findByRole('heading', { level: 1, name }, { timeout: 10_000 });
    click({ kind: 'health_at_risk', target: { entity: 'account', id: account.id }, ...words });
    await page(account.name);

    click({ kind: 'task_reminder', target: null, count: 3, title: '3 task reminders', body: 'One, Two and Three' });
    await page('My tasks');

    // A reminder of a task on the account opens the account, as a desktop app's click does.
    act(() => fake.emit('notification.opened', { kind: 'task_reminder', target: { entity: 'account', id: account.id } }));
    await page(account.name);
  });

  it('asks for permission once, politely, when the first notification arrives before the browser allowed them', async () => {
    const user = userEvent.setup();
    FakeNotification.permission = 'default';
    const fake = createFakeApi();
    await renderConsole(fake);
    act(() => fake.emit('notification.show', assigned));
    expect(FakeNotification.shown).toEqual([]);
    expect(FakeNotification.asked).toBe(0); // never without the person's say-so
    const offer = screen.getByRole('region', { name: 'Desktop notifications' });
    await user.click(screen.getByRole('button', { name: 'Turn on notifications' }));
    expect(FakeNotification.asked).toBe(1);
    expect(offer).not.toBeInTheDocument();

    act(() => fake.emit('notification.show', assigned));
    expect(FakeNotification.shown).toHaveLength(1);
  });

  it('in the desktop app, opens the ticket of a system notification the person clicked', async () => {
    // There main shows the notification itself and never forwards notification.show to the page.
    const fake = createFakeApi();
    await renderConsole(fake);
    act(() => fake.emit('notification.opened', { kind: 'assigned', target: { entity: 'ticket', id: ticket.id } }));
    expect(await screen.findByRole('heading', { level: 1, name: ticket.subject })).toBeInTheDocument();
    expect(FakeNotification.shown).toEqual([]);
  });

  it('the Settings page turns them off (Core then sends none; the browser shows none either)', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp('#/settings', fake);
    const toggle = await screen.findByRole('checkbox', { name: 'Notify me when a ticket is assigned to me or my customer replies' });
    expect(toggle).toBeChecked();
    await user.click(toggle);
    expect(toggle).not.toBeChecked();
    expect(fake.calls).toContainEqual({ channel: 'settings.update', input: { notifications: false } });
    act(() => fake.emit('notification.show', assigned));
    expect(FakeNotification.shown).toEqual([]);
  });
});
