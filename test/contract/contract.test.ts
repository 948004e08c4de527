/**
 * The contract suite: the same cases (cases.ts) over every transport (transports.ts), against the
 * real Core on a seeded database. Whatever carries a call, a valid one gets a value of the declared
 * shape, an invalid one gets a typed error without internals, and the next call still works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, isChannelName, CHANNEL_NAMES } from '../../shared/contract/channels.ts';
import { ErrorPayload } from '../../shared/contract/errors.ts';
import { Settings } from '../../shared/contract/channels.ts';
import { ipcMain } from '../stubs/electron.ts';
import { openSeededCore, type SeededCore } from '../support/core.ts';
import {
  CHANNELS_FOR_OVERSEERS,
  CHANNELS_NEEDING_A_SERVER,
  type ContractCase,
  type Fixtures,
  HEALTH_CHECK,
  INVALID_CASES,
  VALID_CASES,
} from './cases.ts';
import { directTransport, ipcTransport, type Transport, webTransport } from './transports.ts';
import type { Core } from '../../electron/core/index.ts';

let seeded: SeededCore;
let fixtures: Fixtures;

beforeAll(async () => {
  seeded = await openSeededCore({ tickets: 1500 });
  fixtures = seeded.fixtures;
});
afterAll(() => seeded?.close());

const transports: [string, (core: Core) => Transport | Promise<Transport>][] = [
  ['direct', directTransport],
  ['web host', webTransport],
  ['electron ipc', ipcTransport],
];

async function runCase(transport: Transport, c: ContractCase) {
  const result = await transport.call(c.channel, c.input(fixtures));
  if (c.expect.ok) {
    if (!result.ok) throw new Error(`${c.channel} failed: ${result.error.code} ${result.error.message}`);
    expect(isChannelName(c.channel)).toBe(true);
    const shape = contract[c.channel as keyof typeof contract].output.safeParse(result.value);
    expect(shape.error).toBeUndefined();
    c.expect.check?.(result.value, fixtures);
    return;
  }
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(ErrorPayload.strict().safeParse(result.error).success).toBe(true);
  expect(result.error.code).toBe(c.expect.code);
  // A human message, never a stack trace.
  expect(result.error.message.length).toBeGreaterThan(0);
  expect(result.error.message).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  if (c.expect.code === 'VALIDATION') {
    expect(result.error.issues?.length).toBeGreaterThan(0);
    if (c.expect.path) expect(result.error.issues?.map((i) => i.path)).toContain(c.expect.path);
  }
}

for (const [name, open] of transports) {
  describe(`contract over ${name}`, () => {
    let transport: Transport;
    beforeAll(async () => {
      transport = await open(seeded.core);
    });
    afterAll(() => transport?.close());

    describe('valid calls', () => {
      for (const c of VALID_CASES) it(c.name, () => runCase(transport, c));
    });

    describe('invalid calls are refused with a typed error, and the next call still works', () => {
      for (const c of INVALID_CASES) {
        it(`${c.name} (${c.channel})`, async () => {
          await runCase(transport, c);
          const after = await transport.call(HEALTH_CHECK.channel, HEALTH_CHECK.input);
          expect(after.ok).toBe(true);
        });
      }
    });

    it('tells clients when settings change', async () => {
      const changed = transport.nextEvent('settings.changed');
      const result = await transport.call('settings.update', { theme: 'dark' });
      expect(result.ok).toBe(true);
      const payload = Settings.parse(await changed);
      expect(payload.theme).toBe('dark');
      await transport.call('settings.update', { theme: 'system' });
    });
  });
}

describe('the contract list itself', () => {
  it('has a valid case for every channel', () => {
    const covered = new Set([...VALID_CASES.map((c) => c.channel), ...CHANNELS_NEEDING_A_SERVER, ...CHANNELS_FOR_OVERSEERS]);
    expect(CHANNEL_NAMES.filter((c) => !covered.has(c))).toEqual([]);
    const refused = new Set(INVALID_CASES.map((c) => c.channel));
    expect(CHANNELS_NEEDING_A_SERVER.filter((c) => !refused.has(c))).toEqual([]);
    const forbidden = new Set(INVALID_CASES.filter((c) => !c.expect.ok && c.expect.code === 'FORBIDDEN').map((c) => c.channel));
    expect(CHANNELS_FOR_OVERSEERS.filter((c) => !forbidden.has(c))).toEqual([]);
  });

  it('the IPC router registers exactly the contract channels and removes them on dispose', async () => {
    const transport = ipcTransport(seeded.core);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    await transport.close();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
