/**
 * Tells the renderer which cached records changed: synced entities mapped onto the contract's
 * `data.changed` entities (a ticket's events and links show on the ticket), at most one event per
 * entity per transaction, and "many" (empty ids) past the event's id limit.
 */
import type { Entity, EventName, EventPayload } from '../../../shared/contract/events.ts';
import type { SyncEntity } from '../../../shared/sync/protocol.ts';
import type { Touched } from './sqlite-tx.ts';

const SHOWN_AS: Record<SyncEntity, Entity | null> = {
  tenant: null,
  team: 'team',
  user: 'user',
  account: 'account',
  contact: 'contact',
  ticket: 'ticket',
  message: 'message',
  ticket_event: 'ticket',
  ticket_link: 'ticket',
  interaction: 'interaction',
  task: 'task',
  feedback: 'feedback',
  // Calendars and SLA policies change due times, which the server writes onto the tickets.
  business_calendar: null,
  sla_policy: null,
  macro: 'macro',
  kb_article: 'article',
  saved_view: 'view',
};

const MAX_IDS = 1000;

export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export function emitTouched(emit: Emit, touched: Touched): void {
  const byEntity = new Map<Entity, Set<string>>();
  for (const [entity, ids] of touched) {
    const shown = SHOWN_AS[entity];
    if (!shown) continue;
    let set = byEntity.get(shown);
    if (!set) byEntity.set(shown, (set = new Set()));
    // An event's or link's own id means nothing to the renderer: its ticket usually changed with
    // it (and is named); when only they changed, the event below says "many".
    if (entity !== 'ticket_event' && entity !== 'ticket_link') for (const id of ids) set.add(id);
  }
  for (const [entity, ids] of byEntity) emit('data.changed', { entity, ids: ids.size > MAX_IDS ? [] : [...ids] });
}

/** After a cache reset or wipe: everything the renderer shows may have changed. */
export function emitEverythingChanged(emit: Emit): void {
  for (const entity of new Set(Object.values(SHOWN_AS))) if (entity) emit('data.changed', { entity, ids: [] });
}
