import type { MouseEvent } from 'react';
import type { TicketListRow } from '../../../../shared/contract/channels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { PriorityLabel, StatusChip, Tags } from '../../ui/Chips.tsx';
import { SlaBadge } from '../../ui/SlaBadge.tsx';
import { RelativeTime } from '../../ui/time.tsx';

/**
 * One ticket in a queue: what an agent scans to decide what to work on next. The tick box is for
 * the pointer; its state reaches assistive technology as the option's aria-checked, and the
 * keyboard ticks with X (an option may not contain a focusable control).
 */
export function TicketRow({
  row,
  now,
  checked,
  onCheck,
}: {
  row: TicketListRow;
  now: number;
  checked: boolean;
  onCheck(e: MouseEvent): void;
}) {
  const { t } = useI18n();
  return (
    <div className="ticket-row">
      <span
        className="ticket-row-check"
        data-checked={checked}
        aria-hidden="true"
        onClick={(e) => {
          // Ticking is not opening: keep the click from reaching the row.
          e.stopPropagation();
          onCheck(e);
        }}
      />
      <span className="ticket-row-number">{row.number === null ? t('inbox.draftTicket') : `#${row.number}`}</span>
      <span className="ticket-row-main">
        <span className="ticket-row-subject">{row.subject}</span>
        <span className="ticket-row-meta">
          <span className="ticket-row-requester">{row.requesterName}</span>
          {row.accountName && <span className="ticket-row-account">{row.accountName}</span>}
          <Tags tags={row.tags} />
        </span>
      </span>
      <span className="ticket-row-status">
        <StatusChip status={row.status} />
      </span>
      <span className="ticket-row-priority">
        <PriorityLabel priority={row.priority} />
      </span>
      <span className={`ticket-row-assignee${row.assigneeName ? '' : ' muted'}`}>{row.assigneeName ?? t('inbox.unassigned')}</span>
      <span className="ticket-row-sla">
        <SlaBadge dueAt={row.nextDueAt} atRiskAt={row.slaAtRiskAt} breached={row.slaBreached} now={now} />
      </span>
      <span className="ticket-row-updated">
        <RelativeTime at={row.updatedAt} now={now} />
      </span>
    </div>
  );
}
