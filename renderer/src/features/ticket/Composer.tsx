/**
 * Writing on a ticket: a public reply (with the status to submit it as) or an internal note, with
 * light formatting (markdown.ts). R focuses a reply and N a note when the person is not typing;
 * Ctrl/Cmd+Enter sends, and focus then leaves the box for the ticket page, so the next R, N or S is
 * a shortcut again and never a letter in the sent box. The two modes look unmistakably different
 * (a coloured band saying who will read it, the placeholder, the button). Core shows the message in
 * the thread as it queues it; a public reply is held for the person's undo window (ui/undo.ts) and,
 * undone, comes back into the box. The draft is kept by Core per ticket until it is sent. On a
 * closed ticket, which nothing may change, a reply goes out in a new follow-up ticket linked to it
 * (DOMAIN.md: closed is final).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { isEditable, statusAfterAgentReply } from '../../../../shared/domain/ticket-status.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { STALE_REPLY_FIELD } from '../../../../shared/areas/tickets/ticket-writes.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { navigate } from '../../shell/router.ts';
import { Icon } from '../../ui/Icon.tsx';
import { isBareShortcut } from '../../ui/keyboard.ts';
import { SubmitAs, useDraft, type Draft } from './drafts.ts';
import { applyFormat, type Format } from './markdown.ts';
import { useComposerInsert, withInsert } from '../macros/composer-insert.ts';
import { ApplyMacroButton } from '../macros/MacroPicker.tsx';
import type { NewerMessage } from '../collision/NewerMessages.tsx';
import { appendText, handBackReply, useReplyHandoff } from '../collision/reply-handoff.ts';
import { StaleReplyDialog, type StaleChoice } from '../collision/StaleReplyDialog.tsx';
import { useOutgoingActions } from './outgoing-store.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { Select } from '../../ui/Select.tsx';
import { offerUndo } from '../../ui/undo.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

const FORMATS: readonly { format: Format; key: string | null }[] = [
  { format: 'bold', key: 'b' },
  { format: 'italic', key: 'i' },
  { format: 'list', key: null },
  { format: 'link', key: null },
];

export function Composer({
  ticket,
  requesterName,
  seenMessageId,
  nameOf,
  onTyping,
  onSent,
  onSolve,
}: {
  ticket: Ticket;
  /** Who reads a public reply: said on the reply's band and in its undo toast. */
  requesterName: string;
  /** The newest message the person has seen: the last one the thread showed them. */
  seenMessageId: () => string | null;
  nameOf: (message: NewerMessage) => string | null;
  /** A keystroke changed the text; `hasText`: unsent text remains (presence: "is typing"). */
  onTyping: (hasText: boolean) => void;
  /** Called as the text goes: focus leaves the box for the page, where the shortcuts work. */
  onSent: () => void;
  /** A reply submitted as solved goes through here when given (a complaint asks for its root cause first). */
  onSolve?: (solve: () => Promise<unknown>) => void;
}) {
  const api = useApi();
  const { t, l } = useI18n();
  const { user: me } = useSession();
  const ids = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const outgoing = useOutgoingActions();
  const { draft, update, restore, clear, saveError, loaded } = useDraft(ticket.id);
  // A held-back reply the person chose to edit comes back here, after what they are writing now.
  useReplyHandoff(ticket.id, loaded, (text) => {
    restore({ ...draft, mode: 'reply', body: appendText(draft.body, text) });
    textareaRef.current?.focus();
  });
  /** Newer messages Core found at send time, shown before the reply may go out. */
  const [stale, setStale] = useState<{ body: string; messages: NewerMessage[] } | null>(null);
  /**
   * The newest message the person read in the stale-reply prompt and chose to edit after: later
   * than what the thread marks as seen, which stays put while they write (TicketView).
   */
  const acknowledged = useRef<string | null>(null);
  // A macro applied on this ticket (features/macros) adds its text to the draft, to edit before sending.
  useComposerInsert(ticket.id, (insert) => {
    update(withInsert(draft, insert));
    textareaRef.current?.focus();
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = isEditable(ticket.status);
  // A closed ticket takes no note; what the person writes there is a reply in a follow-up.
  const mode: Draft['mode'] = editable ? draft.mode : 'reply';
  // By default a reply leaves the status as it is (a new ticket becomes open).
  const submitAs = draft.submitAs ?? SubmitAs.catch('open').parse(statusAfterAgentReply(ticket.status));

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!isBareShortcut(e)) return;
      const key = e.key.toLowerCase();
      const next: Draft['mode'] | null = key === 'r' ? 'reply' : key === 'n' && editable ? 'note' : null;
      if (!next) return;
      // Keep the letter out of the box that is about to take focus.
      e.preventDefault();
      if (editable) update({ mode: next });
      textareaRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editable, update]);

  const format = (kind: Format) => {
    const box = textareaRef.current;
    if (!box) return;
    const edit = applyFormat(
      kind,
      { text: draft.body, selectionStart: box.selectionStart, selectionEnd: box.selectionEnd },
      t('composer.linkText'),
    );
    update({ body: edit.text });
    box.focus();
    // The new text is in the box after React's commit; select what the person types next.
    requestAnimationFrame(() => box.setSelectionRange(edit.selectionStart, edit.selectionEnd));
  };

  /**
   * Sends on this ticket. A public reply names the newest message the person has seen: if the
   * customer or a colleague wrote since, Core queues nothing and answers with those messages
   * (`onConflict: 'discard'`), and the person reads them before it may go out.
   */
  const sendHere = async (body: string, seen: string | null) => {
    const id = uuidv7();
    const statusAfter = mode === 'reply' && submitAs !== ticket.status ? submitAs : undefined;
    // A public reply waits in Core for the undo window; a note reaches only colleagues.
    const undoable = mode === 'reply';
    outgoing.add(id);
    const sentDraft = draft;
    clear();
    onTyping(false);
    try {
      const receipt = await runMutation(
        api,
        'message.append',
        {
          id,
          ticketId: ticket.id,
          kind: mode,
          body,
          ...(statusAfter ? { statusAfter } : {}),
          // No thread seen yet (nothing on screen to have read): no check.
          ...(mode === 'reply' && seen !== null ? { seenMessageId: seen } : {}),
        },
        { onConflict: 'discard', ...(undoable ? { undoable } : {}) },
      );
      if (receipt.mutationId !== null) {
        acknowledged.current = null;
        outgoing.acknowledge(id, receipt.mutationId);
        if (undoable)
          offerUndo(
            api,
            receipt,
            ({ t }) => t('undo.replySent', { name: requesterName }),
            () => {
              outgoing.remove(id);
              // Back on its ticket, the text in the box again, after anything written since.
              navigate({ name: 'ticket', id: ticket.id });
              void handBackReply(api, ticket.id, body);
            },
          );
        return;
      }
      outgoing.remove(id);
      restore(sentDraft);
      onTyping(true);
      const newer = receipt.conflicts.find((c) => c.field === STALE_REPLY_FIELD)?.theirs;
      if (Array.isArray(newer)) setStale({ body, messages: newer as unknown as NewerMessage[] });
    } catch (err) {
      // Nothing was queued: give the text back so it is not lost.
      outgoing.remove(id);
      restore(sentDraft);
      setError(t('action.failed', { reason: l.error(asAppError(err).code) }));
    }
  };

  const sendInFollowUp = async (body: string) => {
    const followUpId = uuidv7();
    try {
      const receipt = await runMutation(
        api,
        'ticket.create',
        {
          ticket: {
            id: followUpId,
            subject: ticket.subject,
            priority: ticket.priority,
            type: ticket.type,
            channel: ticket.channel,
            requesterId: ticket.requesterId,
            teamId: ticket.teamId,
            // The person answering owns the follow-up when they work in its team.
            assigneeId: me && me.teamIds.includes(ticket.teamId) ? me.id : null,
            tags: ticket.tags,
          },
          message: { id: uuidv7(), kind: 'reply', body },
          followUpOfId: ticket.id,
        },
        { undoable: true },
      );
      clear();
      navigate({ name: 'ticket', id: followUpId });
      // Undone, the follow-up never existed: back to the closed ticket with the text in its box.
      offerUndo(
        api,
        receipt,
        ({ t }) => t('undo.followUpSent', { name: requesterName }),
        () => {
          navigate({ name: 'ticket', id: ticket.id });
          void handBackReply(api, ticket.id, body);
        },
      );
    } catch (err) {
      setError(t('action.failed', { reason: l.error(asAppError(err).code) }));
    }
  };

  const send = async () => {
    const body = draft.body.trim();
    if (!body || busy) return;
    setError(null);
    if (editable && mode === 'reply' && submitAs === 'solved' && onSolve) {
      const seen = acknowledged.current ?? seenMessageId();
      onSolve(() => sendHere(body, seen));
      return;
    }
    setBusy(true);
    onSent();
    try {
      if (!editable) await sendInFollowUp(body);
      else if (mode === 'note') await sendHere(body, null);
      else await sendHere(body, acknowledged.current ?? seenMessageId());
    } catch (err) {
      setError(t('action.failed', { reason: l.error(asAppError(err).code) }));
    } finally {
      setBusy(false);
    }
  };

  const onStaleChoice = (choice: StaleChoice) => {
    const held = stale;
    setStale(null);
    const newest = held?.messages.at(-1)?.id ?? null;
    if (!held || !newest) return;
    if (choice === 'discard') return clear();
    // Having read them, the person answers after them: the newest is what they have seen now.
    if (choice === 'edit') {
      acknowledged.current = newest;
      return;
    }
    setBusy(true);
    void sendHere(held.body, newest).finally(() => setBusy(false));
  };

  const onTextKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const mod = e.ctrlKey || e.metaKey;
    if (e.key === 'Enter' && mod) {
      e.preventDefault();
      void send();
      return;
    }
    const shortcut = mod && !e.altKey && !e.shiftKey ? FORMATS.find((f) => f.key === e.key.toLowerCase()) : undefined;
    if (shortcut) {
      e.preventDefault();
      format(shortcut.format);
    } else if (e.key === 'Escape') {
      // Esc leaves the box (and then, pressed again, the ticket), never losing the draft.
      e.preventDefault();
      e.currentTarget.blur();
    }
  };

  const label = !editable ? t('composer.followUpLabel') : mode === 'reply' ? t('composer.replyLabel') : t('composer.noteLabel');
  const audience = mode === 'reply' ? t('composer.replyBand', { name: requesterName }) : t('composer.noteBand');
  const placeholder = mode === 'reply' ? t('composer.replyPlaceholder', { name: requesterName }) : t('composer.notePlaceholder');
  return (
    <form
      className={`composer composer-${mode}`}
      aria-label={t('composer.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div className="composer-bar">
        {editable ? (
          <fieldset className="composer-modes">
            <legend className="visually-hidden">{t('composer.mode')}</legend>
            <div className="segmented">
              {(['reply', 'note'] as const).map((m) => (
                <label key={m} className="segment">
                  <input type="radio" name={`${ids}-mode`} value={m} checked={mode === m} onChange={() => update({ mode: m })} />
                  <span>
                    {t(`composer.mode.${m}`)} <kbd aria-hidden="true">{m === 'reply' ? 'R' : 'N'}</kbd>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : (
          <span className="composer-followup-badge">{t('composer.followUpMode')}</span>
        )}
        <FormatToolbar controls={`${ids}-text`} onFormat={format} />
        <ApplyMacroButton ticket={ticket} />
      </div>
      <p id={`${ids}-audience`} className="composer-audience">
        <Icon name={mode === 'reply' ? 'send' : 'lock'} />
        {audience}
      </p>
      <textarea
        id={`${ids}-text`}
        ref={textareaRef}
        className="composer-text"
        aria-label={label}
        aria-describedby={`${ids}-audience ${ids}-hint`}
        placeholder={placeholder}
        rows={4}
        value={draft.body}
        onChange={(e) => {
          const hasText = e.target.value.trim() !== '';
          update({ body: e.target.value });
          onTyping(hasText);
          // An emptied box starts a new reply, which answers what the thread shows by then.
          if (!hasText) acknowledged.current = null;
        }}
        onKeyDown={onTextKeyDown}
      />
      <FormError>{error}</FormError>
      {saveError && (
        <p className="field-notice" role="status">
          {t('composer.draftNotSaved', { reason: l.error(saveError.code) })}
        </p>
      )}
      <div className="composer-footer">
        <p id={`${ids}-hint`} className={editable ? 'kbd-hint' : 'composer-closed'}>
          {editable ? t('composer.sendHint', { keys: `${MOD} Enter` }) : t('composer.closed')}
        </p>
        {mode === 'reply' && editable && (
          <label className="field-inline">
            {t('composer.submitAs')}
            <Select
              options={SubmitAs.options}
              label={l.status}
              value={submitAs}
              onChange={(status) => update({ submitAs: status ?? null })}
            />
          </label>
        )}
        <button type="submit" className="button button-primary" disabled={busy || draft.body.trim() === ''}>
          {!editable ? t('composer.sendFollowUp') : mode === 'reply' ? t('composer.sendReply') : t('composer.addNote')}
        </button>
      </div>
      {stale && <StaleReplyDialog messages={stale.messages} nameOf={nameOf} onChoose={onStaleChoice} />}
    </form>
  );
}

/** Bold, italic, list and link buttons: one tab stop, arrow keys move between them (ARIA toolbar). */
function FormatToolbar({ controls, onFormat }: { controls: string; onFormat: (format: Format) => void }) {
  const { t } = useI18n();
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (to: number) => {
    const next = (to + FORMATS.length) % FORMATS.length;
    setActive(next);
    refs.current[next]?.focus();
  };
  return (
    <div
      className="format-toolbar"
      role="toolbar"
      aria-label={t('composer.formatting')}
      aria-controls={controls}
      onKeyDown={(e) => {
        const to = { ArrowRight: active + 1, ArrowLeft: active - 1, Home: 0, End: FORMATS.length - 1 }[e.key];
        if (to === undefined) return;
        e.preventDefault();
        move(to);
      }}
    >
      {FORMATS.map(({ format, key }, i) => {
        const name = t(`composer.format.${format}`);
        return (
          <button
            key={format}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            className={`icon-button format-${format}`}
            tabIndex={i === active ? 0 : -1}
            aria-label={name}
            title={key ? `${name} (${MOD}+${key.toUpperCase()})` : name}
            onFocus={() => setActive(i)}
            // Keep the selection in the text box: a click would otherwise move focus before we read it.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onFormat(format)}
          >
            <span aria-hidden="true">{FORMAT_GLYPHS[format]}</span>
          </button>
        );
      })}
    </div>
  );
}

const FORMAT_GLYPHS: Record<Format, ReactNode> = { bold: 'B', italic: 'I', list: <Icon name="list" />, link: <Icon name="link" /> };
