/**
 * A second, deliberately plain reading of RULES TM6b and TM10 over raw events, written apart from
 * libs/domain/src/read-models (no shared code but the event shapes): days are walked one by one,
 * runs are found by stepping back from the date, retractions are resolved recursively. Property
 * tests compare the read models (and the projections) with it on who is eligible, on which basis,
 * and who is a candidate. It reads what random histories contain: posts, grades, one sanction per
 * cadre (no accumulation; an EXCELLENT in a year the sanction forbids it earns no credit, N4),
 * rescissions, retractions, org-unit registrations, policy versions.
 */

export interface RefEvent {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly effectiveDate: string;
  readonly globalPosition: number;
  readonly data: Record<string, unknown>;
}

interface RefSettings {
  continuityGraceDays: number;
  inPostPromotion: { partySecretaryRunYears: number; chiefRunYears: number; lowestAcceptableGrade: string; minExcellentGradesInRun: number };
  excellentSecretary: { minTownshipWorkYears: number; lowestAcceptableGrade: string; minExcellentGradesInCycle: number };
  sanctionEffectMonths: Record<string, number>;
}

const DAY = 86_400_000;
const ms = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
const plusDays = (date: string, n: number): string => iso(ms(date) + n * DAY);

/** The date `months` months after `date`; a day the target month lacks becomes its last day (T3). */
function plusMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Completed years from `start` to `end` by anniversaries (T3). */
function fullYears(start: string, end: string): number {
  let n = 0;
  while (plusMonths(start, 12 * (n + 1)) <= end) n++;
  return n;
}

const RANK = ['EXCELLENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'INCOMPETENT'];
/** UNGRADED is neither below nor EXCELLENT (TM6b). */
const isBelow = (grade: string, lowest: string): boolean => grade !== 'UNGRADED' && RANK.indexOf(grade) > RANK.indexOf(lowest);
/** N4: the years, counted from the sanction's year, in which a government sanction forbids EXCELLENT. */
const EXCELLENT_FORBIDDEN_OFFSETS: Record<string, number[]> = {
  WARNING: [0],
  DEMERIT: [0],
  MAJOR_DEMERIT: [0, 1],
  DEMOTION: [0, 1],
  REMOVAL: [0, 1],
  EXPULSION: [0, 1],
};

/**
 * N4: the years, counted from the sanction's year, a government sanction leaves ungraded (不确定等次):
 * whatever grade was recorded for such a year counts for neither side, as an ungraded year (RULES
 * TM6b, TM10; the domain reads it so since 2026-12-05). Found by the property itself: an
 * INCOMPETENT recorded for a 记过 year kept a secretary off the list here while the domain listed him.
 */
const UNGRADED_OFFSETS: Record<string, number[]> = {
  DEMERIT: [0],
  MAJOR_DEMERIT: [0, 1],
  DEMOTION: [0, 1],
  REMOVAL: [0, 1],
  EXPULSION: [0, 1],
};

export class ReferenceLedger {
  private readonly live: RefEvent[];
  private readonly byStream = new Map<string, RefEvent[]>();
  private readonly kinds = new Map<string, string>();
  private readonly policies: { effectiveFrom: string; settings: RefSettings; version: string }[];

  constructor(
    events: readonly RefEvent[],
    private readonly defaults: RefSettings,
  ) {
    const byId = new Map(events.map((e) => [e.eventId, e]));
    const retractionsOf = new Map<string, RefEvent[]>();
    for (const e of events) {
      if (e.type !== 'EntryRetracted') continue;
      const target = String(e.data.targetEventId);
      retractionsOf.set(target, [...(retractionsOf.get(target) ?? []), e]);
    }
    const memo = new Map<string, boolean>();
    const counts = (e: RefEvent): boolean => {
      const known = memo.get(e.eventId);
      if (known !== undefined) return known;
      const result = !(retractionsOf.get(e.eventId) ?? []).some((r) => byId.has(r.eventId) && counts(r));
      memo.set(e.eventId, result);
      return result;
    };
    this.live = events.filter((e) => e.type !== 'EntryRetracted' && counts(e)).sort((a, b) => a.globalPosition - b.globalPosition);
    for (const e of this.live) {
      this.byStream.set(e.streamId, [...(this.byStream.get(e.streamId) ?? []), e]);
      if (e.type === 'OrgUnitRegistered') this.kinds.set(e.streamId.slice('orgunit-'.length), String(e.data.kind)); // the latest wins
    }
    this.policies = this.live
      .filter((e) => e.type === 'PolicyVersionAdopted')
      .map((e) => ({ effectiveFrom: String(e.data.effectiveFrom), settings: e.data.settings as unknown as RefSettings, version: String(e.data.version) }));
  }

  settingsOn(date: string): RefSettings {
    let best: { effectiveFrom: string; settings: RefSettings } | undefined;
    for (const p of this.policies) if (p.effectiveFrom <= date && (!best || p.effectiveFrom >= best.effectiveFrom)) best = p;
    return best?.settings ?? this.defaults;
  }

  private unitKind(orgUnitId: string): string | undefined {
    return this.kinds.get(orgUnitId);
  }

  private cadreEvents(cadreId: string): RefEvent[] {
    return this.byStream.get(`cadre-${cadreId}`) ?? [];
  }

  cadreIds(): string[] {
    return [...this.byStream.keys()].filter((id) => id.startsWith('cadre-')).map((id) => id.slice('cadre-'.length)).sort();
  }

  /** Posts held as of `date`: [unit, role, from, to|null], replaying post events dated up to it. */
  private holdings(cadreId: string, date: string): { unit: string; role: string; from: string; to: string | null }[] {
    const posts = this.cadreEvents(cadreId)
      .filter((e) => ['AppointedToPost', 'RemovedFromPost', 'Transferred'].includes(e.type) && e.effectiveDate <= date)
      .sort((a, b) => (a.effectiveDate === b.effectiveDate ? a.globalPosition - b.globalPosition : a.effectiveDate < b.effectiveDate ? -1 : 1));
    const all: { unit: string; role: string; from: string; to: string | null }[] = [];
    const open = (unit: string, role: string, from: string) => {
      if (!all.some((h) => h.to === null && h.unit === unit && h.role === role)) all.push({ unit, role, from, to: null });
    };
    const close = (unit: string, role: string, to: string) => {
      const h = all.find((x) => x.to === null && x.unit === unit && x.role === role);
      if (h) h.to = to;
    };
    for (const e of posts) {
      const d = e.data as { orgUnitId: string; role: string; from: { orgUnitId: string; role: string }; to: { orgUnitId: string; role: string } };
      if (e.type === 'AppointedToPost') open(d.orgUnitId, d.role, e.effectiveDate);
      if (e.type === 'RemovedFromPost') close(d.orgUnitId, d.role, e.effectiveDate);
      if (e.type === 'Transferred') {
        close(d.from.orgUnitId, d.from.role, e.effectiveDate);
        open(d.to.orgUnitId, d.to.role, e.effectiveDate);
      }
    }
    return all;
  }

  /** Start of the run in `roles` in progress on `date` (stepping back day by day), or null. */
  private runStart(cadreId: string, roles: readonly string[], date: string, grace: number): string | null {
    const held = this.holdings(cadreId, date).filter((h) => roles.includes(h.role) && this.unitKind(h.unit) === 'TOWNSHIP');
    const covered = (day: string) => held.some((h) => h.from <= day && (h.to === null || day < h.to));
    if (!covered(date)) return null;
    const earliest = held.reduce((m, h) => (h.from < m ? h.from : m), date);
    let start = date;
    let gap = 0;
    for (let day = plusDays(date, -1); day >= earliest; day = plusDays(day, -1)) {
      if (covered(day)) {
        start = day;
        gap = 0;
      } else if (++gap > grace) break;
    }
    return start;
  }

  private grades(cadreId: string, cut: string | null): Map<number, string> {
    const byYear = new Map<number, string>();
    const graded = this.cadreEvents(cadreId)
      .filter((e) => e.type === 'AnnualAssessmentRecorded' && (cut === null || e.effectiveDate <= cut))
      .sort((a, b) => (a.effectiveDate === b.effectiveDate ? a.globalPosition - b.globalPosition : a.effectiveDate < b.effectiveDate ? -1 : 1));
    for (const e of graded) byYear.set(Number(e.data.year), String(e.data.grade));
    return byYear;
  }

  /** Sanction effect periods [from, to) not rescinded (a rescission voids from the start, TM9). */
  private sanctionPeriods(cadreId: string, cut: string | null, settings: RefSettings): [string, string][] {
    const events = this.cadreEvents(cadreId);
    const rescinded = new Set(events.filter((e) => e.type === 'SanctionRescinded').map((e) => String(e.data.sanctionId)));
    return events
      .filter((e) => e.type === 'SanctionImposed' && (cut === null || e.effectiveDate <= cut) && !rescinded.has(String(e.data.sanctionId)))
      .map((e) => [e.effectiveDate, plusMonths(e.effectiveDate, settings.sanctionEffectMonths[String(e.data.kind)] ?? 0)] as [string, string])
      .filter(([from, to]) => from < to);
  }

  /** N4: assessment years whose EXCELLENT earns no credit, by the sanctions not rescinded. */
  private excellentForbiddenYears(cadreId: string, cut: string | null): Set<number> {
    const events = this.cadreEvents(cadreId);
    const rescinded = new Set(events.filter((e) => e.type === 'SanctionRescinded').map((e) => String(e.data.sanctionId)));
    const years = new Set<number>();
    for (const e of events) {
      if (e.type !== 'SanctionImposed' || (cut !== null && e.effectiveDate > cut) || rescinded.has(String(e.data.sanctionId))) continue;
      for (const offset of EXCELLENT_FORBIDDEN_OFFSETS[String(e.data.kind)] ?? []) years.add(Number(e.effectiveDate.slice(0, 4)) + offset);
    }
    return years;
  }

  /** N4: assessment years left ungraded by the sanctions not rescinded (UNGRADED_OFFSETS). */
  private ungradedYears(cadreId: string, cut: string | null): Set<number> {
    const events = this.cadreEvents(cadreId);
    const rescinded = new Set(events.filter((e) => e.type === 'SanctionRescinded').map((e) => String(e.data.sanctionId)));
    const years = new Set<number>();
    for (const e of events) {
      if (e.type !== 'SanctionImposed' || (cut !== null && e.effectiveDate > cut) || rescinded.has(String(e.data.sanctionId))) continue;
      for (const offset of UNGRADED_OFFSETS[String(e.data.kind)] ?? []) years.add(Number(e.effectiveDate.slice(0, 4)) + offset);
    }
    return years;
  }

  private performs(cadreId: string, start: string, date: string, s: RefSettings['inPostPromotion']): boolean {
    const grades = this.grades(cadreId, date);
    const forbidden = this.excellentForbiddenYears(cadreId, date);
    const ungraded = this.ungradedYears(cadreId, date);
    let excellent = 0;
    for (let y = Number(start.slice(0, 4)); y <= Number(date.slice(0, 4)); y++) {
      const g = ungraded.has(y) ? undefined : grades.get(y);
      if (g !== undefined && isBelow(g, s.lowestAcceptableGrade)) return false;
      if (g === 'EXCELLENT' && !forbidden.has(y)) excellent++;
    }
    return excellent >= s.minExcellentGradesInRun;
  }

  /** TM6b: every township chief on `date` with the basis, or null when not eligible. */
  eligibility(date: string): Map<string, 'PARTY_SECRETARY_8Y' | 'CHIEF_10Y' | null> {
    const s = this.settingsOn(date);
    const answer = new Map<string, 'PARTY_SECRETARY_8Y' | 'CHIEF_10Y' | null>();
    for (const cadreId of this.cadreIds()) {
      const isChief = this.holdings(cadreId, date).some(
        (h) => h.to === null && (h.role === 'PARTY_SECRETARY' || h.role === 'HEAD') && this.unitKind(h.unit) === 'TOWNSHIP',
      );
      if (!isChief) continue;
      const sanctioned = this.sanctionPeriods(cadreId, date, s).some(([from, to]) => from <= date && date < to);
      const basisHolds = (roles: string[], years: number): boolean => {
        const start = this.runStart(cadreId, roles, date, s.continuityGraceDays);
        return start !== null && fullYears(start, date) >= years && this.performs(cadreId, start, date, s.inPostPromotion);
      };
      const ps = !sanctioned && basisHolds(['PARTY_SECRETARY'], s.inPostPromotion.partySecretaryRunYears);
      const chief = !sanctioned && basisHolds(['PARTY_SECRETARY', 'HEAD'], s.inPostPromotion.chiefRunYears);
      answer.set(cadreId, ps ? 'PARTY_SECRETARY_8Y' : chief ? 'CHIEF_10Y' : null);
    }
    return answer;
  }

  /** TM10 for a cycle "YYYY-YYYY": the candidates and the excluded secretaries (ids, sorted). */
  candidates(cycle: string): { candidates: string[]; excluded: string[] } {
    const first = Number(cycle.slice(0, 4));
    const last = Number(cycle.slice(5));
    const ref = `${last}-12-31`;
    const s = this.settingsOn(ref);
    const result = { candidates: [] as string[], excluded: [] as string[] };
    for (const cadreId of this.cadreIds()) {
      const held = this.holdings(cadreId, ref);
      if (!held.some((h) => h.to === null && h.role === 'PARTY_SECRETARY' && this.unitKind(h.unit) === 'TOWNSHIP')) continue;
      const township = held.filter((h) => this.unitKind(h.unit) === 'TOWNSHIP');
      let workDays = 0;
      const earliest = township.reduce((m, h) => (h.from < m ? h.from : m), ref);
      for (let day = earliest; day < ref; day = plusDays(day, 1)) if (township.some((h) => h.from <= day && (h.to === null || day < h.to))) workDays++;
      const enoughWork = fullYears(plusDays(ref, -workDays), ref) >= s.excellentSecretary.minTownshipWorkYears;
      const grades = this.grades(cadreId, null);
      const forbidden = this.excellentForbiddenYears(cadreId, null);
      const ungraded = this.ungradedYears(cadreId, null);
      let excellent = 0;
      let below = false;
      for (let y = first; y <= last; y++) {
        const g = ungraded.has(y) ? undefined : grades.get(y);
        if (g !== undefined && isBelow(g, s.excellentSecretary.lowestAcceptableGrade)) below = true;
        if (g === 'EXCELLENT' && !forbidden.has(y)) excellent++;
      }
      const cycleStart = `${first}-01-01`;
      const cycleEnd = `${last + 1}-01-01`;
      const sanctioned = this.sanctionPeriods(cadreId, null, s).some(([from, to]) => from < cycleEnd && to > cycleStart);
      const ok = enoughWork && !below && excellent >= s.excellentSecretary.minExcellentGradesInCycle && !sanctioned;
      (ok ? result.candidates : result.excluded).push(cadreId);
    }
    return result;
  }
}
