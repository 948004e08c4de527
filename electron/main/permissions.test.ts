import { beforeEach, describe, expect, it } from 'vitest';
import { electronStub, resetElectronStub, session } from '../../test/stubs/electron.ts';
import { createTrustedUrlTest } from './app-origin.ts';
import { denyPermissionsButNotifications } from './permissions.ts';

function request(permission: string, requestingUrl = 'app://console/index.html'): boolean | undefined {
  let granted: boolean | undefined;
  electronStub.permissionRequestHandler?.(null, permission, (g: boolean) => (granted = g), { requestingUrl });
  return granted;
}

describe('permissions', () => {
  beforeEach(() => {
    resetElectronStub();
    denyPermissionsButNotifications(session.defaultSession as never, createTrustedUrlTest());
  });

  it('grants notifications to the console', () => {
    expect(request('notifications')).toBe(true);
    expect(electronStub.permissionCheckHandler?.(null, 'notifications', 'app://console', {})).toBe(true);
  });

  it.each(['media', 'geolocation', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal', 'display-capture', 'fullscreen', 'unknown'])(
    'denies %s',
    (permission) => {
      expect(request(permission)).toBe(false);
      expect(electronStub.permissionCheckHandler?.(null, permission, 'app://console', {})).toBe(false);
    },
  );

  it('denies even notifications to any other origin', () => {
    expect(request('notifications', 'https://evil.example/')).toBe(false);
    expect(electronStub.permissionCheckHandler?.(null, 'notifications', 'https://evil.example', {})).toBe(false);
  });
});
