/**
 * Errors cross every boundary (IPC, HTTP, WebSocket, sync) as a code and a human message, never as
 * a stack trace. The renderer translates codes; the message is for logs and developers.
 */
import { z } from 'zod';
import { Text } from '../domain/text.ts';

export const ERROR_CODES = [
  'VALIDATION', // input did not match the contract
  'UNKNOWN_CHANNEL', // no such channel in the contract
  'FORBIDDEN', // the caller may not do this (wrong sender frame, role or scope)
  'UNAUTHORIZED', // no valid session or token
  'NOT_FOUND', // the record does not exist (or is outside the caller's scopes)
  'CONFLICT', // the record moved since the caller saw it
  'RULE_VIOLATION', // a business rule refuses the change (e.g. the ticket is closed)
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'OTHER_PERSON_ON_DEVICE', // this device holds another person's (or another server's) data: sign in as them, or wipe it first
  'UNSENT_CHANGES', // a wipe would lose changes not yet sent that the caller has not agreed to lose
  'DB_NEWER_VERSION', // the local database was written by a newer Switchboard
  'DB_CORRUPT', // the local database file is damaged; it was left untouched
  'UNAVAILABLE', // a dependency (Core, server, database) is not reachable right now
  'INTERNAL', // a bug: logged with details where it happened
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorIssue = z.object({ path: Text, message: Text });
export const ErrorPayload = z.object({
  code: ErrorCode,
  message: Text,
  issues: z.array(ErrorIssue).optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: { path: string; message: string }[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }

  toPayload(): ErrorPayload {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromPayload(p: ErrorPayload): AppError {
    return new AppError(p.code, p.message, p.issues);
  }
}

/** Maps zod's issues to the boundary's shape: a dotted path and a message each. */
export function validationError(what: string, error: z.ZodError): AppError {
  const issues = error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  return new AppError('VALIDATION', `invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/** Anything thrown, as a payload safe to send: AppErrors keep their code; the rest become INTERNAL. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  return { code: 'INTERNAL', message: 'Something went wrong inside Switchboard; the details are in its log.' };
}

/** The envelope every transport carries a call's outcome in. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
export const ResultEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorPayload }),
]);
