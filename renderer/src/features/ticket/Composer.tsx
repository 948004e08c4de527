/**
 * Writing on a ticket: a public reply (with the status to submit it as) or an internal note. R
 * focuses a reply and N a note when the person is not typing; Ctrl/Cmd+Enter sends. The message
 * shows in the thread at once; the draft is kept per ticket until it is sent.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { isEditable, statusAfterAgentReply } from '../../../../shared/domain/ticket-status.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { isTyping } from '../../ui/VirtualListbox.tsx';
import { SubmitAs, clearDraft, loadDraft, saveDraft, type Draft } from './drafts.ts';
import { useOutgoingActions } from './outgoing-store.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function Composer({ ticket }: { ticket: Ticket }) {
  const api = useApi();
  const { t, l } = useI18n();
  const { user: me } = useSession();
  const ids = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const outgoing = useOutgoingActions();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(ticket.id) ?? { mode: 'reply', body: '', submitAs: null });
  const [error, setError] = useState<string | null>(null);
  const editable = isEditable(ticket.status);
  // By default a reply leaves the status as it is (a new ticket becomes open).
  const submitAs = draft.submitAs ?? SubmitAs.catch('open').parse(statusAfterAgentReply(ticket.status));

  const update = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    saveDraft(ticket.id, next);
  };

  useEffect(() => {
    if (!editable) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      // A dialog over the ticket keeps its keys.
      if (e.target instanceof Element && e.target.closest('[aria-modal="true"]')) return;
      const mode: Draft['mode'] | null = e.key === 'r' || e.key === 'R' ? 'reply' : e.key === 'n' || e.key === 'N' ? 'note' : null;
      if (!mode) return;
      // Keep the letter out of the box that is about to take focus.
      e.preventDefault();
      setDraft((d) => {
        const next = { ...d, mode };
        saveDraft(ticket.id, next);
        return next;
      });
      textareaRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editable, ticket.id]);

  const send = async () => {
    const body = draft.body.trim();
    if (!body || !editable) return;
    const id = uuidv7();
    const now = Date.now();
    const statusAfter = draft.mode === 'reply' && submitAs !== ticket.status ? submitAs : undefined;
    outgoing.add({
      id,
      tenantId: ticket.tenantId,
      version: 0,
      createdAt: now,
      updatedAt: now,
      ticketId: ticket.id,
      kind: draft.mode,
      authorType: 'agent',
      authorId: me?.id ?? null,
      authorName: me?.name ?? null,
      body,
      channel: ticket.channel,
    });
    const sentDraft = draft;
    setError(null);
    setDraft({ mode: draft.mode, body: '', submitAs: null });
    clearDraft(ticket.id);
    try {
      const receipt = await runMutation(api, 'message.append', {
        id,
        ticketId: ticket.id,
        kind: draft.mode,
        body,
        ...(statusAfter ? { statusAfter } : {}),
      });
      outgoing.acknowledge(id, receipt.mutationId);
    } catch (err) {
      // Nothing was queued: give the text back so it is not lost.
      outgoing.remove(id);
      setDraft(sentDraft);
      saveDraft(ticket.id, sentDraft);
      setError(t('action.failed', { reason: l.error(asAppError(err).code) }));
    }
  };

  const label = draft.mode === 'reply' ? t('composer.replyLabel') : t('composer.noteLabel');
  return (
    <form
      className={`composer composer-${draft.mode}`}
      aria-label={t('composer.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <fieldset className="composer-modes" disabled={!editable}>
        <legend className="visually-hidden">{t('composer.mode')}</legend>
        <div className="segmented">
          {(['reply', 'note'] as const).map((mode) => (
            <label key={mode} className="segment">
              <input type="radio" name={`${ids}-mode`} value={mode} checked={draft.mode === mode} onChange={() => update({ mode })} />
              <span>
                {t(`composer.mode.${mode}`)} <kbd aria-hidden="true">{mode === 'reply' ? 'R' : 'N'}</kbd>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <textarea
        ref={textareaRef}
        className="composer-text"
        aria-label={label}
        aria-describedby={`${ids}-hint`}
        placeholder={editable ? label : undefined}
        rows={4}
        disabled={!editable}
        value={draft.body}
        onChange={(e) => update({ body: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          } else if (e.key === 'Escape') {
            // Esc leaves the box (and then, pressed again, the ticket), never losing the draft.
            e.preventDefault();
            e.currentTarget.blur();
          }
        }}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="composer-footer">
        <p id={`${ids}-hint`} className={editable ? 'kbd-hint' : 'composer-closed'}>
          {editable ? t('composer.sendHint', { keys: isMac ? '⌘ Enter' : 'Ctrl Enter' }) : t('composer.closed')}
        </p>
        {draft.mode === 'reply' && editable && (
          <label className="field-inline">
            {t('composer.submitAs')}
            <select
              value={submitAs}
              disabled={!editable}
              onChange={(e) => update({ submitAs: SubmitAs.safeParse(e.target.value).data ?? null })}
            >
              {SubmitAs.options.map((status) => (
                <option key={status} value={status}>
                  {l.status(status)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="button button-primary" disabled={!editable || draft.body.trim() === ''}>
          {t('composer.send')}
        </button>
      </div>
    </form>
  );
}
