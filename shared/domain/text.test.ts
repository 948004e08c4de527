import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SYNCED_ENTITIES } from '../sync/entities.ts';
import { mutators } from '../sync/mutators.ts';
import { isStorableText, Text } from './text.ts';

/** Every string field of an object schema, found through optional, nullable and default wrappers and nested objects. */
function stringFields(schema: z.ZodType, path: string): [string, z.ZodType][] {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  if (s instanceof z.ZodString) return [[path, s]];
  if (s instanceof z.ZodArray) return stringFields(s.element as z.ZodType, `${path}[]`);
  if (s instanceof z.ZodObject) return Object.entries(s.shape).flatMap(([k, v]) => stringFields(v as z.ZodType, `${path}.${k}`));
  return [];
}

describe('text every store can hold', () => {
  it('refuses a NUL character and unpaired surrogates, and keeps every well-formed character', () => {
    for (const bad of ['a\u0000b', '\u0000', 'cut \ud83d', '\ude00 alone', 'reversed \ude00\ud83d', 'x\ud800'])
      expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ['', 'plain', 'emoji 😀', '中文客服', 'tab\tand\nnewline', '\u0001 control', '\uffff'])
      expect(isStorableText(good), JSON.stringify(good)).toBe(true);
    expect(Text.max(10).safeParse('a\u0000').success).toBe(false);
  });

  it('is what every string field of every synced record and every mutator’s arguments is made of', () => {
    const schemas: [string, z.ZodType][] = [
      ...Object.entries(SYNCED_ENTITIES).map(([name, e]) => [name, e.record] as [string, z.ZodType]),
      ...Object.entries(mutators).map(([name, m]) => [name, m.args as z.ZodType] as [string, z.ZodType]),
    ];
    const fields = schemas.flatMap(([name, schema]) => stringFields(schema, name));
    expect(fields.length).toBeGreaterThan(50);
    // A NUL inside otherwise valid text is refused by each of them (fields with a format refuse it too).
    const accepting = fields.filter(([, field]) => field.safeParse('valid\u0000').success).map(([path]) => path);
    expect(accepting).toEqual([]);
  });
});
