/**
 * The pull cursor: opaque to the client, signed so a tampered one is refused (400) rather than
 * interpreted. It carries the version the client has reached, the tag of the scope set it was
 * served under, and, during a bootstrap, how far the bootstrap got.
 */
import { z } from 'zod';
import { AppError } from '../../shared/contract/errors.ts';
import { mac, safeEqual } from '../auth/tokens.ts';
import { Text } from '../../shared/domain/text.ts';

const Progress = z.object({
  /** 0: the person's own open tickets; 1: every entity in SYNC_ENTITIES order. */
  phase: z.union([z.literal(0), z.literal(1)]),
  /** Index into SYNC_ENTITIES (phase 1). */
  entity: z.number().int().nonnegative(),
  /** The last id sent in the current phase and entity (keyset pagination). */
  after: Text.nullable(),
});

const CursorState = z.object({
  v: z.number().int().nonnegative(),
  s: Text,
  boot: Progress.optional(),
});
export type CursorState = z.infer<typeof CursorState>;
export type BootstrapProgress = z.infer<typeof Progress>;

export function encodeCursor(secret: Buffer, state: CursorState): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${mac(secret, `cursor:${payload}`)}`;
}

export function decodeCursor(secret: Buffer, cursor: string): CursorState {
  const [payload, signature, ...rest] = cursor.split('.');
  if (!payload || !signature || rest.length || !safeEqual(signature, mac(secret, `cursor:${payload}`))) {
    throw new AppError('VALIDATION', 'the sync cursor is not one this server issued');
  }
  const parsed = CursorState.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  if (!parsed.success) throw new AppError('VALIDATION', 'the sync cursor is not one this server issued');
  return parsed.data;
}
