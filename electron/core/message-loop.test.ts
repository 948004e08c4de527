import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from './db/migrations/index.ts';
import { openCore } from './index.ts';
import { startCore } from './message-loop.ts';
import type { CoreToMain, ParentPort } from './process-protocol.ts';
import { tempDir } from './testing/fixtures.ts';

const dir = tempDir();

/** Electron's parentPort, faked: main's messages go in with send(); Core's replies are collected. */
function fakePort() {
  const emitter = new EventEmitter();
  const posted: CoreToMain[] = [];
  let notify: (() => void) | undefined;
  const port: ParentPort = {
    on: (event, listener) => emitter.on(event, listener),
    postMessage: (message) => {
      posted.push(message);
      notify?.();
    },
  };
  return {
    port,
    posted,
    send: (data: unknown) => emitter.emit('message', { data }),
    /** Resolves once a posted message matches. */
    waitFor: (match: (m: CoreToMain) => boolean) =>
      new Promise<CoreToMain>((resolve) => {
        const check = () => {
          const found = posted.find(match);
          if (found) resolve(found);
        };
        notify = check;
        check();
      }),
  };
}

const open = (databasePath: string) => openCore({ databasePath, transport: 'ipc', log: () => {} });

describe('utility-process message loop', () => {
  it('posts ready, answers calls with results and forwards events', async () => {
    const fake = fakePort();
    const ignored: string[] = [];
    const core = startCore(fake.port, ['node', 'entry', `--database=${join(dir, 'ok.db')}`], open, (msg) => ignored.push(msg))!;
    expect(fake.posted[0]).toEqual({ kind: 'ready', schemaVersion: LATEST_SCHEMA_VERSION });

    fake.send({ kind: 'call', id: 1, channel: 'settings.get', input: {} });
    expect(await fake.waitFor((m) => m.kind === 'result' && m.id === 1)).toEqual({
      kind: 'result',
      id: 1,
      result: {
        ok: true,
        value: { theme: 'system', locale: 'system', density: 'comfortable', notifications: true, undoSeconds: 5, historyMonths: null },
      },
    });

    fake.send({ kind: 'call', id: 2, channel: 'tickets.get', input: { id: 'nope' } });
    expect(await fake.waitFor((m) => m.kind === 'result' && m.id === 2)).toMatchObject({
      result: { ok: false, error: { code: 'VALIDATION' } },
    });

    fake.send({ kind: 'call', id: 3, channel: 'settings.update', input: { theme: 'dark' } });
    expect(await fake.waitFor((m) => m.kind === 'event')).toMatchObject({
      kind: 'event',
      name: 'settings.changed',
      payload: { theme: 'dark' },
    });
    await fake.waitFor((m) => m.kind === 'result' && m.id === 3);

    fake.send({ kind: 'nonsense' });
    fake.send(null);
    fake.send({ kind: 'call', id: 4, channel: 'app.info', input: {} });
    expect(await fake.waitFor((m) => m.kind === 'result' && m.id === 4)).toMatchObject({
      result: { ok: true, value: { transport: 'ipc' } },
    });
    expect(ignored).toHaveLength(2);
    core.close();
  });

  it('posts fatal with the error code when the database cannot be opened', () => {
    const path = join(dir, 'garbage.db');
    writeFileSync(path, 'not a database at all, not even close'.repeat(50));
    const fake = fakePort();
    expect(startCore(fake.port, [`--database=${path}`], open)).toBeNull();
    expect(fake.posted).toEqual([{ kind: 'fatal', error: { code: 'DB_CORRUPT', message: expect.stringContaining('left untouched') } }]);
  });

  it('posts fatal when started without a database path', () => {
    const fake = fakePort();
    expect(startCore(fake.port, ['node', 'entry'], open)).toBeNull();
    expect(fake.posted).toMatchObject([{ kind: 'fatal', error: { code: 'INTERNAL' } }]);
  });
});
