/**
 * The escalation queue: unsolved tickets above tier 1, highest tier first, each with the reason it
 * was escalated, since when, and its SLA state, counted by Core from the local cache and refreshed
 * as changes arrive. A supervisor takes a ticket back down with a reason (ticket.deescalate).
 */
import { useState } from 'react';
import type { EscalatedTicket } from '../../../../shared/areas/board/channels.ts';
import { ESCALATION_TIERS } from '../../../../shared/domain/enums.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatHash } from '../../shell/routes.ts';
import { Empty, ErrorState, Loading } from '../../ui/DataState.tsx';
import { useNow } from '../../ui/time.tsx';
import { TierDialog } from '../ticket/TicketDialogs.tsx';

const SLA_TONE: Record<EscalatedTicket['sla'], string> = { breached: 'chip-danger', at_risk: 'chip-warn', ok: '', none: '' };

export function EscalationsView() {
  const { t, l, f } = useI18n();
  const now = useNow();
  const query = useQuery('escalations', (api) => api.board.escalations({}), ['ticket', 'user']);
  const [lowering, setLowering] = useState<EscalatedTicket | null>(null);
  const tiers = [...ESCALATION_TIERS].reverse().filter((tier) => tier > 1);
  const data = query.data;

  return (
    <section className="page escalations" aria-labelledby="escalations-title">
      <header className="page-header">
        <h1 id="escalations-title">{t('escalations.title')}</h1>
        {query.data && <span className="muted">{t('escalations.generated', { time: f.relative(query.data.generatedAt, now) })}</span>}
      </header>
      {query.status === 'loading' && <Loading />}
      {query.status === 'error' &&
        // Refused for the person's role: saying so beats a retry that would be refused again.
        (query.error.code === 'FORBIDDEN' ? (
          <Empty>{t('escalations.forbidden')}</Empty>
        ) : (
          <ErrorState error={query.error} onRetry={query.reload} />
        ))}
      {data && data.tickets.length === 0 && <Empty>{t('escalations.empty')}</Empty>}
      {data && data.tickets.length > 0 && (
        <div className="escalation-tiers">
          {data.total > data.tickets.length && (
            <p className="muted">{t('escalations.listCut', { shown: data.tickets.length, total: data.total })}</p>
          )}
          {tiers.map((tier) => {
            const entries = data.tickets.filter((e) => e.tier === tier);
            if (entries.length === 0) return null;
            const title = t('escalations.tier', { tier: l.escalation(tier), count: entries.length });
            return (
              <section key={tier} className="panel escalation-tier" aria-label={l.escalation(tier)}>
                <h2 className="panel-title">{title}</h2>
                <div className="board-table-scroll">
                  <table className="board-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('escalations.ticket')}</th>
                        <th scope="col">{t('escalations.reason')}</th>
                        <th scope="col">{t('escalations.age')}</th>
                        <th scope="col">{t('escalations.sla')}</th>
                        <th scope="col">{t('escalations.assignee')}</th>
                        <th scope="col">
                          <span className="visually-hidden">{t('escalations.deescalate')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {entries.map((entry) => (
                        <tr key={entry.ticket.id}>
                          <th scope="row">
                            <a href={formatHash({ name: 'ticket', id: entry.ticket.id })}>
                              {entry.ticket.number === null ? t('inbox.draftTicket') : `#${entry.ticket.number}`} {entry.ticket.subject}
                            </a>
                          </th>
                          <td className="escalation-reason">
                            {entry.reason ?? <span className="muted">{t('escalations.noReason')}</span>}
                          </td>
                          <td>{entry.escalatedAt === null ? t('escalations.unknownAge') : f.relative(entry.escalatedAt, now)}</td>
                          <td>
                            <span className={`chip ${SLA_TONE[entry.sla]}`}>{t(`escalations.sla.${entry.sla}`)}</span>
                          </td>
                          <td>{entry.ticket.assigneeName ?? t('inbox.unassigned')}</td>
                          <td>
                            <button
                              type="button"
                              className="button button-small"
                              aria-label={t('escalations.deescalateTicket', {
                                ticket: entry.ticket.number === null ? entry.ticket.subject : `#${entry.ticket.number}`,
                              })}
                              onClick={() => setLowering(entry)}
                            >
                              {t('escalations.deescalate')}
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            );
          })}
        </div>
      )}
      {lowering && (
        <TierDialog ticketId={lowering.ticket.id} currentTier={lowering.tier} direction="deescalate" onClose={() => setLowering(null)} />
      )}
    </section>
  );
}
