/**
 * Desktop notifications (event `notification.show`): a ticket assigned to the signed-in person by
 * someone else, a customer's reply on a ticket assigned to them, or an SLA breach the server's
 * breach job told them of (an `sla` event `notified` naming them: the assignee, a supervisor). Detected from what the server
 * sends (pulled pages and poke-carried changes), never from the person's own optimistic changes,
 * and never while a bootstrap fills the cache (its history is not news).
 *
 * A pulled batch is looked at before it is applied, because "newly assigned to me" and "a message
 * not seen before" are judged against the cache as it was; what was found is announced once the
 * batch is applied. Finds that arrive close together (a bulk reassignment lands as several pokes)
 * are gathered for a moment and announced as one notification per kind.
 */
import type { Settings } from '../../../shared/contract/channels.ts';
import type { EventPayload } from '../../../shared/contract/events.ts';
import type { Locale } from '../../../shared/domain/enums.ts';
import type { Message, Ticket, TicketEvent } from '../../../shared/domain/records.ts';
import { ticketEventChange } from '../../../shared/domain/ticket-events.ts';
import type { SlaMetric } from '../../../shared/sla/target.ts';
import type { Emit } from '../sync/data-changed.ts';
import type { Page } from '../sync/local-sync.ts';
import type { RecordStore } from '../sync/record-store.ts';
import type { Timers } from '../sync/sync-client.ts';
import { defaultSystemLocale, NOTIFICATION_TEXT, notificationLocale, ticketLabel, ticketList, type TicketLabel } from './text.ts';

/** How long finds are gathered before one notification announces them all. */
export const COALESCE_MS = 1000;
/** The longest excerpt of a customer's message a notification shows. */
const EXCERPT_CHARS = 140;

interface Assigned {
  kind: 'assigned';
  ticketId: string;
  ticket: TicketLabel;
  byId: string | null;
}

interface Reply {
  kind: 'customer_reply';
  ticketId: string;
  ticket: TicketLabel;
  contactId: string | null;
  body: string;
}

/** A breach the SLA automation told this person about (an `sla` event `notified` naming them). */
interface Breached {
  kind: 'sla_breached';
  ticketId: string;
  ticket: TicketLabel;
  metric: SlaMetric;
}

type Find = Assigned | Reply | Breached;

export interface NotifierOptions {
  store: RecordStore;
  /** The signed-in person; null: nobody to notify. */
  me: () => string | null;
  settings: () => Settings;
  emit: Emit;
  timers?: Timers;
  coalesceMs?: number;
  /** The operating system's language, for the `system` language setting. */
  systemLocale?: () => string;
}

export function createNotifier(options: NotifierOptions) {
  const { store, me, settings, emit } = options;
  const timers: Timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as never) };
  const coalesceMs = options.coalesceMs ?? COALESCE_MS;
  const systemLocale = options.systemLocale ?? defaultSystemLocale;
  let gathered: Find[] = [];
  let timer: unknown = null;

  const locale = (): Locale => notificationLocale(settings().locale, systemLocale());

  /** What in `pages` is news for the person, judged against the cache before the pages are applied. */
  function detect(pages: readonly Page[], self: string): Find[] {
    const tickets = new Map<string, Ticket>();
    const events: TicketEvent[] = [];
    const inbound: Message[] = [];
    for (const change of pages.flatMap((p) => p.changes)) {
      if (change.op !== 'put') continue;
      if (change.entity === 'ticket') tickets.set(change.id, change.row as Ticket);
      else if (change.entity === 'ticket_event') events.push(change.row as TicketEvent);
      else if (change.entity === 'message' && (change.row as Message).kind === 'inbound') inbound.push(change.row as Message);
    }
    const finds: Find[] = [];
    for (const ticket of tickets.values()) {
      if (ticket.assigneeId !== self || store.get('ticket', ticket.id)?.assigneeId === self) continue;
      // Who made the person the assignee: the assignment (or the creation) in the same server
      // transaction. Without that evidence (e.g. a ticket that only came into view) there is no news.
      const cause = events
        .filter((e) => e.ticketId === ticket.id && ((e.kind === 'assignee' && e.to === self) || e.kind === 'created'))
        .sort((a, b) => a.at - b.at)
        .at(-1);
      if (!cause || cause.actorId === self) continue;
      // A follow-up a customer's message opened inherits its assignee: the reply is the news.
      if (cause.kind === 'created' && typeof cause.to === 'object' && cause.to !== null && 'followUpOf' in cause.to) continue;
      finds.push({ kind: 'assigned', ticketId: ticket.id, ticket: labelOf(ticket), byId: cause.actorId });
    }
    // A ticket that just became the person's is announced as theirs; its messages are part of that news.
    const assigned = new Set(finds.map((find) => find.ticketId));
    for (const message of inbound) {
      if (assigned.has(message.ticketId) || store.versionOf('message', message.id) !== null) continue;
      const ticket = tickets.get(message.ticketId) ?? store.get('ticket', message.ticketId);
      if (!ticket || ticket.assigneeId !== self) continue;
      finds.push({ kind: 'customer_reply', ticketId: ticket.id, ticket: labelOf(ticket), contactId: message.authorId, body: message.body });
    }
    // A breach the server told this person of, the first time this cache sees the notice.
    for (const event of events) {
      const change = ticketEventChange(event);
      if (change?.kind !== 'sla' || change.to.state !== 'notified' || !change.to.userIds.includes(self)) continue;
      if (store.versionOf('ticket_event', event.id) !== null) continue;
      const ticket = tickets.get(event.ticketId) ?? store.get('ticket', event.ticketId);
      if (!ticket) continue;
      finds.push({ kind: 'sla_breached', ticketId: ticket.id, ticket: labelOf(ticket), metric: change.to.metric });
    }
    return finds;
  }

  function flush(): void {
    timer = null;
    const finds = gathered;
    gathered = [];
    if (!settings().notifications) return;
    const text = NOTIFICATION_TEXT[locale()];
    const assigned = latestPerTicket(finds.filter((f): f is Assigned => f.kind === 'assigned'));
    const replies = latestPerTicket(finds.filter((f): f is Reply => f.kind === 'customer_reply'));
    const show = (payload: EventPayload<'notification.show'>) => emit('notification.show', payload);
    const [oneAssigned] = assigned;
    if (assigned.length === 1 && oneAssigned) {
      const by = oneAssigned.byId ? (store.get('user', oneAssigned.byId)?.name ?? null) : null;
      show({
        kind: 'assigned',
        target: { entity: 'ticket', id: oneAssigned.ticketId },
        count: 1,
        ...text.assignedOne(ticketLabel(oneAssigned.ticket), by),
      });
    } else if (assigned.length > 1) {
      const words = text.assignedMany(
        assigned.length,
        ticketList(
          text,
          assigned.map((f) => f.ticket),
        ),
      );
      show({ kind: 'assigned', target: null, count: assigned.length, ...words });
    }
    const [oneReply] = replies;
    if (replies.length === 1 && oneReply) {
      const from = oneReply.contactId ? (store.get('contact', oneReply.contactId)?.name ?? null) : null;
      const words = text.replyOne(from, ticketLabel(oneReply.ticket), excerpt(oneReply.body));
      show({ kind: 'customer_reply', target: { entity: 'ticket', id: oneReply.ticketId }, count: 1, ...words });
    } else if (replies.length > 1) {
      const words = text.replyMany(
        replies.length,
        ticketList(
          text,
          replies.map((f) => f.ticket),
        ),
      );
      show({ kind: 'customer_reply', target: null, count: replies.length, ...words });
    }
    const breaches = latestPerTicket(finds.filter((f): f is Breached => f.kind === 'sla_breached'));
    const [oneBreach] = breaches;
    if (breaches.length === 1 && oneBreach) {
      show({
        kind: 'sla_breached',
        target: { entity: 'ticket', id: oneBreach.ticketId },
        count: 1,
        ...text.breachedOne(ticketLabel(oneBreach.ticket), oneBreach.metric),
      });
    } else if (breaches.length > 1) {
      const words = text.breachedMany(
        breaches.length,
        ticketList(
          text,
          breaches.map((f) => f.ticket),
        ),
      );
      show({ kind: 'sla_breached', target: null, count: breaches.length, ...words });
    }
  }

  return {
    /**
     * Called by the sync client with a batch about to be applied; `quiet` during a bootstrap.
     * Returns what to call once the batch is applied (nothing is announced if applying fails).
     */
    observe(pages: readonly Page[], quiet: boolean): () => void {
      const self = me();
      if (quiet || !self || !settings().notifications) return () => {};
      const finds = detect(pages, self);
      return () => {
        if (!finds.length) return;
        gathered.push(...finds);
        timer ??= timers.setTimeout(flush, coalesceMs);
      };
    },

    close(): void {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      gathered = [];
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;

function labelOf(ticket: Ticket): TicketLabel {
  return { number: ticket.number, subject: ticket.subject };
}

/** One find per ticket (its latest), in the order the tickets first appeared. */
function latestPerTicket<F extends Find>(finds: readonly F[]): F[] {
  const byTicket = new Map<string, F>();
  for (const find of finds) byTicket.set(find.ticketId, find);
  return [...byTicket.values()];
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
}
