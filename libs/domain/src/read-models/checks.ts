/** Checks shared by the eligibility and candidate answers: each names its rule and the events behind it. */
import type { PolicySettings } from '../policy/policy-settings';
import { n4ExcellentForbiddenBy, n4UngradedBy } from '../rules/sanction-grade';
import { sanctionEffectPeriods, sanctionPeriodsOverlapping, type SanctionEffectPeriod } from '../rules/sanctions';
import { addDays, type CalendarDate } from '../time/calendar-date';
import { GRADES, type Grade } from '../vocabulary';
import type { GradeFact } from './ledger-facts';
import type { KnownSanction } from './known-view';
import { GRADE_NAMES_ZH, SANCTION_PERIOD_ZH, sanctionLabelZh } from '../vocabulary-zh';
import { periodZh } from './format-zh';

/** One rule check in an answer (核查项): `detail` is human text in Chinese; `evidence` are event ids. */
export interface RuleCheck {
  rule: string;
  passed: boolean;
  detail: string;
  evidence: string[];
}

/**
 * Whether `grade` is below `lowest` in the order EXCELLENT > COMPETENT > BASICALLY_COMPETENT >
 * INCOMPETENT. An ungraded year (不确定等次, N4) is below nothing: TM6b and TM10 count it for neither
 * side, so a year left ungraded by a sanction later rescinded (TM9, void from its start) blocks nothing.
 */
export function gradeBelow(grade: Grade, lowest: Grade): boolean {
  if (grade === 'UNGRADED') return false;
  return GRADES.indexOf(grade) > GRADES.indexOf(lowest);
}

/** Grades of the years `fromYear..toYear` (inclusive), earliest first. */
export function gradesInYears(grades: ReadonlyMap<number, GradeFact>, fromYear: number, toYear: number): GradeFact[] {
  const result: GradeFact[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const g = grades.get(y);
    if (g) result.push(g);
  }
  return result;
}

const yearsZh = (gs: readonly GradeFact[]): string => gs.map((g) => g.year).join('、');

/** The ungraded years, which count for neither side (N4). */
function ungradedNote(grades: readonly GradeFact[]): string {
  const ungraded = grades.filter((g) => g.grade === 'UNGRADED');
  return ungraded.length === 0 ? '' : `（${yearsZh(ungraded)} 年度不确定等次，不计入）`;
}

/**
 * No grade below `lowest` among `grades` (years without a record are not grades). A grade of a
 * year the sanctions leave ungraded (N4, `n4UngradedBy`) counts for neither side: it was recorded
 * before the sanction, and the N4 finding asks for it to be corrected.
 */
export function noGradeBelowCheck(rule: string, grades: readonly GradeFact[], lowest: Grade, scope: string, sanctions: readonly KnownSanction[] = []): RuleCheck {
  const voided = grades.flatMap((g) => {
    const by = g.grade === 'UNGRADED' ? [] : n4UngradedBy(g.year, sanctions);
    return by.length === 0 ? [] : [{ grade: g, evidence: [g.meta.eventId, ...by] }];
  });
  const counted = grades.filter((g) => !voided.some((v) => v.grade === g));
  const note = voided.length ? `（${yearsZh(voided.map((v) => v.grade))} 年度按处分应为不确定等次（N4），所录等次不计入）` : '';
  const below = counted.filter((g) => gradeBelow(g.grade, lowest));
  if (below.length > 0) {
    return {
      rule,
      passed: false,
      detail: `${scope}有年度考核低于${GRADE_NAMES_ZH[lowest]}：${below.map((g) => `${g.year} 年度${GRADE_NAMES_ZH[g.grade]}`).join('，')}${note}`,
      evidence: below.map((g) => g.meta.eventId),
    };
  }
  return {
    rule,
    passed: true,
    detail:
      grades.length === 0
        ? `${scope}无年度考核记录，无低于${GRADE_NAMES_ZH[lowest]}的等次`
        : `${scope}年度考核（${yearsZh(grades)} 年）均不低于${GRADE_NAMES_ZH[lowest]}${ungradedNote(counted)}${note}`,
    evidence: [...counted.map((g) => g.meta.eventId), ...voided.flatMap((v) => v.evidence)],
  };
}

/** At least `min` EXCELLENT (优秀) grades among `grades`. */
export function excellentCountCheck(rule: string, grades: readonly GradeFact[], min: number, scope: string, sanctions: readonly KnownSanction[] = []): RuleCheck {
  // N4: an EXCELLENT recorded for a year a sanction forbids it (recorded before the sanction, so
  // never refused) earns no credit; the N4 finding asks for the record to be corrected.
  const forbidden = grades.flatMap((g) => {
    const by = g.grade === 'EXCELLENT' ? n4ExcellentForbiddenBy(g.year, sanctions) : [];
    return by.length === 0 ? [] : [{ grade: g, evidence: [g.meta.eventId, ...by] }];
  });
  const excellent = grades.filter((g) => g.grade === 'EXCELLENT' && !forbidden.some((f) => f.grade === g));
  const note = forbidden.length ? `（${yearsZh(forbidden.map((f) => f.grade))} 年度优秀与当年处分不符（N4），不计入）` : '';
  return {
    rule,
    passed: excellent.length >= min,
    detail: `${scope}优秀等次 ${excellent.length} 次${excellent.length ? `（${yearsZh(excellent)} 年）` : ''}，须至少 ${min} 次${note}`,
    evidence: [...excellent.map((g) => g.meta.eventId), ...forbidden.flatMap((f) => f.evidence)],
  };
}

/** Events that show why no period runs: rescinded sanctions with their rescissions (TM9), and expired periods. */
function clearedEvidence(sanctions: readonly KnownSanction[], periods: readonly SanctionEffectPeriod[]): { ids: string[]; notes: string[] } {
  const ids: string[] = [];
  const notes: string[] = [];
  for (const s of sanctions) {
    if (s.rescinded && s.rescissionEventId) {
      ids.push(s.eventId, s.rescissionEventId);
      notes.push(`${sanctionLabelZh(s.kind)} ${s.sanctionId} 已撤销，自始无效`);
    }
  }
  for (const p of periods) ids.push(...p.eventIds.filter((id) => !ids.includes(id)));
  return { ids, notes };
}

/**
 * 开除 (EXPULSION) has no effect period (N3 sets none: it ends the service) but no check of "no
 * sanction" passes once one stands (found by an API review: an expelled chief was "不在…影响期内",
 * eligible for TM6b and a TM10 candidate). The first one taking effect before `before`, not rescinded.
 */
function expulsionBefore(sanctions: readonly KnownSanction[], before: CalendarDate): KnownSanction | undefined {
  return sanctions.find((s) => s.kind === 'EXPULSION' && !s.rescinded && !s.retracted && s.effectiveDate < before);
}

function expelled(rule: string, s: KnownSanction, said: string): RuleCheck {
  return { rule, passed: false, detail: `${said}受${sanctionLabelZh(s.kind)}（${s.effectiveDate} 起，处分编号 ${s.sanctionId}）`, evidence: [s.eventId] };
}

/** N3: no effect period of a sanction or organisational measure (处分或组织处理影响期) running on `date`, and no 开除 by then. */
export function noSanctionPeriodOnCheck(
  rule: string,
  sanctions: readonly KnownSanction[],
  settings: PolicySettings,
  date: CalendarDate,
): RuleCheck {
  const expulsion = expulsionBefore(sanctions, addDays(date, 1));
  if (expulsion) return expelled(rule, expulsion, `${date} 已`);
  const periods = sanctionEffectPeriods(sanctions, settings);
  const running = periods.filter((p) => p.from <= date && date < p.to);
  if (running.length > 0) {
    return {
      rule,
      passed: false,
      detail: `${date} 处于${SANCTION_PERIOD_ZH}：${running.map((p) => `${sanctionLabelZh(p.kind)}（${periodZh(p.from, p.to)}）`).join('；')}`,
      evidence: [...new Set(running.flatMap((p) => p.eventIds))],
    };
  }
  const cleared = clearedEvidence(sanctions, periods.filter((p) => p.to <= date));
  return {
    rule,
    passed: true,
    detail: [`${date} 不在${SANCTION_PERIOD_ZH}内`, ...cleared.notes].join('；'),
    evidence: cleared.ids,
  };
}

/** N3: no sanction effect period overlapping `[from, toExclusive)` (e.g. a commendation cycle), and no 开除 before its end. */
export function noSanctionPeriodInCheck(
  rule: string,
  sanctions: readonly KnownSanction[],
  settings: PolicySettings,
  from: CalendarDate,
  toExclusive: CalendarDate,
): RuleCheck {
  const span = `${from} 至 ${addDays(toExclusive, -1)}`;
  const expulsion = expulsionBefore(sanctions, toExclusive);
  if (expulsion) return expelled(rule, expulsion, expulsion.effectiveDate < from ? `${from} 前已` : `${span} 期间`);
  const periods = sanctionEffectPeriods(sanctions, settings);
  const overlapping = sanctionPeriodsOverlapping(periods, from, toExclusive);
  if (overlapping.length > 0) {
    return {
      rule,
      passed: false,
      detail: `${span} 期间有${SANCTION_PERIOD_ZH}：${overlapping.map((p) => `${sanctionLabelZh(p.kind)}（${periodZh(p.from, p.to)}）`).join('；')}`,
      evidence: [...new Set(overlapping.flatMap((p) => p.eventIds))],
    };
  }
  const cleared = clearedEvidence(sanctions, []);
  return { rule, passed: true, detail: [`${span} 期间无${SANCTION_PERIOD_ZH}`, ...cleared.notes].join('；'), evidence: cleared.ids };
}
