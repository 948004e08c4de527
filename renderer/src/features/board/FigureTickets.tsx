/**
 * The tickets behind one number of the board, as counted at the board's instant, refreshed when
 * tickets change. Tick some (or all) and reassign them: one `ticket.assign` per ticket through
 * mutations.run, run one after another as one undoable batch (features/inbox/bulk.ts), each
 * ticket keeping its team, so the mutator's rules (an assignee of the ticket's team) hold for each.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { TicketListRow } from '../../../../shared/contract/channels.ts';
import { useApi } from '../../api/context.tsx';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatHash } from '../../shell/routes.ts';
import { PriorityLabel, StatusChip } from '../../ui/Chips.tsx';
import { Empty, ErrorState, Loading } from '../../ui/DataState.tsx';
import { SlaBadge } from '../../ui/SlaBadge.tsx';
import { useNow } from '../../ui/time.tsx';
import { offerUndo } from '../../ui/undo.ts';
import { runBulk, type BulkProgress } from '../inbox/bulk.ts';
import type { ChosenFigure } from './BoardView.tsx';

export function FigureTickets({ chosen, at, onClose }: { chosen: ChosenFigure; at: number; onClose(): void }) {
  const { t, f } = useI18n();
  const now = useNow();
  const ids = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  // Opening a figure takes the reader to its list, so a keyboard or screen reader follows the click.
  useEffect(() => titleRef.current?.focus(), []);
  const query = useQuery(
    `board-tickets:${JSON.stringify(chosen.figure)}:${at}`,
    (api) => api.board.tickets({ figure: chosen.figure, at }),
    ['ticket'],
  );
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  // Kept here, not in the bar: the batch changes the figure, the list is counted again, and the
  // bar goes while it loads; what the batch did must still be there to read once it is back.
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const rows = query.data?.rows ?? [];
  // A ticket that left the figure since it was ticked is no longer offered for the batch.
  const selected = rows.filter((r) => ticked.has(r.id));
  const toggle = (id: string) =>
    setTicked((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const all = rows.length > 0 && selected.length === rows.length;

  return (
    <section className="panel board-tickets" aria-labelledby={`${ids}-title`}>
      <header className="board-tickets-header">
        <h2 className="panel-title" id={`${ids}-title`} ref={titleRef} tabIndex={-1}>
          {chosen.title}
          {query.data && <span className="muted"> · {f.number(query.data.total)}</span>}
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          {t('board.closeTickets')}
        </button>
      </header>
      {query.status === 'loading' && <Loading />}
      {query.status === 'error' && <ErrorState error={query.error} onRetry={query.reload} />}
      {query.data && rows.length === 0 && <Empty>{t('board.noTickets')}</Empty>}
      {query.data && rows.length > 0 && (
        <>
          {query.data.total > rows.length && <p className="muted">{t('board.listCut', { shown: rows.length, total: query.data.total })}</p>}
          <label className="board-select-all">
            <input type="checkbox" checked={all} onChange={() => setTicked(all ? new Set() : new Set(rows.map((r) => r.id)))} />
            {t('board.selectAll')}
          </label>
          <ul className="board-ticket-list" aria-label={t('board.tickets')}>
            {rows.map((row) => (
              <li key={row.id} className="board-ticket">
                <input
                  type="checkbox"
                  checked={ticked.has(row.id)}
                  onChange={() => toggle(row.id)}
                  aria-label={t('board.selectTicket', { ticket: ticketName(row, t('inbox.draftTicket')) })}
                />
                <a className="board-ticket-link" href={formatHash({ name: 'ticket', id: row.id })}>
                  <span className="muted">{row.number === null ? t('inbox.draftTicket') : `#${row.number}`}</span>{' '}
                  <span className="truncate">{row.subject}</span>
                </a>
                <span className="board-ticket-meta">
                  <StatusChip status={row.status} />
                  <PriorityLabel priority={row.priority} />
                  <span className="muted">{row.assigneeName ?? t('inbox.unassigned')}</span>
                  <SlaBadge dueAt={row.nextDueAt} atRiskAt={row.slaAtRiskAt} breached={row.slaBreached} now={now} />
                </span>
              </li>
            ))}
          </ul>
          <Reassign rows={selected} progress={progress} setProgress={setProgress} onDone={() => setTicked(new Set())} />
        </>
      )}
      {progress && progress.done === progress.total && <Outcome progress={progress} />}
    </section>
  );
}

const ticketName = (row: TicketListRow, draft: string) => (row.number === null ? `${draft} ${row.subject}` : `#${row.number}`);

/** The bar under the list: whom to give the ticked tickets to, and how far the batch has got. */
function Reassign({
  rows,
  progress,
  setProgress,
  onDone,
}: {
  rows: readonly TicketListRow[];
  progress: BulkProgress | null;
  setProgress(progress: BulkProgress): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const ids = useId();
  const directory = useQuery('directory', (a) => a.directory.get({}), ['user', 'team']);
  const [assigneeId, setAssigneeId] = useState('');
  const running = progress !== null && progress.done < progress.total;
  // Only someone in the team of every ticked ticket can take them all (a ticket keeps its team).
  const people = (directory.data?.users ?? []).filter((u) => u.active && u.capacity > 0 && rows.every((r) => u.teamIds.includes(r.teamId)));
  const chosen = people.some((u) => u.id === assigneeId) ? assigneeId : '';

  const reassign = async () => {
    if (running || rows.length === 0 || !chosen) return;
    const { progress: result, receipts } = await runBulk(api, [...rows], { kind: 'assign', assigneeId: chosen }, setProgress);
    offerUndo(api, receipts, ({ t }) => t('board.undo', { count: receipts.length }));
    if (result.rejected.length === 0) onDone();
  };

  return (
    <div className="board-reassign">
      <label htmlFor={`${ids}-to`}>{t('board.reassignTo')}</label>
      <select id={`${ids}-to`} value={chosen} disabled={running} onChange={(e) => setAssigneeId(e.target.value)}>
        <option value="">{t('board.choose')}</option>
        {people.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button-primary button-small"
        disabled={running || rows.length === 0 || !chosen}
        onClick={() => void reassign()}
      >
        {t('board.reassign', { count: rows.length })}
      </button>
      {progress && progress.done < progress.total && (
        <span role="status">
          <progress max={progress.total} value={progress.done} aria-hidden="true" />{' '}
          {t('board.running', { done: progress.done, total: progress.total })}
        </span>
      )}
    </div>
  );
}

/** What the last batch did: how many were reassigned, and which the rules refused and why. */
function Outcome({ progress }: { progress: BulkProgress }) {
  const { t, l } = useI18n();
  return (
    <div role={progress.rejected.length ? 'alert' : 'status'} className={progress.rejected.length ? 'bulk-summary-error' : undefined}>
      <p>{t('board.done', { count: progress.applied + progress.conflicts })}</p>
      {progress.rejected.length > 0 && (
        <>
          <p>{t('board.refused', { count: progress.rejected.length })}</p>
          <ul>
            {progress.rejected.map(({ row, error }) => (
              <li key={row.id}>
                {ticketName(row, t('inbox.draftTicket'))} {row.subject}: {l.error(error.code)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
