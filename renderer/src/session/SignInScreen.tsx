/**
 * Signing in to a server: its address (remembered from the last time), email and password. Errors
 * are translated by code and put next to the field they concern; a wrong email and a wrong
 * password read the same, so the form never tells which accounts exist. A device holding another
 * person's data says so and offers the ways on (OtherPersonOnDevice).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { DeviceHolder } from '../../../shared/areas/session/channels.ts';
import type { SessionState } from '../../../shared/contract/channels.ts';
import type { AppError } from '../../../shared/contract/errors.ts';
import { useApi } from '../api/context.tsx';
import { asAppError } from '../api/use-query.ts';
import type { MessageKey } from '../i18n/catalog.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { OtherPersonOnDevice } from './OtherPersonOnDevice.tsx';

type Field = 'serverUrl' | 'email' | 'password';

/** What went wrong, in words, and which field to send the person back to. */
function describe(error: AppError): { message: MessageKey; field: Field | null } {
  switch (error.code) {
    case 'UNAUTHORIZED':
      return { message: 'signIn.error.credentials', field: 'password' };
    case 'UNAVAILABLE':
      return { message: 'signIn.error.unreachable', field: 'serverUrl' };
    case 'RATE_LIMITED':
      return { message: 'signIn.error.rateLimited', field: null };
    case 'VALIDATION': {
      const paths = (error.issues ?? []).map((i) => i.path);
      if (paths.some((p) => p.startsWith('serverUrl'))) return { message: 'signIn.error.address', field: 'serverUrl' };
      return { message: 'signIn.error.missing', field: paths.some((p) => p.startsWith('email')) ? 'email' : 'password' };
    }
    default:
      return { message: `error.${error.code}`, field: null };
  }
}

export function SignInScreen({ session, onSignedIn }: { session: SessionState; onSignedIn(session: SessionState): void }) {
  const api = useApi();
  const { t } = useI18n();
  const ids = useId();
  const [serverUrl, setServerUrl] = useState(session.rememberedServerUrl ?? '');
  const [email, setEmail] = useState(session.rememberedEmail ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: MessageKey; field: Field | null } | null>(null);
  /** Whose data this device holds, once signing in found it is someone else's. */
  const [holder, setHolder] = useState<DeviceHolder | null>(null);
  // Start where there is something left to type.
  const firstEmpty: Field = !serverUrl ? 'serverUrl' : !email ? 'email' : 'password';
  const [autoFocus] = useState(firstEmpty);

  const signIn = async (replaceDeviceData?: { discardUnsent: number }) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const credentials = { serverUrl: serverUrl.trim(), email: email.trim(), password };
      onSignedIn(await api.session.signIn(replaceDeviceData ? { ...credentials, replaceDeviceData } : credentials));
    } catch (err) {
      const failure = asAppError(err);
      if (failure.code === 'OTHER_PERSON_ON_DEVICE' || failure.code === 'UNSENT_CHANGES') {
        // Whose data it is, and how much of it is unsent, as Core has it now.
        const current = await api.session.get({}).catch(() => session);
        setHolder(current.deviceHolder ?? { name: null, email: null, serverUrl: null, unsentChanges: 0 });
        setBusy(false);
        if (failure.code === 'UNSENT_CHANGES') setError({ message: 'error.UNSENT_CHANGES', field: null });
        return;
      }
      const problem = describe(failure);
      setHolder(null);
      setBusy(false);
      setError(problem);
      if (problem.field === 'password') setPassword('');
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void signIn();
  };

  /** Back to the form with the other person's server and email: only their password is left to type. */
  const signInAsThem = (them: DeviceHolder) => {
    if (them.serverUrl) setServerUrl(them.serverUrl);
    setEmail(them.email ?? '');
    setPassword('');
    setHolder(null);
    setError(null);
    document.getElementById(`${ids}-password`)?.focus();
  };

  // Back to the field at fault, once it is enabled again (a disabled field cannot take focus).
  useEffect(() => {
    if (error?.field) document.getElementById(`${ids}-${error.field}`)?.focus();
  }, [error, ids]);

  const errorId = `${ids}-error`;
  const fieldProps = (field: Field) => ({
    id: `${ids}-${field}`,
    autoFocus: autoFocus === field,
    'aria-invalid': error?.field === field ? true : undefined,
    'aria-describedby': error?.field === field ? errorId : undefined,
    disabled: busy,
  });

  return (
    <main className="sign-in">
      <form className="sign-in-card" aria-labelledby={`${ids}-title`} aria-busy={busy} onSubmit={submit} noValidate>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </div>
        <h1 id={`${ids}-title`}>{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        <label className="field" htmlFor={`${ids}-serverUrl`}>
          <span className="field-label">{t('signIn.serverUrl')}</span>
          <input
            {...fieldProps('serverUrl')}
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://support.example.com"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
          />
        </label>
        <label className="field" htmlFor={`${ids}-email`}>
          <span className="field-label">{t('signIn.email')}</span>
          <input
            {...fieldProps('email')}
            type="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field" htmlFor={`${ids}-password`}>
          <span className="field-label">{t('signIn.password')}</span>
          <input
            {...fieldProps('password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p id={errorId} className="form-error" role="alert">
            {t(error.message, { server: serverUrl.trim() })}
          </p>
        )}
        {holder && (
          <OtherPersonOnDevice
            // A new refusal (e.g. more unsent changes than were shown) asks for the confirmation again.
            key={holder.unsentChanges}
            holder={holder}
            newEmail={email.trim()}
            busy={busy}
            onSignInAsThem={() => signInAsThem(holder)}
            onWipe={(discardUnsent) => void signIn({ discardUnsent })}
          />
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy && <span className="spinner" aria-hidden="true" />}
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
