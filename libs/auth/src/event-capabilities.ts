/**
 * Which capability writing each event type needs: the one table every way in reads (the write
 * routes, the HTTP import, the CLI import). Typed over every public event type of the domain, so a
 * new event type without a capability does not compile.
 */
import { COMMAND_TYPES, EVENT_CATALOGUE, EVENT_TYPE_NAMES_ZH, isCommandType, type CommandType, type StreamCategory } from '@ledger/domain';
import { CAPABILITIES, may, roleZh, type Capability, type Role } from './roles';

export const EVENT_CAPABILITIES: { readonly [T in CommandType]: Capability } = {
  OrgUnitRegistered: 'recordCareerEvents',
  TownshipPerformanceScored: 'recordCareerEvents',
  CountyDepartmentRated: 'recordCareerEvents',
  LeaderRecommended: 'recordCareerEvents',
  RepresentativeSeatTaken: 'recordCareerEvents',
  RepresentativeSeatEnded: 'recordCareerEvents',
  CadreRegistered: 'recordCareerEvents',
  AppointedToPost: 'recordCareerEvents',
  RemovedFromPost: 'recordCareerEvents',
  Transferred: 'recordCareerEvents',
  SecondmentStarted: 'recordCareerEvents',
  SecondmentEnded: 'recordCareerEvents',
  TemporaryPostingStarted: 'recordCareerEvents',
  TemporaryPostingEnded: 'recordCareerEvents',
  RankSet: 'recordCareerEvents',
  RankPromoted: 'recordCareerEvents',
  AnnualAssessmentRecorded: 'recordCareerEvents',
  SanctionImposed: 'recordCareerEvents',
  SanctionRescinded: 'recordCareerEvents',
  Commended: 'recordCareerEvents',
  TrainingCompleted: 'recordCareerEvents',
  TalkHeld: 'recordCareerEvents',
  HealthCheckCompleted: 'recordCareerEvents',
  EntryRetracted: 'recordCareerEvents',
  AppealFiled: 'recordAppealEvents',
  AppealDecided: 'recordAppealEvents',
  PolicyVersionAdopted: 'adoptPolicy',
};

/** Why a caller may not write an event type: the capability it lacks and who holds it. */
export interface EventTypeRefusal {
  readonly code: 'FORBIDDEN_EVENT_TYPE';
  readonly type: CommandType;
  readonly role: Role;
  readonly capability: Capability;
  readonly allowedRoles: readonly Role[];
  readonly message: string;
  /** The same in Chinese: the role and the event type by their Chinese names, with the same codes. */
  readonly messageZh: string;
}

/** undefined when `role` may write `type`; otherwise the refusal. Unknown types are the schema's business. */
export function eventTypeRefusal(role: Role, type: string): EventTypeRefusal | undefined {
  if (!isCommandType(type)) return undefined;
  const capability = EVENT_CAPABILITIES[type];
  if (may(role, capability)) return undefined;
  return {
    code: 'FORBIDDEN_EVENT_TYPE',
    type,
    role,
    capability,
    allowedRoles: CAPABILITIES[capability],
    message: `role ${role} may not write ${type}: it needs ${capability}`,
    messageZh: `角色${roleZh(role)}无权录入“${EVENT_TYPE_NAMES_ZH[type]}”（${type}）这类事项：需要权限 ${capability}`,
  };
}

/**
 * The capability of a write route's stream category: the route's guard needs it. A category whose
 * event types need different capabilities has no single one, and the route must not pretend it does.
 */
export function capabilityOfCategory(category: StreamCategory): Capability {
  const needed = new Set(COMMAND_TYPES.filter((t) => EVENT_CATALOGUE[t].category === category).map((t) => EVENT_CAPABILITIES[t]));
  if (needed.size !== 1) throw new Error(`event types of category ${category} need ${[...needed].join(', ') || 'no capability'}: route them per type`);
  return [...needed][0]!;
}

/** The roles allowed to send an import file: those that may write at least one event type (each line is then checked). */
export const IMPORTING_ROLES: readonly Role[] = [...new Set(COMMAND_TYPES.flatMap((t) => CAPABILITIES[EVENT_CAPABILITIES[t]]))];

/** An event a retraction targets, as stored: the appeal outcome it carries out, if any. */
export interface RetractionTarget {
  readonly eventId: string;
  /**
   * The appeal decision that wrote it as its remedy (domain decide-appeal.ts), or the appeal a
   * rescission entered by hand names (domain appealOutcomeOf); null for any other event.
   */
  readonly causationId: string | null;
}

/**
 * An EntryRetracted of a remedy an upheld appeal's decision wrote (its rescission, retraction or
 * corrected grade) undoes the decision's outcome: it needs the capability that writes appeal
 * decisions and their remedies, as well as the one that writes retractions (found by a review: a
 * clerk, who may not decide an appeal, reversed its remedy over the route and the import alike).
 * undefined when `role` may retract `target` (or there is no such event: the domain refuses that).
 */
export function remedyRetractionRefusal(role: Role, target: RetractionTarget | undefined): EventTypeRefusal | undefined {
  if (!target?.causationId) return undefined;
  const capability: Capability = 'recordAppealEvents';
  if (may(role, capability)) return undefined;
  return {
    code: 'FORBIDDEN_EVENT_TYPE',
    type: 'EntryRetracted',
    role,
    capability,
    allowedRoles: CAPABILITIES[capability],
    message: `role ${role} may not retract ${target.eventId}: it carries out an appeal’s outcome (${target.causationId}), and undoing it needs ${capability}`,
    messageZh: `角色${roleZh(role)}无权撤回 ${target.eventId}：该记录落实复核或申诉的结果（${target.causationId}），撤回需要权限 ${capability}`,
  };
}
