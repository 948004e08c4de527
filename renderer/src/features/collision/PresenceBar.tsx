/**
 * Who else is on this ticket (collision detection): colleagues viewing it, and who is typing a
 * reply, so two agents do not answer the same customer at once. While this console is offline it
 * cannot know who is there now, so it says who was last seen here and when. Changes are announced
 * politely to screen readers (the bar is a status region).
 */
import { useEffect, useState } from 'react';
import type { PresenceEntry } from '../../../../shared/contract/channels.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSyncStatus } from '../../sync/SyncStatusProvider.tsx';
import { initials } from '../../ui/initials.ts';

export function PresenceBar({ ticketId, now }: { ticketId: string; now: number }) {
  const api = useApi();
  const { t, f } = useI18n();
  const connection = useSyncStatus()?.connection ?? null;
  const [viewers, setViewers] = useState<readonly PresenceEntry[]>([]);

  useEffect(() => {
    let live = true;
    // A change heard while the first answer is on its way is newer than that answer.
    let heard = false;
    const off = api.on('presence.changed', (change) => {
      if (change.ticketId !== ticketId) return;
      heard = true;
      setViewers(change.viewers);
    });
    api.presence.get({ ticketId }).then(
      ({ viewers: list }) => live && !heard && setViewers(list),
      // Without presence the ticket still works; the bar just stays empty.
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [api, ticketId]);

  const online = viewers.filter((v) => v.online);
  const lastSeen =
    connection === 'offline' && online.length === 0
      ? viewers.filter((v) => !v.online).reduce<PresenceEntry | null>((a, v) => (a && a.lastSeenAt >= v.lastSeenAt ? a : v), null)
      : null;

  return (
    <div className="presence-bar" role="status" aria-label={t('presence.label')}>
      {online.length > 0 && (
        <ul className="presence-viewers">
          {online.map((v) => (
            <li key={v.userId} className={v.typing ? 'presence-viewer presence-typing' : 'presence-viewer'}>
              <span className="avatar avatar-small" aria-hidden="true">
                {initials(v.name)}
              </span>
              <span>{t(v.typing ? 'presence.typing' : 'presence.viewing', { name: v.name })}</span>
            </li>
          ))}
        </ul>
      )}
      {lastSeen && (
        <p className="presence-last-seen muted">
          {t('presence.lastSeen', { name: lastSeen.name, time: f.relative(lastSeen.lastSeenAt, now) })}
        </p>
      )}
    </div>
  );
}
