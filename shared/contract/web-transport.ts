/**
 * The web host's wire format, shared by the host (electron/web-host) and the renderer's web
 * transport so the two cannot drift:
 * - a call is `POST {API_PREFIX}/{channel}` with the JSON input as body and the run's token in
 *   the Authorization header (`Bearer <token>`); the answer is always a Result envelope as JSON,
 *   with an HTTP status that mirrors its error code;
 * - events arrive over one WebSocket at EVENTS_PATH (token in the `token` query parameter, since
 *   browsers cannot set headers on a WebSocket), each frame `{ "event": name, "payload": … }`;
 * - the token reaches the page in the URL fragment (`#token=…`), which browsers never send to a
 *   server, and the page moves it to sessionStorage.
 */
import type { ErrorCode } from './errors.ts';

export const API_PREFIX = '/api/call';
export const EVENTS_PATH = '/api/events';
export const TOKEN_FRAGMENT_KEY = 'token';
/** Largest request body the web host accepts, in bytes. */
export const MAX_CALL_BODY_BYTES = 1024 * 1024;

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNKNOWN_CHANNEL: 404,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE_VIOLATION: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  OTHER_PERSON_ON_DEVICE: 409,
  UNSENT_CHANGES: 409,
  DB_NEWER_VERSION: 503,
  DB_CORRUPT: 503,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface EventFrame {
  event: string;
  payload: unknown;
}
