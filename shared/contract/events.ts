/**
 * Events Core sends to the renderer. Like channels, each has a schema; transports check it before
 * delivering, so a listener only ever sees the declared shape.
 */
import { z } from 'zod';
import { Id } from '../domain/records.ts';
import { Settings } from '../areas/app/channels.ts';
import { SessionState } from '../areas/session/channels.ts';
import { PresenceEntry, SyncStatus } from '../areas/sync/channels.ts';
import { Text } from '../domain/text.ts';
import { SlaRecomputeProgress } from '../areas/sla/channels.ts';

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
  /** Business calendars and SLA policies. */
  'sla',
  /** Presence, routing rules, shift templates, shifts and time off. */
  'routing',
  /** Complaint categories. */
  'complaint',
] as const;
export const Entity = z.enum(ENTITIES);
export type Entity = z.infer<typeof Entity>;

export const NOTIFICATION_KINDS = ['assigned', 'customer_reply', 'task_reminder', 'sla_breached', 'sla_at_risk', 'health_at_risk'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;
/** The one record a notification is about: every kind names its record the same way, so a click opens it whatever the kind. */
export const NotificationTarget = z.object({ entity: z.enum(['ticket', 'account', 'contact']), id: Id });
export type NotificationTarget = z.infer<typeof NotificationTarget>;

export const events = {
  /** Records changed in the local cache; an empty `ids` means "many: refresh what you show". */
  'data.changed': z.object({ entity: Entity, ids: z.array(Id).max(1000) }),
  'settings.changed': Settings,
  /** Connection state, pending count or open issues changed. */
  'sync.changed': SyncStatus,
  'session.changed': SessionState,
  /**
   * The recompute of every open ticket's SLA timers after a calendar or policy edit moved on
   * (null: it finished; the tickets' `data.changed` follows).
   */
  'sla.recompute': SlaRecomputeProgress.nullable(),
  /** The people on a ticket (other than the signed-in person) changed: someone arrived, left or started/stopped typing. */
  'presence.changed': z.object({ ticketId: Id, viewers: z.array(PresenceEntry) }),
  /**
   * Something the person should hear about even with the window in the background: a ticket
   * assigned to them by someone else, their customer's reply, an SLA breach or risk, a task's
   * reminder, or an account of theirs falling into "at risk". `target` is the record it concerns,
   * which clicking it opens: the ticket, the account that fell, a reminded task's account (else
   * its contact, else its ticket). Several at once arrive as one (`count` > 1, `target` null:
   * clicking opens the kind's list: the queue, My tasks, the portfolio). The desktop app's main process
   * shows it; a browser renderer shows it itself.
   */
  'notification.show': z.object({
    kind: NotificationKind,
    target: NotificationTarget.nullable(),
    count: z.number().int().positive(),
    title: Text.max(200),
    body: Text.max(1000),
  }),
  /**
   * The background integrity check found the cache on this device damaged. With a server it was
   * rebuilt from the server (`rebuilt`), keeping the person's `keptChanges` unsent changes (and
   * their settings and drafts; `complete` false: part of them could not be read back from the
   * damaged file); without one (a local console) it was left as it is.
   */
  'cache.damaged': z.object({ rebuilt: z.boolean(), keptChanges: z.number().int().nonnegative(), complete: z.boolean() }),
  /** Sent by Electron's main process, not Core: the person clicked a desktop notification; open its target (null: the kind's list). */
  'notification.opened': z.object({ kind: NotificationKind, target: NotificationTarget.nullable() }),
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
