import { describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/contract/channels.ts';
import type { Result } from '../../shared/contract/errors.ts';
import { demoSignInFromEnv, signInForDemo } from './demo-sign-in.ts';

const demo = { serverUrl: 'http://127.0.0.1:8740', email: 'agent@demo.switchboard', password: 'pw' };

function fakeCore(status: 'signed_in' | 'signed_out', signIn: Result<unknown> = { ok: true, value: {} }) {
  const calls: [ChannelName, unknown][] = [];
  return {
    calls,
    async call(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
      calls.push([channel, input]);
      return channel === 'session.get' ? { ok: true, value: { status } } : signIn;
    },
  };
}

describe('the demo sign-in of npm start', () => {
  it('needs the address and both credentials', () => {
    expect(demoSignInFromEnv({ SWITCHBOARD_SERVER_URL: demo.serverUrl, SWITCHBOARD_DEMO_EMAIL: demo.email })).toBeNull();
    expect(
      demoSignInFromEnv({ SWITCHBOARD_SERVER_URL: demo.serverUrl, SWITCHBOARD_DEMO_EMAIL: demo.email, SWITCHBOARD_DEMO_PASSWORD: 'pw' }),
    ).toEqual(demo);
  });

  it('signs a signed-out console in, and leaves a signed-in one alone', async () => {
    const out = fakeCore('signed_out');
    await signInForDemo(out, demo, () => undefined);
    expect(out.calls).toEqual([
      ['session.get', {}],
      ['session.signIn', demo],
    ]);
    const signedIn = fakeCore('signed_in');
    await signInForDemo(signedIn, demo, () => undefined);
    expect(signedIn.calls.map(([c]) => c)).toEqual(['session.get']);
  });

  it('logs a failed sign-in instead of stopping the app', async () => {
    const logged: string[] = [];
    await signInForDemo(fakeCore('signed_out', { ok: false, error: { code: 'UNAVAILABLE', message: 'down' } }), demo, (m) =>
      logged.push(m),
    );
    expect(logged).toEqual([expect.stringContaining('UNAVAILABLE')]);
  });
});
