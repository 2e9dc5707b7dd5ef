/**
 * The appeal decider (复核/申诉, N5): an appeal is filed once, against an existing, standing
 * SanctionImposed or AnnualAssessmentRecorded of the cadre, and decided once, after filing.
 * A late filing is recorded (N5 flags it as a finding, not a refusal).
 */
import type { AppealCommand } from '../commands';
import { cadreView, findCadreEvent } from '../cadre/cadre-state';
import { DecisionBuilder, eventOfCommand, expectedRevisionOf, MissingContextError, throwFirst, type Decision, type DecisionContext } from '../decision';
import { DomainError } from '../errors';
import { streamIdOf } from '../events/catalogue';
import { assertNever } from '../events/domain-event';
import { iAppealable, iCadreRegistered, iEventIdUnused, iNotBeforeBirth } from '../rules/integrity';

export function decideAppeal(command: AppealCommand, context: DecisionContext): Decision {
  const state = context.appeal;
  if (!state) throw new MissingContextError(`appeal ${command.appealId}`);
  throwFirst([iEventIdUnused(command.id, state.filed?.eventId === command.id || state.decided?.eventId === command.id)]);
  if (command.data.appealId !== command.appealId) {
    throw new DomainError('RULE_I_TARGET_MISMATCH', `data.appealId ${command.data.appealId} is not the addressed appeal ${command.appealId}`, {
      field: 'data.appealId',
    });
  }
  switch (command.type) {
    case 'AppealFiled': {
      if (state.filed) {
        throw new DomainError('RULE_I_APPEAL_ALREADY_FILED', `appeal ${command.appealId} is already filed (event ${state.filed.eventId})`);
      }
      const cadre = context.cadre;
      if (!cadre) throw new MissingContextError(`cadre ${command.data.cadreId}`);
      if (cadre.cadreId !== undefined && cadre.cadreId !== command.data.cadreId) {
        throw new MissingContextError(`cadre ${command.data.cadreId} (got the state of ${cadre.cadreId})`);
      }
      const view = cadreView(cadre);
      const { targetEventId } = command.data;
      throwFirst([
        iCadreRegistered(command.data.cadreId, view.registration !== undefined),
        view.registration &&
          iNotBeforeBirth(view.registration.data.birthDate, [
            { field: 'effectiveDate', date: command.effectiveDate },
            { field: 'data.learnedOfDecisionDate', date: command.data.learnedOfDecisionDate },
          ]),
        iAppealable(targetEventId, findCadreEvent(cadre, targetEventId), cadre.retractedBy.has(targetEventId)),
      ]);
      break;
    }
    case 'AppealDecided':
      if (!state.filed) {
        throw new DomainError('RULE_I_APPEAL_NOT_FILED', `appeal ${command.appealId} has not been filed`, { field: 'appealId' });
      }
      if (state.decided) {
        throw new DomainError('RULE_I_APPEAL_ALREADY_DECIDED', `appeal ${command.appealId} is already decided (event ${state.decided.eventId})`);
      }
      if (command.effectiveDate < state.filed.effectiveDate) {
        throw new DomainError(
          'RULE_I_APPEAL_DECIDED_BEFORE_FILED',
          `decided ${command.effectiveDate}, before it was filed (${state.filed.effectiveDate})`,
          { field: 'effectiveDate' },
        );
      }
      break;
    default:
      assertNever(command, 'appeal command');
  }
  return new DecisionBuilder().append(streamIdOf('appeal', command.appealId), expectedRevisionOf(state), eventOfCommand(command)).build();
}
