import { beforeEach, describe, expect, it } from 'vitest';
import { electronStub, resetElectronStub, session } from '../../test/stubs/electron.ts';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts';
import { applyDevServerCsp } from './dev-server.ts';

function headersFor(url: string): unknown {
  let answer: unknown;
  electronStub.headersReceivedHandler?.(
    { url, responseHeaders: { 'content-type': ['text/html'] } },
    (response: unknown) => (answer = response),
  );
  return answer;
}

describe('the development CSP', () => {
  beforeEach(() => {
    resetElectronStub();
    applyDevServerCsp(session.defaultSession as never, new URL('http://127.0.0.1:5173/'));
  });

  it('relaxes the policy for the dev server only as far as Vite needs', () => {
    const answer = headersFor('http://127.0.0.1:5173/src/main.tsx') as { responseHeaders: Record<string, string[]> };
    const [policy] = answer.responseHeaders['Content-Security-Policy']!;
    expect(policy).toContain("script-src 'self' 'unsafe-inline'");
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:5173");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(answer.responseHeaders['content-type']).toEqual(['text/html']);
  });

  it('leaves every other response alone', () => {
    expect(headersFor('https://cdn.example/lib.js')).toEqual({});
    expect(headersFor('app://console/index.html')).toEqual({});
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });
});
