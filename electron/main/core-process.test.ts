import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/contract/errors.ts';
import { electronStub, type FakeUtilityProcess, resetElectronStub } from '../../test/stubs/electron.ts';
import { startCoreProcess, type CoreProcessOptions } from './core-process.ts';

const settings = { theme: 'light', locale: 'en', density: 'comfortable' };

function start(extra: Partial<CoreProcessOptions> = {}) {
  const core = startCoreProcess({
    modulePath: '/app/out/core/index.js',
    databasePath: '/data/switchboard.db',
    callTimeoutMs: 1000,
    ...extra,
  });
  return { core, child: () => electronStub.forked.at(-1) as FakeUtilityProcess };
}

function lastCallId(child: FakeUtilityProcess): number {
  return (child.posted.at(-1) as { id: number }).id;
}

describe('Core in a utility process', () => {
  beforeEach(() => {
    resetElectronStub();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('forks the built Core with the database path and a service name', () => {
    const { child } = start();
    expect(child().modulePath).toBe('/app/out/core/index.js');
    expect(child().args).toEqual(['--database=/data/switchboard.db']);
    expect(child().options).toMatchObject({ serviceName: 'Switchboard Core' });
  });

  it('holds calls until Core is ready, then correlates results by id', async () => {
    const { core, child } = start();
    const first = core.call('settings.get', {});
    const second = core.call('app.info', {});
    expect(child().posted).toEqual([]);
    child().reply({ kind: 'ready', schemaVersion: 1 });
    expect(child().posted).toEqual([
      { kind: 'call', id: 1, channel: 'settings.get', input: {} },
      { kind: 'call', id: 2, channel: 'app.info', input: {} },
    ]);
    // Answers arrive out of order; each reaches its own caller.
    child().reply({ kind: 'result', id: 2, result: { ok: false, error: { code: 'NOT_FOUND', message: 'x' } } });
    child().reply({ kind: 'result', id: 1, result: { ok: true, value: settings } });
    await expect(first).resolves.toEqual({ ok: true, value: settings });
    await expect(second).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('times a call out with UNAVAILABLE and ignores a late answer', async () => {
    const { core, child } = start();
    child().reply({ kind: 'ready', schemaVersion: 1 });
    const call = core.call('settings.get', {});
    const id = lastCallId(child());
    vi.advanceTimersByTime(1000);
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(() => child().reply({ kind: 'result', id, result: { ok: true, value: settings } })).not.toThrow();
  });

  it('fails pending calls with UNAVAILABLE when Core exits, and restarts it with backoff', async () => {
    const onExit = vi.fn();
    const { core, child } = start({ restartBaseDelayMs: 100, onExit });
    const crashed = child();
    crashed.reply({ kind: 'ready', schemaVersion: 1 });
    const call = core.call('settings.get', {});
    crashed.exit(1);
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(onExit).toHaveBeenCalledWith(1);
    expect(electronStub.forked).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(electronStub.forked).toHaveLength(2);

    // A restart that dies before `ready` waits twice as long before the next attempt.
    child().exit(1);
    vi.advanceTimersByTime(199);
    expect(electronStub.forked).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(electronStub.forked).toHaveLength(3);

    const retried = core.call('settings.get', {});
    child().reply({ kind: 'ready', schemaVersion: 1 });
    child().reply({ kind: 'result', id: lastCallId(child()), result: { ok: true, value: settings } });
    await expect(retried).resolves.toEqual({ ok: true, value: settings });
  });

  it('forwards Core events', () => {
    const onEvent = vi.fn();
    const { child } = start({ onEvent });
    child().reply({ kind: 'event', name: 'data.changed', payload: { entity: 'ticket', ids: [] } });
    expect(onEvent).toHaveBeenCalledWith('data.changed', { entity: 'ticket', ids: [] });
  });

  it('reports a fatal database error once, answers calls with it, and does not restart', async () => {
    const onFatal = vi.fn();
    const { core, child } = start({ onFatal, restartBaseDelayMs: 10 });
    const waiting = core.call('settings.get', {});
    const error = { code: 'DB_NEWER_VERSION' as const, message: 'schema 9 > 3' };
    child().reply({ kind: 'fatal', error });
    child().exit(1);
    vi.advanceTimersByTime(60_000);
    expect(onFatal).toHaveBeenCalledExactlyOnceWith(error);
    expect(electronStub.forked).toHaveLength(1);
    await expect(waiting).resolves.toEqual({ ok: false, error });
    await expect(core.call('app.info', {})).resolves.toEqual({ ok: false, error });
  });

  it('stops for good: kills Core, fails what is pending and refuses new calls', async () => {
    const { core, child } = start({ restartBaseDelayMs: 10 });
    child().reply({ kind: 'ready', schemaVersion: 1 });
    const pending = core.call('settings.get', {});
    core.stop();
    expect(child().killed).toBe(true);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await vi.runAllTimersAsync();
    expect(electronStub.forked).toHaveLength(1);
    const refused: Result<unknown> = await core.call('settings.get', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it("seals and opens Core's session secret with safeStorage, and refuses on basic_text", () => {
    const { child } = start({ local: false });
    child().reply({ kind: 'ready', schemaVersion: 1 });
    child().reply({ kind: 'secret', id: 7, op: 'seal', value: 'refresh-token' });
    const sealed = child().posted.at(-1) as { kind: string; id: number; value: string };
    expect(sealed).toMatchObject({ kind: 'secret-result', id: 7 });
    expect(sealed.value).not.toBe('refresh-token');
    child().reply({ kind: 'secret', id: 8, op: 'open', value: sealed.value });
    expect(child().posted.at(-1)).toEqual({ kind: 'secret-result', id: 8, value: 'refresh-token' });
    child().reply({ kind: 'secret', id: 9, op: 'open', value: 'garbage' });
    expect(child().posted.at(-1)).toEqual({ kind: 'secret-result', id: 9, value: null });

    electronStub.storageBackend = 'basic_text';
    child().reply({ kind: 'secret', id: 10, op: 'seal', value: 'refresh-token' });
    expect(child().posted.at(-1)).toEqual({ kind: 'secret-result', id: 10, value: null });
  });

  it('starts Core without a server when asked for local mode', () => {
    const { child } = start({ local: true });
    expect(child().args).toEqual(['--database=/data/switchboard.db', '--local']);
  });
});
