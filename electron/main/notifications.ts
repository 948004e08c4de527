/**
 * Desktop notifications in the desktop app: Core decides what is news (`notification.show`, see
 * electron/core/notifications/) and main shows it with the operating system's notifications.
 * Clicking one brings the window forward and tells the renderer which record to open
 * (`notification.opened`). The renderer shows no notification of its own in the desktop app.
 */
import { Notification, type BrowserWindow } from 'electron';
import { events } from '../../shared/contract/events.ts';
import { sendEventToWindow } from './ipc-router.ts';
import { focusWindow } from './window.ts';

export function createDesktopNotifier(currentWindow: () => BrowserWindow | null) {
  // Electron forgets a notification's click handler once nothing references the notification:
  // keep each one until it is clicked or dismissed.
  const showing = new Set<Notification>();

  return {
    /** Shows a `notification.show` payload; false when it is malformed or the system has no notifications. */
    show(payload: unknown): boolean {
      const parsed = events['notification.show'].safeParse(payload);
      if (!parsed.success || !Notification.isSupported()) return false;
      const { kind, title, body, target } = parsed.data;
      const notification = new Notification({ title, body });
      showing.add(notification);
      notification.on('close', () => showing.delete(notification));
      notification.on('click', () => {
        showing.delete(notification);
        const window = currentWindow();
        if (!window || window.isDestroyed()) return;
        focusWindow(window);
        sendEventToWindow(window.webContents, 'notification.opened', { kind, target });
      });
      notification.show();
      return true;
    },
  };
}
