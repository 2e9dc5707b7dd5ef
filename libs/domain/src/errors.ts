/**
 * Typed domain errors with stable codes (RULES.md, "Two kinds of rule"). An INTEGRITY error keeps
 * the record coherent and can never be overridden; a POLICY error (the county's measures, national
 * rules) refuses the write unless the command carries `override: { reason }`, and the override is
 * then recorded on the event. One filter outside the domain maps these to HTTP 422.
 */
import { clampQuotedInput, clampQuotedInputZh } from './input-text';
import type { CalendarDate } from './time/calendar-date';

/** Integrity rules keep the record coherent; policy rules describe how decisions should be made. */
export type RuleKind = 'INTEGRITY' | 'POLICY';

/**
 * Every code the write side can raise, with the rule id of RULES.md it belongs to and its kind.
 * Codes are a public contract (import results, HTTP bodies): add, never rename.
 */
export const DOMAIN_ERROR_CODES = {
  // ── I: integrity of the record ──
  RULE_I_SCHEMA: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_NOT_A_COMMAND: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_TARGET_MISMATCH: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_DUPLICATE_EVENT_ID: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_ALREADY_REGISTERED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_CADRE_NOT_REGISTERED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_ORG_UNIT_NOT_REGISTERED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_ORG_UNIT_NOT_YET_REGISTERED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_NOT_A_TOWNSHIP: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_BEFORE_BIRTH: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_UNDER_AGE: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_POST_ALREADY_HELD: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_REMOVAL_OF_POST_NOT_HELD: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_TRANSFER_FROM_POST_NOT_HELD: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_TRANSFER_TO_SAME_POST: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_SECONDMENT_ALREADY_RUNNING: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_SECONDMENT_NOT_RUNNING: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_TEMPORARY_POSTING_ALREADY_RUNNING: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_TEMPORARY_POSTING_NOT_RUNNING: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_PROMOTION_NOT_UPWARD: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_PROMOTION_FROM_RANK_NOT_HELD: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_RANK_SET_NOT_A_PROMOTION: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_ASSESSMENT_YEAR_ALREADY_RECORDED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_YEAR_NOT_BEGUN: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_DUPLICATE_SANCTION_ID: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_RESCISSION_OF_UNKNOWN_SANCTION: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_RESCISSION_BEFORE_SANCTION: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_PLANNED_END_BEFORE_START: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_SANCTION_ALREADY_RESCINDED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_RETRACTION_TARGET_NOT_FOUND: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_ALREADY_RETRACTED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_RETRACTION_OF_RETRACTION: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_RETRACTION_BREAKS_HISTORY: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_EVENT_BREAKS_HISTORY: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_APPEAL_TARGET_NOT_FOUND: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_APPEAL_TARGET_NOT_APPEALABLE: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_APPEAL_LEARNED_BEFORE_DECISION: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_APPEAL_FILED_BEFORE_LEARNED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_APPEAL_ALREADY_FILED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_APPEAL_NOT_FILED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_APPEAL_ALREADY_DECIDED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_APPEAL_DECIDED_BEFORE_FILED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_POLICY_VERSION_EXISTS: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_POLICY_EFFECTIVE_DATE: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_POLICY_CYCLE_YEARS: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_POLICY_LOWEST_GRADE: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_POLICY_TEAM_AGES: { ruleId: 'I', kind: 'INTEGRITY' },
  // ── TM9: rescissions (an upheld appeal, a false accusation, tolerance, a correction) ──
  RULE_TM9_RESCISSION_DOCUMENT_REQUIRED: { ruleId: 'TM9', kind: 'INTEGRITY' },
  RULE_TM9_RESCISSION_APPEAL_REQUIRED: { ruleId: 'TM9', kind: 'INTEGRITY' },
  RULE_TM9_RESCISSION_APPEAL_REASON: { ruleId: 'TM9', kind: 'INTEGRITY' },
  RULE_TM9_RESCISSION_APPEAL_NOT_FOUND: { ruleId: 'TM9', kind: 'INTEGRITY' },
  RULE_TM9_RESCISSION_APPEAL_MISMATCH: { ruleId: 'TM9', kind: 'INTEGRITY' },
  RULE_TM9_RESCISSION_APPEAL_NOT_UPHELD: { ruleId: 'TM9', kind: 'INTEGRITY' },
  RULE_TM9_RESCISSION_BEFORE_APPEAL_DECIDED: { ruleId: 'TM9', kind: 'INTEGRITY' },
  RULE_I_NOT_A_COUNTY_DEPARTMENT: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_RATING_ALREADY_RECORDED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_SCORE_YEAR_ALREADY_RECORDED: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_SCORE_CORRECTION_MISMATCH: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_RATING_CORRECTION_MISMATCH: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_SELF_RECOMMENDATION: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_SELF_TALK: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_SEAT_ALREADY_HELD: { ruleId: 'I', kind: 'INTEGRITY' },
  RULE_I_SEAT_NOT_HELD: { ruleId: 'I', kind: 'INTEGRITY' },
  // ── N5: appeals ──
  RULE_N5_REMEDY_WITHOUT_UPHOLDING: { ruleId: 'N5', kind: 'INTEGRITY' },
  RULE_N5_REMEDY_DOES_NOT_FIT_TARGET: { ruleId: 'N5', kind: 'INTEGRITY' },
  RULE_N5_REMEDY_HEAVIER: { ruleId: 'N5', kind: 'INTEGRITY' },
  RULE_N5_APPEALED_RECORD_ALREADY_CORRECTED: { ruleId: 'N5', kind: 'INTEGRITY' },
  // ── P2: single-holder posts (an integrity rule: two holders make the record incoherent) ──
  RULE_P2_POST_OCCUPIED: { ruleId: 'P2', kind: 'INTEGRITY' },
  RULE_P2_RETRACTION_CREATES_OVERLAP: { ruleId: 'P2', kind: 'INTEGRITY' },
  // ── TM4: stability (policy) ──
  RULE_TM4_APPROVAL_REQUIRED: { ruleId: 'TM4', kind: 'POLICY' },
  RULE_TM4_SECONDMENT_PURPOSE: { ruleId: 'TM4', kind: 'POLICY' },
  RULE_TM4_SECONDMENT_APPROVAL_REQUIRED: { ruleId: 'TM4', kind: 'POLICY' },
  // ── TM5: township weight (policy) ──
  RULE_TM5_RATER_NOT_A_CHIEF: { ruleId: 'TM5', kind: 'POLICY' },
  RULE_TM5_RECOMMENDER_NOT_A_SECRETARY: { ruleId: 'TM5', kind: 'POLICY' },
  // ── TM6a: priority promotion with the county's pooled quota (policy) ──
  RULE_TM6A_COUNTY_POOL_BASIS: { ruleId: 'TM6a', kind: 'POLICY' },
  // ── N4: sanction and annual grade (policy) ──
  RULE_N4_EXCELLENT_IN_WARNING_YEAR: { ruleId: 'N4', kind: 'POLICY' },
  RULE_N4_YEAR_MUST_STAY_UNGRADED: { ruleId: 'N4', kind: 'POLICY' },
  // ── N1: rank ladder (policy) ──
  RULE_N1_SKIPS_RANKS: { ruleId: 'N1', kind: 'POLICY' },
  RULE_N1_ABOVE_COUNTY_CEILING: { ruleId: 'N1', kind: 'POLICY' },
  // ── N2: minimum years in the lower rank (policy) ──
  RULE_N2_MINIMUM_YEARS: { ruleId: 'N2', kind: 'POLICY' },
  RULE_N2_INCOMPETENT_YEAR: { ruleId: 'N2', kind: 'POLICY' },
  RULE_N2_SANCTION_EFFECT_PERIOD: { ruleId: 'N2', kind: 'POLICY' },
} as const satisfies Record<string, { ruleId: string; kind: RuleKind }>;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_CODES;
/** A rule id of RULES.md ('I' for the integrity rules of the record). */
export type RuleId = (typeof DOMAIN_ERROR_CODES)[DomainErrorCode]['ruleId'];

export interface DomainErrorDetails {
  /**
   * The same detail as the English message, in Chinese for the organization department's staff
   * (the same ids, dates and values; terms from vocabulary-zh.ts). Required: every refusal reads in Chinese.
   */
  readonly messageZh: string;
  /** POLICY rules only, where a date makes the write possible: the first date on which it would pass. */
  readonly firstPassingDate?: CalendarDate;
  /** The command field at fault, as a path (`data.orgUnitId`, `effectiveDate`). */
  readonly field?: string;
  /** The cadres the message names by id (a post's holder and the one refused it, P2): the application layer may add their names. */
  readonly cadreIds?: readonly string[];
  /** The org units the message names by id (the township of a post, a rated department): the application layer may add their names. */
  readonly orgUnitIds?: readonly string[];
}

/** A refused write: the rule it breaks, whether an override could lift it, and why. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly ruleId: RuleId;
  readonly kind: RuleKind;
  readonly firstPassingDate?: CalendarDate;
  readonly field?: string;
  /**
   * The message in Chinese (the same ids, dates and values), clamped as the English is. The
   * application may word the posts it names by their units (postsNamedByUnitsZh), as it adds names.
   */
  messageZh: string;
  /** The cadres the message names by id (DomainErrorDetails.cadreIds). */
  readonly cadreIds?: readonly string[];
  /**
   * Their names, by id, where the ledger has them: never set by the domain (it decides on ids and
   * reads nothing), added by the application layer, which reads the cadres' registrations, for a
   * refusal to show names beside the ids.
   */
  cadreNames?: Readonly<Record<string, string>>;
  /** The org units the message names by id (DomainErrorDetails.orgUnitIds). */
  readonly orgUnitIds?: readonly string[];
  /**
   * Their names, by id, where the ledger has them: as `cadreNames`, never set by the domain, added
   * by the application layer from the org units' registrations (a clerk, who may not read the list
   * of townships, then sees 青山镇（T01） in a refusal).
   */
  orgUnitNames?: Readonly<Record<string, string>>;

  constructor(code: DomainErrorCode, message: string, details: DomainErrorDetails) {
    // Messages quote ids and values from the command: never more than 80 characters of them.
    super(clampQuotedInput(message));
    this.name = 'DomainError';
    this.messageZh = clampQuotedInputZh(details.messageZh);
    this.code = code;
    this.ruleId = DOMAIN_ERROR_CODES[code].ruleId;
    this.kind = DOMAIN_ERROR_CODES[code].kind;
    if (details.firstPassingDate !== undefined) this.firstPassingDate = details.firstPassingDate;
    if (details.field !== undefined) this.field = details.field;
    if (details.cadreIds !== undefined && details.cadreIds.length > 0) this.cadreIds = [...new Set(details.cadreIds)];
    if (details.orgUnitIds !== undefined && details.orgUnitIds.length > 0) this.orgUnitIds = [...new Set(details.orgUnitIds)];
  }

  /** Policy violations can be overridden (and are then recorded); integrity ones never. */
  get overridable(): boolean {
    return this.kind === 'POLICY';
  }

  toJSON(): { code: DomainErrorCode; ruleId: RuleId; kind: RuleKind; message: string; messageZh: string; firstPassingDate?: CalendarDate; field?: string } {
    return {
      code: this.code,
      ruleId: this.ruleId,
      kind: this.kind,
      message: this.message,
      messageZh: this.messageZh,
      ...(this.firstPassingDate !== undefined ? { firstPassingDate: this.firstPassingDate } : {}),
      ...(this.field !== undefined ? { field: this.field } : {}),
    };
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
