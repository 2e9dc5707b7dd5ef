/**
 * N5 appeals (公务员法 §95–96) and TM9 corrections: deadlines, late filings, and the rule that an
 * appeal can never make the decision heavier.
 */
import type { EventData } from '../events/catalogue';
import type { AppealRemedy } from '../commands';
import { DomainError } from '../errors';
import type { PolicySettings } from '../policy/policy-settings';
import { addDays, type CalendarDate } from '../time/calendar-date';
import type { Grade } from '../vocabulary';
import { GRADE_NAMES_ZH } from '../vocabulary-zh-base';

export interface AppealDeadlines {
  /**
   * Last day to file: REVIEW (复核) 30 days after learning of the decision; APPEAL (申诉) 15 days
   * after the review's decision when one was decided, otherwise 30 days directly.
   */
  readonly filingDeadline: CalendarDate;
  /** What the filing deadline counts from: learning of the decision, or the review's decision. */
  readonly filingDeadlineFrom: { readonly basis: 'LEARNED_OF_DECISION'; readonly date: CalendarDate } | { readonly basis: 'REVIEW_DECIDED'; readonly date: CalendarDate; readonly reviewAppealId: string };
  /** Filed after the deadline: recorded, but flagged (N5: a late filing is never refused). */
  readonly filedLate: boolean;
  /** Last day to decide: 30 days after a review is filed; 60 after an appeal is filed. */
  readonly decisionDue: CalendarDate;
  /** An appeal's decision period may be extended by 30 days in complex cases. */
  readonly decisionDueExtended: CalendarDate | null;
}

/** A review (复核) of the same decision, decided: an appeal (申诉) after it counts from its decision. */
export interface DecidedReview {
  readonly appealId: string;
  readonly decidedOn: CalendarDate;
}

/** N5: the deadlines of a filed appeal. A day count N from date D ends on D + N (inclusive). */
/** A hundred years: the most days a stored deadline counts (new policies take at most MAX_DEADLINE_DAYS). */
const STORED_DEADLINE_CAP_DAYS = 36_500;

export function n5Deadlines(
  filed: { effectiveDate: CalendarDate; data: EventData<'AppealFiled'> },
  settings: PolicySettings,
  review: DecidedReview | null = null,
): AppealDeadlines {
  // A policy stored before deadlines were bounded may hold any count: past a century a deadline is
  // "never" to every reader, and no count may make a date no calendar holds (found by a review).
  const days = (n: number) => Math.min(n, STORED_DEADLINE_CAP_DAYS);
  const a = settings.appeals;
  const isReview = filed.data.stage === 'REVIEW';
  const filingDeadlineFrom: AppealDeadlines['filingDeadlineFrom'] =
    !isReview && review !== null
      ? { basis: 'REVIEW_DECIDED', date: review.decidedOn, reviewAppealId: review.appealId }
      : { basis: 'LEARNED_OF_DECISION', date: filed.data.learnedOfDecisionDate };
  const filingDays = isReview ? a.reviewFilingDays : filingDeadlineFrom.basis === 'REVIEW_DECIDED' ? a.appealAfterReviewDays : a.directAppealDays;
  const filingDeadline = addDays(filingDeadlineFrom.date, days(filingDays));
  const decisionDue = addDays(filed.effectiveDate, days(isReview ? a.reviewDecisionDays : a.appealDecisionDays));
  return {
    filingDeadline,
    filingDeadlineFrom,
    filedLate: filed.effectiveDate > filingDeadline,
    decisionDue,
    decisionDueExtended: isReview ? null : addDays(decisionDue, days(a.appealDecisionExtensionDays)),
  };
}

/**
 * From most to least favourable to the cadre, by what the ledger's own rules make of each grade:
 * UNGRADED (不定等次) counts for neither side in TM6b and TM10 while BASICALLY_COMPETENT blocks
 * both, and neither counts toward N2's years, which COMPETENT does; so UNGRADED sits between
 * COMPETENT and BASICALLY_COMPETENT.
 */
const GRADE_SEVERITY: readonly Grade[] = ['EXCELLENT', 'COMPETENT', 'UNGRADED', 'BASICALLY_COMPETENT', 'INCOMPETENT'];

/** N5: whether `grade` is more favourable to the cadre than `than` (an appeal's correction must be). */
export function isMoreFavourableGrade(grade: Grade, than: Grade): boolean {
  return GRADE_SEVERITY.indexOf(grade) < GRADE_SEVERITY.indexOf(than);
}

/**
 * N5: a remedy applies to the appealed record as it stands. One retracted meanwhile (a clerk's
 * correction while the appeal was open), or a sanction rescinded meanwhile, takes none: the
 * decision is recorded without a remedy, and that correction is the remedy (the appeal's standing
 * says so). Found by a review: the officer was refused with RULE_I_ALREADY_RETRACTED, naming
 * data.targetEventId, a field the decision never sent.
 */
export function n5RemedyOnCorrectedRecord(
  remedy: AppealRemedy | undefined,
  targetEventId: string,
  corrected: { readonly retractedBy: string | undefined; readonly rescindedBy: string | undefined },
): DomainError | undefined {
  if (!remedy) return undefined;
  const how = corrected.retractedBy ? `was retracted (event ${corrected.retractedBy})` : corrected.rescindedBy ? `had its sanction rescinded (event ${corrected.rescindedBy})` : undefined;
  if (!how) return undefined;
  const howZh = corrected.retractedBy ? `已被撤回（事件 ${corrected.retractedBy}）` : `所涉处分或组织处理已被撤销（事件 ${corrected.rescindedBy}）`;
  return new DomainError('RULE_N5_APPEALED_RECORD_ALREADY_CORRECTED', `the appealed event ${targetEventId} ${how} before this decision: record the decision without a remedy`, {
    field: 'remedy',
    messageZh: `被复核或申诉的事件 ${targetEventId} 在本决定之前${howZh}：请录入不附纠正措施的决定`,
  });
}

/**
 * N5: the remedy of an appeal decision must fit what was appealed and may never be heavier.
 * Returns the first violation, or undefined.
 */
export function n5RemedyViolation(
  outcome: EventData<'AppealDecided'>['outcome'],
  remedy: AppealRemedy | undefined,
  target: { type: 'SanctionImposed' } | { type: 'AnnualAssessmentRecorded'; grade: Grade },
): DomainError | undefined {
  if (outcome === 'DISMISSED') {
    return remedy
      ? new DomainError('RULE_N5_REMEDY_WITHOUT_UPHOLDING', 'a dismissed appeal carries no remedy: the decision stands', {
          field: 'remedy',
          messageZh: '复核或申诉被驳回，不附纠正措施：原决定维持',
        })
      : undefined;
  }
  // Without a remedy the correction follows as its own event (EVENTS.md: an upheld appeal "is
  // followed by SanctionRescinded naming it"); an upheld appeal never corrected is a finding.
  if (!remedy) return undefined;
  if (target.type === 'SanctionImposed' && remedy.kind !== 'RESCIND_SANCTION') {
    return new DomainError('RULE_N5_REMEDY_DOES_NOT_FIT_TARGET', 'an appeal against a sanction is remedied by rescinding it', {
      field: 'remedy.kind',
      messageZh: '针对处分或组织处理的复核或申诉，纠正措施应为撤销处分或组织处理',
    });
  }
  if (target.type === 'AnnualAssessmentRecorded') {
    if (remedy.kind !== 'CORRECT_GRADE') {
      return new DomainError('RULE_N5_REMEDY_DOES_NOT_FIT_TARGET', 'an appeal against an assessment is remedied by correcting the grade', {
        field: 'remedy.kind',
        messageZh: '针对年度考核的复核或申诉，纠正措施应为更正年度考核等次',
      });
    }
    if (!isMoreFavourableGrade(remedy.grade, target.grade)) {
      return new DomainError(
        'RULE_N5_REMEDY_HEAVIER',
        `an appeal can never make the decision heavier: ${remedy.grade} is not more favourable than the appealed ${target.grade}`,
        {
          field: 'remedy.grade',
          messageZh: `复核或申诉不得加重原决定：${GRADE_NAMES_ZH[remedy.grade]}并不优于原等次${GRADE_NAMES_ZH[target.grade]}`,
        },
      );
    }
  }
  return undefined;
}
