/**
 * The single entry point of the write side: decide a command validated at the boundary
 * (`parseCareerCommand`, its type says so) against the states in the context. Pure: no I/O, no clock. The application loads the states
 * (`streamsNeeded`, `orgUnitIdsNeeded`), calls this, and appends the decision atomically with
 * each stream's expected revision.
 */
import { decideAppeal } from './appeal/decide-appeal';
import { decideCadre, orgUnitIdsImpliedForCadre } from './cadre/decide-cadre';
import { cadreView, postsHeldOn, type CadreState } from './cadre/cadre-state';
import type { CareerCommand, ValidCareerCommand } from './commands';
import type { Decision, DecisionContext } from './decision';
import { streamIdOf } from './events/catalogue';
import { assertNever } from './events/domain-event';
import { decideOrgUnit } from './org-unit/decide-org-unit';
import { decidePolicy } from './policy/decide-policy';

/**
 * Decides any command. Throws DomainError (with a stable code and rule id) when an integrity rule
 * fails, or a policy rule fails without `override`; otherwise returns the events to append.
 */
export function decideCareerCommand(command: ValidCareerCommand, context: DecisionContext): Decision {
  switch (command.type) {
    case 'OrgUnitRegistered':
    case 'TownshipPerformanceScored':
    case 'CountyDepartmentRated':
      return decideOrgUnit(command, context);
    case 'CadreRegistered':
    case 'AppointedToPost':
    case 'RemovedFromPost':
    case 'Transferred':
    case 'SecondmentStarted':
    case 'SecondmentEnded':
    case 'TemporaryPostingStarted':
    case 'TemporaryPostingEnded':
    case 'RankSet':
    case 'RankPromoted':
    case 'AnnualAssessmentRecorded':
    case 'SanctionImposed':
    case 'SanctionRescinded':
    case 'Commended':
    case 'TrainingCompleted':
    case 'TalkHeld':
    case 'HealthCheckCompleted':
    case 'LeaderRecommended':
    case 'RepresentativeSeatTaken':
    case 'RepresentativeSeatEnded':
    case 'EntryRetracted':
      return decideCadre(command, context);
    case 'AppealFiled':
    case 'AppealDecided':
      return decideAppeal(command, context);
    case 'PolicyVersionAdopted':
      return decidePolicy(command, context);
    default:
      return assertNever(command, 'command type');
  }
}

/** The stream a command's own event goes to. */
export function commandStreamId(command: CareerCommand): string {
  if ('cadreId' in command && command.cadreId !== undefined) return streamIdOf('cadre', command.cadreId);
  if ('orgUnitId' in command && command.orgUnitId !== undefined) return streamIdOf('orgunit', command.orgUnitId);
  if ('appealId' in command && command.appealId !== undefined) return streamIdOf('appeal', command.appealId);
  return streamIdOf('policy');
}

/**
 * The aggregates to load before deciding (the policy stream always): the cadre addressed or named
 * by an AppealFiled, the appeal addressed or named by an appeal-upheld rescission, and the org
 * units the command names. Load the cadre
 * first, then ask `orgUnitIdsNeeded(command, cadre)` for the complete list of org units.
 */
export function streamsNeeded(command: CareerCommand): { cadreId?: string; relatedCadreIds: string[]; appealId?: string; orgUnitIds: string[] } {
  const needs: { cadreId?: string; relatedCadreIds: string[]; appealId?: string; orgUnitIds: string[] } = {
    orgUnitIds: orgUnitIdsNeeded(command),
    relatedCadreIds: [],
  };
  if ('cadreId' in command && command.cadreId !== undefined) needs.cadreId = command.cadreId;
  if (command.type === 'AppealFiled') needs.cadreId = command.data.cadreId;
  // TM5: a rating is decided against the rater's record, a recommendation against the recommended cadre's.
  if (command.type === 'CountyDepartmentRated') needs.cadreId = command.data.ratedByCadreId;
  if (command.type === 'LeaderRecommended' && command.data.recommendedCadreId !== command.cadreId) {
    needs.relatedCadreIds.push(command.data.recommendedCadreId);
  }
  // A talk is held with a registered cadre (I).
  if (command.type === 'TalkHeld' && command.data.withCadreId !== command.cadreId) needs.relatedCadreIds.push(command.data.withCadreId);
  if ('appealId' in command && command.appealId !== undefined) needs.appealId = command.appealId;
  // TM9: a rescission for an upheld appeal is decided against that appeal.
  if (command.type === 'SanctionRescinded' && command.data.reason === 'APPEAL_UPHELD' && command.data.appealId !== undefined) needs.appealId = command.data.appealId;
  return needs;
}

/**
 * Every org unit whose state the decision reads: the one addressed or named by the command, and
 * those implied by the cadre's record (a secondment: the org units of the posts held that day;
 * a retraction: those of the retracted post event). Pass the cadre's state for the latter.
 */
export function orgUnitIdsNeeded(command: CareerCommand, cadre?: CadreState): string[] {
  const ids: string[] = [];
  switch (command.type) {
    case 'OrgUnitRegistered':
    case 'TownshipPerformanceScored':
      ids.push(command.orgUnitId);
      break;
    case 'CountyDepartmentRated':
      // The department, and the org units of the rater's posts on the date (is the rater a township chief?).
      ids.push(command.orgUnitId);
      if (cadre) ids.push(...postsHeldOn(cadreView(cadre), command.effectiveDate).map((p) => p.orgUnitId));
      break;
    case 'AppointedToPost':
    case 'RemovedFromPost':
      ids.push(command.data.orgUnitId);
      break;
    case 'Transferred':
      ids.push(command.data.from.orgUnitId, command.data.to.orgUnitId);
      break;
    case 'SecondmentStarted':
    case 'EntryRetracted':
    case 'LeaderRecommended':
    case 'RankPromoted':
      ids.push(...orgUnitIdsImpliedForCadre(command, cadre));
      break;
    case 'CadreRegistered':
    case 'SecondmentEnded':
    case 'TemporaryPostingStarted':
    case 'TemporaryPostingEnded':
    case 'RankSet':
    case 'AnnualAssessmentRecorded':
    case 'SanctionImposed':
    case 'SanctionRescinded':
    case 'Commended':
    case 'TrainingCompleted':
    case 'TalkHeld':
    case 'HealthCheckCompleted':
    case 'RepresentativeSeatTaken':
    case 'RepresentativeSeatEnded':
    case 'AppealFiled':
    case 'AppealDecided':
    case 'PolicyVersionAdopted':
      break;
    default:
      assertNever(command, 'command type');
  }
  return [...new Set(ids)];
}
