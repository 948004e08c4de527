import { describe, expect, it } from 'vitest';
import { buildBridge, createApi } from './api.ts';
import { AppError } from './errors.ts';
import { CHANNEL_NAMES } from './channels.ts';
import { createDispatch, type Handlers, parseCall } from './dispatch.ts';

const settings = { theme: 'dark', locale: 'zh-CN', density: 'compact', notifications: true, undoSeconds: 5 } as const;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const missing = () => {
    throw new AppError('NOT_FOUND', 'not in this test');
  };
  const all = Object.fromEntries(CHANNEL_NAMES.map((c) => [c, missing])) as unknown as Handlers;
  return { ...all, 'settings.get': () => settings, ...overrides };
}

describe('dispatch', () => {
  it('runs a valid call and returns its value', async () => {
    const dispatch = createDispatch(handlers());
    expect(await dispatch('settings.get', {})).toEqual({ ok: true, value: settings });
  });

  it('refuses unknown channels and invalid input before any handler runs', async () => {
    let ran = false;
    const dispatch = createDispatch(handlers({ 'tickets.get': () => ((ran = true), Promise.reject(new Error('no'))) }));
    const unknown = await dispatch('tickets.drop', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const invalid = await dispatch('tickets.get', { id: 'not-a-uuid', extra: 1 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!invalid.ok) expect(invalid.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['id']));
    expect(ran).toBe(false);
  });

  it('reduces unexpected errors to INTERNAL without leaking their message, and reports them', async () => {
    const seen: unknown[] = [];
    const dispatch = createDispatch(
      handlers({
        'settings.get': () => {
          throw new Error('SQLITE_IOERR at /secret/path');
        },
      }),
      { onInternalError: (_c, e) => seen.push(e) },
    );
    const result = await dispatch('settings.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(seen).toHaveLength(1);
  });

  it('refuses output that breaks the contract', async () => {
    const dispatch = createDispatch(handlers({ 'settings.get': () => ({ theme: 'neon' }) as never }));
    expect(await dispatch('settings.get', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('applies input defaults', () => {
    const { input } = parseCall('tickets.list', { view: 'mine' });
    expect(input).toMatchObject({ view: 'mine', limit: 50, cursor: null, filter: {} });
  });
});

describe('api', () => {
  it('exposes every channel as a named method and throws the typed error', async () => {
    const dispatch = createDispatch(handlers());
    const bridge = buildBridge((channel, input) => dispatch(channel, input));
    const api = createApi(bridge, () => () => undefined);
    expect(await api.settings.get({})).toEqual(settings);
    const error = await api.tickets.get({ id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    for (const channel of CHANNEL_NAMES) {
      const [ns, method] = channel.split('.') as [string, string];
      expect(typeof (bridge as unknown as Record<string, Record<string, unknown>>)[ns]?.[method]).toBe('function');
    }
  });
});
