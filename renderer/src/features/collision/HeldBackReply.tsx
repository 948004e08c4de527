/**
 * A reply the server held back because the customer (or a colleague) wrote after the message the
 * person had seen: it says so plainly, shows what came in and the reply, and offers the same
 * three choices as before sending: send anyway (sync.resolve apply_mine), edit (the text goes back
 * into the ticket's composer, the issue is closed) or discard (keep_theirs). Shown on the ticket
 * page and in the Sync issues panel.
 */
import { useId, useState, type MouseEvent } from 'react';
import type { SyncIssue } from '../../../../shared/contract/channels.ts';
import { useApi } from '../../api/context.tsx';
import { asAppError } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useNow } from '../../ui/time.tsx';
import { NewerMessages, type NewerMessage } from './NewerMessages.tsx';
import { handBackReply } from './reply-handoff.ts';
import type { heldBackReply } from './stale-reply.ts';
import type { StaleChoice } from './StaleReplyDialog.tsx';
import { FormError } from '../../ui/FormError.tsx';

export function HeldBackReply({
  issue,
  held,
  nameOf,
  headingTag: Heading,
  onResolved,
}: {
  issue: SyncIssue;
  held: NonNullable<ReturnType<typeof heldBackReply>>;
  nameOf: (message: NewerMessage) => string | null;
  headingTag: 'h2' | 'h5';
  onResolved(choice: StaleChoice): void;
}) {
  const api = useApi();
  const { t, l } = useI18n();
  const now = useNow();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = async (choice: StaleChoice, e: MouseEvent<HTMLButtonElement>) => {
    // The card leaves with the focused button: inside a dialog, keep focus in it so Esc still works.
    const dialog = e.currentTarget.closest<HTMLElement>('[role="dialog"]');
    setBusy(true);
    setError(null);
    try {
      // The text is safe in the draft before the issue (which holds it too) goes.
      if (choice === 'edit') await handBackReply(api, held.ticketId, held.body);
      await api.sync.resolve({ id: issue.id, choice: choice === 'send' ? 'apply_mine' : 'keep_theirs' });
      dialog?.focus();
      onResolved(choice);
    } catch (err) {
      setBusy(false);
      setError(t('action.failed', { reason: l.error(asAppError(err).code) }));
    }
  };

  const byCustomer = held.newer.some((m) => m.kind === 'inbound');
  return (
    <article className="held-back-reply" aria-labelledby={headingId}>
      <Heading id={headingId} className="held-back-title">
        {t(byCustomer ? 'stale.heldBack' : 'stale.heldBackColleague')}
      </Heading>
      <p className="muted">{t('stale.heldBackHint')}</p>
      <NewerMessages messages={held.newer} nameOf={nameOf} now={now} />
      <figure className="held-back-mine">
        <figcaption className="muted">{t('stale.yourReply')}</figcaption>
        <p className="message-plain">{held.body}</p>
      </figure>
      <div className="sync-issue-actions">
        <button type="button" className="button" disabled={busy} onClick={(e) => void act('discard', e)}>
          {t('stale.discard')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={(e) => void act('edit', e)}>
          {t('stale.edit')}
        </button>
        <button type="button" className="button button-primary" disabled={busy} onClick={(e) => void act('send', e)}>
          {t('stale.sendAnyway')}
        </button>
      </div>
      <FormError>{error}</FormError>
    </article>
  );
}
