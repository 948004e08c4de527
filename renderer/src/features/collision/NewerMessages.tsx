/** The messages a reply was written without having seen: who wrote each, when, and what (as plain text). */
import { useI18n } from '../../i18n/use-i18n.ts';
import { RelativeTime } from '../../ui/time.tsx';

export interface NewerMessage {
  id: string;
  kind: 'inbound' | 'reply';
  authorId: string | null;
  at: number;
  body: string;
}

export function NewerMessages({
  messages,
  nameOf,
  now,
}: {
  messages: readonly NewerMessage[];
  /** The author's name if known; otherwise "Customer" or "Colleague" is said. */
  nameOf: (message: NewerMessage) => string | null;
  now: number;
}) {
  const { t, l } = useI18n();
  return (
    <ol className="newer-messages" aria-label={t('stale.field')}>
      {messages.map((m) => {
        const author = nameOf(m) ?? t(m.kind === 'inbound' ? 'stale.customer' : 'stale.colleague');
        return (
          <li key={m.id} className={`newer-message message-${m.kind}`}>
            <p className="newer-message-header">
              <strong>{author}</strong> <span className="muted">{l.messageKind(m.kind)}</span>{' '}
              <span className="muted">
                <RelativeTime at={m.at} now={now} />
              </span>
            </p>
            <p className="message-plain">{m.body}</p>
          </li>
        );
      })}
    </ol>
  );
}
