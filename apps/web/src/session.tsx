/**
 * The signed-in session: the pasted token (sessionStorage: gone when the tab closes) and what the
 * API says the caller is (GET /v1/me). Pages ask `can(capability)` so nothing a role may not do
 * is offered.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, SIGNED_OUT_EVENT, tokenStore, unwrap } from './api/client';
import type { components } from './api/openapi';
import { discardRecordDraftNotBy } from './record-draft';

export type Me = components['schemas']['MeAnswerDto'];
export type Capability = Me['capabilities'][number];

interface Session {
  token: string | null;
  me: Me | undefined;
  loading: boolean;
  /**
   * The token could not be checked (no answer from the service; a refused token ends the session
   * instead): the pages say so and offer a retry (a reload with the service stopped spun
   * “正在核对令牌…” for ever, found walking the app).
   */
  checkFailed: boolean;
  retryCheck(): void;
  signIn(token: string): Promise<Me>;
  signOut(): void;
  can(capability: Capability): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => tokenStore.get());
  const client = useQueryClient();
  const me = useQuery({
    queryKey: ['me', token],
    enabled: token !== null,
    staleTime: Infinity,
    retry: false,
    queryFn: () => unwrap(api.GET('/v1/me')),
  });
  const signOut = useCallback(() => {
    tokenStore.clear();
    setToken(null);
    client.clear();
  }, [client]);
  useEffect(() => {
    window.addEventListener(SIGNED_OUT_EVENT, signOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signOut);
  }, [signOut]);
  const signIn = useCallback(
    async (candidate: string) => {
      const answer = await client.fetchQuery({
        queryKey: ['me', candidate],
        queryFn: () => unwrap(api.GET('/v1/me', { headers: { Authorization: `Bearer ${candidate}` } })),
        staleTime: Infinity,
        retry: false,
      });
      // A record form's draft another user left in this tab is not theirs to see (record-draft).
      discardRecordDraftNotBy(answer);
      tokenStore.set(candidate);
      setToken(candidate);
      return answer;
    },
    [client],
  );
  const value: Session = {
    token,
    me: me.data,
    loading: token !== null && me.isPending,
    checkFailed: token !== null && me.isError && me.data === undefined,
    retryCheck: () => void me.refetch(),
    signIn,
    signOut,
    can: (capability) => me.data?.capabilities.includes(capability) ?? false,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
