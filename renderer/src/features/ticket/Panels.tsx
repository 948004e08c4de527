/**
 * The ticket's side panels: its properties (every one editable: status, priority, type, assignee,
 * team, escalation, tags), the tickets linked to it (merge and link from here), and who asked (with
 * how to treat them, their other tickets and the satisfaction they reported).
 */
import { useId } from 'react';
import type { z } from 'zod';
import type { LinkedTicket, TicketDetail } from '../../../../shared/contract/channels.ts';
import type { Feedback } from '../../../../shared/domain/records.ts';
import { isEditable } from '../../../../shared/domain/ticket-status.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { StatusChip } from '../../ui/Chips.tsx';
import { SlaBadge } from '../../ui/SlaBadge.tsx';
import { RelativeTime } from '../../ui/time.tsx';
import { ComplaintPicker } from '../complaints/TicketComplaint.tsx';
import { AssigneePicker, AssignToMe, PriorityPicker, StatusPicker, TagEditor, TeamPicker, TypePicker } from './TicketActions.tsx';

type Detail = z.infer<typeof TicketDetail>;

export function PropertiesPanel({
  detail,
  now,
  onEscalate,
  onSolve,
}: {
  detail: Detail;
  now: number;
  onEscalate: () => void;
  /** Solving through the status picker goes through here when given (a complaint asks for its root cause). */
  onSolve?: (solve: () => Promise<unknown>) => void;
}) {
  const { t, l } = useI18n();
  const { user: me } = useSession();
  const ids = useId();
  const directory = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']);
  const users = directory.data?.users ?? [];
  const teams = directory.data?.teams ?? [];
  const { ticket } = detail;
  return (
    <section className="panel" aria-labelledby="properties-title">
      <h2 id="properties-title" className="panel-title">
        {t('ticket.properties')}
      </h2>
      <dl className="props">
        <dt id={`${ids}-status`}>{t('ticket.status')}</dt>
        <dd>
          <StatusPicker key={ticket.status} ticket={ticket} labelId={`${ids}-status`} onSolve={onSolve} />
          {/* A merged ticket is closed without ever being solved: no clock runs on either. */}
          {ticket.solvedAt === null && isEditable(ticket.status) && (
            <SlaBadge
              dueAt={ticket.sla?.nextDueAt ?? null}
              atRiskAt={ticket.sla?.atRiskAt ?? null}
              breached={ticket.sla?.breached ?? false}
              now={now}
            />
          )}
        </dd>
        <dt id={`${ids}-priority`}>{t('ticket.priority')}</dt>
        <dd>
          <PriorityPicker key={ticket.priority} ticket={ticket} labelId={`${ids}-priority`} />
        </dd>
        <dt id={`${ids}-type`}>{t('ticket.type')}</dt>
        <dd>
          <TypePicker key={ticket.type} ticket={ticket} labelId={`${ids}-type`} />
        </dd>
        <dt>{t('ticket.channel')}</dt>
        <dd>{l.channel(ticket.channel)}</dd>
        <dt id={`${ids}-assignee`}>{t('ticket.assignee')}</dt>
        <dd>
          {directory.data ? (
            <AssigneePicker
              key={`${ticket.assigneeId}:${ticket.teamId}`}
              ticket={ticket}
              users={users}
              me={directory.data.me ?? me}
              labelId={`${ids}-assignee`}
            />
          ) : (
            <span className={detail.assignee ? '' : 'muted'}>{detail.assignee?.name ?? t('inbox.unassigned')}</span>
          )}
          {me && <AssignToMe key={ticket.assigneeId ?? ''} ticket={ticket} meId={me.id} />}
        </dd>
        <dt id={`${ids}-team`}>{t('ticket.team')}</dt>
        <dd>
          {directory.data ? (
            <TeamPicker
              key={ticket.teamId}
              ticket={ticket}
              teams={teams}
              users={users}
              me={directory.data.me ?? me}
              labelId={`${ids}-team`}
            />
          ) : (
            detail.team.name
          )}
        </dd>
        <dt>{t('ticket.escalation')}</dt>
        <dd>
          <span>{l.escalation(ticket.escalationTier)}</span>
          {ticket.escalationTier < 3 && (
            <button type="button" className="button button-small" disabled={!isEditable(ticket.status)} onClick={onEscalate}>
              {t('ticket.escalate')} <kbd aria-hidden="true">E</kbd>
            </button>
          )}
        </dd>
        <dt id={`${ids}-complaint`}>{t('complaints.category')}</dt>
        <dd>
          <ComplaintPicker key={ticket.complaintCategoryId ?? ''} ticket={ticket} labelId={`${ids}-complaint`} />
        </dd>
        <dt>{t('ticket.tags')}</dt>
        <dd>
          <TagEditor ticket={ticket} />
        </dd>
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

const ROLE_ORDER: readonly LinkedTicket['role'][] = ['merged_into', 'follow_up_of', 'merged_from', 'follow_up', 'related'];

export function LinkedTicketsPanel({ detail, onMerge, onLink }: { detail: Detail; onMerge: () => void; onLink: () => void }) {
  const { t } = useI18n();
  const { ticket, links } = detail;
  const sorted = [...links].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.at - b.at);
  const editable = isEditable(ticket.status);
  return (
    <section className="panel" aria-labelledby="links-title">
      <h2 id="links-title" className="panel-title">
        {t('links.title')}
      </h2>
      {sorted.length === 0 ? (
        <p className="muted">{t('links.none')}</p>
      ) : (
        <ul className="linked-tickets">
          {sorted.map((link) => (
            <li key={link.linkId} className="linked-ticket">
              <span className="linked-role">{t(`links.role.${link.role}`)}</span>
              <a href={`#/tickets/${link.ticket.id}`} className="mini-ticket-link">
                {link.ticket.number === null ? t('ticket.unsynced') : `#${link.ticket.number}`} {link.ticket.subject}
              </a>
              <StatusChip status={link.ticket.status} />
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <div className="panel-actions">
          <button type="button" className="button button-small" onClick={onMerge}>
            {t('links.merge')}
          </button>
          <button type="button" className="button button-small" onClick={onLink}>
            {t('links.link')}
          </button>
        </div>
      )}
    </section>
  );
}

export function RequesterPanel({ detail, now }: { detail: Detail; now: number }) {
  const { t, l } = useI18n();
  const { requester, account, ticket } = detail;
  const context = useQuery(`requesterContext:${ticket.id}`, (api) => api.tickets.requesterContext({ ticketId: ticket.id }), [
    'ticket',
    'feedback',
  ]);
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
        {account && (
          <>
            <dt>{t('accounts.tier')}</dt>
            <dd>{l.tier(account.tier)}</dd>
          </>
        )}
        {requester.email && (
          <>
            <dt>{t('ticket.email')}</dt>
            <dd className="truncate">
              <a href={`mailto:${requester.email}`}>{requester.email}</a>
            </dd>
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
      {context.status === 'error' && (
        <p className="form-error" role="alert">
          {l.error(context.error.code)}
        </p>
      )}
      {context.data && (
        <>
          <h3 className="panel-subtitle">{t('requester.otherTickets', { count: context.data.ticketCount })}</h3>
          {context.data.tickets.length === 0 ? (
            <p className="muted">{t('requester.noOtherTickets')}</p>
          ) : (
            <ul className="requester-tickets" aria-label={t('requester.otherTicketsLabel')}>
              {context.data.tickets.map((other) => (
                <li key={other.id}>
                  <a href={`#/tickets/${other.id}`} className="mini-ticket-link">
                    {other.number === null ? t('ticket.unsynced') : `#${other.number}`} {other.subject}
                  </a>
                  <StatusChip status={other.status} />
                  <span className="muted">
                    <RelativeTime at={other.updatedAt} now={now} />
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h3 className="panel-subtitle">{t('requester.satisfaction')}</h3>
          {context.data.feedback.length === 0 ? (
            <p className="muted">{t('requester.noFeedback')}</p>
          ) : (
            <ul className="feedback-list" aria-label={t('requester.satisfaction')}>
              {context.data.feedback.map((f) => (
                <FeedbackItem key={f.id} feedback={f} now={now} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

const SCALE_MAX: Record<Feedback['kind'], number> = { csat: 5, nps: 10, ces: 7 };

/** One answer: its survey, score on its scale, and whether it is good news (words, not only colour). */
function FeedbackItem({ feedback, now }: { feedback: Feedback; now: number }) {
  const { t } = useI18n();
  const sentiment = feedbackSentiment(feedback);
  return (
    <li className={`feedback feedback-${sentiment}`}>
      <span className="feedback-score">
        {t(`requester.feedback.${feedback.kind}`, { score: feedback.score, max: SCALE_MAX[feedback.kind] })}
      </span>
      <span className="feedback-sentiment">{t(`requester.sentiment.${sentiment}`)}</span>
      <span className="muted">
        <RelativeTime at={feedback.createdAt} now={now} />
      </span>
      {feedback.comment && <q className="feedback-comment">{feedback.comment}</q>}
    </li>
  );
}

const SENTIMENT_BOUNDS: Record<Feedback['kind'], readonly [bad: number, good: number]> = { csat: [2, 4], nps: [6, 9], ces: [3, 5] };

/** CSAT 4-5, NPS 9-10 (promoters) and CES 5-7 are good; CSAT 1-2, NPS 0-6 (detractors) and CES 1-3 are bad (DOMAIN.md). */
export function feedbackSentiment({ kind, score }: Pick<Feedback, 'kind' | 'score'>): 'good' | 'neutral' | 'bad' {
  const [bad, good] = SENTIMENT_BOUNDS[kind];
  return score >= good ? 'good' : score <= bad ? 'bad' : 'neutral';
}
