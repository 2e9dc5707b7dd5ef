/**
 * Integrity rules (RULES.md "Two kinds of rule", id I): they keep the record coherent and can
 * never be overridden. Each returns the violation (or undefined); deciders throw it.
 * Future dates are allowed (T4): nothing here compares a date with today.
 */
import { newCommandProblem, type CareerCommand } from '../commands';
import { DomainError } from '../errors';
import { NEW_EVENT_ID_MESSAGES, newEventIdProblem } from '../input-text';
import type { CareerEventType } from '../events/catalogue';
import { addYears, yearOf, type CalendarDate } from '../time/calendar-date';
import { type Rank, type Role } from '../vocabulary';
import { EVENT_TYPE_NAMES_ZH, postZh, RANK_NAMES_ZH, SCHEMA_MESSAGES_ZH } from '../vocabulary-zh';
import { rankSteps } from './rank-promotion';

/**
 * I: a command's id becomes its event's id, unique in the store. A re-sent command (an import
 * re-run) is answered by the store's idempotency: the application looks the id up before deciding;
 * reaching the decider with an id already in the stream is refused plainly, not as a rule breach.
 * A command whose id is new to the store must also meet the checks added after events were stored
 * under looser ones (`newCommandProblem`: no format character in its text; TM10's cycle, N5's
 * deadlines, N1's highest rank — NEW_COMMAND_CHECKS), and its id be one a person can tell apart
 * (newEventIdProblem: not blank, no white space at either end, no format character): checked here,
 * after the lookup, so that a fact stored before a check, sent again, is still answered as stored
 * (found by an upgrade review: a re-import refused lines an older release had stored).
 */
export function iEventIdUnused(command: CareerCommand, used: boolean): DomainError | undefined {
  const eventId = command.id;
  if (used) {
    return new DomainError('RULE_I_DUPLICATE_EVENT_ID', `event id ${eventId} is already recorded in this stream`, {
      field: 'id',
      messageZh: `事件编号 ${eventId} 已在本事件流中登记`,
    });
  }
  const checks = newCommandProblem(command);
  if (checks) return checks;
  const problem = newEventIdProblem(eventId);
  if (!problem) return undefined;
  const why = NEW_EVENT_ID_MESSAGES[problem];
  return new DomainError('RULE_I_SCHEMA', `id: ${why}`, { field: 'id', messageZh: `id：${SCHEMA_MESSAGES_ZH[why] ?? why}` });
}

/** How a refusal names the dates an event carries (the web app's form labels). */
const DATE_FIELD_NAMES_ZH: Readonly<Record<string, string>> = {
  effectiveDate: '生效日期',
  'data.workStartDate': '参加工作日期',
  'data.plannedEndDate': '计划结束日期',
  'data.learnedOfDecisionDate': '知悉决定日期',
};

/**
 * I: nothing is dated before the cadre's birth (出生日期). `ofTheRegistration`: the dates are the
 * registration's own; one whose effective date comes before its birth date has the likelier mistake
 * in the birth date (typed in the future), and the refusal names it (found by a web review: it
 * named effectiveDate, in English). A work start date before birth is named itself.
 */
export function iNotBeforeBirth(
  birthDate: CalendarDate,
  dates: readonly { readonly field: string; readonly date: CalendarDate }[],
  ofTheRegistration = false,
): DomainError | undefined {
  const early = dates.find((d) => d.date < birthDate);
  if (!early) return undefined;
  const label = DATE_FIELD_NAMES_ZH[early.field] ?? early.field;
  if (ofTheRegistration && early.field === 'effectiveDate') {
    return new DomainError('RULE_I_BEFORE_BIRTH', `the birth date ${birthDate} is after the registration's effectiveDate ${early.date}`, {
      field: 'data.birthDate',
      messageZh: `出生日期 ${birthDate} 晚于${label} ${early.date}`,
    });
  }
  return new DomainError('RULE_I_BEFORE_BIRTH', `${early.field} ${early.date} is before the cadre's birth date ${birthDate}`, {
    field: early.field,
    messageZh: `${label} ${early.date} 早于干部出生日期 ${birthDate}`,
  });
}

/** Another cadre an event names: the recommended cadre, a talk's partner, a department's rater. */
export interface NamedCadre {
  readonly field: string;
  readonly cadreId: string;
  /** How the refusal calls them: 被推荐干部, 谈话对象, 测评人. */
  readonly roleZh: string;
  /** Undefined when not registered (refused by its own rule first). */
  readonly birthDate: CalendarDate | undefined;
}

/**
 * I: nor is an event dated before the birth of another cadre it names (found by a review: only
 * the stream's own cadre was checked, so a talk with a cadre not yet born was stored).
 */
export function iNotBeforeNamedCadreBirth(named: NamedCadre, effectiveDate: CalendarDate): DomainError | undefined {
  if (named.birthDate === undefined || effectiveDate >= named.birthDate) return undefined;
  return new DomainError('RULE_I_BEFORE_BIRTH', `effectiveDate ${effectiveDate} is before the birth date ${named.birthDate} of cadre ${named.cadreId} (${named.field})`, {
    field: 'effectiveDate',
    cadreIds: [named.cadreId],
    messageZh: `生效日期（${effectiveDate}）早于${named.roleZh} ${named.cadreId} 的出生日期 ${named.birthDate}`,
  });
}

/** I: an assessment year (考核年度) before the year of birth is dated before birth too. */
export function iAssessmentYearNotBeforeBirth(birthDate: CalendarDate, year: number): DomainError | undefined {
  if (year >= Number(birthDate.slice(0, 4))) return undefined;
  return new DomainError('RULE_I_BEFORE_BIRTH', `assessment year ${year} is before the cadre's birth date ${birthDate}`, {
    field: 'data.year',
    messageZh: `考核年度 ${year} 早于干部出生日期 ${birthDate}`,
  });
}

/** 公务员法 §13: a civil servant is at least eighteen (年满十八周岁). */
export const MINIMUM_AGE_FOR_POST = 18;

/**
 * I: a post, a rank or an annual grade is not given before the cadre's eighteenth birthday (T3: the
 * anniversary); a grade's year counts when the cadre is eighteen by its 31 December. Found by an API
 * review: a cadre born in 2019 was appointed township head in 2024 and counted among the TM1 members
 * under 30. `what`: the event's type and date (the grade's year for an assessment).
 */
export function iOfAgeForPost(birthDate: CalendarDate, what: { type: CareerEventType; effectiveDate: CalendarDate; year?: number }): DomainError | undefined {
  const ofAge = addYears(birthDate, MINIMUM_AGE_FOR_POST);
  const year = what.type === 'AnnualAssessmentRecorded' ? what.year : undefined;
  const date = year !== undefined ? (`${year}-12-31` as CalendarDate) : what.effectiveDate;
  // Before birth is the other rule's to say (iNotBeforeBirth, iAssessmentYearNotBeforeBirth).
  if (date >= ofAge || date < birthDate) return undefined;
  const said = year !== undefined ? `考核年度 ${year} 年底` : `生效日期 ${what.effectiveDate}`;
  return new DomainError('RULE_I_UNDER_AGE', `${year !== undefined ? `assessment year ${year}` : `effectiveDate ${what.effectiveDate}`} is before the cadre turns 18 on ${ofAge} (born ${birthDate})`, {
    field: year !== undefined ? 'data.year' : 'effectiveDate',
    messageZh: `${said}，干部未满 18 周岁（出生日期 ${birthDate}，${ofAge} 年满）：${EVENT_TYPE_NAMES_ZH[what.type]}须年满 18 周岁（公务员法第十三条）`,
  });
}

/** The events that give a post, a rank or a grade (iOfAgeForPost). */
export const EVENTS_FOR_ADULTS: ReadonlySet<CareerEventType> = new Set(['AppointedToPost', 'Transferred', 'RankSet', 'RankPromoted', 'AnnualAssessmentRecorded']);

/** I: no second registration of a cadre or an org unit. */
export function iNotYetRegistered(what: 'cadre' | 'org unit', id: string, registeredBy: string | undefined): DomainError | undefined {
  if (registeredBy === undefined) return undefined;
  return new DomainError('RULE_I_ALREADY_REGISTERED', `${what} ${id} is already registered (event ${registeredBy})`, {
    messageZh: `${what === 'cadre' ? '干部' : '单位'} ${id} 已登记（事件 ${registeredBy}）`,
    ...(what === 'cadre' ? { cadreIds: [id] } : { orgUnitIds: [id] }),
  });
}

/** I: every other event of a cadre follows its registration; `field` names where the cadre was named (a rater: data.ratedByCadreId). */
export function iCadreRegistered(cadreId: string, registered: boolean, field = 'cadreId'): DomainError | undefined {
  if (registered) return undefined;
  return new DomainError('RULE_I_CADRE_NOT_REGISTERED', `cadre ${cadreId} is not registered`, { field, messageZh: `干部 ${cadreId} 尚未登记` });
}

/** I: a secondment or a temporary posting is planned to end on or after the day it starts (found by a review). */
export function iPlannedEndNotBeforeStart(start: CalendarDate, plannedEndDate: CalendarDate): DomainError | undefined {
  if (plannedEndDate >= start) return undefined;
  return new DomainError('RULE_I_PLANNED_END_BEFORE_START', `plannedEndDate ${plannedEndDate} is before the start ${start}`, {
    field: 'data.plannedEndDate',
    messageZh: `计划结束日期 ${plannedEndDate} 早于开始日期 ${start}`,
  });
}

/** I (TM9): a sanction is rescinded on or after the day it took effect, whatever the reason (found by a review). */
export function iRescissionNotBeforeSanction(sanctionId: string, sanctionDate: CalendarDate, date: CalendarDate): DomainError | undefined {
  if (date >= sanctionDate) return undefined;
  return new DomainError('RULE_I_RESCISSION_BEFORE_SANCTION', `the rescission (${date}) is dated before sanction ${sanctionId} took effect (${sanctionDate})`, {
    field: 'effectiveDate',
    messageZh: `撤销日期 ${date} 早于编号 ${sanctionId} 的处分或组织处理生效之日 ${sanctionDate}`,
  });
}

/**
 * I (TM10): a commendation of a cycle ("2021-2025") is made once the cycle has begun, and not of a
 * cycle that ended before the cadre was born (found by a review), as an annual grade is not.
 */
export function iCommendationCycle(cycle: string | undefined, date: CalendarDate, birthDate: CalendarDate | undefined): DomainError | undefined {
  const years = cycle === undefined ? null : /^(\d{4})-(\d{4})$/.exec(cycle);
  if (!years) return undefined;
  const [first, last] = [Number(years[1]), Number(years[2])];
  if (first > yearOf(date)) {
    return new DomainError('RULE_I_YEAR_NOT_BEGUN', `the cycle ${cycle} has not begun on ${date}: a commendation of it is made in or after ${first}`, {
      field: 'data.cycle',
      messageZh: `${date} 时评选周期 ${cycle} 尚未开始：该周期的表彰应在 ${first} 年或之后录入`,
    });
  }
  if (birthDate !== undefined && last < yearOf(birthDate)) {
    return new DomainError('RULE_I_BEFORE_BIRTH', `the cycle ${cycle} ended before the cadre's birth date ${birthDate}`, {
      field: 'data.cycle',
      messageZh: `评选周期 ${cycle} 早于干部出生日期 ${birthDate}`,
    });
  }
  return undefined;
}

/**
 * I: an appeal's appellant (提出人) is a registered cadre. One with no record at all has no name
 * to show either: the refusal says so by id, at the appellant's field, rather than only that
 * the cadre's record lacks the appealed event.
 */
export function iAppellantRegistered(cadreId: string, targetEventId: string, registered: boolean): DomainError | undefined {
  if (registered) return undefined;
  return new DomainError('RULE_I_CADRE_NOT_REGISTERED', `appellant ${cadreId} is not registered: the ledger holds no record of them, so no event ${targetEventId} either`, {
    field: 'data.cadreId',
    messageZh: `提出人 ${cadreId} 尚未登记：台账中没有该编号干部的任何记录，无从查找事件 ${targetEventId}`,
  });
}

/**
 * I: a post, a secondment, a score or a rating names an org unit registered by the day it is about
 * (`on`): the unit's registration dates its existence, as every answer reads it (a township
 * registered in 2024 is no township of 2021, T4). Found by a review: an appointment dated four years
 * before its township's registration was stored, then counted by eligibility and left out by the
 * team composition of the same year.
 */
export function iOrgUnitRegistered(orgUnitId: string, registeredOn: CalendarDate | undefined, on: CalendarDate, field: string, ofYear?: number): DomainError | undefined {
  if (registeredOn === undefined) {
    return new DomainError('RULE_I_ORG_UNIT_NOT_REGISTERED', `org unit ${orgUnitId} is not registered`, { field, messageZh: `单位 ${orgUnitId} 尚未登记` });
  }
  if (registeredOn <= on) return undefined;
  // A year's score or rating of a unit registered after that year: no date passes (found by a review:
  // it was given the registration as a first passing date, which was refused again).
  if (ofYear !== undefined && registeredOn > `${ofYear}-12-31`) {
    return new DomainError('RULE_I_ORG_UNIT_NOT_YET_REGISTERED', `org unit ${orgUnitId} is registered from ${registeredOn}, after the year ${ofYear}`, {
      field,
      orgUnitIds: [orgUnitId],
      messageZh: `单位 ${orgUnitId} 自 ${registeredOn} 起登记，${ofYear} 年度时尚不存在，不能有该年度的得分或测评`,
    });
  }
  return new DomainError('RULE_I_ORG_UNIT_NOT_YET_REGISTERED', `org unit ${orgUnitId} is registered from ${registeredOn}, after ${on}`, {
    field,
    orgUnitIds: [orgUnitId],
    firstPassingDate: registeredOn,
    messageZh: `单位 ${orgUnitId} 自 ${registeredOn} 起登记，${on} 时尚不存在`,
  });
}

/** I: a cadre does not take a post they already hold on that date. */
export function iPostNotAlreadyHeld(orgUnitId: string, role: Role, date: CalendarDate, heldSince: CalendarDate | undefined, field: string): DomainError | undefined {
  if (heldSince === undefined) return undefined;
  return new DomainError('RULE_I_POST_ALREADY_HELD', `already holds ${role} of ${orgUnitId} on ${date} (since ${heldSince})`, {
    field,
    orgUnitIds: [orgUnitId],
    messageZh: `${date} 已担任 ${postZh(orgUnitId, role)}（自 ${heldSince} 起）`,
  });
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
    ? new DomainError('RULE_I_REMOVAL_OF_POST_NOT_HELD', `does not hold ${role} of ${orgUnitId} on ${date}`, {
        field: 'data.role',
        orgUnitIds: [orgUnitId],
        messageZh: `${date} 并未担任 ${postZh(orgUnitId, role)}，无从免去`,
      })
    : new DomainError('RULE_I_TRANSFER_FROM_POST_NOT_HELD', `does not hold ${role} of ${orgUnitId} on ${date}`, {
        field: 'data.from',
        orgUnitIds: [orgUnitId],
        messageZh: `${date} 并未担任 ${postZh(orgUnitId, role)}，无从交流`,
      });
}

/** I: a transfer (交流) moves between two different posts. */
export function iTransferBetweenDifferentPosts(
  from: { readonly orgUnitId: string; readonly role: Role },
  to: { readonly orgUnitId: string; readonly role: Role },
): DomainError | undefined {
  if (from.orgUnitId !== to.orgUnitId || from.role !== to.role) return undefined;
  return new DomainError('RULE_I_TRANSFER_TO_SAME_POST', `a transfer from ${from.role} of ${from.orgUnitId} to the same post`, {
    field: 'data.to',
    orgUnitIds: [from.orgUnitId],
    messageZh: `由 ${postZh(from.orgUnitId, from.role)} 交流到同一职位`,
  });
}

/**
 * I: a talk (谈心谈话, 提醒谈话) is held with another registered cadre (found by a review: a talk
 * "with" an org unit's id, an unknown id or oneself was stored, and TM7/TM8 counted it).
 */
export function iTalkPartner(cadreId: string, withCadreId: string, registered: boolean): DomainError | undefined {
  if (withCadreId === cadreId) return new DomainError('RULE_I_SELF_TALK', `${cadreId} cannot hold a talk with themself`, {
      field: 'data.withCadreId',
      cadreIds: [cadreId],
      messageZh: `${cadreId} 不能与本人谈话`,
    });
  if (!registered) return new DomainError('RULE_I_CADRE_NOT_REGISTERED', `cadre ${withCadreId} is not registered`, {
      field: 'data.withCadreId',
      messageZh: `谈话对象干部 ${withCadreId} 尚未登记`,
    });
  return undefined;
}

/** I: a promotion goes to a higher rank (to an equal or lower rank is incoherent, not a policy matter). */
export function iPromotionUpward(fromRank: Rank, toRank: Rank): DomainError | undefined {
  if (rankSteps(fromRank, toRank) > 0) return undefined;
  return new DomainError(
    'RULE_I_PROMOTION_NOT_UPWARD',
    `a promotion from ${fromRank} (${RANK_NAMES_ZH[fromRank]}) to ${toRank} (${RANK_NAMES_ZH[toRank]}) is not upward`,
    { field: 'data.toRank', messageZh: `由${RANK_NAMES_ZH[fromRank]}到${RANK_NAMES_ZH[toRank]}不是向上晋升` },
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
    {
      field: 'data.rank',
      messageZh:
        `${date} 已是${RANK_NAMES_ZH[heldRank]}：${rank === heldRank ? '同一职级' : `升至${RANK_NAMES_ZH[rank]}`}不能作为职级确定录入。` +
        '职级确定只记录进入台账时的职级或较低的职级（降级）；职级提高应录入职级晋升，由职级晋升台阶（N1）和晋升职级任职年限（N2）判断' +
        '（不符合时可作为政策例外录入，如在县外取得的职级）；被撤销而失效的降级应予撤回',
    },
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
    {
      field: 'data.fromRank',
      messageZh:
        heldRank === undefined
          ? `${date} 没有职级记录（请先录入职级确定），不能由${RANK_NAMES_ZH[fromRank]}晋升`
          : `${date} 的职级是${RANK_NAMES_ZH[heldRank]}，不是${RANK_NAMES_ZH[fromRank]}`,
    },
  );
}

/**
 * I: an annual result (a grade, a township's score, a department's rating) is decided in or after
 * the year it judges, never before it begins (found by a review: a score for 2099 dated 2026 was stored).
 */
export function iYearNotAfterDate(year: number, date: CalendarDate, field = 'data.year'): DomainError | undefined {
  if (year <= yearOf(date)) return undefined;
  return new DomainError('RULE_I_YEAR_NOT_BEGUN', `the year ${year} has not begun on ${date}: its result is recorded in or after that year`, {
    field,
    messageZh: `${date} 时 ${year} 年尚未开始：该年度的结果应在当年或之后录入`,
  });
}

/** I: one annual grade per year; a wrong grade is retracted, then recorded again. */
export function iAssessmentYearFree(year: number, recordedBy: string | undefined): DomainError | undefined {
  if (recordedBy === undefined) return undefined;
  return new DomainError('RULE_I_ASSESSMENT_YEAR_ALREADY_RECORDED', `the ${year} assessment is already recorded (event ${recordedBy})`, {
    field: 'data.year',
    messageZh: `${year} 年度考核已录入（事件 ${recordedBy}）`,
  });
}

/** I: sanction ids are unique within a cadre (rescissions and appeals name them). */
export function iSanctionIdFree(sanctionId: string, imposedBy: string | undefined): DomainError | undefined {
  if (imposedBy === undefined) return undefined;
  return new DomainError('RULE_I_DUPLICATE_SANCTION_ID', `sanction ${sanctionId} is already recorded (event ${imposedBy})`, {
    field: 'data.sanctionId',
    messageZh: `编号 ${sanctionId} 的处分或组织处理已录入（事件 ${imposedBy}）`,
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
      messageZh: `该干部没有编号 ${sanctionId} 的处分或组织处理记录`,
    });
  }
  if (sanction.rescindedBy !== undefined) {
    return new DomainError('RULE_I_SANCTION_ALREADY_RESCINDED', `sanction ${sanctionId} is already rescinded (event ${sanction.rescindedBy})`, {
      field: 'data.sanctionId',
      messageZh: `编号 ${sanctionId} 的处分或组织处理已撤销（事件 ${sanction.rescindedBy}）`,
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
    // Says where a retraction looks, and what it cannot reach: an appeal's filing or decision shows
    // in the cadre's history but is on the appeal's own stream (found by a review: "本事件流中没有事件
    // a5-filed" for a filing the history showed).
    return new DomainError('RULE_I_RETRACTION_TARGET_NOT_FOUND', `no event ${targetEventId} in this cadre's own record (a retraction names an event of it; an appeal's filing or decision is on the appeal's stream and is not retracted)`, {
      field: 'data.targetEventId',
      messageZh: `该干部本人的履历记录中没有事件 ${targetEventId}（撤回只能针对本人履历中的记录；复核或申诉的提出与决定记录在该复核或申诉自身的事件流中，不能撤回）`,
    });
  }
  if (target.type === 'EntryRetracted') {
    return new DomainError('RULE_I_RETRACTION_OF_RETRACTION', `event ${targetEventId} is itself a retraction`, {
      field: 'data.targetEventId',
      messageZh: `事件 ${targetEventId} 本身就是撤回记录（撤回有误时，重新录入原事件即可）`,
    });
  }
  if (retractedBy !== undefined) {
    return new DomainError('RULE_I_ALREADY_RETRACTED', `event ${targetEventId} is already retracted (event ${retractedBy})`, {
      field: 'data.targetEventId',
      messageZh: `事件 ${targetEventId} 已被撤回（事件 ${retractedBy}）`,
    });
  }
  return undefined;
}

/** Event types an appeal (复核/申诉, N5) may target. */
export const APPEALABLE_EVENT_TYPES: readonly CareerEventType[] = ['SanctionImposed', 'AnnualAssessmentRecorded'];

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
      { field: 'data.learnedOfDecisionDate', messageZh: `知悉原决定的日期 ${input.learnedOn} 早于原决定作出的日期 ${input.decisionDate}` },
    );
  }
  if (input.filedOn < input.learnedOn) {
    return new DomainError('RULE_I_APPEAL_FILED_BEFORE_LEARNED', `filed on ${input.filedOn}, before learning of the decision (${input.learnedOn})`, {
      field: 'data.learnedOfDecisionDate',
      messageZh: `提出日期 ${input.filedOn} 早于知悉原决定的日期 ${input.learnedOn}`,
    });
  }
  return undefined;
}

/**
 * I: an appeal targets an existing, not retracted SanctionImposed or AnnualAssessmentRecorded of
 * the cadre. A refusal names the appellant by id (`cadreIds`), for the application layer to put
 * the name beside it: “该干部的记录中没有事件 x” did not say whose record had been searched (found
 * walking the app).
 */
export function iAppealable(
  cadreId: string,
  targetEventId: string,
  target: { readonly type: CareerEventType } | undefined,
  retracted: boolean,
): DomainError | undefined {
  if (!target || retracted) {
    return new DomainError(
      'RULE_I_APPEAL_TARGET_NOT_FOUND',
      `no ${retracted ? 'standing ' : ''}event ${targetEventId} in the record of cadre ${cadreId}${retracted ? ' (it is retracted)' : `; an appeal after a review names the decision reviewed (the sanction or the annual grade), not the review's own events`}`,
      {
        field: 'data.targetEventId',
        cadreIds: [cadreId],
        // A review's decision is an event of the review, not of the cadre's record: an officer appealing
        // after a review names it (found by a review of the appeals workflow), and is told what to name.
        messageZh: retracted
          ? `提出人 ${cadreId} 的事件 ${targetEventId} 已被撤回，不再有效`
          : `提出人 ${cadreId} 的记录中没有事件 ${targetEventId}；对复核决定不服提出申诉时，应填写原处分或组织处理、年度考核事件，而非复核本身的事件`,
      },
    );
  }
  if (!APPEALABLE_EVENT_TYPES.includes(target.type)) {
    return new DomainError(
      'RULE_I_APPEAL_TARGET_NOT_APPEALABLE',
      `event ${targetEventId} is a ${target.type}; only ${APPEALABLE_EVENT_TYPES.join(' or ')} can be appealed`,
      {
        field: 'data.targetEventId',
        messageZh: `事件 ${targetEventId} 是“${EVENT_TYPE_NAMES_ZH[target.type]}”记录；只能对${APPEALABLE_EVENT_TYPES.map((t) => `“${EVENT_TYPE_NAMES_ZH[t]}”`).join('或')}提出复核或申诉`,
      },
    );
  }
  return undefined;
}
