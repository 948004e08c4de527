/**
 * The signed-in person at the bottom of the sidebar, opening to "Sign out" and "Sign out and wipe
 * this device". Wiping removes the local cache, and with it any change not yet sent, so it asks
 * first and says how many changes that would lose.
 */
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useApi } from '../api/context.tsx';
import { asAppError } from '../api/use-query.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useSession } from '../session/SessionGate.tsx';
import { useSyncStatus } from '../sync/SyncStatusProvider.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { initials } from '../ui/initials.ts';
import { DialogActions } from '../ui/DialogActions.tsx';
import { FormError } from '../ui/FormError.tsx';

export function AccountMenu() {
  const api = useApi();
  const { t, l } = useI18n();
  const { user } = useSession();
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // A click anywhere else closes the menu, as menus do.
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const signOut = async () => {
    setError(null);
    try {
      await api.session.signOut({ wipe: false });
    } catch (err) {
      setError(l.error(asAppError(err).code));
    }
  };

  const name = user?.name ?? t('account.localUser');
  return (
    <div
      ref={rootRef}
      className="account-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <FormError>{error}</FormError>
      <button
        ref={buttonRef}
        type="button"
        className="account-button"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {/* Named by what it shows (name and role) and then what it is: a name that hid the visible
            text would fail speech users, who say what they see. */}
        <span className="avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="account-who">
          <span className="account-name truncate">{name}</span> {user && <span className="account-role">{l.role(user.role)}</span>}
        </span>{' '}
        <span className="visually-hidden">{t('account.menu')}</span>
      </button>
      {/* After the button, so Tab goes from the button into the open menu (CSS shows it above). */}
      {open && (
        <div id={menuId} className="account-menu-popup">
          <button type="button" className="menu-item" onClick={signOut}>
            {t('account.signOut')}
          </button>
          <button
            type="button"
            className="menu-item menu-item-danger"
            onClick={() => {
              setOpen(false);
              setConfirming(true);
            }}
          >
            {t('account.signOutWipe')}
          </button>
        </div>
      )}
      {confirming && <WipeDialog onClose={() => setConfirming(false)} returnFocusTo={buttonRef} />}
    </div>
  );
}

function WipeDialog({ onClose, returnFocusTo }: { onClose(): void; returnFocusTo: RefObject<HTMLButtonElement | null> }) {
  const api = useApi();
  const { t, l } = useI18n();
  const status = useSyncStatus();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = status?.pendingMutations ?? 0;

  const wipe = async () => {
    setBusy(true);
    setError(null);
    try {
      // Exactly the unsent changes shown above may go; if more were made meanwhile, Core refuses (UNSENT_CHANGES).
      await api.session.signOut({ wipe: true, discardUnsent: pending });
    } catch (err) {
      setBusy(false);
      setError(l.error(asAppError(err).code));
    }
  };

  return (
    <Dialog title={t('wipe.title')} onClose={onClose} role="alertdialog" returnFocusTo={returnFocusTo}>
      <p>{t('wipe.body')}</p>
      {pending > 0 ? (
        <p className="wipe-pending" role="status">
          <strong>{t('wipe.pending', { count: pending })}</strong>
        </p>
      ) : (
        <p role="status">{t('wipe.nothingPending')}</p>
      )}
      <DialogActions
        error={error}
        onCancel={onClose}
        action={{ label: t('wipe.confirm'), busyLabel: t('wipe.busy'), busy, destructive: true, onClick: wipe }}
      />
    </Dialog>
  );
}
