/**
 * The org-unit decider. Registration happens once; performance scores (年度目标绩效考核) are kept
 * for townships only; ratings (TM5 评价权) for county departments only, one per chief and year,
 * given by a township chief (policy). Holder markers are written by the cadre decider, never by a command.
 */
import type { OrgUnitCommand } from '../commands';
import { cadreView, postsHeldOn } from '../cadre/cadre-state';
import {
  DecisionBuilder,
  eventOfCommand,
  expectedRevisionOf,
  MissingContextError,
  orgUnitFromContext,
  overrideFor,
  throwFirst,
  type Decision,
  type DecisionContext,
} from '../decision';
import { DomainError } from '../errors';
import { streamIdOf } from '../events/catalogue';
import { assertNever } from '../events/domain-event';
import { iCadreRegistered, iEventIdUnused, iNotBeforeNamedCadreBirth, iNotYetRegistered, iOrgUnitRegistered, iYearNotAfterDate } from '../rules/integrity';
import { iCountyDepartment, iRatingCorrection, iScoreCorrection, tm5RaterNotAChief } from '../rules/township-weight';
import { policyInEffect } from '../policy/policy-settings';
import { ORG_UNIT_KIND_NAMES_ZH } from '../vocabulary-zh';
import { calendarDate, type CalendarDate } from '../time/calendar-date';
import { orgUnitKind } from './org-unit-state';

/** A year's score or rating is of a unit registered by its date and by the end of that year (a unit registered later was none of the year, T4). */
function scoredOn(year: number, effectiveDate: CalendarDate): CalendarDate {
  const yearEnd = calendarDate(`${year}-12-31`);
  return effectiveDate < yearEnd ? effectiveDate : yearEnd;
}

export function decideOrgUnit(command: OrgUnitCommand, context: DecisionContext): Decision {
  const state = orgUnitFromContext(context, command.orgUnitId);
  const used =
    state.registration?.eventId === command.id || state.scores.some((s) => s.eventId === command.id) || state.ratings.some((r) => r.eventId === command.id);
  throwFirst([iEventIdUnused(command, used)]);
  const policy: DomainError[] = [];
  switch (command.type) {
    case 'OrgUnitRegistered':
      throwFirst([iNotYetRegistered('org unit', command.orgUnitId, state.registration?.eventId)]);
      break;
    case 'TownshipPerformanceScored': {
      throwFirst([iOrgUnitRegistered(command.orgUnitId, state.registration?.effectiveDate, scoredOn(command.data.year, command.effectiveDate), 'orgUnitId', command.data.year)]);
      const kind = orgUnitKind(state);
      if (kind !== 'TOWNSHIP') {
        throw new DomainError('RULE_I_NOT_A_TOWNSHIP', `${command.orgUnitId} is a ${kind}, not a TOWNSHIP`, {
          field: 'orgUnitId',
          messageZh: `${state.registration ? `${state.registration.data.name}（${command.orgUnitId}）` : command.orgUnitId} 是${kind ? ORG_UNIT_KIND_NAMES_ZH[kind] : '未登记的单位'}，不是乡镇`,
        });
      }
      throwFirst([iYearNotAfterDate(command.data.year, command.effectiveDate)]);
      const inForce = state.scores.filter((s) => s.year === command.data.year).at(-1);
      throwFirst([iScoreCorrection(command.orgUnitId, command.data.year, inForce, { ...command.data, effectiveDate: command.effectiveDate })]);
      break;
    }
    case 'CountyDepartmentRated': {
      throwFirst([iOrgUnitRegistered(command.orgUnitId, state.registration?.effectiveDate, scoredOn(command.data.year, command.effectiveDate), 'orgUnitId', command.data.year)]);
      throwFirst([iCountyDepartment(command.orgUnitId, orgUnitKind(state)), iYearNotAfterDate(command.data.year, command.effectiveDate)]);
      const { year, ratedByCadreId } = command.data;
      const rater = context.cadre;
      if (!rater || (rater.cadreId !== undefined && rater.cadreId !== ratedByCadreId)) throw new MissingContextError(`cadre ${ratedByCadreId} (the rater)`);
      const view = cadreView(rater);
      throwFirst([
        iCadreRegistered(ratedByCadreId, view.registration !== undefined, 'data.ratedByCadreId'),
        iRatingCorrection(
          command.orgUnitId,
          ratedByCadreId,
          year,
          state.ratings.filter((r) => r.year === year && r.ratedByCadreId === ratedByCadreId).at(-1),
          { ...command.data, effectiveDate: command.effectiveDate },
        ),
      ]);
      throwFirst([iNotBeforeNamedCadreBirth({ field: 'data.ratedByCadreId', cadreId: ratedByCadreId, roleZh: '测评人', birthDate: view.registration?.data.birthDate }, command.effectiveDate)]);
      const posts = postsHeldOn(view, command.effectiveDate).map((p) => ({
        orgUnitId: p.orgUnitId,
        role: p.role,
        kind: orgUnitKind(orgUnitFromContext(context, p.orgUnitId)),
      }));
      const tm5 = tm5RaterNotAChief(ratedByCadreId, posts, command.effectiveDate);
      if (tm5) policy.push(tm5);
      break;
    }
    default:
      assertNever(command, 'org-unit command');
  }
  const override = overrideFor(policy, command.override, policyInEffect(context.policy.versions, command.effectiveDate).version);
  return new DecisionBuilder().append(streamIdOf('orgunit', command.orgUnitId), expectedRevisionOf(state), eventOfCommand(command, override)).build();
}
