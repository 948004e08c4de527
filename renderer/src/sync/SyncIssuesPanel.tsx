/**
 * The Sync issues panel: where the console stands (with "Sync now"), and every change the server
 * did not apply as the person expected. A conflict shows both values, who set theirs and when, and
 * lets the person keep theirs or apply their own; a rejection says why and can be dismissed.
 * Issues stay until the person acts on them.
 */
import { useState } from 'react';
import type { SyncIssue } from '../../../shared/contract/channels.ts';
import { HeldBackReply } from '../features/collision/HeldBackReply.tsx';
import { heldBackReply } from '../features/collision/stale-reply.ts';
import { navigate } from '../shell/router.ts';
import { useApi } from '../api/context.tsx';
import { asAppError, useQuery } from '../api/use-query.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { Empty, ErrorState, Loading } from '../ui/DataState.tsx';
import { RelativeTime, useNow } from '../ui/time.tsx';
import { fieldLabel, fieldValue, mutationLabel, type Names } from './describe-issue.ts';
import { useSyncStatus } from './SyncStatusProvider.tsx';
import { FormError } from '../ui/FormError.tsx';

type Choice = 'keep_theirs' | 'apply_mine' | 'dismiss';

export function SyncIssuesPanel({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const issues = useQuery('sync.issues', (api) => api.sync.issues({}), ['sync_issue']);
  const directory = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']);
  const names: Names = new Map([...(directory.data?.users ?? []), ...(directory.data?.teams ?? [])].map((r) => [r.id, r.name]));

  return (
    <Dialog title={t('sync.title')} onClose={onClose} className="sync-panel">
      <SyncSummary />
      <h3 className="sync-section-title">{t('sync.issuesTitle')}</h3>
      {issues.status === 'loading' && <Loading />}
      {issues.status === 'error' && <ErrorState error={issues.error} onRetry={issues.reload} />}
      {issues.status === 'ready' &&
        (issues.data.issues.length === 0 ? (
          <Empty>{t('sync.noIssues')}</Empty>
        ) : (
          <ul className="sync-issues" aria-label={t('sync.issuesTitle')}>
            {issues.data.issues.map((issue) => (
              <IssueItem key={issue.id} issue={issue} names={names} onResolved={issues.reload} onClose={onClose} />
            ))}
          </ul>
        ))}
    </Dialog>
  );
}

function SyncSummary() {
  const api = useApi();
  const { t, l } = useI18n();
  const now = useNow();
  const status = useSyncStatus();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!status) return null;

  const syncNow = async (button: HTMLButtonElement) => {
    // The button is disabled while busy, which takes focus from it: keep focus inside the dialog
    // so Esc still closes it.
    button.closest<HTMLElement>('[role="dialog"]')?.focus();
    setBusy(true);
    setError(null);
    try {
      await api.sync.now({});
    } catch (err) {
      setError(l.error(asAppError(err).code));
    } finally {
      setBusy(false);
    }
  };
  const canSync = status.connection !== 'local' && status.connection !== 'update_required';
  return (
    <section className="sync-summary" aria-label={t('connection.label')}>
      <p className={`connection-line connection-${status.connection}`}>
        <span className="connection-dot" aria-hidden="true" />
        <strong>{t(`connection.${status.connection}`)}</strong>
        {status.lastSyncedAt !== null && (
          <span className="muted">
            {t('sync.lastSynced')} <RelativeTime at={status.lastSyncedAt} now={now} />
          </span>
        )}
      </p>
      <p>
        {status.connection === 'local'
          ? t('connection.localHint')
          : status.connection === 'update_required'
            ? t('connection.updateHint')
            : status.pendingMutations > 0
              ? t('connection.pending', { count: status.pendingMutations })
              : t('sync.allSent')}
      </p>
      {status.lastError && status.connection !== 'local' && <p className="muted">{l.error(status.lastError.code)}</p>}
      {canSync && (
        <button type="button" className="button" onClick={(e) => void syncNow(e.currentTarget)} disabled={busy} aria-busy={busy}>
          {busy ? t('sync.syncing') : t('sync.now')}
        </button>
      )}
      <FormError>{error}</FormError>
    </section>
  );
}

function IssueItem({ issue, names, onResolved, onClose }: { issue: SyncIssue; names: Names; onResolved(): void; onClose(): void }) {
  const api = useApi();
  const { t, l } = useI18n();
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const resolve = async (choice: Choice, button: HTMLButtonElement) => {
    setBusy(true);
    setError(null);
    try {
      await api.sync.resolve({ id: issue.id, choice });
      // The item is about to leave the list with the focused button: keep focus inside the dialog.
      button.closest<HTMLElement>('[role="dialog"]')?.focus();
      onResolved();
    } catch (err) {
      setBusy(false);
      setError(l.error(asAppError(err).code));
    }
  };

  const headingId = `issue-${issue.id}`;
  const held = heldBackReply(issue);
  const what = mutationLabel(issue.mutationName, t);
  return (
    <li className={`sync-issue sync-issue-${issue.kind}`}>
      <article aria-labelledby={headingId}>
        <header className="sync-issue-header">
          <span className={`chip ${issue.kind === 'conflict' ? 'chip-warn' : 'chip-danger'}`}>{t(`sync.kind.${issue.kind}`)}</span>
          <h4 id={headingId} className="sync-issue-title">
            {issue.title ?? what}
          </h4>
          <span className="muted">
            <RelativeTime at={issue.createdAt} now={now} />
          </span>
        </header>
        <p className="muted">{t('sync.change', { change: what })}</p>
        {held ? (
          <HeldBackReply
            issue={issue}
            held={held}
            nameOf={(m) => (m.authorId ? (names.get(m.authorId) ?? null) : null)}
            headingTag="h5"
            onResolved={(choice) => {
              onResolved();
              // The reply is back in its ticket's composer: take the person there to edit it.
              if (choice === 'edit') {
                onClose();
                navigate({ name: 'ticket', id: held.ticketId });
              }
            }}
          />
        ) : issue.kind === 'conflict' ? (
          issue.conflicts.map((c) => (
            <dl key={c.field} className="conflict" aria-label={fieldLabel(c.field, t)}>
              <dt>{fieldLabel(c.field, t)}</dt>
              <dd className="conflict-values">
                <span className="conflict-value">
                  <span className="conflict-side">{t('sync.theirs')}</span>
                  <strong>{fieldValue(c.field, c.theirs, names, t, l)}</strong>
                  <span className="muted">
                    {c.theirsBy ? t('sync.setBy', { name: names.get(c.theirsBy) ?? t('sync.someoneElse') }) : null}{' '}
                    {c.theirsAt !== null && <RelativeTime at={c.theirsAt} now={now} />}
                  </span>
                </span>
                <span className="conflict-value">
                  <span className="conflict-side">{t('sync.mine')}</span>
                  <strong>{fieldValue(c.field, c.mine, names, t, l)}</strong>
                </span>
              </dd>
            </dl>
          ))
        ) : (
          <div className="rejection">
            <p>{issue.error ? l.error(issue.error.code) : t('sync.rejected')}</p>
            {issue.error && <p className="muted rejection-detail">{issue.error.message}</p>}
          </div>
        )}
        {!held && (
          <div className="sync-issue-actions">
            {issue.kind === 'conflict' ? (
              <>
                <button type="button" className="button" disabled={busy} onClick={(e) => resolve('keep_theirs', e.currentTarget)}>
                  {t('sync.keepTheirs')}
                </button>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy}
                  onClick={(e) => resolve('apply_mine', e.currentTarget)}
                >
                  {t('sync.applyMine')}
                </button>
              </>
            ) : (
              <button type="button" className="button" disabled={busy} onClick={(e) => resolve('dismiss', e.currentTarget)}>
                {t('sync.dismiss')}
              </button>
            )}
          </div>
        )}
        <FormError>{error}</FormError>
      </article>
    </li>
  );
}
