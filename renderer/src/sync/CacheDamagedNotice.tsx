/**
 * Core's background integrity check found the cache damaged (`cache.damaged`): say what happened
 * to the person's work until they dismiss it. A rebuild's download shows as the first sync does.
 */
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../shared/contract/events.ts';
import { useApi } from '../api/context.tsx';
import { useI18n } from '../i18n/use-i18n.ts';

export function CacheDamagedNotice() {
  const api = useApi();
  const { t } = useI18n();
  const [damage, setDamage] = useState<EventPayload<'cache.damaged'> | null>(null);
  useEffect(() => api.on('cache.damaged', setDamage), [api]);
  // Nothing at all until damage is reported: an empty alert would be one more alert on every page.
  if (!damage) return null;
  return (
    <div role="alert" className="notice">
      <span>
        {damage.rebuilt ? t('sync.cacheRebuilt', { count: damage.keptChanges }) : t('sync.cacheDamaged')}
        {damage.rebuilt && !damage.complete && ` ${t('sync.cacheRebuiltIncomplete')}`}
      </span>
      <button type="button" className="button button-small" onClick={() => setDamage(null)}>
        {t('sync.dismiss')}
      </button>
    </div>
  );
}
