/**
 * The building blocks every area's channels are made of (shared/areas/<area>/channels.ts): the
 * empty input, ids, paging, queries, and references to people and teams.
 */
import { z } from 'zod';
import { Role } from '../domain/enums.ts';
import { Id } from '../domain/records.ts';
import { Text } from '../domain/text.ts';

export { Text, isStorableText } from '../domain/text.ts';

/** An area's channels: channel name to input and output schemas. */
export type ChannelMap = Record<string, { input: z.ZodType; output: z.ZodType }>;

export const Empty = z.object({}).strict();
export const ById = z.object({ id: Id }).strict();
export const Cursor = Text.max(512).nullable().default(null);
export const Limit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);
export const Query = Text.max(200);

export const Page = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), nextCursor: Text.nullable() });

export const UserRef = z.object({ id: Id, name: Text, role: Role });
export const TeamRef = z.object({ id: Id, name: Text });
