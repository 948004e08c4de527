/**
 * A short list of tickets (an account's or a contact's recent ones), each a link to the ticket,
 * and a link to all of them when these are not all.
 */
import type { TicketListRow } from '../../../../shared/contract/channels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { PriorityLabel, StatusChip } from '../../ui/Chips.tsx';
import { RelativeTime } from '../../ui/time.tsx';

/** One ticket in a short list: number, subject, status, priority and when it last changed. */
export function TicketSummary({ row, now }: { row: TicketListRow; now: number }) {
  const { t } = useI18n();
  return (
    <>
      <span className="ticket-row-number">{row.number === null ? t('inbox.draftTicket') : `#${row.number}`}</span>
      <span className="mini-ticket-subject">{row.subject}</span>
      <StatusChip status={row.status} />
      <PriorityLabel priority={row.priority} />
      <span className="muted">
        <RelativeTime at={row.updatedAt} now={now} />
      </span>
    </>
  );
}

export function TicketMiniList({
  tickets,
  total,
  allHref,
  now,
}: {
  tickets: readonly TicketListRow[];
  total: number;
  allHref: string;
  now: number;
}) {
  const { t } = useI18n();
  if (tickets.length === 0) return <p className="muted">{t('accounts.noTickets')}</p>;
  return (
    <>
      <ul className="mini-list mini-list-tickets">
        {tickets.map((row) => (
          <li key={row.id}>
            <a className="mini-ticket" href={`#/tickets/${row.id}`}>
              <TicketSummary row={row} now={now} />
            </a>
          </li>
        ))}
      </ul>
      {total > tickets.length && (
        <a className="see-all" href={allHref}>
          {t('accounts.seeAll', { count: total })} →
        </a>
      )}
    </>
  );
}
