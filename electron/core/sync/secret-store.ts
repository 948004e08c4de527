/**
 * Where Core keeps the session's refresh token (SECURITY.md: never given to the renderer). The
 * token sits in one file beside the database, readable by this OS user only (mode 0600). In the
 * desktop app the file holds only what Electron's safeStorage encrypted (main does the crypto,
 * see process-protocol.ts); the web host keeps the token itself in its own data folder.
 */
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export interface SecretStore {
  /** The stored secret, or null (none stored, or it can no longer be decrypted). */
  get(): Promise<string | null>;
  /** Stores the secret; false when it cannot be kept safely (then nothing is stored). */
  set(secret: string): Promise<boolean>;
  clear(): Promise<void>;
  /** The file it lives in, removed with the database on "wipe this device". */
  readonly path: string;
}

/** Turns the secret into what is written to disk and back; null: cannot (no keychain, or damaged). */
export interface SecretCodec {
  seal(secret: string): Promise<string | null>;
  open(sealed: string): Promise<string | null>;
}

const PLAIN: SecretCodec = { seal: async (s) => s, open: async (s) => s };

/** The file beside the database that holds the sealed secret. */
export const secretPathFor = (databasePath: string) => `${databasePath}.session`;

export function createFileSecretStore(path: string, codec: SecretCodec = PLAIN): SecretStore {
  const remove = () => rmSync(path, { force: true });
  return {
    path,
    async get() {
      let sealed: string;
      try {
        sealed = readFileSync(path, 'utf8');
      } catch {
        return null;
      }
      return sealed ? codec.open(sealed) : null;
    },
    async set(secret) {
      const sealed = await codec.seal(secret);
      if (sealed === null) {
        remove();
        return false;
      }
      // Written beside and renamed over, so a crash never leaves half a token; created 0600.
      const temp = `${path}.tmp`;
      writeFileSync(temp, sealed, { mode: 0o600 });
      chmodSync(temp, 0o600);
      renameSync(temp, path);
      return true;
    },
    async clear() {
      remove();
    },
  };
}
