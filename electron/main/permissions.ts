/**
 * Web permissions: the console needs notifications and nothing else (no camera, microphone,
 * geolocation, clipboard reads, HID…), and only its own pages may have even that.
 */
import type { Session } from 'electron';
import type { TrustedUrlTest } from './app-origin.ts';

const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

export function isPermissionAllowed(permission: string, requestingUrl: string, isTrusted: TrustedUrlTest): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isTrusted(requestingUrl);
}

export function denyPermissionsButNotifications(session: Session, isTrusted: TrustedUrlTest): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, isTrusted));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, isTrusted),
  );
}
