/**
 * Opaque keyset cursors: base64url of the sort name and the last row's sort key. A cursor is only
 * valid for the listing and sort that made it; anything else (edited, truncated, from another
 * sort) is refused as VALIDATION rather than silently restarting or skipping rows.
 */
import { AppError } from '../../../shared/contract/errors.ts';
import { UUID_PATTERN } from '../../../shared/ids.ts';

/** A sort key: numbers and strings ending with the row id (the tie-breaker). */
export type KeyValue = number | string;

export function encodeCursor(scope: string, key: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify([scope, ...key]), 'utf8').toString('base64url');
}

/** `shape` says the type of each key part; the last part must be a row id. */
export function decodeCursor(cursor: string, scope: string, shape: readonly ('number' | 'string')[]): KeyValue[] {
  const invalid = () =>
    new AppError('VALIDATION', 'invalid cursor: start again from the first page', [
      { path: 'cursor', message: 'not a cursor of this listing' },
    ]);
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length + 1 || parsed[0] !== scope) throw invalid();
  const key = parsed.slice(1) as unknown[];
  const ok = key.every((v, i) => (shape[i] === 'number' ? Number.isSafeInteger(v) : typeof v === 'string' && v.length <= 500));
  if (!ok || !UUID_PATTERN.test(String(key[key.length - 1]))) throw invalid();
  return key as KeyValue[];
}
