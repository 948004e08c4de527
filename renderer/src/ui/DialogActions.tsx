/**
 * The foot of every dialog that asks for one thing: what went wrong, if anything, then Cancel and
 * the dialog's action. The action submits the dialog's form unless it has an onClick of its own;
 * a destructive one (delete, merge, wipe) says so in red and takes no focus by default, Cancel does.
 */
import { useI18n } from '../i18n/use-i18n.ts';
import { FormError } from './FormError.tsx';

export interface DialogAction {
  label: string;
  /** Shown instead of the label while the action runs. */
  busyLabel?: string;
  busy?: boolean;
  disabled?: boolean;
  destructive?: boolean;
  /** Without it, the action is the form's submit button. */
  onClick?: () => void;
}

export function DialogActions({ error, onCancel, action }: { error?: string | null; onCancel: () => void; action: DialogAction }) {
  const { t } = useI18n();
  return (
    <>
      <FormError>{error}</FormError>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} data-autofocus={action.destructive ? true : undefined}>
          {t('dialog.cancel')}
        </button>
        <button
          type={action.onClick ? 'button' : 'submit'}
          className={`button ${action.destructive ? 'button-danger' : 'button-primary'}`}
          disabled={action.busy || action.disabled}
          aria-busy={action.busy || undefined}
          onClick={action.onClick}
        >
          {action.busy && action.busyLabel ? action.busyLabel : action.label}
        </button>
      </div>
    </>
  );
}
