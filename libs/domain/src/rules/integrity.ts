/**
 * Integrity rules (RULES.md "Two kinds of rule", id I): they keep the record coherent and can
 * never be overridden. Each returns the violation (or undefined); deciders throw it.
 * Future dates are allowed (T4): nothing here compares a date with today.
 */
import { DomainError } from '../errors';
import type { CareerEventType } from '../events/catalogue';
import { yearOf, type CalendarDate } from '../time/calendar-date';
import { type Rank, type Role } from '../vocabulary';
import { RANK_NAMES_ZH } from '../vocabulary-zh';
import { rankSteps } from './rank-promotion';

/**
 * I: a command's id becomes its event's id, unique in the store. A re-sent command (an import
 * re-run) is answered by the store's idempotency: the application looks the id up before deciding;
 * reaching the decider with an id already in the stream is refused plainly, not as a rule breach.
 */
export function iEventIdUnused(eventId: string, used: boolean): DomainError | undefined {
  if (!used) return undefined;
  return new DomainError('RULE_I_DUPLICATE_EVENT_ID', `event id ${eventId} is already recorded in this stream`, { field: 'id' });
}

/** I: nothing is dated before the cadre's birth (出生日期). */
export function iNotBeforeBirth(
  birthDate: CalendarDate,
  dates: readonly { readonly field: string; readonly date: CalendarDate }[],
): DomainError | undefined {
  const early = dates.find((d) => d.date < birthDate);
  if (!early) return undefined;
  return new DomainError('RULE_I_BEFORE_BIRTH', `${early.field} ${early.date} is before the cadre's birth date ${birthDate}`, {
    field: early.field,
  });
}

/** I: an assessment year (考核年度) before the year of birth is dated before birth too. */
export function iAssessmentYearNotBeforeBirth(birthDate: CalendarDate, year: number): DomainError | undefined {
  if (year >= Number(birthDate.slice(0, 4))) return undefined;
  return new DomainError('RULE_I_BEFORE_BIRTH', `assessment year ${year} is before the cadre's birth date ${birthDate}`, {
    field: 'data.year',
  });
}

/** I: no second registration of a cadre or an org unit. */
export function iNotYetRegistered(what: 'cadre' | 'org unit', id: string, registeredBy: string | undefined): DomainError | undefined {
  if (registeredBy === undefined) return undefined;
  return new DomainError('RULE_I_ALREADY_REGISTERED', `${what} ${id} is already registered (event ${registeredBy})`);
}

/** I: every other event of a cadre follows its registration. */
export function iCadreRegistered(cadreId: string, registered: boolean): DomainError | undefined {
  if (registered) return undefined;
  return new DomainError('RULE_I_CADRE_NOT_REGISTERED', `cadre ${cadreId} is not registered`, { field: 'cadreId' });
}

/** I: a post, a score or an appointment names a registered org unit. */
export function iOrgUnitRegistered(orgUnitId: string, registered: boolean, field: string): DomainError | undefined {
  if (registered) return undefined;
  return new DomainError('RULE_I_ORG_UNIT_NOT_REGISTERED', `org unit ${orgUnitId} is not registered`, { field });
}

/** I: a cadre does not take a post they already hold on that date. */
export function iPostNotAlreadyHeld(orgUnitId: string, role: Role, date: CalendarDate, heldSince: CalendarDate | undefined, field: string): DomainError | undefined {
  if (heldSince === undefined) return undefined;
  return new DomainError('RULE_I_POST_ALREADY_HELD', `already holds ${role} of ${orgUnitId} on ${date} (since ${heldSince})`, { field });
}

/** I: no removal from (or transfer away from) a post not held on that date (T2). */
export function iPostHeldWhenLeaving(
  how: 'removal' | 'transfer',
  orgUnitId: string,
  role: Role,
  date: CalendarDate,
  held: boolean,
): DomainError | undefined {
  if (held) return undefined;
  return how === 'removal'
    ? new DomainError('RULE_I_REMOVAL_OF_POST_NOT_HELD', `does not hold ${role} of ${orgUnitId} on ${date}`, { field: 'data.role' })
    : new DomainError('RULE_I_TRANSFER_FROM_POST_NOT_HELD', `does not hold ${role} of ${orgUnitId} on ${date}`, { field: 'data.from' });
}

/** I: a transfer (交流) moves between two different posts. */
export function iTransferBetweenDifferentPosts(
  from: { readonly orgUnitId: string; readonly role: Role },
  to: { readonly orgUnitId: string; readonly role: Role },
): DomainError | undefined {
  if (from.orgUnitId !== to.orgUnitId || from.role !== to.role) return undefined;
  return new DomainError('RULE_I_TRANSFER_TO_SAME_POST', `a transfer from ${from.role} of ${from.orgUnitId} to the same post`, {
    field: 'data.to',
  });
}

/**
 * I: a talk (谈心谈话, 提醒谈话) is held with another registered cadre (found by a review: a talk
 * "with" an org unit's id, an unknown id or oneself was stored, and TM7/TM8 counted it).
 */
export function iTalkPartner(cadreId: string, withCadreId: string, registered: boolean): DomainError | undefined {
  if (withCadreId === cadreId) return new DomainError('RULE_I_SELF_TALK', `${cadreId} cannot hold a talk with themself`, { field: 'data.withCadreId' });
  if (!registered) return new DomainError('RULE_I_CADRE_NOT_REGISTERED', `cadre ${withCadreId} is not registered`, { field: 'data.withCadreId' });
  return undefined;
}

/** I: a promotion goes to a higher rank (to an equal or lower rank is incoherent, not a policy matter). */
export function iPromotionUpward(fromRank: Rank, toRank: Rank): DomainError | undefined {
  if (rankSteps(fromRank, toRank) > 0) return undefined;
  return new DomainError(
    'RULE_I_PROMOTION_NOT_UPWARD',
    `a promotion from ${fromRank} (${RANK_NAMES_ZH[fromRank]}) to ${toRank} (${RANK_NAMES_ZH[toRank]}) is not upward`,
    { field: 'data.toRank' },
  );
}

/**
 * I: RankSet records the rank a cadre holds on entering the ledger, or a lower one later (降级,
 * 降职); a move up is a RankPromoted, which N1 and N2 judge (found by a review: a second RankSet
 * raised a rank past both rules, with no override and no finding).
 */
export function iRankSetNotARise(heldRank: Rank | undefined, rank: Rank, date: CalendarDate): DomainError | undefined {
  if (heldRank === undefined || rankSteps(heldRank, rank) < 0) return undefined;
  return new DomainError(
    'RULE_I_RANK_SET_NOT_A_PROMOTION',
    `holds ${heldRank} (${RANK_NAMES_ZH[heldRank]}) on ${date}: ${rank === heldRank ? 'the same rank' : `a move up to ${rank} (${RANK_NAMES_ZH[rank]})`} is not a RankSet: RankSet records the rank on entry or a lower one (降级); a rise is a RankPromoted, judged by N1 and N2 (with an override where they do not hold, e.g. a rank earned outside the county), and a lowering a rescission voided is retracted`,
    { field: 'data.rank' },
  );
}

/** I: a promotion starts from the rank held on its date. */
export function iPromotionFromHeldRank(fromRank: Rank, heldRank: Rank | undefined, date: CalendarDate): DomainError | undefined {
  if (heldRank === fromRank) return undefined;
  return new DomainError(
    'RULE_I_PROMOTION_FROM_RANK_NOT_HELD',
    heldRank === undefined
      ? `no rank is recorded on ${date} (record RankSet first); cannot promote from ${fromRank}`
      : `holds ${heldRank} (${RANK_NAMES_ZH[heldRank]}) on ${date}, not ${fromRank}`,
    { field: 'data.fromRank' },
  );
}

/**
 * I: an annual result (a grade, a township's score, a department's rating) is decided in or after
 * the year it judges, never before it begins (found by a review: a score for 2099 dated 2026 was stored).
 */
export function iYearNotAfterDate(year: number, date: CalendarDate, field = 'data.year'): DomainError | undefined {
  if (year <= yearOf(date)) return undefined;
  return new DomainError('RULE_I_YEAR_NOT_BEGUN', `the year ${year} has not begun on ${date}: its result is recorded in or after that year`, { field });
}

/** I: one annual grade per year; a wrong grade is retracted, then recorded again. */
export function iAssessmentYearFree(year: number, recordedBy: string | undefined): DomainError | undefined {
  if (recordedBy === undefined) return undefined;
  return new DomainError('RULE_I_ASSESSMENT_YEAR_ALREADY_RECORDED', `the ${year} assessment is already recorded (event ${recordedBy})`, {
    field: 'data.year',
  });
}

/** I: sanction ids are unique within a cadre (rescissions and appeals name them). */
export function iSanctionIdFree(sanctionId: string, imposedBy: string | undefined): DomainError | undefined {
  if (imposedBy === undefined) return undefined;
  return new DomainError('RULE_I_DUPLICATE_SANCTION_ID', `sanction ${sanctionId} is already recorded (event ${imposedBy})`, {
    field: 'data.sanctionId',
  });
}

/** I: a rescission (撤销) names an existing sanction of the cadre that is not rescinded yet. */
export function iRescindable(
  sanctionId: string,
  sanction: { readonly eventId: string; readonly rescindedBy?: string } | undefined,
): DomainError | undefined {
  if (!sanction) {
    return new DomainError('RULE_I_RESCISSION_OF_UNKNOWN_SANCTION', `no sanction ${sanctionId} is recorded for this cadre`, {
      field: 'data.sanctionId',
    });
  }
  if (sanction.rescindedBy !== undefined) {
    return new DomainError('RULE_I_SANCTION_ALREADY_RESCINDED', `sanction ${sanctionId} is already rescinded (event ${sanction.rescindedBy})`, {
      field: 'data.sanctionId',
    });
  }
  return undefined;
}

/**
 * I: a retraction (更正) names an existing, not yet retracted event of the same stream, and not
 * another retraction (a retraction is corrected by recording the event again).
 */
export function iRetractable(
  targetEventId: string,
  target: { readonly type: CareerEventType } | undefined,
  retractedBy: string | undefined,
): DomainError | undefined {
  if (!target) {
    return new DomainError('RULE_I_RETRACTION_TARGET_NOT_FOUND', `no event ${targetEventId} in this stream`, { field: 'data.targetEventId' });
  }
  if (target.type === 'EntryRetracted') {
    return new DomainError('RULE_I_RETRACTION_OF_RETRACTION', `event ${targetEventId} is itself a retraction`, {
      field: 'data.targetEventId',
    });
  }
  if (retractedBy !== undefined) {
    return new DomainError('RULE_I_ALREADY_RETRACTED', `event ${targetEventId} is already retracted (event ${retractedBy})`, {
      field: 'data.targetEventId',
    });
  }
  return undefined;
}

/** Event types an appeal (复核/申诉, N5) may target. */
export const APPEALABLE_EVENT_TYPES: readonly CareerEventType[] = ['SanctionImposed', 'AnnualAssessmentRecorded'];

/** I: an appeal targets an existing, not retracted SanctionImposed or AnnualAssessmentRecorded of the cadre. */
/**
 * An appeal's dates in their order: the appealed decision (its effective date), then learning of
 * it, then filing. A learned date out of that order would move the N5 filing deadline, which
 * counts from it, and could hide a late filing.
 */
export function iAppealDatesInOrder(input: { decisionDate: CalendarDate; learnedOn: CalendarDate; filedOn: CalendarDate }): DomainError | undefined {
  if (input.learnedOn < input.decisionDate) {
    return new DomainError(
      'RULE_I_APPEAL_LEARNED_BEFORE_DECISION',
      `learned of the decision on ${input.learnedOn}, before it was made (${input.decisionDate})`,
      { field: 'data.learnedOfDecisionDate' },
    );
  }
  if (input.filedOn < input.learnedOn) {
    return new DomainError('RULE_I_APPEAL_FILED_BEFORE_LEARNED', `filed on ${input.filedOn}, before learning of the decision (${input.learnedOn})`, {
      field: 'data.learnedOfDecisionDate',
    });
  }
  return undefined;
}

export function iAppealable(
  targetEventId: string,
  target: { readonly type: CareerEventType } | undefined,
  retracted: boolean,
): DomainError | undefined {
  if (!target || retracted) {
    return new DomainError(
      'RULE_I_APPEAL_TARGET_NOT_FOUND',
      `no ${retracted ? 'standing ' : ''}event ${targetEventId} in the cadre's record${retracted ? ' (it is retracted)' : ''}`,
      { field: 'data.targetEventId' },
    );
  }
  if (!APPEALABLE_EVENT_TYPES.includes(target.type)) {
    return new DomainError(
      'RULE_I_APPEAL_TARGET_NOT_APPEALABLE',
      `event ${targetEventId} is a ${target.type}; only ${APPEALABLE_EVENT_TYPES.join(' or ')} can be appealed`,
      { field: 'data.targetEventId' },
    );
  }
  return undefined;
}
