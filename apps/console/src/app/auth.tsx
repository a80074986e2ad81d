import type { LoginBody, Permission, SessionBody, StaffUser } from '@dltt/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { authApi } from '../features/auth/auth.api.ts';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from './api.ts';

export type AuthState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'anonymous' }
  | { status: 'signedIn'; session: SessionBody };

interface AuthValue {
  state: AuthState;
  login(body: LoginBody): Promise<void>;
  logout(): Promise<void>;
  /** Asks the server who is signed in (start-up, and the retry button when it failed). */
  restore(): Promise<void>;
  /** The signed-in user changed their password: the server no longer asks them to. */
  passwordChanged(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const apply = useCallback((session: SessionBody | null) => {
    setCsrfToken(session?.csrfToken ?? '');
    setState(session ? { status: 'signedIn', session } : { status: 'anonymous' });
  }, []);

  const restore = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      apply(await authApi.session());
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) apply(null);
      else setState({ status: 'failed', error });
    }
  }, [apply]);

  useEffect(() => {
    setUnauthenticatedHandler(() => apply(null));
    void restore();
  }, [apply, restore]);

  const login = useCallback(async (body: LoginBody) => apply(await authApi.login(body)), [apply]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      apply(null);
    }
  }, [apply]);

  const passwordChanged = useCallback(
    () =>
      setState((s) =>
        s.status === 'signedIn'
          ? { ...s, session: { ...s.session, user: { ...s.session.user, mustChangePassword: false } } }
          : s,
      ),
    [],
  );

  const value = useMemo(
    () => ({ state, login, logout, restore, passwordChanged }),
    [state, login, logout, restore, passwordChanged],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in session; only for components rendered behind the sign-in gate. */
export function useSession(): { user: StaffUser; can(permission: Permission): boolean } {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useSession without a session');
  const { user, permissions } = state.session;
  return { user, can: (permission) => permissions.includes(permission) };
}
