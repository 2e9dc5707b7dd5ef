/**
 * N4 on write: an annual grade the sanctions standing in the record forbid (a 警告 year cannot be
 * EXCELLENT; a 记过 year, and a 记大过-or-above year and the next, stay ungraded). A rescinded or
 * retracted sanction no longer constrains any year (TM9): `annualGradeConstraint` skips them.
 */
import { DomainError } from '../errors';
import type { Grade } from '../vocabulary';
import { GRADE_NAMES_ZH, SANCTION_KIND_NAMES_ZH } from '../vocabulary-zh';
import { annualGradeConstraint, gradeAllowed, type SanctionRecord } from './sanctions';

export function n4GradeViolation(year: number, grade: Grade, sanctions: readonly SanctionRecord[]): DomainError | undefined {
  const { constraint, eventIds } = annualGradeConstraint(sanctions, year);
  if (gradeAllowed(grade, constraint)) return undefined;
  const by = `sanction event ${eventIds.join(', ')}`;
  const byZh = `处分事件 ${eventIds.join('、')}`;
  return constraint === 'NOT_EXCELLENT'
    ? new DomainError('RULE_N4_EXCELLENT_IN_WARNING_YEAR', `${year} is a 警告 year (${by}): it cannot be graded EXCELLENT`, {
        field: 'data.grade',
        messageZh: `${year} 年为受${SANCTION_KIND_NAMES_ZH.WARNING}处分年度（${byZh}）：不得确定为${GRADE_NAMES_ZH.EXCELLENT}等次`,
      })
    : new DomainError('RULE_N4_YEAR_MUST_STAY_UNGRADED', `${year} must stay UNGRADED (${by}), not ${grade}`, {
        field: 'data.grade',
        messageZh: `${year} 年度应为${GRADE_NAMES_ZH.UNGRADED}（${byZh}），而非${GRADE_NAMES_ZH[grade]}`,
      });
}

/**
 * N4 on read: the sanctions that forbid an EXCELLENT for `year` (none: the grade earns its credit).
 * A grade recorded before the sanction was never refused; wherever the rules count EXCELLENT years
 * (TM6b, TM10 and its ranking, TM7's focus-cultivation ledger, TM2's priority graduates) it earns
 * no credit, and the N4 finding asks for the record to be corrected.
 */
export function n4ExcellentForbiddenBy(year: number, sanctions: readonly SanctionRecord[]): string[] {
  const { constraint, eventIds } = annualGradeConstraint(sanctions, year);
  return gradeAllowed('EXCELLENT', constraint) ? [] : eventIds;
}

/** An EXCELLENT grade that counts as one (N4: not of a year a sanction forbids it). */
export function isCreditedExcellent(g: { readonly year: number; readonly grade: Grade }, sanctions: readonly SanctionRecord[]): boolean {
  return g.grade === 'EXCELLENT' && n4ExcellentForbiddenBy(g.year, sanctions).length === 0;
}

/**
 * N4 on read: the sanctions that leave `year` ungraded (a 记过 year; a 记大过-or-above year and the
 * next), whatever grade was recorded before them; none: the recorded grade counts. TM6b names it:
 * "an ungraded year (N4) is neither below COMPETENT nor EXCELLENT", and N2 does not count an
 * ungraded year as time in rank (found by a review: a BASICALLY_COMPETENT recorded before a 记过
 * of its year still blocked TM6b, and a 记过 year with no grade counted as time in rank).
 */
export function n4UngradedBy(year: number, sanctions: readonly SanctionRecord[]): string[] {
  const { constraint, eventIds } = annualGradeConstraint(sanctions, year);
  return constraint === 'UNGRADED' ? eventIds : [];
}
