import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_ENV, SERVER_V8_FLAGS } from './process-settings.ts';

const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> })
  .scripts;

describe('how the server is run', () => {
  it('`npm run server` sets the environment and the V8 flags the bench measures the server with', () => {
    const words = scripts.server!.split(/\s+/);
    const node = words.indexOf('node');
    expect(node).toBeGreaterThan(0);
    // The environment before the command (cross-env), the flags between node and the entry.
    expect(words.slice(0, node)).toEqual(['cross-env', ...Object.entries(SERVER_ENV).map(([name, value]) => `${name}=${value}`)]);
    expect(words.slice(node + 1)).toEqual([...SERVER_V8_FLAGS, 'server/main.ts']);
  });
});
