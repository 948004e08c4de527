/**
 * The one building block of every string field in shared/, the console and the server: text that
 * every store holds as it was sent. PostgreSQL refuses a NUL character anywhere in text or jsonb,
 * and a lone UTF-16 surrogate (half of a pair, as a cut emoji leaves) is no Unicode at all: such
 * text would pass the schemas, be refused by the database and hold up everything queued behind it.
 * So it is refused at the boundary, with a VALIDATION error naming the field. Lint forbids
 * `z.string()` outside this file.
 */
import { z } from 'zod';

/** A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

export const UNSTORABLE_TEXT_MESSAGE = 'text may not contain NUL characters or unpaired surrogates';

// eslint-disable-next-line no-restricted-syntax -- the one place a plain string schema is made
export const Text = z.string().refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE });
