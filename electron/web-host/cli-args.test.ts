import { describe, expect, it } from 'vitest';
import { parseWebHostArgs, signInHint } from './cli-args.ts';

describe('npm run start:web arguments', () => {
  it('starts the embedded demo server by default, with the cache in .data/web and 10,000 demo tickets', () => {
    expect(parseWebHostArgs([])).toEqual({
      source: { kind: 'embedded' },
      dataDir: '.data/web',
      port: 5180,
      serverPort: 8740,
      host: '127.0.0.1',
      allowRemote: false,
      demoTickets: 10000,
      help: false,
    });
  });

  it('puts the embedded server on the port --server-port names, and refuses it where there is no embedded server', () => {
    expect(parseWebHostArgs(['--server-port', '9911']).serverPort).toBe(9911);
    expect(parseWebHostArgs(['--server-port', '0']).serverPort).toBe(0);
    expect(() => parseWebHostArgs(['--server-port', 'x'])).toThrow(/--server-port must be a whole number from 0 to 65535/);
    expect(() => parseWebHostArgs(['--local', '--server-port', '9911'])).toThrow(/--server-port is the embedded server's port/);
    expect(() => parseWebHostArgs(['--server', 'http://x', '--server-port', '9911'])).toThrow(/--server-port/);
  });

  it('uses a named server without an embedded one', () => {
    expect(parseWebHostArgs(['--server', 'https://support.example.com/']).source).toEqual({
      kind: 'server',
      url: 'https://support.example.com',
    });
    expect(parseWebHostArgs(['--server', 'http://127.0.0.1:8740']).source).toEqual({ kind: 'server', url: 'http://127.0.0.1:8740' });
  });

  it('runs without a server with --local, in a cache folder of its own unless --data says otherwise', () => {
    const local = parseWebHostArgs(['--local', '--demo-tickets', '2000']);
    expect(local).toMatchObject({ source: { kind: 'local' }, dataDir: '.data/web-local', demoTickets: 2000 });
    expect(parseWebHostArgs(['--local', '--data', 'somewhere']).dataDir).toBe('somewhere');
  });

  it('refuses what cannot work, saying what to fix', () => {
    expect(() => parseWebHostArgs(['--server', 'http://x', '--local'])).toThrow(/exclude each other/);
    expect(() => parseWebHostArgs(['--server', 'not a url'])).toThrow(/--server must be a URL/);
    expect(() => parseWebHostArgs(['--server', 'ftp://files.example.com'])).toThrow(/http:\/\/ or https:\/\//);
    expect(() => parseWebHostArgs(['--server'])).toThrow(/argument missing|server/);
    expect(() => parseWebHostArgs(['--port', '70000'])).toThrow(/--port must be a whole number from 0 to 65535/);
    expect(() => parseWebHostArgs(['--demo-tickets', '-5'])).toThrow();
    expect(() => parseWebHostArgs(['--host', '0.0.0.0'])).toThrow(/--allow-remote/);
    expect(parseWebHostArgs(['--host', '0.0.0.0', '--allow-remote', '--port', '0'])).toMatchObject({ host: '0.0.0.0', port: 0 });
    expect(() => parseWebHostArgs(['--data', ' '])).toThrow(/--data must not be empty/);
  });

  it('asks to sign in on the sign-in screen only with --server and only when not signed in already', () => {
    const server = parseWebHostArgs(['--server', 'http://127.0.0.1:9000']).source;
    expect(signInHint(server, false)).toBe("Sign in to http://127.0.0.1:9000 on the console's sign-in screen.");
    expect(signInHint(server, true)).toBeNull();
    expect(signInHint({ kind: 'embedded' }, false)).toBeNull();
    expect(signInHint({ kind: 'local' }, false)).toBeNull();
  });
});
