/**
 * The way into the new-ticket dialog: a button in the top bar, and C anywhere the person is not
 * typing (and no other dialog is open), as in the help desks agents already know.
 */
import { useEffect } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { isBareShortcut } from '../../ui/keyboard.ts';
import { useNewTicket } from './new-ticket-store.ts';
import { NewTicketDialog } from './NewTicketDialog.tsx';

export function NewTicketButton() {
  const { t } = useI18n();
  const { open, show, hide } = useNewTicket();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'c' || !isBareShortcut(e)) return;
      e.preventDefault();
      useNewTicket.getState().show();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      // Signing out unmounts the app: the next person does not find a half-filled dialog.
      useNewTicket.getState().hide();
    };
  }, []);

  return (
    <>
      <button type="button" className="button button-primary new-ticket-button" onClick={show} aria-keyshortcuts="C">
        {t('newTicket.open')} <kbd aria-hidden="true">C</kbd>
      </button>
      {open && <NewTicketDialog onClose={hide} />}
    </>
  );
}
