/**
 * `npm start`: builds the console, makes sure the Electron binary is there, and launches the app.
 *
 * Since Electron 42 `npm install` does not download Electron's binary; `npx install-electron` does.
 * Where that download is impossible (no internet, as on the build machines) this says so in one
 * line and points to the browser alternative, instead of a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = path.join(root, 'node_modules', 'electron');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const CANNOT_DOWNLOAD = 'Electron could not be downloaded on this machine; run `npm run start:web` to use the console in your browser.';

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
const child = spawn(electron, [root], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
