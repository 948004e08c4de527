/**
 * Text that every store and transport on the way can carry. PostgreSQL's text and jsonb refuse the
 * NUL character, and a lone UTF-16 surrogate has no UTF-8 form (it would be stored as U+FFFD, or
 * refused): such text is refused at the boundary with a VALIDATION error, never deep inside a
 * transaction where it would surface as a server failure.
 */
import { z } from 'zod';

export const WIRE_TEXT_MESSAGE = 'text may not contain NUL characters or unpaired surrogates';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWireText(text: string): boolean {
  return !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);
}

/** A string schema that accepts only wire text; chain length limits and trimming as on `z.string()`. */
export function wireText(): z.ZodString {
  return z.string().refine(isWireText, WIRE_TEXT_MESSAGE);
}
