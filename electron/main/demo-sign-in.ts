/**
 * The newcomer's path for the desktop app: `npm start` starts the embedded demo server and hands
 * its address and a demo person's credentials to Electron through the environment
 * (scripts/start-electron.ts). Main forwards the address to Core, and signs Core in once when it
 * is signed out, so the first launch opens on the demo agent's inbox. A packaged app never sees
 * these variables unless someone sets them by hand.
 */
import type { CoreClient } from './ipc-router.ts';

export const SERVER_URL_ENV = 'SWITCHBOARD_SERVER_URL';
export const DEMO_EMAIL_ENV = 'SWITCHBOARD_DEMO_EMAIL';
export const DEMO_PASSWORD_ENV = 'SWITCHBOARD_DEMO_PASSWORD';

export interface DemoSignIn {
  serverUrl: string;
  email: string;
  password: string;
}

export function demoSignInFromEnv(env: NodeJS.ProcessEnv): DemoSignIn | null {
  const serverUrl = env[SERVER_URL_ENV];
  const email = env[DEMO_EMAIL_ENV];
  const password = env[DEMO_PASSWORD_ENV];
  return serverUrl && email && password ? { serverUrl, email, password } : null;
}

/** Signs Core in with the demo credentials unless someone is signed in already; failures are logged, not fatal. */
export async function signInForDemo(core: CoreClient, demo: DemoSignIn, log: (message: string) => void): Promise<void> {
  const session = await core.call('session.get', {});
  if (!session.ok || (session.value as { status: string }).status !== 'signed_out') return;
  const result = await core.call('session.signIn', demo);
  if (!result.ok) log(`demo sign-in to ${demo.serverUrl} failed: ${result.error.code} ${result.error.message}`);
}
