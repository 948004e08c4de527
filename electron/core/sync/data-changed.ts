/**
 * Tells the renderer which cached records changed: synced entities mapped onto the contract's
 * `data.changed` entities (a ticket's events and links show on the ticket), at most one event per
 * entity per transaction, and "many" (empty ids) past the event's id limit.
 */
import type { Entity, EventName, EventPayload } from '../../../shared/contract/events.ts';
import { SYNCED_ENTITIES } from '../../../shared/sync/entities.ts';
import { SYNC_ENTITIES, type SyncEntity } from '../../../shared/sync/protocol.ts';
import type { Touched } from './sqlite-tx.ts';

/** The `data.changed` entity a synced entity shows as (shared/sync/entities.ts); null: none. */
const shownAs = (entity: SyncEntity): Entity | null => SYNCED_ENTITIES[entity].shownAs;

const MAX_IDS = 1000;

export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export function emitTouched(emit: Emit, touched: Touched): void {
  const byEntity = new Map<Entity, Set<string>>();
  for (const [entity, ids] of touched) {
    const shown = shownAs(entity);
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
  for (const entity of new Set(SYNC_ENTITIES.map(shownAs))) if (entity) emit('data.changed', { entity, ids: [] });
}
