/**
 * Secrets at rest (the session's refresh token) are encrypted with the operating system's keychain
 * through `safeStorage`. When there is no real keychain — encryption unavailable, or on Linux the
 * `basic_text` backend, which only obfuscates with a hard-coded key — the helper refuses with a
 * typed `unavailable` result, and the caller asks the person to sign in again instead of storing
 * the secret in plaintext.
 */
import { safeStorage } from 'electron';

export type SecretResult<T> = { ok: true; value: T } | { ok: false; reason: 'unavailable' | 'undecryptable' };

export function isSecureStorageAvailable(platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

/** The secret encrypted for this user and machine, as base64 for storage. */
export function encryptSecret(secret: string, platform: NodeJS.Platform = process.platform): SecretResult<string> {
  if (!isSecureStorageAvailable(platform)) return { ok: false, reason: 'unavailable' };
  return { ok: true, value: safeStorage.encryptString(secret).toString('base64') };
}

/** The secret back; `undecryptable` when the keychain changed (another machine or user) or the data is damaged. */
export function decryptSecret(encrypted: string, platform: NodeJS.Platform = process.platform): SecretResult<string> {
  if (!isSecureStorageAvailable(platform)) return { ok: false, reason: 'unavailable' };
  try {
    return { ok: true, value: safeStorage.decryptString(Buffer.from(encrypted, 'base64')) };
  } catch {
    return { ok: false, reason: 'undecryptable' };
  }
}
