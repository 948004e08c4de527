/** Where the console's data comes from right now; for now always the local cache ("Local"). */
import { useEffect, useState } from 'react';
import type { ConnectionState } from '../../../shared/contract/events.ts';
import { useApi } from '../api/context.tsx';
import { useI18n } from '../i18n/use-i18n.ts';

export function ConnectionIndicator() {
  const api = useApi();
  const { t } = useI18n();
  const [connection, setConnection] = useState<ConnectionState>({ state: 'local', pendingMutations: 0 });
  useEffect(() => api.on('connection.changed', setConnection), [api]);

  const label = t(`connection.${connection.state}`);
  const detail =
    connection.state === 'local'
      ? t('connection.localHint')
      : connection.pendingMutations > 0
        ? t('connection.pending', { count: connection.pendingMutations })
        : label;
  return (
    <span
      className={`connection connection-${connection.state}`}
      role="status"
      title={detail}
      aria-label={`${t('connection.label')}: ${label}`}
    >
      <span className="connection-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
