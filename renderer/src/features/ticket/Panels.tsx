/** The ticket's side panels: its properties (status, priority and assignee are editable), and who asked (with how to treat them). */
import { useId } from 'react';
import type { z } from 'zod';
import type { TicketDetail } from '../../../../shared/contract/channels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { Tags } from '../../ui/Chips.tsx';
import { SlaBadge } from '../../ui/SlaBadge.tsx';
import { RelativeTime } from '../../ui/time.tsx';
import { AssignToMe, PriorityPicker, StatusPicker } from './TicketActions.tsx';

type Detail = z.infer<typeof TicketDetail>;

export function PropertiesPanel({ detail, now }: { detail: Detail; now: number }) {
  const { t, l } = useI18n();
  const { user: me } = useSession();
  const ids = useId();
  const { ticket } = detail;
  const dueAt = [ticket.firstReplyDueAt, ticket.nextReplyDueAt, ticket.resolutionDueAt]
    .filter((d): d is number => d !== null)
    .reduce<number | null>((min, d) => (min === null || d < min ? d : min), null);
  return (
    <section className="panel" aria-labelledby="properties-title">
      <h2 id="properties-title" className="panel-title">
        {t('ticket.properties')}
      </h2>
      <dl className="props">
        <dt id={`${ids}-status`}>{t('ticket.status')}</dt>
        <dd>
          <StatusPicker key={ticket.status} ticket={ticket} labelId={`${ids}-status`} />
          <SlaBadge dueAt={ticket.solvedAt === null ? dueAt : null} now={now} />
        </dd>
        <dt id={`${ids}-priority`}>{t('ticket.priority')}</dt>
        <dd>
          <PriorityPicker key={ticket.priority} ticket={ticket} labelId={`${ids}-priority`} />
        </dd>
        <dt>{t('ticket.type')}</dt>
        <dd>{l.type(ticket.type)}</dd>
        <dt>{t('ticket.channel')}</dt>
        <dd>{l.channel(ticket.channel)}</dd>
        <dt>{t('ticket.assignee')}</dt>
        <dd>
          <span className={detail.assignee ? '' : 'muted'}>{detail.assignee?.name ?? t('inbox.unassigned')}</span>
          {me && <AssignToMe key={ticket.assigneeId ?? ''} ticket={ticket} meId={me.id} />}
        </dd>
        <dt>{t('ticket.team')}</dt>
        <dd>{detail.team.name}</dd>
        <dt>{t('ticket.escalation')}</dt>
        <dd>{l.escalation(ticket.escalationTier)}</dd>
        <dt>{t('ticket.tags')}</dt>
        <dd>{ticket.tags.length > 0 ? <Tags tags={ticket.tags} /> : <span className="muted">{t('ticket.noTags')}</span>}</dd>
        <dt>{t('ticket.created')}</dt>
        <dd>
          <RelativeTime at={ticket.createdAt} now={now} />
        </dd>
        <dt>{t('ticket.updated')}</dt>
        <dd>
          <RelativeTime at={ticket.updatedAt} now={now} />
        </dd>
      </dl>
    </section>
  );
}

export function RequesterPanel({ detail }: { detail: Detail }) {
  const { t, l } = useI18n();
  const { requester, account } = detail;
  return (
    <section className="panel" aria-labelledby="requester-title">
      <h2 id="requester-title" className="panel-title">
        {t('ticket.requester')}
      </h2>
      <p className="requester-name">
        <a href={`#/contacts/${requester.id}`}>{requester.name}</a>
      </p>
      {requester.title && <p className="muted">{requester.title}</p>}
      <dl className="props">
        <dt>{t('ticket.account')}</dt>
        <dd>
          {account ? <a href={`#/accounts/${account.id}`}>{account.name}</a> : <span className="muted">{t('ticket.noAccount')}</span>}
        </dd>
        {requester.email && (
          <>
            <dt>{t('ticket.email')}</dt>
            <dd className="truncate">{requester.email}</dd>
          </>
        )}
        {requester.phone && (
          <>
            <dt>{t('ticket.phone')}</dt>
            <dd>{requester.phone}</dd>
          </>
        )}
        <dt>{t('ticket.customerType')}</dt>
        <dd>
          <span className={`customer-type customer-${requester.customerType}`}>{l.customerType(requester.customerType)}</span>
        </dd>
      </dl>
      <div className="hint">
        <span className="hint-label">{t('ticket.handlingHint')}</span>
        <p>{l.customerHint(requester.customerType)}</p>
      </div>
    </section>
  );
}
