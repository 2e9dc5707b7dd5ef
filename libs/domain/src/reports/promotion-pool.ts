/**
 * TM2 promotion orientation on a date: (1) cadres with township party-secretary experience (the
 * pool for county-level recommendations), serving secretaries among them; (2) every township chief
 * appointment up to the date (a cadre who was no chief the day before), whether the appointee came
 * from the preferred pool (乡镇人大主席 or a township deputy post the day before), with the share per
 * year; (3) township cadres who are full-time master's/doctoral or double-first-class graduates,
 * flagged for priority when their record is outstanding: in the last N assessment years before the
 * date's year, at least `minExcellentInRecord` EXCELLENT and none below the lowest acceptable grade
 * (ungraded years are neutral, as in TM6b).
 */
import { addDays, yearOf, type CalendarDate } from '../time/calendar-date';
import { serviceLength } from '../rules/continuity';
import type { OrgUnitKind, Role } from '../vocabulary';
import type { LedgerFacts, ProfileFact } from '../read-models/ledger-facts';

type EducationLevel = ProfileFact['education']['level'];
import { gradeBelow, noSanctionPeriodOnCheck } from '../read-models/checks';
import { gradesByYear, isTownshipChief, knownSanctions } from '../read-models/known-view';
import { isCreditedExcellent, n4UngradedBy } from '../rules/sanction-grade';

import { reportView, sortedCadres, type ReportView } from './report-view';

export const TM2_RULES = { preferredPool: 'TM2.preferred-pool', priorityGraduate: 'TM2.priority-graduate' } as const;

// 乡镇人大主席和乡镇副职干部: the chair and the township's deputies, team members (党委委员) among them.
const PREFERRED_POOL_ROLES: readonly Role[] = ['PEOPLES_CONGRESS_CHAIR', 'DEPUTY_PARTY_SECRETARY', 'DEPUTY_HEAD', 'TEAM_MEMBER'];

export interface PromotionPoolReport {
  asOf: CalendarDate;
  knownAt: string | null;
  policyVersion: string;
  secretaryExperienced: { cadreId: string; cadreName: string; serving: boolean; secretaryYears: number; evidence: string[] }[];
  servingSecretaries: number;
  chiefAppointments: {
    cadreId: string;
    cadreName: string;
    orgUnitId: string;
    orgUnitName: string;
    role: Role;
    date: CalendarDate;
    fromPreferredPool: boolean;
    previousPosts: { orgUnitId: string; orgUnitName: string; orgUnitKind: OrgUnitKind | null; role: Role }[];
    rule: string;
    evidence: string[];
  }[];
  preferredPoolShareByYear: { year: number; appointments: number; fromPreferredPool: number }[];
  priorityGraduates: {
    cadreId: string;
    cadreName: string;
    education: string;
    /** The level and mode behind `education`, for people (EDUCATION_NAMES_ZH). */
    educationLevel: EducationLevel;
    fullTime: boolean;
    doubleFirstClass: boolean;
    years: number[];
    excellent: number;
    outstanding: boolean;
    rule: string;
    evidence: string[];
  }[];
}

export function promotionPoolReport(facts: LedgerFacts, options: { asOf: CalendarDate; knownAt?: string }): PromotionPoolReport {
  const view = reportView(facts, options.asOf, options.knownAt);
  const { asOf } = view;
  const secretaryExperienced: PromotionPoolReport['secretaryExperienced'] = [];
  const chiefAppointments: PromotionPoolReport['chiefAppointments'] = [];
  const priorityGraduates: PromotionPoolReport['priorityGraduates'] = [];
  for (const t of sortedCadres(facts)) {
    const holdings = view.holdings(t.cadreId, asOf);
    const secretary = holdings.filter((h) => h.role === 'PARTY_SECRETARY' && view.kindOf(h.orgUnitId) === 'TOWNSHIP');
    if (secretary.length > 0) {
      // P3: a day held in two townships at once counts once (found by a boundary spec: the sum counted it twice).
      const service = serviceLength(secretary.map((h) => ({ from: h.from, to: h.to })), asOf);
      secretaryExperienced.push({
        cadreId: t.cadreId,
        cadreName: view.cadreName(t.cadreId),
        serving: secretary.some((h) => h.to === null),
        secretaryYears: service.years,
        evidence: secretary.flatMap((h) => h.eventIds),
      });
    }
    for (const h of holdings) {
      if (!isTownshipChief(view.kindOf(h.orgUnitId), h.role)) continue;
      const dayBefore = addDays(h.from, -1);
      const before = view.holdings(t.cadreId, dayBefore).filter((p) => p.to === null);
      if (before.some((p) => isTownshipChief(view.kindOf(p.orgUnitId), p.role))) continue; // a chief already: no new selection
      // A transfer closes the old post the day the new one opens: read the posts of the day before.
      const fromPreferredPool = before.some((p) => view.kindOf(p.orgUnitId) === 'TOWNSHIP' && PREFERRED_POOL_ROLES.includes(p.role));
      chiefAppointments.push({
        cadreId: t.cadreId,
        cadreName: view.cadreName(t.cadreId),
        orgUnitId: h.orgUnitId,
        orgUnitName: view.orgUnitName(h.orgUnitId),
        role: h.role,
        date: h.from,
        fromPreferredPool,
        previousPosts: before.map((p) => ({ orgUnitId: p.orgUnitId, orgUnitName: view.orgUnitName(p.orgUnitId), orgUnitKind: view.kindOf(p.orgUnitId) ?? null, role: p.role })),
        rule: TM2_RULES.preferredPool,
        evidence: [h.eventIds[0]!, ...before.map((p) => p.eventIds[0]!)],
      });
    }
    const graduate = priorityGraduate(view, t.cadreId, holdings.some((h) => h.to === null && view.kindOf(h.orgUnitId) === 'TOWNSHIP'));
    if (graduate) priorityGraduates.push(graduate);
  }
  chiefAppointments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.cadreId < b.cadreId ? -1 : 1));
  const byYear = new Map<number, { year: number; appointments: number; fromPreferredPool: number }>();
  for (const a of chiefAppointments) {
    const row = byYear.get(yearOf(a.date)) ?? { year: yearOf(a.date), appointments: 0, fromPreferredPool: 0 };
    row.appointments++;
    if (a.fromPreferredPool) row.fromPreferredPool++;
    byYear.set(row.year, row);
  }

  return {
    asOf,
    knownAt: view.filter.knownAt,
    policyVersion: view.policy.version,
    secretaryExperienced,
    servingSecretaries: secretaryExperienced.filter((s) => s.serving).length,
    chiefAppointments,
    preferredPoolShareByYear: [...byYear.values()].sort((a, b) => a.year - b.year),
    priorityGraduates,
  };
}

function priorityGraduate(view: ReportView, cadreId: string, inTownship: boolean): PromotionPoolReport['priorityGraduates'][number] | undefined {
  const profile = view.profile(cadreId);
  if (!profile || !inTownship) return undefined;
  const { level, fullTime, doubleFirstClass } = profile.education;
  const postgraduate = fullTime && (level === 'MASTER' || level === 'DOCTORATE');
  if (!postgraduate && !doubleFirstClass) return undefined;
  const s = view.policy.settings.promotionOrientation;
  const lastYear = yearOf(view.asOf) - 1;
  const years = Array.from({ length: s.outstandingRecordYears }, (_, i) => lastYear - s.outstandingRecordYears + 1 + i);
  const timeline = view.facts.cadres.get(cadreId)!;
  const grades = gradesByYear(timeline, view.filter, view.asOf);
  const sanctions = knownSanctions(timeline, view.filter, view.asOf);
  const record = years.map((y) => grades.get(y)).filter((g) => g !== undefined);
  // Ungraded years are neutral, as in TM6b, and so is a year a sanction leaves ungraded (N4), whatever was recorded for it before.
  const graded = record.filter((g) => g.grade !== 'UNGRADED' && n4UngradedBy(g.year, sanctions).length === 0);
  const excellent = graded.filter((g) => isCreditedExcellent(g, sanctions)).length; // N4: a forbidden EXCELLENT earns no credit
  // 实绩突出 as TM6b reads it by default: the grades, and no sanction effect period running on the
  // date (N2: no promotion during one; found by a review: a graduate under 严重警告 was flagged).
  const sanctionCheck = noSanctionPeriodOnCheck(TM2_RULES.priorityGraduate, sanctions, view.policy.settings, view.asOf);
  const outstanding = excellent >= s.minExcellentInRecord && !graded.some((g) => gradeBelow(g.grade, s.lowestAcceptableGrade)) && sanctionCheck.passed;
  return {
    cadreId,
    cadreName: view.cadreName(cadreId),
    education: `${level}${fullTime ? '' : ' (part-time)'}`,
    educationLevel: level,
    fullTime,
    doubleFirstClass,
    years,
    excellent,
    outstanding,
    rule: TM2_RULES.priorityGraduate,
    evidence: [profile.meta.eventId, ...record.map((g) => g.meta.eventId), ...(sanctionCheck.passed ? [] : sanctionCheck.evidence)],
  };
}
