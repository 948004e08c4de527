/** The ticket's event log: who changed what, and when. */
import type { z } from 'zod';
import type { TicketDetail } from '../../../../shared/contract/channels.ts';
import { Channel, TicketPriority, TicketStatus, TicketType } from '../../../../shared/domain/enums.ts';
import type { TicketEvent } from '../../../../shared/domain/records.ts';
import { useQuery } from '../../api/use-query.ts';
import type { Labels } from '../../i18n/labels.ts';
import type { Translate } from '../../i18n/catalog.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Empty } from '../../ui/DataState.tsx';
import { RelativeTime } from '../../ui/time.tsx';

type Detail = z.infer<typeof TicketDetail>;
type Names = ReadonlyMap<string, string>;

export function History({ detail, now }: { detail: Detail; now: number }) {
  const { t, l } = useI18n();
  const directory = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']);
  const names: Names = new Map([...(directory.data?.users ?? []), ...(directory.data?.teams ?? [])].map((r) => [r.id, r.name]));
  const events = [...detail.events].sort((a, b) => b.at - a.at);
  if (events.length === 0) return <Empty>{t('ticket.emptyHistory')}</Empty>;
  return (
    <ol className="history" aria-label={t('ticket.history')}>
      {events.map((event) => {
        const change = describeChange(event, names, t, l);
        const actor = event.actorId ? names.get(event.actorId) : undefined;
        return (
          <li key={event.id} className="history-item">
            <span className="history-kind">{l.eventKind(event.kind)}</span>
            {change && <span className="history-change">{change}</span>}
            {actor && <span className="history-actor">{t('ticket.actor', { name: actor })}</span>}
            <span className="history-time">
              <RelativeTime at={event.at} now={now} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function describeChange(event: TicketEvent, names: Names, t: Translate, l: Labels): string | null {
  if (event.from === null && event.to === null) return null;
  const value = (v: unknown): string => {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return t('ticket.none');
    if (Array.isArray(v)) return v.map(value).join(', ');
    if (typeof v !== 'string' && typeof v !== 'number') return JSON.stringify(v);
    const s = String(v);
    switch (event.kind) {
      case 'status':
        return enumLabel(TicketStatus, s, l.status);
      case 'priority':
        return enumLabel(TicketPriority, s, l.priority);
      case 'type':
        return enumLabel(TicketType, s, l.type);
      case 'created':
        return enumLabel(Channel, s, l.channel);
      case 'escalated':
        return v === 1 || v === 2 || v === 3 ? l.escalation(v) : s;
      case 'assignee':
      case 'team':
        return names.get(s) ?? s;
      default:
        return s;
    }
  };
  if (event.from === null) return value(event.to);
  return t('ticket.change', { from: value(event.from), to: value(event.to) });
}

/** The translated label of an enum value, or the raw value if it is not one (e.g. from a newer server). */
function enumLabel<T extends string>(schema: z.ZodType<T>, raw: string, label: (v: T) => string): string {
  const parsed = schema.safeParse(raw);
  return parsed.success ? label(parsed.data) : raw;
}
