/**
 * Who is signed in decides what the console shows: the sign-in screen when nobody is, the app
 * otherwise. The state comes from `session.get` and follows `session.changed` (a sign-out in
 * another window, a session the server revoked). The app below is keyed by the person, so nothing
 * one person loaded is ever shown to the next.
 */
import { Fragment, createContext, use, useEffect, useState, type ReactNode } from 'react';
import type { SessionState } from '../../../shared/contract/channels.ts';
import type { AppError } from '../../../shared/contract/errors.ts';
import { useApi } from '../api/context.tsx';
import { asAppError } from '../api/use-query.ts';
import { ErrorState, Loading } from '../ui/DataState.tsx';
import { lazyPart } from '../ui/lazy-part.tsx';

/** Shown only while nobody is signed in: its code stays off a signed-in start (lazy-part.tsx). */
const SignInScreen = lazyPart(() => import('./SignInScreen.tsx').then((m) => m.SignInScreen));

const SessionContext = createContext<SessionState | null>(null);

/** `first`: the start's `session.get`, asked before the first render; a retry asks again. */
export function SessionGate({ children, first }: { children: ReactNode; first?: Promise<SessionState> | undefined }) {
  const api = useApi();
  const [session, setSession] = useState<SessionState | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    let heard = false;
    const off = api.on('session.changed', (next) => {
      heard = true;
      setError(null);
      setSession(next);
    });
    (attempt === 0 && first ? first : api.session.get({})).then(
      // An event that arrived meanwhile is newer than this answer.
      (next) => live && !heard && setSession(next),
      (err: unknown) => live && !heard && setError(asAppError(err)),
    );
    return () => {
      live = false;
      off();
    };
  }, [api, attempt, first]);

  if (error)
    return (
      <main className="fatal">
        <ErrorState
          error={error}
          onRetry={() => {
            setError(null);
            setAttempt((a) => a + 1);
          }}
        />
      </main>
    );
  if (!session)
    return (
      <main className="fatal">
        <Loading />
      </main>
    );
  if (session.status === 'signed_out') return <SignInScreen session={session} onSignedIn={setSession} />;
  return (
    <SessionContext value={session}>
      <Fragment key={session.user?.id ?? 'local'}>{children}</Fragment>
    </SessionContext>
  );
}

/** The signed-in session; only inside the signed-in app. */
export function useSession(): SessionState {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession() outside a signed-in <SessionGate>');
  return session;
}
