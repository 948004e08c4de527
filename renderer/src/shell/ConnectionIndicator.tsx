/**
 * Where the console stands with the server, in the top bar: Local / Online / Syncing / Offline /
 * Update required, with the changes still waiting to be sent and the sync issues waiting for the
 * person. It is a button: it opens the Sync issues panel.
 */
import { useState } from 'react';
import { useI18n } from '../i18n/use-i18n.ts';
import { lazyPart } from '../ui/lazy-part.tsx';
import { useSyncStatus } from '../sync/SyncStatusProvider.tsx';

const SyncIssuesPanel = lazyPart(() => import('../sync/SyncIssuesPanel.tsx').then((m) => m.SyncIssuesPanel));

export function ConnectionIndicator() {
  const { t, l } = useI18n();
  const status = useSyncStatus();
  const [open, setOpen] = useState(false);
  if (!status) return null;

  const { connection, pendingMutations, openIssues, lastError } = status;
  const hint =
    connection === 'local'
      ? t('connection.localHint')
      : connection === 'update_required'
        ? t('connection.updateHint')
        : lastError && connection === 'offline'
          ? l.error(lastError.code)
          : t('connection.openIssues');
  return (
    <>
      <button
        type="button"
        className={`connection connection-${connection}`}
        title={hint}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        <span className="connection-dot" aria-hidden="true" />
        <span>{t(`connection.${connection}`)}</span>
        {/* Spaces between the parts, so the button's accessible name reads "Offline 3 pending 1 issue". */}
        {pendingMutations > 0 && (
          <>
            {' '}
            <span className="connection-count">{t('connection.pendingShort', { count: pendingMutations })}</span>
          </>
        )}
        {openIssues > 0 && (
          <>
            {' '}
            <span className="connection-issues">{t('connection.issuesShort', { count: openIssues })}</span>
          </>
        )}
      </button>
      {open && <SyncIssuesPanel onClose={() => setOpen(false)} />}
    </>
  );
}
