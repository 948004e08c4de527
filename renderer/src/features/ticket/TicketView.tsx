/** One ticket: its thread with the composer under it, its editable properties, its requester, its history. */
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { TicketDetail } from '../../../../shared/contract/channels.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { navigate, useRouter } from '../../shell/router.ts';
import { NotReady } from '../../ui/DataState.tsx';
import { StatusChip } from '../../ui/Chips.tsx';
import { useNow } from '../../ui/time.tsx';
import { isTyping } from '../../ui/VirtualListbox.tsx';
import { useSession } from '../../session/SessionGate.tsx';
import { useSyncStatus } from '../../sync/SyncStatusProvider.tsx';
import { Composer } from './Composer.tsx';
import { deliveryOf, type Delivery } from './delivery.ts';
import { History } from './History.tsx';
import { useOutgoing } from './outgoing-store.tsx';
import { PropertiesPanel, RequesterPanel } from './Panels.tsx';
import { Thread } from './Thread.tsx';

type Tab = 'conversation' | 'history';

export function TicketView({ id }: { id: string }) {
  const { t, l } = useI18n();
  const now = useNow();
  const lastView = useRouter((s) => s.lastView);
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

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || isTyping(e) || e.defaultPrevented) return;
      e.preventDefault();
      navigate({ name: 'inbox', view: lastView });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lastView]);

  const back = (
    <a className="back-link" href={`#/inbox/${lastView}`}>
      ← {t('ticket.back', { view: l.view(lastView) })} <kbd>{t('ticket.backHint')}</kbd>
    </a>
  );
  if (query.status !== 'ready') return <NotReady back={back} state={query} />;

  const detail: z.infer<typeof TicketDetail> = query.data;
  const { ticket } = detail;
  const messages = withOutgoing(
    detail.messages,
    Object.values(sent).map((o) => o.message),
    ticket.id,
  );
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
    <article className="ticket-page" aria-labelledby="ticket-subject">
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
          {tab === 'conversation' ? <Thread messages={messages} now={now} delivery={delivery} /> : <History detail={detail} now={now} />}
        </div>
        <Composer key={ticket.id} ticket={ticket} />
      </div>
      <aside className="ticket-side" aria-label={t('ticket.properties')}>
        <PropertiesPanel detail={detail} now={now} />
        <RequesterPanel detail={detail} />
      </aside>
    </article>
  );
}

/** The thread plus what the person just sent that Core's cache has not shown back yet. */
function withOutgoing<M extends { id: string; ticketId: string }>(messages: readonly M[], outgoing: readonly M[], ticketId: string): M[] {
  const known = new Set(messages.map((m) => m.id));
  const extra = outgoing.filter((m) => m.ticketId === ticketId && !known.has(m.id));
  return extra.length === 0 ? [...messages] : [...messages, ...extra];
}
