/**
 * Before a reply goes out: messages arrived that the person has not seen (a customer wrote again
 * while they typed). They read them here and send anyway, go back to edit (the text stays and the
 * messages count as seen), or discard the reply. Esc is "edit": closing never loses the text.
 */
import { useI18n } from '../../i18n/use-i18n.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { useNow } from '../../ui/time.tsx';
import { NewerMessages, type NewerMessage } from './NewerMessages.tsx';

export type StaleChoice = 'send' | 'edit' | 'discard';

export function StaleReplyDialog({
  messages,
  nameOf,
  onChoose,
}: {
  messages: readonly NewerMessage[];
  nameOf: (message: NewerMessage) => string | null;
  onChoose(choice: StaleChoice): void;
}) {
  const { t } = useI18n();
  const now = useNow();
  return (
    <Dialog title={t('stale.title')} role="alertdialog" className="stale-reply-dialog" onClose={() => onChoose('edit')}>
      <p>{t('stale.intro', { count: messages.length })}</p>
      <NewerMessages messages={messages} nameOf={nameOf} now={now} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => onChoose('discard')}>
          {t('stale.discard')}
        </button>
        <button type="button" className="button" data-autofocus onClick={() => onChoose('edit')}>
          {t('stale.edit')}
        </button>
        <button type="button" className="button button-primary" onClick={() => onChoose('send')}>
          {t('stale.sendAnyway')}
        </button>
      </div>
    </Dialog>
  );
}
