/**
 * The complaint review (supervisors and admins): complaints by category over a period, per day or
 * week; the top categories by team and by customer type; solved complaints without a root cause;
 * and, beside them, what customers wrote in their low CSAT, CES and NPS answers, newest first. All
 * counted by Core from the local cache (complaints.review), so offline too. Each number is a
 * button that lists the complaints it counts (complaints.tickets); the figures are in tables, so
 * they read as text.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ReviewComment } from '../../../../shared/areas/complaints/channels.ts';
import type { ComplaintFigure, ComplaintReview, ReviewPeriod } from '../../../../shared/complaints/review.ts';
import type { CustomerType } from '../../../../shared/domain/enums.ts';
import { PERIOD_KINDS, type PeriodKind } from '../../../../shared/metrics/query.ts';
import { useApi } from '../../api/context.tsx';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatHash } from '../../shell/routes.ts';
import { StatusChip } from '../../ui/Chips.tsx';
import { Empty, ErrorState, Loading } from '../../ui/DataState.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { Select } from '../../ui/Select.tsx';
import { useComplaintCategories } from './TicketComplaint.tsx';

/** The periods offered here: a custom one needs its dates, which this screen does not ask for. */
const PERIODS = PERIOD_KINDS.filter((p): p is Exclude<PeriodKind, 'custom'> => p !== 'custom');
const GRANULARITIES = ['day', 'week'] as const;
/** How many categories each team and customer type shows. */
const TOP = 3;

interface Chosen {
  figure: ComplaintFigure;
  title: string;
}

export function ReviewView() {
  const { t, f } = useI18n();
  const ids = useId();
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>('30d');
  const [granularity, setGranularity] = useState<(typeof GRANULARITIES)[number]>('week');
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const query: ReviewPeriod = { period, granularity, timeZone };
  const key = JSON.stringify(query);
  const review = useQuery(`complaints.review:${key}`, (api) => api.complaints.review(query), ['ticket', 'complaint']);
  const names = new Map((useComplaintCategories().data ?? []).map((c) => [c.id, c.name]));
  const categoryName = (id: string) => names.get(id) ?? t('complaints.unknownCategory');
  const teamName = useTeamNames();
  const customerTypeName = useCustomerTypeName();

  return (
    <section className="page complaint-review" aria-labelledby={`${ids}-title`}>
      <header className="page-header">
        <h1 id={`${ids}-title`}>{t('complaints.review.title')}</h1>
        <div className="complaint-review-controls">
          <label className="complaint-review-control">
            {t('complaints.review.period')}{' '}
            <Select
              options={PERIODS}
              label={(p) => t(`complaints.review.period.${p}`)}
              value={period}
              onChange={(p) => {
                if (p) setPeriod(p);
                setChosen(null);
              }}
            />
          </label>
          <label className="complaint-review-control">
            {t('complaints.review.granularity')}{' '}
            <Select
              options={GRANULARITIES}
              label={(g) => t(`complaints.review.granularity.${g}`)}
              value={granularity}
              onChange={(g) => {
                if (g) setGranularity(g);
                setChosen(null);
              }}
            />
          </label>
        </div>
      </header>
      {review.status === 'loading' && <Loading />}
      {review.status === 'error' && <ErrorState error={review.error} onRetry={review.reload} />}
      {review.data && (
        <>
          <p className="muted complaint-review-summary" aria-live="polite">
            {t('complaints.review.total', {
              count: review.data.total,
              first: f.calendarDate(review.data.firstDate),
              last: f.calendarDate(review.data.lastDate),
            })}
          </p>
          {chosen && <FigureTickets query={query} chosen={chosen} categoryName={categoryName} onClose={() => setChosen(null)} />}
          {review.data.total === 0 ? (
            <Empty>{t('complaints.review.empty')}</Empty>
          ) : (
            <div className="complaint-review-grid">
              <ByCategory review={review.data} categoryName={categoryName} onChoose={setChosen} />
              <OverTime review={review.data} categoryName={categoryName} onChoose={setChosen} />
              <TopBy
                title={t('complaints.review.byTeam')}
                groups={review.data.byTeam.map((g) => ({ ...g, key: g.teamId, figure: { teamId: g.teamId } }))}
                groupName={teamName}
                categoryName={categoryName}
                onChoose={setChosen}
              />
              <TopBy
                title={t('complaints.review.byCustomerType')}
                groups={review.data.byCustomerType.map((g) => ({
                  ...g,
                  key: g.customerType ?? '',
                  figure: { customerType: g.customerType },
                }))}
                groupName={customerTypeName}
                categoryName={categoryName}
                onChoose={setChosen}
              />
            </div>
          )}
        </>
      )}
      <Comments key={key} query={query} />
    </section>
  );
}

type Choose = (chosen: Chosen) => void;

/** A count that opens the complaints behind it; zero opens nothing. */
function Figure({ count, figure, what, onChoose }: { count: number; figure: ComplaintFigure; what: string; onChoose: Choose }) {
  const { t, f } = useI18n();
  if (count === 0) return <span className="muted">{f.number(0)}</span>;
  const title = t('complaints.review.openFigure', { count, what });
  return (
    <button type="button" className="figure-button" aria-label={title} onClick={() => onChoose({ figure, title })}>
      {f.number(count)}
    </button>
  );
}

function ByCategory({
  review,
  categoryName,
  onChoose,
}: {
  review: ComplaintReview;
  categoryName: (id: string) => string;
  onChoose: Choose;
}) {
  const { t } = useI18n();
  const ids = useId();
  return (
    <section className="panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="panel-title">
        {t('complaints.review.byCategory')}
      </h2>
      <table className="board-table">
        <thead>
          <tr>
            <th scope="col">{t('complaints.review.category')}</th>
            <th scope="col">{t('complaints.review.count')}</th>
            <th scope="col">{t('complaints.review.solved')}</th>
            <th scope="col">{t('complaints.review.noRootCause')}</th>
          </tr>
        </thead>
        <tbody>
          {review.categories.map((c) => {
            const name = categoryName(c.categoryId);
            return (
              <tr key={c.categoryId}>
                <th scope="row">{name}</th>
                <td>
                  <Figure count={c.count} figure={{ categoryId: c.categoryId }} what={name} onChoose={onChoose} />
                </td>
                <td>{c.solved}</td>
                <td>
                  <Figure
                    count={c.noRootCause}
                    figure={{ categoryId: c.categoryId, noRootCause: true }}
                    what={`${name}, ${t('complaints.review.withoutRootCause')}`}
                    onChoose={onChoose}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Days or weeks down, the period's categories across (most complaints first), each with a bar of its share. */
function OverTime({ review, categoryName, onChoose }: { review: ComplaintReview; categoryName: (id: string) => string; onChoose: Choose }) {
  const { t, f } = useI18n();
  const ids = useId();
  const columns = review.categories.map((c) => c.categoryId);
  const most = Math.max(1, ...review.buckets.map((b) => b.total));
  return (
    <section className="panel complaint-over-time" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="panel-title">
        {t('complaints.review.overTime')}
      </h2>
      <div className="board-table-scroll">
        <table className="board-table">
          <thead>
            <tr>
              <th scope="col">{t('complaints.review.bucket')}</th>
              <th scope="col">{t('complaints.review.all')}</th>
              {columns.map((id) => (
                <th scope="col" key={id}>
                  {categoryName(id)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {review.buckets.map((b, bucket) => {
              const day = f.calendarDate(b.firstDate);
              const counts = new Map(b.categories.map((c) => [c.categoryId, c.count]));
              return (
                <tr key={b.firstDate}>
                  <th scope="row">{day}</th>
                  <td>
                    <span className="complaint-bar" style={{ inlineSize: `${(b.total / most) * 4}rem` }} aria-hidden="true" />
                    <Figure count={b.total} figure={{ bucket }} what={day} onChoose={onChoose} />
                  </td>
                  {columns.map((id) => (
                    <td key={id}>
                      <Figure
                        count={counts.get(id) ?? 0}
                        figure={{ bucket, categoryId: id }}
                        what={`${day}, ${categoryName(id)}`}
                        onChoose={onChoose}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface GroupRow {
  key: string;
  total: number;
  categories: { categoryId: string; count: number }[];
  figure: ComplaintFigure;
}

function TopBy({
  title,
  groups,
  groupName,
  categoryName,
  onChoose,
}: {
  title: string;
  groups: readonly GroupRow[];
  groupName: (key: string) => string;
  categoryName: (id: string) => string;
  onChoose: Choose;
}) {
  const { t } = useI18n();
  const ids = useId();
  return (
    <section className="panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="panel-title">
        {title}
      </h2>
      <table className="board-table">
        <thead>
          <tr>
            <th scope="col">{t('complaints.review.group')}</th>
            <th scope="col">{t('complaints.review.count')}</th>
            <th scope="col">{t('complaints.review.top')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => {
            const name = groupName(g.key);
            return (
              <tr key={g.key}>
                <th scope="row">{name}</th>
                <td>
                  <Figure count={g.total} figure={g.figure} what={name} onChoose={onChoose} />
                </td>
                <td>
                  <ul className="complaint-top">
                    {g.categories.slice(0, TOP).map((c) => {
                      const category = categoryName(c.categoryId);
                      return (
                        <li key={c.categoryId}>
                          {category}{' '}
                          <Figure
                            count={c.count}
                            figure={{ ...g.figure, categoryId: c.categoryId }}
                            what={`${name}, ${category}`}
                            onChoose={onChoose}
                          />
                        </li>
                      );
                    })}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function useTeamNames(): (id: string) => string {
  const { t } = useI18n();
  const teams = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']).data?.teams ?? [];
  const names = new Map(teams.map((team) => [team.id, team.name]));
  return (id) => names.get(id) ?? t('ticket.unknownAuthor');
}

function useCustomerTypeName(): (key: string) => string {
  const { t, l } = useI18n();
  return (key) => (key === '' ? t('complaints.review.noCustomerType') : l.customerType(key as CustomerType));
}

/** The complaints one number counts, newest first, each opening its ticket. */
function FigureTickets({
  query,
  chosen,
  categoryName,
  onClose,
}: {
  query: ReviewPeriod;
  chosen: Chosen;
  categoryName: (id: string) => string;
  onClose: () => void;
}) {
  const { t, f } = useI18n();
  const ids = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The list opened from a number takes the focus, so a keyboard user lands on what they asked for.
  useEffect(() => heading.current?.focus(), [chosen.title]);
  const list = useQuery(
    `complaints.tickets:${JSON.stringify([query, chosen.figure])}`,
    (api) => api.complaints.tickets({ query, figure: chosen.figure, limit: 200 }),
    ['ticket', 'complaint'],
  );
  return (
    <section className="panel board-tickets" aria-labelledby={`${ids}-title`}>
      <header className="board-tickets-header">
        <h2 className="panel-title" id={`${ids}-title`} tabIndex={-1} ref={heading}>
          {chosen.title}
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          {t('complaints.review.closeTickets')}
        </button>
      </header>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.rows.length === 0 && <Empty>{t('complaints.review.noTickets')}</Empty>}
      {list.data && list.data.rows.length > 0 && (
        <>
          {list.data.total > list.data.rows.length && (
            <p className="muted">
              {t('complaints.review.listCut', { shown: f.number(list.data.rows.length), total: f.number(list.data.total) })}
            </p>
          )}
          <ul className="board-ticket-list" aria-label={t('complaints.review.tickets')}>
            {list.data.rows.map((row) => (
              <li key={row.id} className="board-ticket">
                <a className="board-ticket-link" href={formatHash({ name: 'ticket', id: row.id })}>
                  <span className="muted">{row.number === null ? t('inbox.draftTicket') : `#${row.number}`}</span>{' '}
                  <span className="truncate">{row.subject}</span>
                </a>
                <span className="board-ticket-meta">
                  <StatusChip status={row.status} />
                  <span>{categoryName(row.categoryId)}</span>
                  <span className="muted">{row.rootCause ?? t('complaints.review.withoutRootCause')}</span>
                  <span className="muted">{row.requesterName}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The comments of low answers, newest first; more are read a page at a time. */
function Comments({ query }: { query: ReviewPeriod }) {
  const api = useApi();
  const { t, l, f } = useI18n();
  const ids = useId();
  const first = useQuery(`complaints.comments:${JSON.stringify(query)}`, (a) => a.complaints.comments({ query, limit: 50 }), ['feedback']);
  const [more, setMore] = useState<{ rows: ReviewComment[]; nextCursor: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rows = [...(first.data?.rows ?? []), ...(more?.rows ?? [])];
  const cursor = more ? more.nextCursor : (first.data?.nextCursor ?? null);

  const loadMore = async () => {
    if (cursor === null) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api.complaints.comments({ query, cursor, limit: 50 });
      setMore({ rows: [...(more?.rows ?? []), ...page.rows], nextCursor: page.nextCursor });
    } catch (err) {
      setError(t('action.failed', { reason: l.error(asAppError(err).code) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel complaint-comments" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="panel-title">
        {t('complaints.review.comments')}
      </h2>
      {first.status === 'loading' && <Loading />}
      {first.status === 'error' && <ErrorState error={first.error} onRetry={first.reload} />}
      {first.data && rows.length === 0 && <Empty>{t('complaints.review.noComments')}</Empty>}
      {rows.length > 0 && (
        <ol className="complaint-comment-list">
          {rows.map((c) => (
            <li key={c.id} className="complaint-comment">
              <p className="complaint-comment-meta">
                <span className="chip chip-warn">
                  {t('complaints.review.score', { kind: t(`complaints.review.kind.${c.kind}`), score: f.number(c.score) })}
                </span>{' '}
                <span className="muted">{f.date(c.at)}</span> {c.contact && <span>{c.contact.name}</span>}
                {' · '}
                <span className="muted">{c.account?.name ?? t('complaints.review.noAccount')}</span>
                {c.ticket && (
                  <>
                    {' · '}
                    <a href={formatHash({ name: 'ticket', id: c.ticket.id })}>
                      {c.ticket.number === null ? t('inbox.draftTicket') : `#${c.ticket.number}`} {c.ticket.subject}
                    </a>
                  </>
                )}
              </p>
              <blockquote className="complaint-comment-text">{c.comment}</blockquote>
            </li>
          ))}
        </ol>
      )}
      {cursor !== null && (
        <button type="button" className="button" disabled={busy} aria-busy={busy || undefined} onClick={() => void loadMore()}>
          {t('complaints.review.more')}
        </button>
      )}
      <FormError>{error}</FormError>
    </section>
  );
}
