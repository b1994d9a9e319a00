import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, type Health, type Me, setUnauthorizedHandler } from './api';

/** What the whole app knows about the server and the signed-in user. */
export interface Session {
  health: Health;
  user: Me | null;
  /** True when the user was signed out because the server ended the session. */
  expired: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown; retry(): void }
  | { status: 'ready'; session: Session };

const SessionContext = createContext<Session | null>(null);

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

  const session = useMemo(
    () => (health ? { health, user, expired, signIn, signOut } : null),
    [health, user, expired, signIn, signOut],
  );

  if (session) return { status: 'ready', session };
  if (error) return { status: 'failed', error, retry: () => setAttempt((n) => n + 1) };
  return { status: 'loading' };
}

function signedOutOn401(error: unknown): null {
  if (error instanceof ApiError && error.status === 401) return null;
  throw error;
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>');
  return session;
}
