/**
 * The ids an appeal decision's remedy events take (N5, TM9): derived from the decision's id, so a
 * retry derives them again and a read model finds a decision's remedies without the events.
 */
import { derivedEventId } from '../events/derived-event-id';

/** The ids a decision's remedy events take (derived from the decision's id, so a retry derives them again). */
export const remedyEventId = {
  rescind: (decisionId: string) => derivedEventId(decisionId, 'rescind'),
  retract: (decisionId: string) => derivedEventId(decisionId, 'retract'),
  regrade: (decisionId: string) => derivedEventId(decisionId, 'regrade'),
};

/** Every id a decision on an appeal may have written beside its own: what an idempotent retry looks up. */
export function remedyEventIds(decisionId: string): string[] {
  return [remedyEventId.rescind(decisionId), remedyEventId.retract(decisionId), remedyEventId.regrade(decisionId)];
}
