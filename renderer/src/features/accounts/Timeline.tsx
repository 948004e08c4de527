/**
 * An account's relationship timeline: tickets, calls, meetings, e-mails, notes, feedback and
 * tasks, newest first, narrowed by kind, a page at a time (accounts.timeline keyset-pages it in
 * Core, so a long history costs its first page only). "Show more" reads the next page.
 */
import { useState } from 'react';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../../../../shared/areas/accounts/channels.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { StatusChip } from '../../ui/Chips.tsx';
import { Select } from '../../ui/Select.tsx';

const PAGE = 30;
const TIMELINE_ENTITIES = ['ticket', 'interaction', 'feedback', 'task'] as const;

export function Timeline({ accountId }: { accountId: string }) {
  const { t, f } = useI18n();
  const [kind, setKind] = useState<TimelineKind | ''>('');
  const [pages, setPages] = useState(1);
  // Every page shown so far, read again together when the account's records change.
  const query = useQuery(
    `timeline:${accountId}:${kind}:${pages}`,
    async (api) => {
      const rows: TimelineEntry[] = [];
      let cursor: string | null = null;
      for (let p = 0; p < pages; p++) {
        const page = await api.accounts.timeline({ accountId, kinds: kind ? [kind] : [], cursor, limit: PAGE });
        rows.push(...page.rows);
        cursor = page.nextCursor;
        if (cursor === null) break;
      }
      return { rows, more: cursor !== null };
    },
    TIMELINE_ENTITIES,
  );
  const rows = query.data?.rows ?? [];

  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="panel-title">
        {t('timeline.title')}
      </h2>
      <label className="field-inline">
        <span>{t('timeline.kind')}</span>
        <Select
          options={TIMELINE_KINDS}
          label={(k) => t(`timeline.kind.${k}`)}
          value={kind}
          none={t('timeline.allKinds')}
          onChange={(k) => {
            setKind(k ?? '');
            setPages(1);
          }}
        />
      </label>
      {query.status === 'ready' && rows.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline" aria-label={t('timeline.title')}>
          {rows.map((e) => (
            <li key={e.id} className={`timeline-entry timeline-${e.kind}`}>
              <time className="muted" dateTime={new Date(e.at).toISOString()}>
                {f.dateTime(e.at)}
              </time>
              <EntryBody entry={e} />
            </li>
          ))}
        </ol>
      )}
      {query.data?.more && (
        <button type="button" className="button" onClick={() => setPages((p) => p + 1)}>
          {t('timeline.showMore')}
        </button>
      )}
    </section>
  );
}

function EntryBody({ entry: e }: { entry: TimelineEntry }) {
  const { t, f } = useI18n();
  switch (e.kind) {
    case 'ticket':
      return (
        <a href={`#/tickets/${e.id}`} className="timeline-body">
          <span className="timeline-kind">{t('timeline.kind.ticket')}</span>
          <span>{e.number === null ? e.subject : `#${e.number} ${e.subject}`}</span>
          <StatusChip status={e.status} />
        </a>
      );
    case 'interaction':
      return (
        <span className="timeline-body">
          <span className="timeline-kind">{t(`timeline.kind.${e.interactionKind}`)}</span>
          <span>{e.summary}</span>
          <span className="muted">
            {[
              e.contactName,
              e.durationMinutes === null ? null : t('timeline.minutes', { count: e.durationMinutes }),
              e.outcome === null ? null : t(`interaction.outcome.${e.outcome}`),
              e.authorName,
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </span>
      );
    case 'feedback':
      return (
        <span className="timeline-body">
          <span className="timeline-kind">{t(`timeline.feedback.${e.feedbackKind}`)}</span>
          <span>{t('timeline.score', { score: e.score })}</span>
          {e.comment && <span>“{e.comment}”</span>}
          {e.contactName && <span className="muted">{e.contactName}</span>}
        </span>
      );
    default:
      return (
        <span className="timeline-body">
          <span className="timeline-kind">{t('timeline.kind.task')}</span>
          <span>{e.title}</span>
          <span className="muted">
            {e.completedAt === null
              ? t('timeline.taskDue', { date: f.date(e.dueAt) })
              : t('timeline.taskDone', { date: f.date(e.completedAt) })}
          </span>
        </span>
      );
  }
}
