/**
 * The bar that appears when tickets are ticked: assign, status, priority, tags for all of them at
 * once, with progress while the changes run and a summary of any the rules refused.
 */
import { useId, useState } from 'react';
import type { TicketListRow } from '../../../../shared/contract/channels.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../../shared/domain/enums.ts';
import { useApi } from '../../api/context.tsx';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { runBulk, type BulkAction, type BulkProgress } from './bulk.ts';
import { Select } from '../../ui/Select.tsx';
import { offerUndo, type UndoMessage } from '../../ui/undo.ts';

/** Tags as typed: separated by commas or spaces, each as the mutator accepts it. */
export const parseTags = (text: string) => [...new Set(text.split(/[\s,]+/).filter(Boolean))];

/**
 * `progress` is kept by the queue, so the summary stays after a fully successful run has cleared
 * the selection (with no rows ticked the bar shows only the summary, until dismissed).
 */
export function BulkBar({
  rows,
  onClear,
  progress,
  setProgress,
}: {
  rows: readonly TicketListRow[];
  onClear(): void;
  progress: BulkProgress | null;
  setProgress(progress: BulkProgress | null): void;
}) {
  const { t, l } = useI18n();
  const api = useApi();
  const ids = useId();
  const directory = useQuery('directory', (a) => a.directory.get({}), ['user', 'team']);
  const [tags, setTags] = useState('');
  const running = progress !== null && progress.done < progress.total;
  const me = directory.data?.me ?? null;
  const agents = (directory.data?.users ?? []).filter((u) => u.active && u.id !== me?.id);

  const undoMessage =
    (action: BulkAction, count: number): UndoMessage =>
    ({ t, l }) =>
      action.kind === 'assign'
        ? t('bulk.undo.assigned', { count })
        : action.kind === 'status' && action.status === 'solved'
          ? t('bulk.undo.solved', { count })
          : action.kind === 'status'
            ? t('bulk.undo.status', { count, status: l.status(action.status) })
            : t('bulk.undo.changed', { count });

  const run = async (action: BulkAction) => {
    if (running || rows.length === 0) return;
    const { progress: result, receipts } = await runBulk(api, [...rows], action, setProgress);
    // One toast takes back the whole batch; Core restores every ticket, so the list follows.
    offerUndo(api, receipts, undoMessage(action, receipts.length));
    // What was changed leaves the selection; what was refused stays ticked, to retry or inspect.
    if (result.rejected.length === 0) onClear();
  };

  if (rows.length === 0) {
    return (
      <section className="bulk-bar" aria-label={t('bulk.label')}>
        {progress && <BulkOutcome progress={progress} />}
        <button type="button" className="button button-small" onClick={() => setProgress(null)}>
          {t('bulk.dismiss')}
        </button>
      </section>
    );
  }
  return (
    <section className="bulk-bar" aria-label={t('bulk.label')}>
      <strong className="bulk-count" aria-live="polite">
        {t('bulk.selected', { count: rows.length })}
      </strong>
      <label className="field-inline">
        <span>{t('bulk.assign')}</span>
        <select
          value=""
          disabled={running}
          onChange={(e) => {
            const value = e.target.value;
            if (value) void run({ kind: 'assign', assigneeId: value === 'none' ? null : value });
          }}
        >
          <option value="">{t('bulk.choose')}</option>
          {me && <option value={me.id}>{t('bulk.assignMe')}</option>}
          <option value="none">{t('inbox.unassigned')}</option>
          {agents.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field-inline">
        <span>{t('bulk.status')}</span>
        <Select
          options={TICKET_STATUSES}
          label={l.status}
          value=""
          none={t('bulk.choose')}
          disabled={running}
          onChange={(status) => {
            if (status) void run({ kind: 'status', status });
          }}
        />
      </label>
      <label className="field-inline">
        <span>{t('bulk.priority')}</span>
        <Select
          options={TICKET_PRIORITIES}
          label={l.priority}
          value=""
          none={t('bulk.choose')}
          disabled={running}
          onChange={(priority) => {
            if (priority) void run({ kind: 'priority', priority });
          }}
        />
      </label>
      <span className="field-inline">
        <label htmlFor={`${ids}-tags`}>{t('bulk.tags')}</label>
        <input
          id={`${ids}-tags`}
          type="text"
          value={tags}
          placeholder={t('bulk.tagsPlaceholder')}
          onChange={(e) => setTags(e.target.value)}
        />
        <button
          type="button"
          className="button button-small"
          disabled={running || parseTags(tags).length === 0}
          onClick={() => void run({ kind: 'tags', add: parseTags(tags), remove: [] }).then(() => setTags(''))}
        >
          {t('bulk.addTags')}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={running || parseTags(tags).length === 0}
          onClick={() => void run({ kind: 'tags', add: [], remove: parseTags(tags) }).then(() => setTags(''))}
        >
          {t('bulk.removeTags')}
        </button>
      </span>
      <span className="view-header-spacer" />
      <button type="button" className="button button-small" disabled={running} onClick={onClear}>
        {t('bulk.clear')}
      </button>
      {progress && <BulkOutcome progress={progress} />}
    </section>
  );
}

function BulkOutcome({ progress }: { progress: BulkProgress }) {
  const { t, l } = useI18n();
  if (progress.done < progress.total) {
    return (
      <div className="bulk-progress" role="status">
        <progress max={progress.total} value={progress.done} aria-label={t('bulk.progressLabel')} />
        {t('bulk.running', { done: progress.done, total: progress.total })}
      </div>
    );
  }
  const changed = progress.applied + progress.conflicts;
  return (
    <div
      className={`bulk-summary${progress.rejected.length ? ' bulk-summary-error' : ''}`}
      role={progress.rejected.length ? 'alert' : 'status'}
    >
      <p>
        {t('bulk.done', { count: changed })}
        {progress.conflicts > 0 && ` ${t('bulk.conflicts', { count: progress.conflicts })}`}
      </p>
      {progress.rejected.length > 0 && (
        <>
          <p>{t('bulk.rejected', { count: progress.rejected.length })}</p>
          <ul>
            {progress.rejected.map(({ row, error }) => (
              <li key={row.id}>
                {row.number === null ? t('inbox.draftTicket') : `#${row.number}`} {row.subject}: {l.error(error.code)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
