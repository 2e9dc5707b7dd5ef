/**
 * Read your writes in the browser. The API answers after its read models have passed the last
 * acknowledged write, or says by how much they had not (`behind`) when they could not in time
 * (READ_YOUR_WRITES_TIMEOUT_MS). The app shows that, asks again by itself until the answer is
 * current, and drops every kept answer once the user has written something.
 */
import { useQueryClient, type Query } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { ApiProblem } from './client';

/** The API's `behind`: events not yet in the read models, which projections, how long it waited. */
export interface Behind {
  readonly events: number;
  readonly projections: readonly string[];
  readonly waitedMs: number;
}

/** How often an answer drawn from lagging read models is asked for again. */
export const BEHIND_REFETCH_MS = 2_000;

/** `behind` of an answer, or of a 404 given while the read models were behind; otherwise undefined. */
export function behindOf(answer: unknown): Behind | undefined {
  const body = answer instanceof ApiProblem ? answer.body : answer;
  const behind = typeof body === 'object' && body !== null ? (body as { behind?: unknown }).behind : undefined;
  if (typeof behind !== 'object' || behind === null) return undefined;
  const { events, projections, waitedMs } = behind as Partial<Behind>;
  return typeof events === 'number' ? { events, projections: Array.isArray(projections) ? projections : [], waitedMs: typeof waitedMs === 'number' ? waitedMs : 0 } : undefined;
}

/** The query client's default `refetchInterval`: ask again while the answer (or its 404) was behind. */
export function refetchWhileBehind(query: Query): number | false {
  return behindOf(query.state.error ?? query.state.data) ? BEHIND_REFETCH_MS : false;
}

/**
 * After an acknowledged write every kept answer may be out of date (a registration renames, an
 * appointment moves the roster, the eligibility and the reports): mark them all stale so each page
 * asks again, the session's own identity excepted.
 */
export function useAnswersStaleAfterWrite(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' }), [client]);
}

/**
 * Every page asks again when it is shown (the query client's `staleTime: 0`), but only when it is
 * mounted anew. A navigation is a React transition: a click away and straight back before the
 * first page was drawn (a slow computer, a loaded one) is one render in which the page never
 * unmounts, so nothing was asked and a sanction recorded meanwhile by another user stayed absent
 * (found through a CI failure, reproduced with the browser's CPU slowed twentyfold). On every
 * navigation the stale answers on screen are asked again; one being asked already is not asked twice.
 */
export function useAnswersAskedAgainOnNavigation(): void {
  const client = useQueryClient();
  const { key } = useLocation();
  useEffect(() => {
    void client.refetchQueries({ type: 'active', stale: true }, { cancelRefetch: false });
  }, [client, key]);
}
