/**
 * A modal dialog. Focus moves into it, Tab and Shift+Tab cycle inside it, Esc closes it, and on
 * close focus returns to whatever had it before (usually the button that opened it). The rest of
 * the page is made inert meanwhile, so neither the pointer nor a screen reader wanders behind it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../i18n/use-i18n.ts';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

export function Dialog(props: {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** 'alert' for a confirmation that interrupts (e.g. before losing data). */
  role?: 'dialog' | 'alertdialog';
  className?: string;
  /** Where focus goes on close when the element that opened the dialog is gone (e.g. a menu item). */
  returnFocusTo?: RefObject<HTMLElement | null>;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const returnFocusTo = props.returnFocusTo;

  // Read while rendering, before any effect of the dialog's content has moved the focus inside it.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null,
  );

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const fallback = returnFocusTo?.current;
    const layer = root.parentElement;
    const behind = [...document.body.children].filter((el) => el !== layer && !el.hasAttribute('inert'));
    for (const el of behind) el.setAttribute('inert', '');
    (root.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(root)[0] ?? root).focus();
    return () => {
      for (const el of behind) el.removeAttribute('inert');
      (opener?.isConnected ? opener : fallback)?.focus();
    };
  }, [opener, returnFocusTo]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      props.onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = focusables(ref.current);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) {
      e.preventDefault();
      return;
    }
    if (e.shiftKey && (document.activeElement === first || document.activeElement === ref.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="dialog-layer">
      <div
        ref={ref}
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={`dialog ${props.className ?? ''}`}
        onKeyDown={onKeyDown}
      >
        <header className="dialog-header">
          <h2 id={titleId} className="dialog-title">
            {props.title}
          </h2>
          <button
            type="button"
            className="icon-button"
            aria-label={t('dialog.close')}
            title={t('dialog.closeHint')}
            onClick={props.onClose}
          >
            <span aria-hidden="true">×</span>
          </button>
        </header>
        {props.children}
      </div>
    </div>,
    document.body,
  );
}
