/**
 * The policy stream's state (`policy`): every adopted version of the settings (RULES.md: a policy
 * is versioned data with an effective date). Use `policyInEffect(state.versions, date)`.
 */
import type { RecordedEvent } from '../events/domain-event';
import type { PolicyVersion } from './policy-settings';

export interface PolicyState {
  /** Revision of the stream's last event; undefined while the stream does not exist. */
  readonly revision: number | undefined;
  /** Adopted versions in append order (the defaults of RULES.md apply where none is in effect). */
  readonly versions: readonly PolicyVersion[];
}

export const initialPolicyState: PolicyState = { revision: undefined, versions: [] };

/** Evolve (pure). Only PolicyVersionAdopted lives in the policy stream. */
export function evolvePolicy(state: PolicyState, event: RecordedEvent): PolicyState {
  if (event.type !== 'PolicyVersionAdopted') return { ...state, revision: event.revision };
  return { revision: event.revision, versions: [...state.versions, event.data] };
}
