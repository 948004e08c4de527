/**
 * Shown on the sign-in screen when this device holds another person's data (OTHER_PERSON_ON_DEVICE):
 * whose it is, whether any of their work has not reached the server, and the two ways on: sign in
 * as them, or wipe the device and sign in as the person who is here. Unsent work is never lost
 * without the person ticking that they accept losing exactly that many changes.
 */
import { useId, useState } from 'react';
import type { DeviceHolder } from '../../../shared/areas/session/channels.ts';
import { useI18n } from '../i18n/use-i18n.ts';

export function OtherPersonOnDevice({
  holder,
  newEmail,
  busy,
  onSignInAsThem,
  onWipe,
}: {
  holder: DeviceHolder;
  /** Who is signing in now. */
  newEmail: string;
  busy: boolean;
  onSignInAsThem(): void;
  /** Wipes, agreeing to lose this many unsent changes, and signs in. */
  onWipe(discardUnsent: number): void;
}) {
  const { t } = useI18n();
  const ids = useId();
  const [accepted, setAccepted] = useState(false);
  const name = holder.name ?? holder.email ?? t('signIn.otherPerson.someone');
  const count = holder.unsentChanges;
  const mayWipe = count === 0 || accepted;

  return (
    <section className="other-person" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('signIn.otherPerson.title')}</h2>
      <p role="alert">{t('signIn.otherPerson.body', { name, email: holder.email ?? '', newEmail })}</p>
      {count > 0 ? (
        <>
          <p className="wipe-pending">
            <strong>{t('signIn.otherPerson.unsent', { name, count })}</strong>
          </p>
          <label className="checkbox-field">
            <input type="checkbox" checked={accepted} disabled={busy} onChange={(e) => setAccepted(e.target.checked)} />
            {t('signIn.otherPerson.discard', { name, count })}
          </label>
        </>
      ) : (
        <p>{t('signIn.otherPerson.nothingUnsent', { name })}</p>
      )}
      <div className="other-person-actions">
        {holder.email && (
          <button type="button" className="button" autoFocus disabled={busy} onClick={onSignInAsThem}>
            {t('signIn.otherPerson.signInAsThem', { name })}
          </button>
        )}
        <button type="button" className="button button-danger" disabled={busy || !mayWipe} onClick={() => onWipe(count)}>
          {busy && <span className="spinner" aria-hidden="true" />}
          {busy ? t('signIn.otherPerson.wiping') : t('signIn.otherPerson.wipe', { newEmail })}
        </button>
      </div>
    </section>
  );
}
