/**
 * The ticket's conversation. Inbound customer messages, public replies, internal notes and system
 * events each look distinct (and say what they are in words, not only colour). Long threads are
 * virtualized and start at the end: the first render lays out only the newest messages, so a
 * ticket with thousands of messages opens as fast as one with three. Agents' replies and notes
 * are shown with their formatting (markdown.ts); customers' messages as the plain text they sent.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { z } from 'zod';
import type { ThreadMessage } from '../../../../shared/contract/channels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Empty } from '../../ui/DataState.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { initials } from '../../ui/initials.ts';
import { RelativeTime } from '../../ui/time.tsx';
import type { Delivery } from './delivery.ts';
import { Markdown } from './Markdown.tsx';

type Message = z.infer<typeof ThreadMessage>;

/** A typical message card's height; real heights replace it as cards are measured. */
const ESTIMATED_HEIGHT = 140;

export function Thread({
  messages,
  now,
  delivery,
}: {
  messages: readonly Message[];
  now: number;
  /** Where the person's own recent messages stand (pending, sent, failed). */
  delivery: ReadonlyMap<string, Delivery>;
}) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_HEIGHT,
    overscan: 6,
    getItemKey: (index) => messages[index]?.id ?? index,
    useFlushSync: false,
    // The newest message is what a person opens a ticket to read: lay out from the end, keep the
    // reading position when older messages arrive above, and follow new ones while at the end.
    initialOffset: () => messages.length * ESTIMATED_HEIGHT,
    anchorTo: 'end',
    followOnAppend: true,
  });
  // Once the newest messages are measured, settle exactly on the last one.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || messages.length === 0) return;
    opened.current = true;
    virtualizer.scrollToIndex(messages.length - 1, { align: 'end' });
  }, [messages.length, virtualizer]);

  if (messages.length === 0) return <Empty>{t('ticket.emptyThread')}</Empty>;
  return (
    <div ref={scrollRef} className="thread" role="region" aria-label={t('ticket.conversation')} tabIndex={0}>
      <ol className="thread-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const message = messages[item.index];
          if (!message) return null;
          return (
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="thread-item"
              style={{ transform: `translateY(${item.start}px)` }}
              aria-setsize={messages.length}
              aria-posinset={item.index + 1}
            >
              <MessageCard message={message} now={now} delivery={delivery.get(message.id) ?? null} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function MessageCard({ message, now, delivery }: { message: Message; now: number; delivery: Delivery | null }) {
  const { t, l } = useI18n();
  const author = message.kind === 'system' ? t('ticket.system') : (message.authorName ?? t('ticket.unknownAuthor'));
  if (message.kind === 'system') {
    return (
      <article className="message message-system" aria-label={l.messageKind('system')}>
        <span className="message-kind">{l.messageKind('system')}</span>
        <span className="message-body">{message.body}</span>
        <RelativeTime at={message.createdAt} now={now} />
      </article>
    );
  }
  return (
    <article className={`message message-${message.kind}`} aria-label={`${l.messageKind(message.kind)}: ${author}`}>
      <header className="message-header">
        <span className="avatar" aria-hidden="true">
          {initials(author)}
        </span>
        <span className="message-author">{author}</span>
        <span className="message-kind">
          {message.kind === 'note' && (
            <span className="note-icon" aria-hidden="true">
              <Icon name="lock" />{' '}
            </span>
          )}
          {l.messageKind(message.kind)}
        </span>
        {message.kind === 'inbound' && <span className="message-channel">{t('ticket.via', { channel: l.channel(message.channel) })}</span>}
        <span className="message-time">
          <RelativeTime at={message.createdAt} now={now} />
        </span>
        {delivery && <span className={`delivery delivery-${delivery}`}>{t(`delivery.${delivery}`)}</span>}
      </header>
      {message.kind === 'inbound' ? (
        <div className="message-body message-plain">{message.body}</div>
      ) : (
        <div className="message-body message-rich">
          <Markdown source={message.body} />
        </div>
      )}
    </article>
  );
}
