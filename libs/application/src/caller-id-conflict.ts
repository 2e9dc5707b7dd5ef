/**
 * A conflict on an event id as the caller of one command is told it. The store names the id it
 * refused and where that id is stored; a command also writes ids derived from its own (a township
 * post's holder marker `ID:ORGUNIT:ROLE`, an upheld appeal's remedy `ID:rescind`), which a caller
 * never sent. Found by a review: an id derived from a new command that another event already had
 * was refused "is new, but other events of the same write are already stored … not a retry", or
 * named the other cadre's stream and revision to a clerk who may not read it.
 */
import { EventIdConflictError } from '@ledger/event-store';

const DERIVED_TAKEN = 'derives an event id (a post-holder marker ID:ORGUNIT:ROLE or an appeal decision’s remedy ID:rescind/retract/regrade) that another event already has: record this fact under another id';

export function conflictForTheCaller(commandId: string, error: EventIdConflictError): EventIdConflictError {
  if (error.eventId !== commandId) return new EventIdConflictError(commandId, `${DERIVED_TAKEN} (${error.eventId})`);
  // The command's own id new, ids derived from it stored: taken by other events, since a write is stored whole or not at all.
  if (error.message.includes('is new, but other events of the same write are already stored')) return new EventIdConflictError(commandId, DERIVED_TAKEN);
  // Which stream holds it is not said: the caller may not read that stream (as `alreadyStored` answers).
  if (/is already stored \(stream .+, revision \d+\) with a different body$/.test(error.message)) return new EventIdConflictError(commandId, 'is already recorded for a different fact');
  return error;
}
