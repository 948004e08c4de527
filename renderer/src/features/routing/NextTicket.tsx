/**
 * "Next ticket" in the top bar, for people whose team routes in pull mode (docs/routing.md, "Pull
 * mode"): the server assigns them the most urgent waiting ticket they may take and the ticket
 * opens; or the bar says why none came. T does the same from anywhere a bare key works. Offline
 * it says plainly that it needs the server: nothing is queued, as the choice is the server's.
 */
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/context.tsx';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { navigate } from '../../shell/router.ts';
import { isBareShortcut } from '../../ui/keyboard.ts';

/** T, for "take": free on every page (shell/CheatSheet.tsx lists the keys in use). */
export const NEXT_TICKET_KEY = 't';

export function NextTicketButton() {
  const api = useApi();
  const { t, l } = useI18n();
  const mine = useQuery('routing.myPresence', (a) => a.routing.myPresence({}), ['routing']);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const pullMode = mine.status === 'ready' && mine.data.pullMode;

  const take = useCallback(() => {
    setBusy(true);
    setMessage(null);
    api.routing
      .nextTicket({})
      .then((r) => {
        if (r.outcome === 'taken') navigate({ name: 'ticket', id: r.ticketId });
        else setMessage(t(`nextTicket.none.${r.reason}`));
      })
      .catch((err: unknown) => {
        const { code } = asAppError(err);
        setMessage(code === 'UNAVAILABLE' ? t('nextTicket.needsServer') : t('nextTicket.failed', { reason: l.error(code) }));
      })
      .finally(() => setBusy(false));
  }, [api, t, l]);

  useEffect(() => {
    if (!pullMode) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== NEXT_TICKET_KEY || !isBareShortcut(e)) return;
      e.preventDefault();
      take();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pullMode, take]);

  if (!pullMode) return null;
  return (
    <div className="next-ticket">
      <button type="button" className="button new-ticket-button" onClick={take} disabled={busy} aria-keyshortcuts="T">
        {t('nextTicket.button')} <kbd aria-hidden="true">T</kbd>
      </button>
      {message && (
        <span role="status" className="muted next-ticket-message">
          {message}
        </span>
      )}
    </div>
  );
}
