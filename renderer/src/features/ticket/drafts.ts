/**
 * What the person is writing on a ticket, kept by Core in this device's cache (`drafts.*`), so it
 * survives switching tickets and restarting the app, and is never synced. Typing saves after a
 * short pause rather than on every keystroke; leaving the ticket (or the window) saves at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TicketDraft } from '../../../../shared/contract/channels.ts';
import type { AppError } from '../../../../shared/contract/errors.ts';
import { useApi } from '../../api/context.tsx';
import { asAppError } from '../../api/use-query.ts';

export type { TicketDraft as Draft } from '../../../../shared/contract/channels.ts';
export { SubmitAs } from '../../../../shared/areas/tickets/channels.ts';

/** How long typing must pause before the draft is written. */
export const DRAFT_SAVE_DELAY_MS = 500;

const EMPTY: TicketDraft = { mode: 'reply', body: '', submitAs: null };

export function useDraft(ticketId: string) {
  const api = useApi();
  const [draft, setDraft] = useState<TicketDraft>(EMPTY);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  /** The stored draft has been read (or could not be): text handed to the composer now is not overwritten by it. */
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const loaded = loadedFor === ticketId;
  /** Set once the person changed something: a stored draft arriving late must not overwrite it. */
  const touched = useRef(false);
  const unsaved = useRef<TicketDraft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const write = useCallback(
    (next: TicketDraft) => {
      api.drafts.save({ ticketId, draft: next }).then(
        () => setSaveError(null),
        (err: unknown) => setSaveError(asAppError(err)),
      );
    },
    [api, ticketId],
  );

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = unsaved.current;
    unsaved.current = null;
    if (next) write(next);
  }, [write]);

  useEffect(() => {
    let current = true;
    touched.current = false;
    api.drafts.get({ ticketId }).then(
      ({ draft: stored }) => {
        if (current && stored && !touched.current) setDraft(stored);
        if (current) setLoadedFor(ticketId);
      },
      // Without the stored draft the composer still works; the person can write afresh.
      (err: unknown) => {
        if (!current) return;
        setSaveError(asAppError(err));
        setLoadedFor(ticketId);
      },
    );
    window.addEventListener('pagehide', flush);
    return () => {
      current = false;
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [api, ticketId, flush]);

  /** Changes the draft now and saves it after a pause in typing. */
  const update = useCallback(
    (patch: Partial<TicketDraft>) => {
      touched.current = true;
      setDraft((d) => {
        const next = { ...d, ...patch };
        unsaved.current = next;
        return next;
      });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, DRAFT_SAVE_DELAY_MS);
    },
    [flush],
  );

  /** Puts a draft back and saves it at once (e.g. a send that failed). */
  const restore = useCallback(
    (next: TicketDraft) => {
      touched.current = true;
      if (timer.current) clearTimeout(timer.current);
      unsaved.current = null;
      setDraft(next);
      write(next);
    },
    [write],
  );

  /** Empties the composer (keeping its mode) and forgets the stored draft: the text was sent. */
  const clear = useCallback(() => {
    touched.current = true;
    if (timer.current) clearTimeout(timer.current);
    unsaved.current = null;
    setDraft((d) => ({ mode: d.mode, body: '', submitAs: null }));
    api.drafts.clear({ ticketId }).catch((err: unknown) => setSaveError(asAppError(err)));
  }, [api, ticketId]);

  return { draft, update, restore, clear, saveError, loaded };
}
