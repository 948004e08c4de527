/**
 * The ticket's event log: who changed what (from → to), and when, newest first. Each kind of
 * event is put in words; values are translated labels and names, never raw ids or JSON. A value
 * this version does not know (e.g. written by a newer server) is shown as it is rather than hidden.
 * An event an automation wrote names the automation, not a person.
 */
import { z } from 'zod';
import type { TicketDetail } from '../../../../shared/contract/channels.ts';
import { Channel, MessageKind, TicketPriority, TicketStatus, TicketType } from '../../../../shared/domain/enums.ts';
import type { TicketEvent } from '../../../../shared/domain/records.ts';
import { isDeescalation, ticketEventChange } from '../../../../shared/domain/ticket-events.ts';
import { SLA_METRICS } from '../../../../shared/sla/target.ts';
import type { Translate } from '../../i18n/catalog.ts';
import type { Labels } from '../../i18n/labels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Empty } from '../../ui/DataState.tsx';
import { RelativeTime } from '../../ui/time.tsx';
import { actorName, slaMetricLabel, useNames, type Names } from './event-text.ts';

type Detail = z.infer<typeof TicketDetail>;

export function History({ detail, now }: { detail: Detail; now: number }) {
  const { t, l } = useI18n();
  const names = useNames(detail.links);
  const events = [...detail.events].sort((a, b) => b.at - a.at);
  if (events.length === 0) return <Empty>{t('ticket.emptyHistory')}</Empty>;
  return (
    <ol className="history" aria-label={t('ticket.history')}>
      {events.map((event) => {
        const change = describeChange(event, names, t, l);
        const actor = actorName(event, names, t);
        return (
          <li key={event.id} className="history-item">
            <span className="history-kind">
              {isDeescalation(ticketEventChange(event)) ? t('event.deescalatedKind') : l.eventKind(event.kind)}
            </span>
            {change && <span className="history-change">{change}</span>}
            <span className="history-actor">{t('ticket.actor', { name: actor })}</span>
            <span className="history-time">
              <RelativeTime at={event.at} now={now} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}

const SlaMetricSchema = z.enum(SLA_METRICS);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function describeChange(event: TicketEvent, names: Names, t: Translate, l: Labels): string | null {
  const { from, to } = event;
  const ticketName = (id: unknown) => (typeof id === 'string' ? (names.tickets.get(id) ?? t('history.otherTicket')) : '');
  switch (event.kind) {
    case 'status':
      return change(from, to, (v) => enumLabel(TicketStatus, v, l.status), t);
    case 'priority':
      return change(from, to, (v) => enumLabel(TicketPriority, v, l.priority), t);
    case 'type':
      return change(from, to, (v) => enumLabel(TicketType, v, l.type), t);
    case 'assignee': {
      // Null is a value here (unassigned), not a missing "from".
      const person = (v: unknown) => (v === null ? t('inbox.unassigned') : (names.people.get(String(v)) ?? t('ticket.unknownAuthor')));
      return t('ticket.change', { from: person(from), to: person(to) });
    }
    case 'team':
      return change(from, to, (v) => (v === null ? t('ticket.none') : (names.people.get(String(v)) ?? String(v))), t);
    case 'tags': {
      const before = asStrings(from);
      const after = asStrings(to);
      const added = after.filter((tag) => !before.includes(tag));
      const removed = before.filter((tag) => !after.includes(tag));
      return [
        added.length ? t('history.tagsAdded', { tags: added.join(', ') }) : null,
        removed.length ? t('history.tagsRemoved', { tags: removed.join(', ') }) : null,
      ]
        .filter(Boolean)
        .join('; ');
    }
    case 'escalated': {
      const tier = (v: unknown) => (v === 1 || v === 2 || v === 3 ? l.escalation(v) : String(v));
      const target = isRecord(to) ? to.tier : to;
      const reason = isRecord(to) && typeof to.reason === 'string' ? to.reason : null;
      const breach = isRecord(to) ? SlaMetricSchema.safeParse(to.slaBreach) : null;
      const moved = t('ticket.change', { from: tier(from), to: tier(target) });
      if (breach?.success) return t('history.escalatedForBreach', { change: moved, metric: slaMetricLabel(breach.data, t) });
      return reason ? t('history.withReason', { change: moved, reason }) : moved;
    }
    case 'message': {
      const kind = MessageKind.safeParse(isRecord(to) ? to.kind : null);
      return kind.success ? l.messageKind(kind.data) : null;
    }
    case 'created': {
      // Older events hold the channel alone; newer ones an object with the status and channel.
      const channel = Channel.safeParse(isRecord(to) ? to.channel : to);
      const parts = [channel.success ? t('ticket.via', { channel: l.channel(channel.data) }) : null];
      if (isRecord(to) && to.followUpOf) parts.push(t('history.followUpOf', { ticket: ticketName(to.followUpOf) }));
      return parts.filter(Boolean).join(', ') || null;
    }
    case 'merged':
      if (isRecord(to) && to.into) return t('history.mergedInto', { ticket: ticketName(to.into) });
      if (isRecord(to) && to.from) return t('history.mergedFrom', { ticket: ticketName(to.from) });
      return null;
    case 'linked':
      return isRecord(to) && to.ticketId ? t('history.linkedTo', { ticket: ticketName(to.ticketId) }) : null;
    case 'sla': {
      // The automation's words for a target met or breached and for the people it told.
      const sla = ticketEventChange(event);
      if (sla?.kind !== 'sla') return null;
      const metric = slaMetricLabel(sla.to.metric, t);
      if (sla.to.state !== 'notified') return t(sla.to.state === 'met' ? 'history.sla.met' : 'history.sla.breached', { metric });
      const people = sla.to.userIds.map((id) => names.people.get(id) ?? t('ticket.unknownAuthor')).join(', ');
      return t(sla.to.audience === 'assignee' ? 'history.slaNotified.assignee' : 'history.slaNotified.supervisors', { metric, people });
    }
    case 'routed':
      return routedReason(event, names, t);
    case 'complaint':
    case 'root_cause':
      return complaintChange(event, names, t);
  }
}

/** "Billing error → Slow response", "not a complaint"; a root cause as the words recorded. */
function complaintChange(event: TicketEvent, names: Names, t: Translate): string | null {
  const c = ticketEventChange(event);
  if (c?.kind === 'root_cause') return c.to;
  if (c?.kind !== 'complaint') return null;
  const category = (id: string | null) =>
    id === null ? t('history.complaint.none') : (names.categories.get(id) ?? t('history.complaint.unknown'));
  return c.from === null ? category(c.to) : t('ticket.change', { from: category(c.from), to: category(c.to) });
}

/**
 * Why the routing job chose this agent: "to Dana: round robin among 4 available agents with
 * Chinese"; or that the agent took it themselves: "taken by Dana with Next ticket".
 */
function routedReason(event: TicketEvent, names: Names, t: Translate): string | null {
  const routed = ticketEventChange(event);
  if (routed?.kind !== 'routed') return null;
  const { agentId, mode, eligible, language } = routed.to;
  const agent = names.people.get(agentId) ?? t('ticket.unknownAuthor');
  if (mode === 'pull') return t('history.taken', { agent });
  const reason =
    eligible === 1
      ? t('history.routedOne', { agent, mode: t(`history.routingMode.${mode}`) })
      : t('history.routed', { agent, mode: t(`history.routingMode.${mode}`), count: eligible });
  return language === null ? reason : t('history.routedWith', { routed: reason, language: t(`history.language.${language}`) });
}

function change(from: unknown, to: unknown, label: (v: unknown) => string, t: Translate): string {
  if (from === null || from === undefined) return label(to);
  return t('ticket.change', { from: label(from), to: label(to) });
}

/** The translated label of an enum value, or the raw value if it is not one (e.g. from a newer server). */
function enumLabel<T extends string>(schema: z.ZodType<T>, raw: unknown, label: (v: T) => string): string {
  const parsed = schema.safeParse(raw);
  return parsed.success ? label(parsed.data) : String(raw);
}
