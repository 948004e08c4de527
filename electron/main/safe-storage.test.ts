import { beforeEach, describe, expect, it } from 'vitest';
import { electronStub, resetElectronStub } from '../../test/stubs/electron.ts';
import { decryptSecret, encryptSecret } from './safe-storage.ts';

describe('the safeStorage helper', () => {
  beforeEach(resetElectronStub);

  it('encrypts and decrypts with a real keychain', () => {
    electronStub.storageBackend = 'gnome_libsecret';
    const sealed = encryptSecret('refresh-token-123', 'linux');
    expect(sealed.ok).toBe(true);
    if (!sealed.ok) return;
    expect(sealed.value).not.toContain('refresh-token-123');
    expect(decryptSecret(sealed.value, 'linux')).toEqual({ ok: true, value: 'refresh-token-123' });
  });

  it('refuses the basic_text backend on Linux instead of storing plaintext', () => {
    electronStub.storageBackend = 'basic_text';
    expect(encryptSecret('refresh-token-123', 'linux')).toEqual({ ok: false, reason: 'unavailable' });
    expect(decryptSecret('ZW5jOng=', 'linux')).toEqual({ ok: false, reason: 'unavailable' });
  });

  it('refuses when encryption is unavailable', () => {
    electronStub.encryptionAvailable = false;
    expect(encryptSecret('refresh-token-123', 'darwin')).toEqual({ ok: false, reason: 'unavailable' });
  });

  it('reports data it cannot decrypt', () => {
    expect(decryptSecret(Buffer.from('garbage').toString('base64'), 'win32')).toEqual({ ok: false, reason: 'undecryptable' });
  });
});
