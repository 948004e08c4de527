/**
 * Core's entry point inside Electron's utility process: main starts it with
 * `--database=<path>` (and optionally `--app-version=<version>`, and `--local` for a console
 * without a server), and it answers over `process.parentPort` (process-protocol.ts). On a
 * database it must not open (newer version, corrupt) it posts `fatal` and exits, leaving the file
 * untouched.
 */
import { createFileSecretStore, openCore, secretPathFor } from './index.ts';
import { startCore } from './message-loop.ts';
import { CORE_APP_VERSION_ARG, CORE_LOCAL_ARG, CORE_SERVER_URL_ARG, CORE_TRANSPORT, type ParentPort } from './process-protocol.ts';
import { createPortSecretCodec } from './secret-bridge.ts';

const port = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
if (!port) {
  console.error('utility-entry.ts runs inside an Electron utility process (no process.parentPort here).');
  process.exit(1);
}

const appVersion = process.argv.find((a) => a.startsWith(CORE_APP_VERSION_ARG))?.slice(CORE_APP_VERSION_ARG.length);
const local = process.argv.includes(CORE_LOCAL_ARG);
const serverUrl = process.argv.find((a) => a.startsWith(CORE_SERVER_URL_ARG))?.slice(CORE_SERVER_URL_ARG.length);
const core = startCore(port, process.argv, (databasePath) =>
  openCore({
    databasePath,
    transport: CORE_TRANSPORT,
    ...(appVersion ? { appVersion } : {}),
    // The refresh token is sealed by main's safeStorage; only the sealed value reaches the disk.
    ...(local
      ? {}
      : {
          sync: {
            secretStore: createFileSecretStore(secretPathFor(databasePath), createPortSecretCodec(port)),
            ...(serverUrl ? { serverUrl } : {}),
          },
        }),
  }),
);
if (!core) process.exit(1);
else process.on('exit', () => core.close());
