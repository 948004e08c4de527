/**
 * One ticket: its thread with the composer under it, its editable properties, linked tickets, its
 * requester, its history; and the page's shortcuts (shortcuts.ts): S solve-and-next, A assign to
 * me, E escalate (R and N belong to the composer). S and A are held for the undo window and
 * offered in the undo toast (ui/undo.ts), as a sent reply is.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { TicketDetail } from '../../../../shared/contract/channels.ts';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { isEditable } from '../../../../shared/domain/ticket-status.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSavedViews } from '../inbox/views.ts';
import { navigate, useRouter } from '../../shell/router.ts';
import { formatHash } from '../../shell/routes.ts';
import { NotReady } from '../../ui/DataState.tsx';
import { StatusChip } from '../../ui/Chips.tsx';
import { useNow } from '../../ui/time.tsx';
import { isBareShortcut, isTyping } from '../../ui/keyboard.ts';
import { offerUndo } from '../../ui/undo.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { useSyncStatus } from '../../sync/SyncStatusProvider.tsx';
import { HeldBackReply } from '../collision/HeldBackReply.tsx';
import type { NewerMessage } from '../collision/NewerMessages.tsx';
import { usePresenceAnnouncer } from '../collision/presence.ts';
import { PresenceBar } from '../collision/PresenceBar.tsx';
import { heldBackReply } from '../collision/stale-reply.ts';
import { asksRootCause, RootCauseDialog } from '../complaints/TicketComplaint.tsx';
import { Composer } from './Composer.tsx';
import { deliveryOf, type Delivery } from './delivery.ts';
import { History } from './History.tsx';
import { useOutgoing, useOutgoingActions } from './outgoing-store.tsx';
import { LinkedTicketsPanel, PropertiesPanel, RequesterPanel } from './Panels.tsx';
import { SlaPanel } from './SlaPanel.tsx';
import { solveAndNext } from './solve-and-next.ts';
import { Thread } from './Thread.tsx';
import { TicketPickerDialog, TierDialog } from './TicketDialogs.tsx';

type Tab = 'conversation' | 'history';
type OpenDialog = 'escalate' | 'merge' | 'link' | null;

export function TicketView({ id }: { id: string }) {
  const { t, l } = useI18n();
  const now = useNow();
  const lastQueue = useRouter((s) => s.lastQueue);
  const savedViews = useSavedViews().data;
  const query = useQuery(`ticket:${id}`, (api) => api.tickets.get({ id }), ['ticket', 'message']);
  const [tab, setTab] = useState<Tab>('conversation');
  const { user: me } = useSession();
  const sync = useSyncStatus();
  const openIssues = sync?.openIssues ?? 0;
  // Only read the issues when there are some: they mark the person's failed messages.
  const issues = useQuery(`sync.issues:${openIssues}`, (api) => (openIssues > 0 ? api.sync.issues({}) : Promise.resolve({ issues: [] })), [
    'sync_issue',
  ]);
  const sent = useOutgoing((s) => s.sent);
  const outgoing = useOutgoingActions();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const announceTyping = usePresenceAnnouncer(id);
  // What a reply sent now answers: the last message the thread showed the person before they began
  // writing it. A message that arrives while they write is in the thread but unread (their eyes
  // are on the composer), so the mark stays put until the composer is empty again; sending then
  // asks them to read it first (collision/StaleReplyDialog).
  const seen = useRef<string | null>(null);
  const writing = useRef(false);
  const lastShown = tab === 'conversation' ? (query.data?.messages.at(-1)?.id ?? null) : null;
  const lastShownNow = useRef(lastShown);
  useEffect(() => {
    lastShownNow.current = lastShown;
    if (lastShown !== null && !writing.current) seen.current = lastShown;
  }, [lastShown]);
  const onTyping = useCallback(
    (hasText: boolean) => {
      writing.current = hasText;
      if (!hasText && lastShownNow.current !== null) seen.current = lastShownNow.current;
      announceTyping(hasText);
    },
    [announceTyping],
  );
  const page = useRef<HTMLElement>(null);
  // A complaint without a root cause asks for one before it is solved (the solve waits here).
  const [solving, setSolving] = useState<(() => Promise<unknown>) | null>(null);
  const askRootCause = useCallback((solve: () => Promise<unknown>) => setSolving(() => solve), []);
  const shortcut = useTicketShortcuts(query.data?.ticket ?? null, me?.id ?? null, () => setDialog('escalate'), askRootCause);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || isTyping(e) || e.defaultPrevented) return;
      e.preventDefault();
      navigate(lastQueue);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lastQueue]);

  const queueName =
    lastQueue.name === 'inbox'
      ? l.view(lastQueue.view)
      : (savedViews?.find((v) => v.id === lastQueue.id)?.name ?? t('ticket.backToSavedView'));
  const back = (
    <a className="back-link" href={formatHash(lastQueue)}>
      ← {t('ticket.back', { view: queueName })} <kbd>{t('ticket.backHint')}</kbd>
    </a>
  );
  if (query.status !== 'ready') return <NotReady back={back} state={query} />;

  const detail: z.infer<typeof TicketDetail> = query.data;
  const { ticket } = detail;
  const messages = detail.messages;
  const authors = new Map(messages.map((m) => [m.id, m.authorName]));
  const nameOf = (m: NewerMessage) => authors.get(m.id) ?? (m.kind === 'inbound' ? detail.requester.name : null);
  const heldBack = (issues.data?.issues ?? []).flatMap((issue) => {
    const held = heldBackReply(issue);
    return held && held.ticketId === ticket.id ? [{ issue, held }] : [];
  });
  const delivery = new Map<string, Delivery>();
  for (const message of messages) {
    const state = deliveryOf(message, {
      meId: me?.id ?? null,
      connection: sync?.connection ?? null,
      issues: issues.data?.issues ?? [],
      sentThisSession: sent[message.id],
    });
    if (state) delivery.set(message.id, state);
  }
  return (
    <article ref={page} className="ticket-page" aria-labelledby="ticket-subject" tabIndex={-1}>
      <div className="ticket-main">
        {back}
        <header className="ticket-header">
          <div className="ticket-header-line">
            <span className="ticket-number">
              {ticket.number === null ? t('ticket.unsynced') : t('ticket.number', { number: String(ticket.number) })}
            </span>
            <StatusChip status={ticket.status} />
            <span className="muted">{t('ticket.messageCount', { count: messages.length })}</span>
          </div>
          <h1 id="ticket-subject">{ticket.subject}</h1>
          {shortcut.message && (
            <p
              className={shortcut.message.kind === 'error' ? 'form-error' : 'field-notice'}
              role={shortcut.message.kind === 'error' ? 'alert' : 'status'}
            >
              {shortcut.message.text}
            </p>
          )}
        </header>
        <div className="tabs" role="tablist" aria-label={t('ticket.tabs')}>
          {(['conversation', 'history'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-controls={`panel-${name}`}
              aria-selected={tab === name}
              tabIndex={tab === name ? 0 : -1}
              className="tab"
              onClick={() => setTab(name)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                  const next = name === 'conversation' ? 'history' : 'conversation';
                  setTab(next);
                  document.getElementById(`tab-${next}`)?.focus();
                }
              }}
            >
              {t(`ticket.${name}`)}
            </button>
          ))}
        </div>
        <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === 'conversation' ? (
            <>
              {detail.thread === 'unavailable' && (
                // Outside the history this computer keeps (Settings): the rest is on the server.
                <p className="muted" role="status">
                  {t('ticket.threadOffline', { count: detail.ticket.messageCount - messages.length })}
                </p>
              )}
              <Thread messages={messages} events={detail.events} links={detail.links} now={now} delivery={delivery} />
            </>
          ) : (
            <History detail={detail} now={now} />
          )}
        </div>
        {heldBack.map(({ issue, held }) => (
          <section key={issue.id} className="held-back">
            <HeldBackReply
              issue={issue}
              held={held}
              nameOf={nameOf}
              headingTag="h2"
              onResolved={(choice) => {
                // Not sent after all: forget its mark (Core's thread no longer has it).
                const mark = Object.entries(sent).find(([, o]) => o.mutationId === issue.mutationId);
                if (mark && choice !== 'send') outgoing.remove(mark[0]);
              }}
            />
          </section>
        ))}
        <PresenceBar ticketId={ticket.id} now={now} />
        <Composer
          key={ticket.id}
          ticket={ticket}
          requesterName={detail.requester.name}
          seenMessageId={() => seen.current}
          nameOf={nameOf}
          onTyping={onTyping}
          onSent={() => page.current?.focus()}
          onSolve={asksRootCause(ticket) ? askRootCause : undefined}
        />
      </div>
      <aside className="ticket-side" aria-label={t('ticket.details')}>
        <PropertiesPanel
          detail={detail}
          now={now}
          onEscalate={() => setDialog('escalate')}
          onSolve={asksRootCause(ticket) ? askRootCause : undefined}
        />
        <SlaPanel ticket={ticket} now={now} />
        <LinkedTicketsPanel detail={detail} onMerge={() => setDialog('merge')} onLink={() => setDialog('link')} />
        <RequesterPanel detail={detail} now={now} />
      </aside>
      {dialog === 'escalate' && (
        <TierDialog ticketId={ticket.id} currentTier={ticket.escalationTier} direction="escalate" onClose={() => setDialog(null)} />
      )}
      {(dialog === 'merge' || dialog === 'link') && <TicketPickerDialog ticket={ticket} action={dialog} onClose={() => setDialog(null)} />}
      {solving && <RootCauseDialog ticket={ticket} solve={solving} onClose={() => setSolving(null)} />}
    </article>
  );
}

type ShortcutMessage = { kind: 'error' | 'notice'; text: string } | null;

/**
 * S, A and E on the ticket shown; what they could not do is said in the ticket's header. S on a
 * complaint without a root cause hands the solve to `askRootCause`, which runs it once answered.
 */
function useTicketShortcuts(
  ticket: Ticket | null,
  meId: string | null,
  escalate: () => void,
  askRootCause: (solve: () => Promise<unknown>) => void,
) {
  const api = useApi();
  const { t, l } = useI18n();
  const lastQueue = useRouter((s) => s.lastQueue);
  const [message, setMessage] = useState<ShortcutMessage>(null);
  const busy = useRef(false);
  // The handler reads the latest values without re-subscribing on every render.
  const latest = useRef({ ticket, meId, escalate, lastQueue, askRootCause });
  useEffect(() => {
    latest.current = { ticket, meId, escalate, lastQueue, askRootCause };
  });

  useEffect(() => {
    const fail = (err: unknown) => setMessage({ kind: 'error', text: t('action.failed', { reason: l.error(asAppError(err).code) }) });
    const onKey = (e: KeyboardEvent) => {
      const { ticket: current, meId: me, escalate: openEscalation, lastQueue: queue, askRootCause: ask } = latest.current;
      if (!current || !isBareShortcut(e) || !isEditable(current.status)) return;
      const key = e.key.toLowerCase();
      if (key !== 's' && key !== 'a' && key !== 'e') return;
      e.preventDefault();
      if (key === 'e') {
        if (current.escalationTier < 3) openEscalation();
        else setMessage({ kind: 'notice', text: t('escalate.atTop') });
        return;
      }
      if (busy.current) return;
      busy.current = true;
      setMessage(null);
      const done = () => {
        busy.current = false;
      };
      if (key === 'a') {
        if (!me || current.assigneeId === me) return done();
        const base = { assigneeId: current.assigneeId, teamId: current.teamId };
        runMutation(api, 'ticket.assign', { id: current.id, assigneeId: me, teamId: current.teamId, base }, { undoable: true })
          .then((receipt) => {
            if (receipt.outcome === 'conflict') setMessage({ kind: 'notice', text: t('action.conflict') });
            else offerUndo(api, receipt, ({ t }) => t('undo.assigned', { ticket: ticketName(current) }));
          }, fail)
          .finally(done);
        return;
      }
      const solve = () =>
        solveAndNext(api, current, queue).then((outcome) => {
          if (outcome.kind === 'conflict') return setMessage({ kind: 'notice', text: t('action.conflict') });
          navigate(outcome.kind === 'next' ? { name: 'ticket', id: outcome.ticketId } : queue);
          // Undone, the ticket is as it was and back on screen.
          if (outcome.solved)
            offerUndo(
              api,
              outcome.solved,
              ({ t }) => t('undo.solved', { ticket: ticketName(current) }),
              () => navigate({ name: 'ticket', id: current.id }),
            );
        }, fail);
      if (asksRootCause(current)) {
        done();
        ask(solve);
        return;
      }
      solve().finally(done);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api, t, l]);

  return { message };
}

/** A ticket as a toast names it: its number once the server gave it one, else its subject. */
function ticketName(ticket: Ticket): string {
  return ticket.number === null ? `“${ticket.subject}”` : `#${ticket.number}`;
}
