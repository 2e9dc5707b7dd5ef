/**
 * The check every way in (the write route, the HTTP import, the CLI import) makes for a retraction
 * beside its event type's (EVENT_CAPABILITIES): a target an upheld appeal's decision wrote as its
 * remedy needs the appeal capability too (`remedyRetractionRefusal`, libs/auth).
 *
 * Asked as the command is decided, on the very cadre state it is decided on (the group commit's
 * batch or the import's chunk included), never before: a check on the store as the command
 * arrived missed a remedy being written meanwhile, and a clerk's retraction sent a moment after
 * the decision undid it (found by a review: 10 of 12 such retractions stored).
 */
import { may, remedyRetractionRefusal, type EventTypeRefusal, type Role } from '@ledger/auth';
import { remedyDecisionOf, type DecisionContext, type ValidCareerCommand } from '@ledger/domain';

/** A command the caller's role may not write: 403 over a route, a line rejected `AUTH` in an import. */
export class ForbiddenEventError extends Error {
  constructor(readonly refusal: EventTypeRefusal) {
    super(refusal.message);
    this.name = 'ForbiddenEventError';
  }
}

/** Throws ForbiddenEventError when `role` may not retract the target `command` names on `context`'s cadre. */
export function refuseRemedyRetraction(role: Role | undefined, command: ValidCareerCommand, context: DecisionContext): void {
  if (role === undefined || command.type !== 'EntryRetracted' || may(role, 'recordAppealEvents') || !context.cadre) return;
  const targetEventId = command.data.targetEventId;
  const decidedBy = remedyDecisionOf(context.cadre, targetEventId);
  const refusal = remedyRetractionRefusal(role, decidedBy === undefined ? undefined : { eventId: targetEventId, causationId: decidedBy });
  if (refusal) throw new ForbiddenEventError(refusal);
}
