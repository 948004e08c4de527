/**
 * Events Core sends to the renderer. Like channels, each has a schema; transports check it before
 * delivering, so a listener only ever sees the declared shape.
 */
import { z } from 'zod';
import { Id } from '../domain/records.ts';
import { SessionState, Settings, SyncStatus } from './channels.ts';

export const ENTITIES = [
  'ticket',
  'message',
  'account',
  'contact',
  'article',
  'user',
  'team',
  'view',
  'macro',
  'task',
  'interaction',
  'feedback',
  'sync_issue',
] as const;
export const Entity = z.enum(ENTITIES);
export type Entity = z.infer<typeof Entity>;

export const events = {
  /** Records changed in the local cache; an empty `ids` means "many: refresh what you show". */
  'data.changed': z.object({ entity: Entity, ids: z.array(Id).max(1000) }),
  'settings.changed': Settings,
  /** Connection state, pending count or open issues changed. */
  'sync.changed': SyncStatus,
  'session.changed': SessionState,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
