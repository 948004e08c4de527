/**
 * The undo toast (ui/undo.ts): what just happened, an Undo button and its key, for as long as Core
 * holds the change. Its live region is always in the page, so a screen reader announces each
 * offer and each outcome (undone, or too late) as it appears.
 */
import { useEffect } from 'react';
import { asAppError } from '../api/use-query.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { isInDialog, isTyping } from './keyboard.ts';
import { useUndo, type UndoOffer } from './undo.ts';

/** Z, or Ctrl/Cmd+Z where it is not a text field's own undo. */
function isUndoKey(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'z' || isTyping(e) || isInDialog(e)) return false;
  return !(e.ctrlKey && e.metaKey);
}

export function UndoToast() {
  const i18n = useI18n();
  const { t, l } = i18n;
  const offer = useUndo((s) => s.offer);
  const result = useUndo((s) => s.result);

  // Nothing one session offered outlives it (sign-out unmounts the shell).
  useEffect(() => () => useUndo.setState({ offer: null, result: null }), []);

  useEffect(() => {
    if (!offer) return;
    const timer = window.setTimeout(() => useUndo.getState().close(offer.id), offer.ms);
    const onKey = (e: KeyboardEvent) => {
      if (!isUndoKey(e)) return;
      e.preventDefault();
      void undo(offer);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('keydown', onKey);
    };
  }, [offer]);

  useEffect(() => {
    if (!result) return;
    const timer = window.setTimeout(() => useUndo.setState({ result: null }), 4000);
    return () => window.clearTimeout(timer);
  }, [result]);

  const said = result
    ? result.kind === 'done'
      ? t('undo.done')
      : result.kind === 'too_late'
        ? t('undo.tooLate')
        : t('undo.failed', { reason: l.error(result.code) })
    : null;
  return (
    <div className="undo-region" role="status" aria-live="polite">
      {offer && (
        <div className="toast undo-toast">
          <span className="toast-text">{offer.message(i18n)}</span>
          <button type="button" className="button button-small undo-button" onClick={() => void undo(offer)}>
            {t('undo.action')} <kbd aria-hidden="true">Z</kbd>
          </button>
          <span className="visually-hidden">{t('undo.hint')}</span>
        </div>
      )}
      {said && <div className={`toast ${result?.kind === 'done' ? '' : 'toast-problem'}`}>{said}</div>}
    </div>
  );
}

async function undo(offer: UndoOffer): Promise<void> {
  const { settle } = useUndo.getState();
  useUndo.getState().close(offer.id);
  try {
    await offer.undo();
    settle({ kind: 'done' });
  } catch (err) {
    const code = asAppError(err).code;
    settle(code === 'CONFLICT' ? { kind: 'too_late' } : { kind: 'failed', code });
  }
}
