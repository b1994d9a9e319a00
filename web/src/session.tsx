import { createContext, lazy, type ReactNode, Suspense, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, type Health, type Me, setUnauthorizedHandler } from './api';

/** What the whole app knows about the server and the signed-in user. */
export interface Session {
  health: Health;
  user: Me | null;
  /** True when the user was signed out because the server ended the session. */
  expired: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Ends every session of the user, this one included, and returns to sign-in. */
  signOutEverywhere(): Promise<void>;
  /** Changes the user's password; resolves to the number of other sessions that ended. */
  changePassword(currentPassword: string, newPassword: string): Promise<number>;
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown; retry(): void }
  | { status: 'ready'; session: Session };

const SessionContext = createContext<Session | null>(null);

const ForcedPasswordChange = lazy(() =>
  import('./pages/account/forced-password-change').then((module) => ({ default: module.ForcedPasswordChange })),
);

/** Loads `/api/health` and `/api/me` once, then tracks sign-in and sign-out. */
export function useSessionLoader(): SessionState {
  const [health, setHealth] = useState<Health | null>(null);
  const [user, setUser] = useState<Me | null>(null);
  const [expired, setExpired] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const signedIn = useRef(false);

  useEffect(() => {
    signedIn.current = user !== null;
  }, [user]);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    Promise.all([api.health(), api.me().then((answer) => answer.user, signedOutOn401)])
      .then(([nextHealth, nextUser]) => {
        if (cancelled) return;
        setHealth(nextHealth);
        setUser(nextUser);
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(failure);
      });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(() => {
    // Any request answered 401 while signed in (the session expired, was ended elsewhere or by
    // an administrator) returns to the sign-in page, which says the session ended.
    setUnauthorizedHandler(() => {
      if (!signedIn.current) return;
      setExpired(true);
      setUser(null);
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await api.login(username, password);
    setExpired(false);
    setUser(answer.user);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setExpired(false);
      setUser(null);
    }
  }, []);

  const signOutEverywhere = useCallback(async () => {
    await api.logoutEverywhere();
    setExpired(false);
    setUser(null);
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const answer = await api.changePassword(currentPassword, newPassword);
    setUser((current) => (current ? { ...current, mustChangePassword: false } : current));
    return answer.endedSessions;
  }, []);

  const session = useMemo(
    () => (health ? { health, user, expired, signIn, signOut, signOutEverywhere, changePassword } : null),
    [health, user, expired, signIn, signOut, signOutEverywhere, changePassword],
  );

  if (session) return { status: 'ready', session };
  if (error) return { status: 'failed', error, retry: () => setAttempt((n) => n + 1) };
  return { status: 'loading' };
}

function signedOutOn401(error: unknown): null {
  if (error instanceof ApiError && error.status === 401) return null;
  throw error;
}

/**
 * Provides the session to the app. A user holding a password an administrator set sees only the
 * form to choose their own (the server refuses everything else until then).
 */
export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return (
    <SessionContext.Provider value={session}>
      {session.user?.mustChangePassword ? (
        <Suspense fallback={null}>
          <ForcedPasswordChange />
        </Suspense>
      ) : (
        children
      )}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>');
  return session;
}
