/**
 * The parts of a ticket event the metrics read, checked by hand. The metrics read every event of
 * a cache (hundreds of thousands), and parsing each with the full schema (ticketEventChange) was
 * most of a report's time; this checks exactly the fields used and, like the schema, gives null
 * for a shape it does not know, so such an event is skipped the same way.
 */
import { MESSAGE_KINDS, TICKET_STATUSES, type MessageKind, type TicketStatus } from '../domain/enums.ts';
import { SLA_METRICS, type SlaMetric } from '../sla/target.ts';
import type { EventFact } from './facts.ts';

export type ReadEvent =
  | { kind: 'created'; status: TicketStatus }
  | { kind: 'status'; from: TicketStatus; to: TicketStatus }
  | { kind: 'assignee'; from: string | null; to: string | null }
  | { kind: 'team'; from: string; to: string }
  | { kind: 'escalated' }
  | { kind: 'sla'; metric: SlaMetric; met: boolean }
  | { kind: 'message'; message: MessageKind };

const statuses = new Set<unknown>(TICKET_STATUSES);
const messageKinds = new Set<unknown>(MESSAGE_KINDS);
const metrics = new Set<unknown>(SLA_METRICS);

const isStatus = (v: unknown): v is TicketStatus => statuses.has(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIdOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

export function readEvent(e: Pick<EventFact, 'kind' | 'from' | 'to'>): ReadEvent | null {
  const { from, to } = e;
  switch (e.kind) {
    case 'created':
      return isObject(to) && isStatus(to.status) ? { kind: 'created', status: to.status } : null;
    case 'status':
      return isStatus(from) && isStatus(to) ? { kind: 'status', from, to } : null;
    case 'assignee':
      return isIdOrNull(from) && isIdOrNull(to) ? { kind: 'assignee', from, to } : null;
    case 'team':
      return typeof from === 'string' && typeof to === 'string' ? { kind: 'team', from, to } : null;
    case 'escalated':
      // A step down (ticket.deescalate) is logged as the same kind, its tier lower: no escalation.
      return isObject(to) && typeof to.tier === 'number' && typeof from === 'number' && to.tier > from ? { kind: 'escalated' } : null;
    case 'sla':
      return isObject(to) && metrics.has(to.metric) && (to.state === 'met' || to.state === 'breached')
        ? { kind: 'sla', metric: to.metric as SlaMetric, met: to.state === 'met' }
        : null;
    case 'message':
      return isObject(to) && messageKinds.has(to.kind) ? { kind: 'message', message: to.kind as MessageKind } : null;
    default:
      return null;
  }
}
