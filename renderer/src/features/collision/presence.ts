/**
 * Telling colleagues where this person is (`presence.set`): on a ticket while its page is open
 * (and nowhere once it closes, the window included), and typing while the composer holds unsent
 * text and keys were pressed in the last few seconds. Only changes are sent: Core re-announces the
 * current state to the server on its own, so a burst of keystrokes costs one call, not one each.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useApi } from '../../api/context.tsx';

/** How long after the last keystroke the person stops counting as typing. */
export const TYPING_IDLE_MS = 4000;

export function usePresenceAnnouncer(ticketId: string): (hasText: boolean) => void {
  const api = useApi();
  const typing = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Presence is a courtesy to colleagues: a failed announcement must never disturb the person.
  const announce = useCallback(
    (id: string | null, isTyping: boolean) => void api.presence.set({ ticketId: id, typing: isTyping }).catch(() => undefined),
    [api],
  );

  const stopTyping = useCallback(() => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
    if (!typing.current) return;
    typing.current = false;
    announce(ticketId, false);
  }, [announce, ticketId]);

  useEffect(() => {
    typing.current = false;
    const arrive = () => announce(ticketId, false);
    const leave = () => announce(null, false);
    arrive();
    // The window closing (or the page leaving for the back-forward cache) is leaving the ticket too.
    window.addEventListener('pagehide', leave);
    window.addEventListener('pageshow', arrive);
    return () => {
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('pageshow', arrive);
      if (idle.current) clearTimeout(idle.current);
      idle.current = null;
      leave();
    };
  }, [announce, ticketId]);

  /** The composer's text changed by a keystroke; `hasText`: unsent text remains. */
  return useCallback(
    (hasText: boolean) => {
      if (!hasText) return stopTyping();
      if (idle.current) clearTimeout(idle.current);
      idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
      if (typing.current) return;
      typing.current = true;
      announce(ticketId, true);
    },
    [announce, stopTyping, ticketId],
  );
}
