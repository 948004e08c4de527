/**
 * After a business calendar or SLA policy edit Core computes every open ticket's timers again in
 * the background (docs/sla.md, "After an edit"); until it is done, due times shown may still be the
 * old ones, so the console says how far it is.
 */
import { useEffect, useState } from 'react';
import type { SlaRecomputeProgress } from '../../../../shared/areas/sla/channels.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/use-i18n.ts';

export function SlaRecomputeNotice() {
  const api = useApi();
  const { t } = useI18n();
  const [progress, setProgress] = useState<SlaRecomputeProgress | null>(null);
  useEffect(() => {
    let live = false;
    const off = api.on('sla.recompute', (next) => {
      live = true;
      setProgress(next);
    });
    // One under way since before this window opened (a restart resumes it); an event wins over the answer.
    void api.sla.recompute({}).then(
      (now) => live || setProgress(now),
      () => {},
    );
    return off;
  }, [api]);
  return (
    <div role="status" className={progress ? 'notice' : 'visually-hidden'}>
      {progress && (
        <>
          <span className="spinner" aria-hidden="true" />
          <span>{t('slaRecompute.progress', { done: progress.done, total: progress.total })}</span>
          <progress max={progress.total} value={progress.done} aria-hidden="true" />
        </>
      )}
    </div>
  );
}
