/** Every error leaves the server as `{ error: { code, message } }` with the status its code implies. */
import { AppError, type ErrorCode, type ErrorPayload } from '../../shared/contract/errors.ts';

export const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNKNOWN_CHANNEL: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE_VIOLATION: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  OTHER_PERSON_ON_DEVICE: 409,
  UNSENT_CHANGES: 409,
  DB_NEWER_VERSION: 500,
  DB_CORRUPT: 500,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

interface FrameworkError {
  code?: string;
  statusCode?: number;
}

/** Maps anything a request can throw to a status and a payload safe to send (no internals). */
export function toHttpError(err: unknown): { status: number; payload: ErrorPayload } {
  if (err instanceof AppError) return { status: STATUS_OF[err.code], payload: err.toPayload() };
  const e = (err ?? {}) as FrameworkError;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { status: 413, payload: { code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' } };
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { status: 415, payload: { code: 'VALIDATION', message: 'send the body as application/json' } };
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return { status: 400, payload: { code: 'VALIDATION', message: 'the request body is not valid JSON' } };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return { status: e.statusCode, payload: { code: 'VALIDATION', message: 'the request is malformed' } };
  return { status: 500, payload: { code: 'INTERNAL', message: 'something went wrong on the server; the details are in its log' } };
}
