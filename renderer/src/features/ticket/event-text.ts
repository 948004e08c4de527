/**
 * Ticket events put in words in the reader's language. Events are stored as data (a kind with typed
 * fields: shared/domain/ticket-events.ts); only here do they become text, so a Chinese reader reads
 * Chinese whoever acted and whatever language the ticket is in. Names come from the directory and
 * the ticket's links, never raw ids.
 */
import { useMemo } from 'react';
import type { z } from 'zod';
import type { LinkedTicket } from '../../../../shared/contract/channels.ts';
import type { TicketEvent } from '../../../../shared/domain/records.ts';
import { isDeescalation, ticketEventChange } from '../../../../shared/domain/ticket-events.ts';
import type { SlaMetric } from '../../../../shared/sla/target.ts';
import { useQuery } from '../../api/use-query.ts';
import type { MessageKey, Translate } from '../../i18n/catalog.ts';
import type { Labels } from '../../i18n/labels.ts';

export interface Names {
  /** Users and teams by id. */
  people: ReadonlyMap<string, string>;
  /** Linked tickets by id, as "#1234". */
  tickets: ReadonlyMap<string, string>;
  /** Complaint categories by id. */
  categories: ReadonlyMap<string, string>;
}

/** The names an event may mention: people and teams from the directory, tickets from the ticket's links. */
export function useNames(links: readonly z.infer<typeof LinkedTicket>[]): Names {
  const directory = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']).data;
  const categories = useQuery('complaints.categories', (api) => api.complaints.categories({}), ['complaint']).data;
  return useMemo(
    () => ({
      categories: new Map((categories ?? []).map((c) => [c.id, c.name])),
      people: new Map([...(directory?.users ?? []), ...(directory?.teams ?? [])].map((r) => [r.id, r.name])),
      tickets: new Map(links.map((link) => [link.ticket.id, link.ticket.number === null ? link.ticket.subject : `#${link.ticket.number}`])),
    }),
    [directory, categories, links],
  );
}

/** The automations this version can name; another (e.g. from a newer server) is shown by its own name. */
const AUTOMATION_LABELS: ReadonlyMap<string, MessageKey> = new Map([
  ['automation:sla', 'history.automation.sla'],
  ['automation:auto-close', 'history.automation.autoClose'],
  ['intake:email', 'history.automation.emailIntake'],
  ['admin:cli', 'history.automation.adminCli'],
  ['automation:routing', 'history.automation.routing'],
  ['automation:presence', 'history.automation.presence'],
]);

/** A target's name: first reply, next reply or resolution. */
export function slaMetricLabel(metric: SlaMetric, t: Translate): string {
  return t(`slaMetric.${metric}`);
}

/** Who wrote the event: a person by name, an automation by its label, else the system itself. */
export function actorName(event: TicketEvent, names: Names, t: Translate): string {
  if (event.actorKind === 'automation' && event.automation) {
    const label = AUTOMATION_LABELS.get(event.automation);
    return label ? t(label) : t('history.automation', { name: event.automation });
  }
  if (event.actorId) return names.people.get(event.actorId) ?? t('ticket.unknownAuthor');
  return t('ticket.system');
}

/**
 * The sentence an event makes in the conversation, between the messages; null for the events
 * that are no line there (a message is its own card; tags, type, links and SLA changes are in the
 * history tab), and for a shape this version does not know.
 */
export function threadLine(event: TicketEvent, names: Names, t: Translate, l: Labels): string | null {
  const change = ticketEventChange(event);
  if (!change) return null;
  const actor = actorName(event, names, t);
  const person = (id: string) => names.people.get(id) ?? t('ticket.unknownAuthor');
  const ticket = (id: string) => names.tickets.get(id) ?? t('history.otherTicket');
  switch (change.kind) {
    case 'assignee':
      return change.to === null ? t('event.unassigned', { actor }) : t('event.assigned', { actor, to: person(change.to) });
    case 'team':
      return t('event.team', { actor, to: person(change.to) });
    case 'priority':
      return t('event.priority', { actor, to: l.priority(change.to) });
    case 'escalated':
      if (change.to.slaBreach)
        return t('event.escalatedForBreach', { actor, tier: l.escalation(change.to.tier), metric: slaMetricLabel(change.to.slaBreach, t) });
      if (isDeescalation(change) && change.to.reason)
        return t('event.deescalated', { actor, tier: l.escalation(change.to.tier), reason: change.to.reason });
      return change.to.reason
        ? t('event.escalated', { actor, tier: l.escalation(change.to.tier), reason: change.to.reason })
        : t('event.escalatedTo', { actor, tier: l.escalation(change.to.tier) });
    case 'status':
      if (change.to === 'solved') return t('event.solved', { actor });
      if (change.to === 'closed') return t('event.closed', { actor });
      if (change.from === 'solved' || change.from === 'closed') return t('event.reopened', { actor });
      return null;
    case 'merged':
      return 'into' in change.to
        ? t('event.mergedInto', { actor, ticket: ticket(change.to.into) })
        : t('event.mergedFrom', { actor, ticket: ticket(change.to.from) });
    default:
      return null;
  }
}
