/**
 * The cadre decider: `decideCadre(command, context) → decision`. Integrity first (the record
 * must stay coherent: the view with the new event may hold no new anomaly; org
 * units must exist; P2), then policy (TM4, N1, N2), lifted only by an explicit override.
 */
import { errorTitleZh } from '../error-titles-zh';
import type { CadreCommand, CareerCommandOf } from '../commands';
import {
  asRecorded,
  DecisionBuilder,
  eventOfCommand,
  expectedRevisionOf,
  MissingContextError,
  orgUnitFromContext,
  overrideFor,
  throwFirst,
  type Decision,
  type DecisionContext,
  type PendingEvent,
} from '../decision';
import { DomainError, type DomainErrorCode } from '../errors';
import { streamIdOf } from '../events/catalogue';
import { assertNever, type RecordedEvent } from '../events/domain-event';
import { orgUnitHolders, orgUnitKind, type OrgUnitState } from '../org-unit/org-unit-state';
import { postHolderMarker } from '../org-unit/post-holder-marker';
import { policyInEffect, type PolicySettings } from '../policy/policy-settings';
import {
  iCadreRegistered,
  iCommendationCycle,
  iEventIdUnused,
  iNotBeforeNamedCadreBirth,
  iOrgUnitRegistered,
  iPlannedEndNotBeforeStart,
  iRescissionNotBeforeSanction,
  iRetractable,
  iTalkPartner,
  iTransferBetweenDifferentPosts,
  iYearNotAfterDate,
} from '../rules/integrity';
import { isSingleHolderPost, isTownshipLeadershipPost, p2NewConflicts, p2OverlapsLaterHolder, p2PostOccupied, holderTimeline } from '../rules/posts';
import { n1CeilingViolation, n1LadderViolations, n2Violations, N2_LEADING_POST_ALTERNATIVE, sectionLeadingLevel, type LeadingPostHolding } from '../rules/rank-promotion';
import { tm9RescissionViolation } from '../rules/rescissions';
import { n4GradeViolation } from '../rules/sanction-grade';
import { tm4ChiefMoveViolation, tm4SecondmentViolations } from '../rules/stability';
import { iRecommendable, tm5RecommenderNotASecretary, tm6aCountyPoolBasis, type PostWithKind } from '../rules/township-weight';
import type { CalendarDate } from '../time/calendar-date';
import type { Rank, Role } from '../vocabulary';
import { postZh } from '../vocabulary-zh';
import {
  cadreView,
  continuousHoldingStart,
  findCadreEvent,
  foreseeFold,
  hasCadreEvent,
  initialCadreState,
  postsHeldOn,
  sanctionRecordsOf,
  type CadreFact,
  type CadreState,
  type CadreView,
} from './cadre-state';

/** `recordedAt` of an event not stored yet: after every stored one. */
const PENDING_RECORDED_AT = '9999-12-31T23:59:59.999Z';

/** Decides a cadre command against `context.cadre` (and the org units it names). */
export function decideCadre(command: CadreCommand, context: DecisionContext): Decision {
  const state = context.cadre;
  if (!state) throw new MissingContextError(`cadre ${command.cadreId}`);
  if (state.cadreId !== undefined && state.cadreId !== command.cadreId) {
    throw new MissingContextError(`cadre ${command.cadreId} (got the state of ${state.cadreId})`);
  }
  throwFirst([iEventIdUnused(command, hasCadreEvent(state, command.id))]);
  if (command.type === 'EntryRetracted') return decideRetraction(command, state, context);

  const inEffect = policyInEffect(context.policy.versions, command.effectiveDate);
  const settings = inEffect.settings;
  const before = cadreView(state);
  // Every new event but the registration needs a registration standing (retractions are decided above:
  // they may retract the registration itself, to record it again corrected).
  if (command.type !== 'CadreRegistered') throwFirst([iCadreRegistered(command.cadreId, before.registration !== undefined)]);
  // The view with the event: folded on its own when it comes last in time, else derived again.
  const after = foreseeFold(state, command.cadreId, pendingInStream(state, command.cadreId, eventOfCommand(command))).view;
  throwNewAnomalies(before, after, command.id, 'RULE_I_EVENT_BREAKS_HISTORY');

  const cadreStream = streamIdOf('cadre', command.cadreId);
  const markers: { orgUnit: OrgUnitState; orgUnitId: string; marker: PendingEvent }[] = [];
  const marker = (orgUnitId: string, orgUnit: OrgUnitState, role: Role, change: 'TAKEN' | 'LEFT') =>
    markers.push({
      orgUnitId,
      orgUnit,
      marker: postHolderMarker({
        commandId: command.id,
        orgUnitId,
        role,
        cadreId: command.cadreId,
        change,
        sourceEventId: command.id,
        effectiveDate: command.effectiveDate,
        ...(command.documentRef !== undefined ? { documentRef: command.documentRef } : {}),
      }),
    });
  const policy: DomainError[] = [];

  switch (command.type) {
    case 'AppointedToPost': {
      const { orgUnitId, role } = command.data;
      const orgUnit = orgUnitFromContext(context, orgUnitId);
      throwFirst([iOrgUnitRegistered(orgUnitId, orgUnit.registration?.effectiveDate, command.effectiveDate, 'data.orgUnitId')]);
      if (isSingleHolderPost(orgUnitKind(orgUnit), role)) {
        throwFirst([p2(orgUnit, orgUnitId, role, command.cadreId, command.effectiveDate, 'data.role')]);
        marker(orgUnitId, orgUnit, role, 'TAKEN');
      }
      break;
    }
    case 'RemovedFromPost': {
      const { orgUnitId, role, approval } = command.data;
      const orgUnit = orgUnitFromContext(context, orgUnitId);
      const tenure = after.posts.find((p) => p.leftBy === command.id)!; // the fold found it held
      const tm4 = tm4ChiefMoveViolation({
        orgUnitId,
        kind: orgUnitKind(orgUnit),
        role,
        postTakenOn: continuousHoldingStart(after, tenure),
        moveDate: command.effectiveDate,
        ...(approval ? { approval } : {}),
        settings,
        versions: context.policy.versions,
      });
      if (tm4) policy.push(tm4);
      if (isSingleHolderPost(orgUnitKind(orgUnit), role)) marker(orgUnitId, orgUnit, role, 'LEFT');
      break;
    }
    case 'Transferred': {
      const { from, to, approval } = command.data;
      throwFirst([iTransferBetweenDifferentPosts(from, to)]);
      const fromUnit = orgUnitFromContext(context, from.orgUnitId);
      const toUnit = orgUnitFromContext(context, to.orgUnitId);
      throwFirst([iOrgUnitRegistered(to.orgUnitId, toUnit.registration?.effectiveDate, command.effectiveDate, 'data.to.orgUnitId')]);
      if (isSingleHolderPost(orgUnitKind(toUnit), to.role)) {
        throwFirst([p2(toUnit, to.orgUnitId, to.role, command.cadreId, command.effectiveDate, 'data.to')]);
      }
      const tenure = after.posts.find((p) => p.leftBy === command.id && p.orgUnitId === from.orgUnitId && p.role === from.role)!;
      const tm4 = tm4ChiefMoveViolation({
        orgUnitId: from.orgUnitId,
        kind: orgUnitKind(fromUnit),
        role: from.role,
        postTakenOn: continuousHoldingStart(after, tenure),
        moveDate: command.effectiveDate,
        ...(approval ? { approval } : {}),
        settings,
        versions: context.policy.versions,
        field: 'data.approval',
      });
      if (tm4) policy.push(tm4);
      if (isSingleHolderPost(orgUnitKind(fromUnit), from.role)) marker(from.orgUnitId, fromUnit, from.role, 'LEFT');
      if (isSingleHolderPost(orgUnitKind(toUnit), to.role)) marker(to.orgUnitId, toUnit, to.role, 'TAKEN');
      break;
    }
    case 'SecondmentStarted': {
      const { hostOrgUnitId } = command.data;
      const host = orgUnitFromContext(context, hostOrgUnitId);
      throwFirst([iOrgUnitRegistered(hostOrgUnitId, host.registration?.effectiveDate, command.effectiveDate, 'data.hostOrgUnitId'), iPlannedEndNotBeforeStart(command.effectiveDate, command.data.plannedEndDate)]);
      const townshipLeaderPosts = postsHeldOn(before, command.effectiveDate).filter((p) =>
        isTownshipLeadershipPost(orgUnitKind(orgUnitFromContext(context, p.orgUnitId)), p.role),
      );
      policy.push(
        ...tm4SecondmentViolations({
          hostKind: orgUnitKind(host),
          townshipLeaderPosts,
          purpose: command.data.purpose,
          ...(command.data.approval ? { approval: command.data.approval } : {}),
        }),
      );
      break;
    }
    case 'RankPromoted':
      policy.push(...promotionViolations(command, state, after, settings, context));
      break;
    case 'RankSet': {
      const ceiling = n1CeilingViolation(command.data.rank, settings, 'data.rank');
      if (ceiling) policy.push(ceiling);
      break;
    }
    case 'SanctionRescinded':
      throwFirst([rescissionViolation(command, before, context)]);
      break;
    case 'AnnualAssessmentRecorded': {
      throwFirst([iYearNotAfterDate(command.data.year, command.effectiveDate)]);
      const n4 = n4GradeViolation(command.data.year, command.data.grade, sanctionRecordsOf(state));
      if (n4) policy.push(n4);
      break;
    }
    case 'LeaderRecommended': {
      const recommended = context.relatedCadres?.[command.data.recommendedCadreId];
      if (!recommended && command.data.recommendedCadreId !== command.cadreId) {
        throw new MissingContextError(`cadre ${command.data.recommendedCadreId} (see streamsNeeded)`);
      }
      const registration = recommended ? cadreView(recommended).registration : undefined;
      throwFirst([iRecommendable(command.cadreId, command.data.recommendedCadreId, recommended ? registration !== undefined : true)]);
      throwFirst([
        iNotBeforeNamedCadreBirth({ field: 'data.recommendedCadreId', cadreId: command.data.recommendedCadreId, roleZh: '被推荐干部', birthDate: registration?.data.birthDate }, command.effectiveDate),
      ]);
      const tm5 = tm5RecommenderNotASecretary(command.cadreId, postsWithKinds(before, command.effectiveDate, context), command.effectiveDate);
      if (tm5) policy.push(tm5);
      break;
    }
    case 'TalkHeld': {
      const partner = context.relatedCadres?.[command.data.withCadreId];
      if (!partner && command.data.withCadreId !== command.cadreId) throw new MissingContextError(`cadre ${command.data.withCadreId} (see streamsNeeded)`);
      const registration = partner ? cadreView(partner).registration : undefined;
      throwFirst([iTalkPartner(command.cadreId, command.data.withCadreId, partner ? registration !== undefined : true)]);
      throwFirst([iNotBeforeNamedCadreBirth({ field: 'data.withCadreId', cadreId: command.data.withCadreId, roleZh: '谈话对象', birthDate: registration?.data.birthDate }, command.effectiveDate)]);
      break;
    }
    case 'TemporaryPostingStarted':
      throwFirst([iPlannedEndNotBeforeStart(command.effectiveDate, command.data.plannedEndDate)]);
      break;
    case 'Commended':
      throwFirst([iCommendationCycle(command.data.cycle, command.effectiveDate, before.registration?.data.birthDate)]);
      break;
    case 'CadreRegistered':
    case 'SecondmentEnded':
    case 'TemporaryPostingEnded':
    case 'SanctionImposed':
    case 'TrainingCompleted':
    case 'HealthCheckCompleted':
    case 'RepresentativeSeatTaken':
    case 'RepresentativeSeatEnded':
      break; // integrity only: the fold above
    default:
      assertNever(command, 'cadre command');
  }

  const override = overrideFor(policy, command.override, inEffect.version);
  const event = eventOfCommand(command, override);
  const decision = new DecisionBuilder().append(cadreStream, expectedRevisionOf(state), event);
  for (const m of markers) decision.append(streamIdOf('orgunit', m.orgUnitId), expectedRevisionOf(m.orgUnit), m.marker);
  return decision.build();
}

/** TM9 for a rescission whose sanction the fold found standing. */
function rescissionViolation(command: CareerCommandOf<'SanctionRescinded'>, before: CadreView, context: DecisionContext): DomainError | undefined {
  const sanction = before.sanctions.find((s) => s.sanctionId === command.data.sanctionId)!; // the fold found it
  const early = iRescissionNotBeforeSanction(sanction.sanctionId, sanction.effectiveDate, command.effectiveDate);
  if (early) return early;
  const { reason, appealId } = command.data;
  const appeal = reason === 'APPEAL_UPHELD' && appealId !== undefined ? context.appeal : undefined;
  if (reason === 'APPEAL_UPHELD' && appealId !== undefined) {
    if (!appeal) throw new MissingContextError(`appeal ${appealId} (see streamsNeeded)`);
    if (appeal.appealId !== undefined && appeal.appealId !== appealId) throw new MissingContextError(`appeal ${appealId} (got the state of ${appeal.appealId})`);
  }
  return tm9RescissionViolation({
    cadreId: command.cadreId,
    effectiveDate: command.effectiveDate,
    ...(command.documentRef !== undefined ? { documentRef: command.documentRef } : {}),
    data: command.data,
    sanctionEventId: sanction.eventId,
    ...(appeal ? { appeal } : {}),
  });
}

/** N1 and N2 for a promotion that the fold found coherent. */
function promotionViolations(
  command: CareerCommandOf<'RankPromoted'>,
  state: CadreState,
  after: CadreView,
  settings: PolicySettings,
  context: DecisionContext,
): DomainError[] {
  const { fromRank, toRank } = command.data;
  const lower = after.ranks.find((r) => r.endedBy === command.id)!; // the fold found fromRank held
  const tm6a = tm6aCountyPoolBasis(command.data);
  return [
    ...(tm6a ? [tm6a] : []),
    ...n1LadderViolations({ fromRank, toRank, settings }),
    ...n2Violations({
      fromRank,
      heldSince: lower.from,
      date: command.effectiveDate,
      assessments: [...after.assessments.values()],
      sanctions: sanctionRecordsOf(state),
      ...leadingPostsForN2(fromRank, after, context),
      settings,
      versions: context.policy.versions,
    }),
  ];
}

/**
 * N2 (§18): the cadre's section-level leading posts, for a promotion from a rank with the leading
 * post alternative (their org units are in the context: `orgUnitIdsImpliedForCadre`).
 */
export function leadingPostsForN2(fromRank: Rank, view: CadreView, context: DecisionContext): { leadingPosts?: LeadingPostHolding[]; otherPosts?: { from: CalendarDate; to?: CalendarDate }[] } {
  if (N2_LEADING_POST_ALTERNATIVE[fromRank] === undefined) return {};
  const leadingPosts: LeadingPostHolding[] = [];
  const otherPosts: { from: CalendarDate; to?: CalendarDate }[] = [];
  for (const p of view.posts) {
    const level = sectionLeadingLevel(orgUnitKind(orgUnitFromContext(context, p.orgUnitId)), p.role);
    const span = { from: p.from, ...(p.to !== undefined ? { to: p.to } : {}) };
    if (level) leadingPosts.push({ ...span, level });
    else otherPosts.push(span);
  }
  return { leadingPosts, otherPosts };
}

/** The posts held on a date with their org units' kinds (the org units come from the context). */
function postsWithKinds(view: CadreView, date: CalendarDate, context: DecisionContext): PostWithKind[] {
  return postsHeldOn(view, date).map((p) => ({ orgUnitId: p.orgUnitId, role: p.role, kind: orgUnitKind(orgUnitFromContext(context, p.orgUnitId)) }));
}

/**
 * P2 against the org unit's holder timeline as it stands (same-day events recorded earlier come
 * first): the post is free on the date, and no later holder's tenure would overlap this one.
 */
function p2(orgUnit: OrgUnitState, orgUnitId: string, role: Role, cadreId: string, date: CalendarDate, field: string) {
  return (
    p2PostOccupied({ intervals: orgUnitHolders(orgUnit).intervals, orgUnitId, role, cadreId, date, field }) ??
    p2OverlapsLaterHolder({ markers: orgUnit.holderMarkers, nextRevision: (orgUnit.revision ?? -1) + 1, orgUnitId, role, cadreId, date, field })
  );
}

/**
 * EntryRetracted (更正): the target must exist in this stream, not be retracted already, and not be
 * a retraction; the record without it must stay coherent (e.g. retract the removal before the
 * appointment it ends); in a township's single-holder post the holder timeline must stay free of
 * overlaps, and gets a RETRACTED marker.
 */
function decideRetraction(command: CareerCommandOf<'EntryRetracted'>, state: CadreState, context: DecisionContext): Decision {
  const { targetEventId } = command.data;
  const target = findCadreEvent(state, targetEventId);
  throwFirst([iRetractable(targetEventId, target, state.retractedBy.get(targetEventId))]);

  const retraction = eventOfCommand(command);
  const before = cadreView(state);
  // The view without the target: derived again from the stream's facts.
  const after = foreseeFold(state, command.cadreId, pendingInStream(state, command.cadreId, retraction)).view;
  throwNewAnomalies(before, after, command.id, 'RULE_I_RETRACTION_BREAKS_HISTORY');

  const decision = new DecisionBuilder().append(streamIdOf('cadre', command.cadreId), expectedRevisionOf(state), retraction);
  for (const orgUnitId of orgUnitIdsOfPostEvent(target!)) {
    const orgUnit = orgUnitFromContext(context, orgUnitId);
    const retracted = new Set(
      orgUnit.holderMarkers.filter((m) => m.change === 'RETRACTED' && m.sourceEventId === targetEventId).map((m) => m.role),
    );
    const roles = [
      ...new Set(orgUnit.holderMarkers.filter((m) => m.change !== 'RETRACTED' && m.sourceEventId === targetEventId).map((m) => m.role)),
    ].filter((role) => !retracted.has(role));
    if (roles.length === 0) continue;
    const markers = roles.map((role) =>
      postHolderMarker({
        commandId: command.id,
        orgUnitId,
        role,
        cadreId: command.cadreId,
        change: 'RETRACTED',
        sourceEventId: targetEventId,
        effectiveDate: command.effectiveDate,
        ...(command.documentRef !== undefined ? { documentRef: command.documentRef } : {}),
      }),
    );
    const timelineAfter = holderTimeline([
      ...orgUnit.holderMarkers,
      ...roles.map((role, i) => ({
        eventId: markers[i]!.eventId,
        revision: (orgUnit.revision ?? -1) + 1 + i,
        effectiveDate: command.effectiveDate,
        role,
        cadreId: command.cadreId,
        change: 'RETRACTED' as const,
        sourceEventId: targetEventId,
      })),
    ]);
    const overlap = p2NewConflicts(orgUnitHolders(orgUnit), timelineAfter)[0];
    if (overlap) {
      throw new DomainError(
        'RULE_P2_RETRACTION_CREATES_OVERLAP',
        `without ${targetEventId}, ${overlap.incumbent.cadreId} would still hold ${overlap.role} of ${orgUnitId} on ${overlap.date} ` +
          `when ${overlap.cadreId} took it (event ${overlap.takenBy})`,
        {
          field: 'data.targetEventId',
          cadreIds: [overlap.incumbent.cadreId, overlap.cadreId],
          orgUnitIds: [orgUnitId],
          messageZh: `撤回 ${targetEventId} 后，${overlap.date} ${overlap.cadreId} 到任（事件 ${overlap.takenBy}）时 ${overlap.incumbent.cadreId} 仍在任 ${postZh(orgUnitId, overlap.role)}`,
        },
      );
    }
    for (const m of markers) decision.append(streamIdOf('orgunit', orgUnitId), expectedRevisionOf(orgUnit), m);
  }
  return decision.build();
}

/** The org units a post event names (what a retraction of it may have to correct). */
export function orgUnitIdsOfPostEvent(event: CadreFact): string[] {
  if (event.type === 'AppointedToPost' || event.type === 'RemovedFromPost') return [event.data.orgUnitId];
  if (event.type === 'Transferred') return [...new Set([event.data.from.orgUnitId, event.data.to.orgUnitId])];
  return [];
}

/**
 * The org units `decideCadre` needs in the context besides those named in the command:
 * for a secondment or a recommendation, those of the posts held on its date (TM4 and TM5 ask
 * whether they are townships);
 * for a retraction, those of the retracted post event.
 */
export function orgUnitIdsImpliedForCadre(command: CadreCommand, state: CadreState = initialCadreState): string[] {
  if (command.type === 'SecondmentStarted') {
    return [...new Set([command.data.hostOrgUnitId, ...postsHeldOn(cadreView(state), command.effectiveDate).map((p) => p.orgUnitId)])];
  }
  if (command.type === 'LeaderRecommended') {
    return [...new Set(postsHeldOn(cadreView(state), command.effectiveDate).map((p) => p.orgUnitId))];
  }
  if (command.type === 'EntryRetracted') {
    const target = findCadreEvent(state, command.data.targetEventId);
    return target ? orgUnitIdsOfPostEvent(target) : [];
  }
  if (command.type === 'RankPromoted' && N2_LEADING_POST_ALTERNATIVE[command.data.fromRank] !== undefined) {
    return [...new Set(cadreView(state).posts.map((p) => p.orgUnitId))];
  }
  return [];
}

function nextRevision(state: CadreState): number {
  return (state.revision ?? -1) + 1;
}

/** The event as the stream would hold it, after every stored one. */
function pendingInStream(state: CadreState, cadreId: string, event: PendingEvent): RecordedEvent {
  return asRecorded(event, { streamId: streamIdOf('cadre', cadreId), revision: nextRevision(state), globalPosition: 0, recordedAt: PENDING_RECORDED_AT, actor: '' });
}

/**
 * Integrity by fold: the anomalies `after` has that `before` had not. One on the new event is
 * thrown as is; one on another event means the new (back-dated) event or retraction would make
 * that one incoherent, e.g. a removal dated before an existing later removal of the same post.
 */
function throwNewAnomalies(before: CadreView, after: CadreView, eventId: string, elsewhere: DomainErrorCode): void {
  const key = (a: { eventId: string; error: DomainError }) => `${a.eventId}|${a.error.code}`;
  const known = new Set(before.anomalies.map(key));
  const fresh = after.anomalies.filter((a) => !known.has(key(a)));
  const own = fresh.find((a) => a.eventId === eventId);
  if (own) throw own.error;
  const other = fresh[0];
  if (other) {
    throw new DomainError(
      elsewhere,
      `the record would no longer be coherent: event ${other.eventId} (${other.error.code}): ${other.error.message}`,
      {
        // The other event's problem by its title, not its code (found by a review: RULE_I_… inside the Chinese).
        messageZh: `记录将不再一致：事件 ${other.eventId}（${errorTitleZh(other.error.code) ?? other.error.code}）：${other.error.messageZh}`,
        // The ids the other event's refusal names, for the application layer to name them here too.
        ...(other.error.cadreIds ? { cadreIds: other.error.cadreIds } : {}),
        ...(other.error.orgUnitIds ? { orgUnitIds: other.error.orgUnitIds } : {}),
      },
    );
  }
}
