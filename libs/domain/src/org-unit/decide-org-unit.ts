/**
 * The org-unit decider. Registration happens once; performance scores (年度目标绩效考核) are kept
 * for townships only. Holder markers are written by the cadre decider, never by a command.
 */
import type { OrgUnitCommand } from '../commands';
import { DecisionBuilder, eventOfCommand, expectedRevisionOf, orgUnitFromContext, throwFirst, type Decision, type DecisionContext } from '../decision';
import { DomainError } from '../errors';
import { streamIdOf } from '../events/catalogue';
import { assertNever } from '../events/domain-event';
import { iEventIdUnused, iNotYetRegistered, iOrgUnitRegistered } from '../rules/integrity';
import { orgUnitKind } from './org-unit-state';

export function decideOrgUnit(command: OrgUnitCommand, context: DecisionContext): Decision {
  const state = orgUnitFromContext(context, command.orgUnitId);
  const used = state.registration?.eventId === command.id || state.scores.some((s) => s.eventId === command.id);
  throwFirst([iEventIdUnused(command.id, used)]);
  switch (command.type) {
    case 'OrgUnitRegistered':
      throwFirst([iNotYetRegistered('org unit', command.orgUnitId, state.registration?.eventId)]);
      break;
    case 'TownshipPerformanceScored': {
      throwFirst([iOrgUnitRegistered(command.orgUnitId, state.registration !== undefined, 'orgUnitId')]);
      const kind = orgUnitKind(state);
      if (kind !== 'TOWNSHIP') {
        throw new DomainError('RULE_I_NOT_A_TOWNSHIP', `${command.orgUnitId} is a ${kind}, not a TOWNSHIP`, { field: 'orgUnitId' });
      }
      break;
    }
    default:
      assertNever(command, 'org-unit command');
  }
  // No policy rule applies to org-unit events: an override is not recorded.
  return new DecisionBuilder().append(streamIdOf('orgunit', command.orgUnitId), expectedRevisionOf(state), eventOfCommand(command)).build();
}
