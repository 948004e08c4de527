/**
 * The building blocks every area's channels are made of (shared/areas/<area>/channels.ts): the
 * empty input, ids, paging, queries, and references to people and teams.
 */
import { z } from 'zod';
import { Role } from '../domain/enums.ts';
import { Id } from '../domain/records.ts';

/** An area's channels: channel name to input and output schemas. */
export type ChannelMap = Record<string, { input: z.ZodType; output: z.ZodType }>;

export const Empty = z.object({}).strict();
export const ById = z.object({ id: Id }).strict();
export const Cursor = z.string().max(512).nullable().default(null);
export const Limit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);
export const Query = z.string().max(200);

export const Page = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), nextCursor: z.string().nullable() });

export const UserRef = z.object({ id: Id, name: z.string(), role: Role });
export const TeamRef = z.object({ id: Id, name: z.string() });
