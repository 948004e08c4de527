/**
 * The ticket's conversation. Inbound customer messages, public replies, internal notes and system
 * events each look distinct (and say what they are in words, not only colour). Long threads are
 * virtualized, so a ticket with thousands of messages opens as fast as one with three.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { z } from 'zod';
import type { ThreadMessage } from '../../../../shared/contract/channels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Empty } from '../../ui/DataState.tsx';
import { RelativeTime } from '../../ui/time.tsx';

type Message = z.infer<typeof ThreadMessage>;

export function Thread({ messages, now }: { messages: readonly Message[]; now: number }) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 140,
    overscan: 6,
    getItemKey: (index) => messages[index]?.id ?? index,
    useFlushSync: false,
  });

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
              <MessageCard message={message} now={now} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function MessageCard({ message, now }: { message: Message; now: number }) {
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
        <span className="message-kind">{l.messageKind(message.kind)}</span>
        {message.kind === 'inbound' && <span className="message-channel">{t('ticket.via', { channel: l.channel(message.channel) })}</span>}
        <span className="message-time">
          <RelativeTime at={message.createdAt} now={now} />
        </span>
      </header>
      <div className="message-body">{message.body}</div>
    </article>
  );
}

/** One or two letters for the avatar: the first character of a Chinese name, initials otherwise. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  if (words.length > 1 && /^[A-Za-z]/.test(name)) return ((words[0]?.[0] ?? '') + (words.at(-1)?.[0] ?? '')).toUpperCase();
  return [...name.trim()][0]?.toUpperCase() ?? '?';
}
