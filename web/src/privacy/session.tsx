import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { loadConfig, mintDevToken, type UiConfig } from '../shared/config';
import { ApiError, graphql, type Result } from '../shared/graphql';
import { beginSignIn, completeSignIn } from '../shared/oidc';

/**
 * Who is signed in to the console. The console holds no privilege of its own: it keeps the
 * officer's token and sends it with X-Purpose AUDIT; the gateway decides. Sign-in is checked with
 * one request that discloses no person (the destruction log's first page info), so a refused
 * role sees the refusal before anything is shown.
 */

export const REFUSAL = 'Alleen een privacy officer (FG) kan de console gebruiken.';
const TOKEN_KEY = 'ontschot.console.token';
const PURPOSE = 'AUDIT';
const PROBE = '{ vernietigingen(first: 1) { pageInfo { hasNextPage } } }';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; config: UiConfig; message?: string }
  | { status: 'refused'; config: UiConfig; message: string }
  | { status: 'signed-in'; config: UiConfig; token: string; sub: string; expiresAt: number };

interface SessionValue {
  state: SessionState;
  signInDev(role: string, org?: string): Promise<void>;
  signInOidc(): Promise<void>;
  signOut(message?: string): void;
  /** A GraphQL request as the signed-in officer; a 401 signs out. */
  query<T>(query: string, variables?: Record<string, unknown>): Promise<Result<T>>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

function claimsOf(token: string): { sub?: string; exp?: number } {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(payload)))) as { sub?: string; exp?: number };
  } catch {
    return {};
  }
}

/** What a refusal of the probe means to the person signing in. */
function refusalMessage(err: unknown): { refused: boolean; message: string } {
  if (err instanceof ApiError) {
    if (err.code === 'PURPOSE_NOT_ALLOWED' || err.code === 'FORBIDDEN' || err.code === 'ORGANISATION_NOT_ALLOWED' || err.code === 'ORGANISATION_UNKNOWN') return { refused: true, message: REFUSAL };
    if (err.code === 'UNAUTHENTICATED') return { refused: false, message: 'De aanmelding is niet geldig of verlopen. Meld opnieuw aan.' };
    if (err.code === 'RATE_LIMITED' || err.code === 'SERVICE_OVERLOADED') return { refused: false, message: 'De hub is even te druk. Probeer het zo opnieuw.' };
    return { refused: false, message: `De hub antwoordde niet zoals verwacht (${err.code}).` };
  }
  return { refused: false, message: err instanceof Error ? err.message : 'Aanmelden is mislukt.' };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const accept = useCallback(async (config: UiConfig, token: string, expiresAt?: number) => {
    try {
      await graphql(token, PURPOSE, PROBE);
    } catch (err) {
      sessionStorage.removeItem(TOKEN_KEY);
      const { refused, message } = refusalMessage(err);
      setState(refused ? { status: 'refused', config, message } : { status: 'signed-out', config, message });
      return;
    }
    const claims = claimsOf(token);
    const exp = expiresAt ?? (claims.exp ? claims.exp * 1000 : Date.now() + 3600_000);
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ token, expiresAt: exp }));
    setState({ status: 'signed-in', config, token, sub: claims.sub ?? 'onbekend', expiresAt: exp });
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      let config: UiConfig;
      try {
        config = await loadConfig();
      } catch {
        if (!cancelled) setState({ status: 'signed-out', config: { auth: 'none' }, message: 'De instellingen van de hub konden niet worden geladen.' });
        return;
      }
      if (config.auth === 'oidc' && window.location.pathname === '/privacy/callback') {
        try {
          const done = await completeSignIn(config, window.location.search);
          // The code and state leave the address bar and the history at once.
          window.history.replaceState(null, '', done.returnTo.startsWith('/privacy') ? done.returnTo : '/privacy');
          window.dispatchEvent(new PopStateEvent('popstate'));
          await accept(config, done.accessToken, done.expiresAt);
        } catch (err) {
          window.history.replaceState(null, '', '/privacy');
          window.dispatchEvent(new PopStateEvent('popstate'));
          setState({ status: 'signed-out', config, message: err instanceof Error ? err.message : 'Aanmelden is mislukt.' });
        }
        return;
      }
      const saved = sessionStorage.getItem(TOKEN_KEY);
      const parsed = saved ? (JSON.parse(saved) as { token: string; expiresAt: number }) : null;
      if (parsed && parsed.expiresAt > Date.now() + 30_000 && config.auth !== 'none') await accept(config, parsed.token, parsed.expiresAt);
      else if (!cancelled) setState({ status: 'signed-out', config });
    })();
    return () => {
      cancelled = true;
    };
  }, [accept]);

  const configOf = (s: SessionState): UiConfig => (s.status === 'loading' ? { auth: 'none' } : s.config);

  const value: SessionValue = {
    state,
    async signInDev(role, org) {
      const config = configOf(state);
      try {
        await accept(config, await mintDevToken(role, org));
      } catch (err) {
        setState({ status: 'signed-out', config, message: err instanceof Error ? `Er kon geen ontwikkeltoken worden gemaakt: ${err.message}` : 'Aanmelden is mislukt.' });
      }
    },
    async signInOidc() {
      const config = configOf(state);
      if (config.auth !== 'oidc') return;
      try {
        await beginSignIn(config, `${window.location.origin}/privacy/callback`, window.location.pathname);
      } catch (err) {
        setState({ status: 'signed-out', config, message: err instanceof Error ? err.message : 'Aanmelden is mislukt.' });
      }
    },
    signOut(message) {
      sessionStorage.removeItem(TOKEN_KEY);
      setState({ status: 'signed-out', config: configOf(state), message });
    },
    async query<T>(query: string, variables?: Record<string, unknown>) {
      if (state.status !== 'signed-in') throw new ApiError('UNAUTHENTICATED', 'Niet aangemeld', 401);
      try {
        return await graphql<T>(state.token, PURPOSE, query, variables);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) value.signOut('Uw aanmelding is verlopen. Meld opnieuw aan.');
        else if (err instanceof ApiError && err.code === 'PURPOSE_NOT_ALLOWED') setState({ status: 'refused', config: configOf(state), message: REFUSAL });
        throw err;
      }
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
