/**
 * `npm run start:web` refusing to start, as a person running it would see: a message with a code,
 * the documented exit status, and a damaged database left exactly as it was.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../electron/web-host/cli.ts', import.meta.url));

function runCli(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-cli-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the web host command line', () => {
  it('exits 2 with a coded message and the usage for a bad argument', async () => {
    const result = await runCli(['--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('VALIDATION: --port must be a whole number');
    expect(result.stderr).toContain('Usage: npm run start:web');
  });

  it('exits 2 for a non-loopback --host without --allow-remote', async () => {
    const result = await runCli(['--host', '0.0.0.0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--allow-remote');
  });

  it('exits 1 on a corrupt database and leaves the file untouched', async () => {
    const dir = tempDir();
    const file = join(dir, 'switchboard.db');
    writeFileSync(file, Buffer.from('this is not a SQLite database, but somebody may still want it back'.repeat(100)));
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const result = await runCli(['--data', dir, '--port', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DB_CORRUPT');
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });
});
