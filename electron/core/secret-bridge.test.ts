import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from './index.ts';
import { serveCore } from './message-loop.ts';
import type { CoreToMain, ParentPort } from './process-protocol.ts';
import { createPortSecretCodec } from './secret-bridge.ts';
import { createFileSecretStore } from './sync/secret-store.ts';
import { tempDir } from './testing/fixtures.ts';

/** Main's side played by the test: seals by reversing, as long as `keychain` is on. */
function fakeMain(keychain: { on: boolean }) {
  const emitter = new EventEmitter();
  const posted: CoreToMain[] = [];
  const port: ParentPort = {
    on: (event, listener) => emitter.on(event, listener),
    postMessage(message) {
      posted.push(message);
      if (message.kind !== 'secret') return;
      const value = !keychain.on ? null : message.op === 'seal' ? `sealed:${message.value}` : message.value.replace(/^sealed:/, '');
      queueMicrotask(() => emitter.emit('message', { data: { kind: 'secret-result', id: message.id, value } }));
    },
  };
  return { port, posted, emitter };
}

describe('the session secret through main', () => {
  it('writes only the sealed value, reads it back, and stores nothing without a keychain', async () => {
    const keychain = { on: true };
    const { port } = fakeMain(keychain);
    const path = join(tempDir(), 'db.session');
    const store = createFileSecretStore(path, createPortSecretCodec(port));
    expect(await store.set('refresh-token-1')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('sealed:refresh-token-1');
    expect(await store.get()).toBe('refresh-token-1');

    keychain.on = false;
    expect(await store.set('refresh-token-2')).toBe(false);
    expect(await store.get()).toBeNull();
  });

  it("leaves the answers to Core's secret requests out of the call loop", () => {
    const { port, posted, emitter } = fakeMain({ on: true });
    const logged: string[] = [];
    const core = openCore({ databasePath: join(tempDir(), 'core.db'), transport: 'direct', log: () => {} });
    serveCore(core, port, (msg) => logged.push(msg));
    emitter.emit('message', { data: { kind: 'secret-result', id: 1, value: null } });
    emitter.emit('message', { data: { kind: 'nonsense' } });
    core.close();
    expect(posted).toEqual([]);
    expect(logged).toEqual(['core: ignored a message that is not a call']);
  });
});
