/**
 * The ticket's conversation. Inbound customer messages, public replies, internal notes and the
 * ticket's events (assigned, escalated, solved…, put in words in the reader's language from the
 * event log: event-text.ts) each look distinct (and say what they are in words, not only colour). Long threads are
 * virtualized and start at the end: the first render lays out only the newest messages, so a
 * ticket with thousands of messages opens as fast as one with three. Agents' replies and notes
 * are shown with their formatting (markdown.ts); customers' messages as the plain text they sent.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { z } from 'zod';
import type { LinkedTicket, ThreadMessage } from '../../../../shared/contract/channels.ts';
import type { TicketEvent } from '../../../../shared/domain/records.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Empty } from '../../ui/DataState.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { initials } from '../../ui/initials.ts';
import { RelativeTime } from '../../ui/time.tsx';
import type { Delivery } from './delivery.ts';
import { threadLine, useNames } from './event-text.ts';
import { Markdown } from './Markdown.tsx';

type Message = z.infer<typeof ThreadMessage>;
/** A card of the conversation: a message, or an event's line. */
type Item = { key: string; at: number } & ({ message: Message } | { line: string });

/** The messages in thread order with the events' lines woven in by time (a line after the messages of its moment). */
function threadItems(messages: readonly Message[], lines: readonly { id: string; at: number; text: string }[]): Item[] {
  const items: Item[] = [];
  const pending = [...lines].sort((a, b) => a.at - b.at);
  let next = 0;
  const linesUpTo = (at: number) => {
    for (; next < pending.length && (pending[next] as { at: number }).at < at; next++) {
      const line = pending[next] as { id: string; at: number; text: string };
      items.push({ key: line.id, at: line.at, line: line.text });
    }
  };
  for (const message of messages) {
    linesUpTo(message.createdAt);
    items.push({ key: message.id, at: message.createdAt, message });
  }
  linesUpTo(Infinity);
  return items;
}

/** A typical message card's height; real heights replace it as cards are measured. */
const ESTIMATED_HEIGHT = 140;

const NONE: readonly never[] = [];

export function Thread({
  messages,
  events = NONE,
  links = NONE,
  now,
  delivery,
}: {
  messages: readonly Message[];
  /** The ticket's event log; the events worth a line in the conversation get one. */
  events?: readonly TicketEvent[];
  /** The ticket's links, to name the tickets events mention. */
  links?: readonly z.infer<typeof LinkedTicket>[];
  now: number;
  /** Where the person's own recent messages stand (pending, sent, failed). */
  delivery: ReadonlyMap<string, Delivery>;
}) {
  const { t, l } = useI18n();
  const names = useNames(links);
  const items = useMemo(
    () =>
      threadItems(
        messages,
        events.flatMap((e) => {
          const text = threadLine(e, names, t, l);
          return text === null ? [] : [{ id: e.id, at: e.at, text }];
        }),
      ),
    [messages, events, names, t, l],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_HEIGHT,
    overscan: 6,
    getItemKey: (index) => items[index]?.key ?? index,
    useFlushSync: false,
    // The newest message is what a person opens a ticket to read: lay out from the end, keep the
    // reading position when older messages arrive above, and follow new ones while at the end.
    initialOffset: () => items.length * ESTIMATED_HEIGHT,
    anchorTo: 'end',
    followOnAppend: true,
  });
  // Once the newest messages are measured, settle exactly on the last one.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || items.length === 0) return;
    opened.current = true;
    virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
  }, [items.length, virtualizer]);

  if (items.length === 0) return <Empty>{t('ticket.emptyThread')}</Empty>;
  return (
    <div ref={scrollRef} className="thread" role="region" aria-label={t('ticket.conversation')} tabIndex={0}>
      <ol className="thread-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = items[item.index];
          if (!entry) return null;
          return (
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="thread-item"
              style={{ transform: `translateY(${item.start}px)` }}
              aria-setsize={items.length}
              aria-posinset={item.index + 1}
            >
              {'message' in entry ? (
                <MessageCard message={entry.message} now={now} delivery={delivery.get(entry.message.id) ?? null} />
              ) : (
                <EventLine text={entry.line} at={entry.at} now={now} />
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function EventLine({ text, at, now }: { text: string; at: number; now: number }) {
  const { l } = useI18n();
  return (
    <article className="message message-system" aria-label={l.messageKind('system')}>
      <span className="message-kind">{l.messageKind('system')}</span>
      <span className="message-body">{text}</span>
      <RelativeTime at={at} now={now} />
    </article>
  );
}

function MessageCard({ message, now, delivery }: { message: Message; now: number; delivery: Delivery | null }) {
  const { t, l } = useI18n();
  const author = message.authorName ?? t('ticket.unknownAuthor');
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
