/**
 * `npm start`: builds the console, makes sure the Electron binary is there, starts the embedded
 * demo server (electron/web-host/embedded-server.ts) and launches the app, which signs in to it as
 * the demo agent. Environment handed to Electron (electron/main forwards it to Core):
 *
 *   SWITCHBOARD_SERVER_URL      the server to sync with
 *   SWITCHBOARD_DEMO_EMAIL      } set only for the embedded server: Core signs in with these
 *   SWITCHBOARD_DEMO_PASSWORD   } once, when it is not signed in yet
 *
 * With SWITCHBOARD_SERVER_URL already set, that server is used: no embedded server, no automatic
 * sign-in (the sign-in screen asks). The embedded server stops when the app does.
 *
 * Since Electron 42 `npm install` does not download Electron's binary; `npx install-electron` does.
 * Where that download is impossible (no internet, as on the build machines) this says so in one
 * line and points to the browser alternative, instead of a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_AGENT_EMAIL, DEMO_PASSWORD } from '../shared/demo/credentials.ts';
import { startEmbeddedServer, type EmbeddedServer } from '../electron/web-host/embedded-server.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = path.join(root, 'node_modules', 'electron');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const CANNOT_DOWNLOAD = 'Electron could not be downloaded on this machine; run `npm run start:web` to use the console in your browser.';
const DEMO_TICKETS = 10_000;

/** The installed Electron executable, or null when its binary has not been downloaded. */
function installedElectron(): string | null {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

function run(command: string, args: string[], quiet = false): boolean {
  const result = spawnSync(command, args, { cwd: root, stdio: quiet ? 'pipe' : 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

if (!run(npm, ['run', 'build'])) process.exit(1);

let electron = installedElectron();
if (!electron) {
  console.log('Downloading Electron (first start only)…');
  // Its output is a stack trace when offline: kept out of sight, the one line below says it all.
  electron = run(npx, ['--no', 'install-electron'], true) ? installedElectron() : null;
  if (!electron) {
    console.error(CANNOT_DOWNLOAD);
    process.exit(1);
  }
}

// ELECTRON_RUN_AS_NODE left over in a shell would start Node instead of the app.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;

let embedded: EmbeddedServer | null = null;
if (env.SWITCHBOARD_SERVER_URL) {
  console.log(`Using the server at ${env.SWITCHBOARD_SERVER_URL}; sign in on the sign-in screen.`);
  delete env.SWITCHBOARD_DEMO_EMAIL;
  delete env.SWITCHBOARD_DEMO_PASSWORD;
} else {
  console.log('Starting the embedded Switchboard server (database in .data/server)…');
  try {
    embedded = await startEmbeddedServer({ demoTickets: DEMO_TICKETS, log: (line) => console.log(`  [server] ${line}`) });
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  if (!embedded.started) console.log(`Using the Switchboard server already running at ${embedded.url}.`);
  console.log(`Demo sign-in: ${DEMO_AGENT_EMAIL} / ${DEMO_PASSWORD} (server ${embedded.url}).`);
  env.SWITCHBOARD_SERVER_URL = embedded.url;
  env.SWITCHBOARD_DEMO_EMAIL = DEMO_AGENT_EMAIL;
  env.SWITCHBOARD_DEMO_PASSWORD = DEMO_PASSWORD;
}

const child = spawn(electron, [root], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => {
  void (embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(code ?? (signal ? 1 : 0)));
});
