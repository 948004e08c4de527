/**
 * The browser's Notification API as the console uses it: in the web host (and any browser) the
 * renderer shows Core's notifications itself; in the desktop app Electron's main process shows them
 * (electron/main/notifications.ts), so the renderer must not show a second one. Permission is asked
 * for once, from a button the person presses (browsers ignore or penalise unprompted requests).
 */
import type { z } from 'zod';
import type { AppInfo } from '../../../../shared/contract/channels.ts';
import type { EventPayload, NotificationKind, NotificationTarget } from '../../../../shared/contract/events.ts';
import type { Route } from '../../shell/routes.ts';

export type Permission = NotificationPermission | 'unsupported';

/** Remembers that the person was asked (or said "not now"), so the offer is made once. */
const ASKED_KEY = 'switchboard.notifications.asked';

/** Whether this renderer shows notifications itself: everywhere but the desktop app. */
export const showsOwnNotifications = (transport: z.infer<typeof AppInfo>['transport']) => transport !== 'ipc';

export function permission(): Permission {
  return typeof window.Notification === 'function' ? window.Notification.permission : 'unsupported';
}

export function wasAsked(): boolean {
  return localStorage.getItem(ASKED_KEY) !== null;
}

/** Asks the browser (call from a click); remembers that the question was put. */
export async function askPermission(): Promise<Permission> {
  localStorage.setItem(ASKED_KEY, '1');
  if (permission() === 'unsupported') return 'unsupported';
  return window.Notification.requestPermission();
}

export function notAsking(): void {
  localStorage.setItem(ASKED_KEY, '1');
}

/** Where a notification leads: the record it is about, or for a summary of several, the list they are in. */
export function routeOf(kind: NotificationKind, target: NotificationTarget | null): Route {
  if (target) {
    switch (target.entity) {
      case 'ticket':
        return { name: 'ticket', id: target.id };
      case 'account':
        return { name: 'account', id: target.id };
      case 'contact':
        return { name: 'contact', id: target.id };
    }
  }
  switch (kind) {
    case 'task_reminder':
      return { name: 'tasks' };
    case 'health_at_risk':
      return { name: 'accounts' };
    default:
      return { name: 'inbox', view: 'mine' };
  }
}

/** Shows one with the browser; clicking it brings the console forward at `open`'s place. */
export function showInBrowser(payload: EventPayload<'notification.show'>, open: (route: Route) => void): void {
  const shown = new window.Notification(payload.title, {
    body: payload.body,
    // A newer notification about the same record (or the same kind of summary) replaces the older.
    tag: payload.target ? `${payload.target.entity}-${payload.target.id}` : `switchboard-${payload.kind}`,
  });
  shown.onclick = () => {
    window.focus();
    open(routeOf(payload.kind, payload.target));
    shown.close();
  };
}
