/** The loading, empty and error states every data view shows, with errors translated by code. */
import type { ReactNode } from 'react';
import type { AppError } from '../../../shared/contract/errors.ts';
import { useI18n } from '../i18n/use-i18n.ts';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="state state-empty" role="status">
      {children}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: AppError; onRetry?: () => void }) {
  const { t, l } = useI18n();
  return (
    <div className="state state-error" role="alert">
      <strong>{t('state.errorTitle')}</strong>
      <p>{l.error(error.code)}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

/** A page whose data is not ready: its way back, then the loading or error state. */
export function NotReady({
  back,
  state,
}: {
  back?: ReactNode;
  state: { status: 'loading' | 'error'; error: AppError | null; reload: () => void };
}) {
  return (
    <div className="page">
      {back}
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : <Loading />}
    </div>
  );
}
