/**
 * The `app://console/` scheme the renderer is served from (never `file://`): GET only, files
 * strictly inside the renderer build directory, the strict CSP on every response, 404 otherwise.
 */
import { protocol } from 'electron';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Must run before `app` is ready: `standard` gives the scheme real origins and relative URLs,
 * `secure` makes it a secure context. Deliberately no `bypassCSP`.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

function respond(status: number, body: string | Uint8Array<ArrayBuffer> | null, contentType = 'text/plain; charset=utf-8'): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + path.sep);
}

/**
 * The file a request names, or null when it names nothing we may serve. Decoding happens once,
 * here, so `%2e%2e%2f` is judged as the `../` it means; backslashes and NUL bytes are refused
 * outright (Windows separators, C-string truncation).
 */
async function resolveRequestedFile(rendererDir: string, url: URL): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\\') || decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate) || candidate === root) return null;
  try {
    // A symlink inside the build must not lead out of it either.
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return null;
    return realFile;
  } catch {
    return null;
  }
}

/** The scheme's request handler over a renderer build directory (`out/renderer`). */
export function createAppRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET') return respond(405, 'Method Not Allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return respond(400, 'Bad Request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return respond(404, 'Not Found');
    const file = await resolveRequestedFile(rendererDir, url);
    if (!file) return respond(404, 'Not Found');
    return respond(200, await readFile(file), mimeTypeOf(file));
  };
}

/** Serves the renderer build on `app://console/`; call once `app` is ready. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}
