/**
 * TM7 reminder talks (提醒谈话) for year Y: the townships with the N lowest annual target-performance
 * scores of Y (N a setting, default 3; every township tied with the N-th lowest score is included),
 * their chiefs on 31 December of Y (those the year's score is about, not a successor appointed
 * before it was published), and whether a reminder talk with each chief is recorded on or after the
 * score's effective date (by whom, when; whether the talker held a county leadership post then: the
 * measure asks for the liaison county leader, so a county leader's talk is the one reported when
 * there is one). Also TM7's EXCELLENT counts of Y per assessment class, townships vs county departments.
 */
import { yearEnd, type CalendarDate } from '../time/calendar-date';
import { LEADERSHIP_ROLES, type Role } from '../vocabulary';
import type { LedgerFacts, ScoreFact } from '../read-models/ledger-facts';
import { byEffectiveOrder, countsOn, gradesByYear, isTownshipChief, knownSanctions, scoreOfYear, scoreRecordsOfYear } from '../read-models/known-view';
import { isCreditedExcellent } from '../rules/sanction-grade';
import { registeredBy, reportView, sortedCadres, teamMembers, townshipIds, yearReferenceDate, type ReportView } from './report-view';

export const TM7_REMINDER_RULE = 'TM7.reminder-talk';

export interface ReminderChief {
  cadreId: string;
  cadreName: string;
  role: Role;
  /** The appointment that makes the cadre a chief of the township at the year's end. */
  postEventId: string;
  talkHeld: boolean;
  /** TM7: the talk was held by a county leader (the measure's liaison county leader): only such a talk meets it. */
  remindedByCountyLeader: boolean;
  talkEventId: string | null;
  heldBy: { cadreId: string; cadreName: string; countyLeader: boolean } | null;
  heldOn: CalendarDate | null;
  /** The township's score, the chief's post and the talk found, if any: what a finding about this chief cites. */
  evidence: string[];
}

export interface ReminderTalksReport {
  year: number;
  /** Scores and talks effective by this date count (T4: one dated later is scheduled); null: every one recorded. */
  asOf: CalendarDate | null;
  knownAt: string | null;
  policyVersion: string;
  lowest: number;
  townships: { orgUnitId: string; orgUnitName: string; score: number; scoreEventId: string; chiefs: ReminderChief[] }[];
  /**
   * Townships with no score of the year (as known): until every one is scored, the lowest are
   * those of the scores recorded so far, not yet the county's (found by a review: one township
   * scored of twelve was reported 居后 and its chiefs as owed a reminder talk).
   */
  unscored: { orgUnitId: string; orgUnitName: string }[];
  excellentByClass: { assessmentClass: 1 | 2 | 3; townships: { units: number; excellent: number }; departments: { units: number; excellent: number }; evidence: string[] }[];
}

export function reminderTalksReport(facts: LedgerFacts, options: { year: number; knownAt?: string; asOf?: CalendarDate }): ReminderTalksReport {
  // Scores and talks come after the year: everything known and effective by asOf (if given; the API and CLI give today) counts.
  const view = reportView(facts, options.asOf ?? ('2999-12-31' as CalendarDate), options.knownAt, yearEnd(options.year));
  const n = view.policy.settings.assessment.reminderTalkLowestTownships;
  const scored: { id: string; score: ScoreFact }[] = [];
  const unscored: string[] = [];
  for (const id of townshipIds(view)) {
    // A township of the year only if registered by its end: owed no score of it (found by a diff
    // review: a township registered later withheld every earlier year's findings), and ranked by
    // none (found by a review: one registered in 2024 scored for 2020 pushed a township of 2020 out
    // of its lowest three; such a score is now refused on write, RULE_I_ORG_UNIT_NOT_YET_REGISTERED).
    if (!registeredBy(view, id, yearEnd(options.year))) continue;
    const s = yearScore(view, id, options.year);
    if (s) scored.push({ id, score: s });
    else unscored.push(id);
  }
  scored.sort((a, b) => a.score.score - b.score.score || (a.id < b.id ? -1 : 1));
  const threshold = scored[Math.min(n, scored.length) - 1]?.score.score;
  const bottom = threshold === undefined ? [] : scored.filter((s) => s.score.score <= threshold);
  return {
    year: options.year,
    asOf: options.asOf ?? null,
    knownAt: view.filter.knownAt,
    policyVersion: view.policy.version,
    lowest: n,
    townships: bottom.map((b) => ({
      orgUnitId: b.id,
      orgUnitName: view.orgUnitName(b.id),
      score: b.score.score,
      scoreEventId: b.score.meta.eventId,
      chiefs: chiefsOn(view, b.id, yearEnd(options.year)).map((c) => {
        const talk = reminderTalk(view, c.cadreId, scoresPublished(view, b.id, options.year));
        return { ...c, ...talk, remindedByCountyLeader: talk.heldBy?.countyLeader === true, evidence: [b.score.meta.eventId, c.postEventId, ...(talk.talkEventId ? [talk.talkEventId] : [])] };
      }),
    })),
    unscored: unscored.map((id) => ({ orgUnitId: id, orgUnitName: view.orgUnitName(id) })),
    excellentByClass: excellentByClass(view, options.year),
  };
}

/**
 * When the year's scores were first known: a talk from then on answers them, even when the score is
 * recorded again later (found by a review: a corrected score discarded the talk already held).
 */
function scoresPublished(view: ReportView, id: string, year: number): CalendarDate {
  return scoreRecordsOfYear(view.facts, view.filter, id, year, view.asOf)
    .map((s) => s.meta.effectiveDate)
    .sort()[0]!;
}

/** A registration of the unit that counts (known, not retracted) and is in effect on `date`. */
/** The township's score of exactly `year`: the one TM10 ranks by too (a later record of the year corrects it). */
function yearScore(view: ReportView, id: string, year: number): ScoreFact | undefined {
  return scoreOfYear(view.facts, view.filter, id, year, view.asOf);
}

/** The township's chiefs on the date, each cadre once (a secretary who is also head, 书记兼镇长, by the higher post), as teamMembers lists them (found by a review: listed and owed a talk twice). */
function chiefsOn(view: ReportView, townshipId: string, date: CalendarDate) {
  return teamMembers(view, townshipId, date)
    .filter((m) => isTownshipChief('TOWNSHIP', m.role))
    .map((m) => ({ cadreId: m.cadreId, cadreName: view.cadreName(m.cadreId), role: m.role, postEventId: m.eventId }));
}

/**
 * The reminder talk with the chief effective on or after `from`: the first held by a county leader,
 * else the first held by anyone (shown as not by a county leader). A talk (TalkHeld) is between the
 * cadre whose record holds it and `withCadreId`, recorded on either side's record, as TM8 reads it:
 * on the talker's record naming the chief, or on the chief's own naming a county leader (found by a
 * review: one recorded on the chief's record was not counted, and TM7 said no talk was recorded).
 */
function reminderTalk(view: ReportView, chiefId: string, from: CalendarDate): Omit<ReminderChief, 'cadreId' | 'cadreName' | 'role' | 'postEventId' | 'evidence' | 'remindedByCountyLeader'> {
  const talks: { by: string; date: CalendarDate; eventId: string; position: number; countyLeader: boolean }[] = [];
  for (const t of view.facts.cadres.values()) {
    for (const talk of t.talks) {
      const by = t.cadreId === chiefId ? talk.withCadreId : talk.withCadreId === chiefId ? t.cadreId : undefined;
      if (by === undefined || by === chiefId || talk.kind !== 'REMINDER' || talk.meta.effectiveDate < from || !countsOn(view.filter, talk.meta, view.asOf)) continue;
      const date = talk.meta.effectiveDate;
      // A member of the county's leadership (县领导), not its staff (found by a review: any post there counted).
      const countyLeader = view.holdings(by, date).some((h) => h.to === null && LEADERSHIP_ROLES.includes(h.role) && view.kindOf(h.orgUnitId) === 'COUNTY_LEADERSHIP');
      // On the chief's own record a talk names whom the chief talked with: the chief's reminder talk
      // only if that is a county leader, not one the chief gave a subordinate (found by a diff review).
      if (t.cadreId === chiefId && !countyLeader) continue;
      talks.push({ by, date, eventId: talk.meta.eventId, position: talk.meta.globalPosition, countyLeader });
    }
  }
  talks.sort((a, b) => Number(b.countyLeader) - Number(a.countyLeader) || (a.date < b.date ? -1 : a.date > b.date ? 1 : a.position - b.position));
  const found = talks[0];
  if (!found) return { talkHeld: false, talkEventId: null, heldBy: null, heldOn: null };
  return { talkHeld: true, talkEventId: found.eventId, heldBy: { cadreId: found.by, cadreName: view.cadreName(found.by), countyLeader: found.countyLeader }, heldOn: found.date };
}

/**
 * TM7: EXCELLENT grades of `year` among the leadership of each org unit with an assessment class, held
 * on 31 December (or on the as-of date, asked before it). A unit counts by its registration in effect that day (one registered later is no unit
 * of the year, T4), and a grade by the credit N4 gives it (an EXCELLENT a 警告 forbids is none); both found by a review.
 */
function excellentByClass(view: ReportView, year: number): ReminderTalksReport['excellentByClass'] {
  // Asked while the year runs, on the as-of date: a unit registered, or a post taken, later in the year is only scheduled (T4).
  const reference = yearReferenceDate(year, view.asOf);
  const classOf = new Map<string, { assessmentClass: 1 | 2 | 3; side: 'townships' | 'departments' }>();
  for (const [id, u] of view.facts.orgUnits) {
    const reg = u.registrations.filter((r) => countsOn(view.filter, r.meta, reference)).sort(byEffectiveOrder).at(-1);
    if (reg?.assessmentClass !== undefined && (reg.kind === 'TOWNSHIP' || reg.kind === 'COUNTY_DEPARTMENT')) {
      classOf.set(id, { assessmentClass: reg.assessmentClass, side: reg.kind === 'TOWNSHIP' ? 'townships' : 'departments' });
    }
  }
  const rows = ([1, 2, 3] as const).map((c) => ({ assessmentClass: c, townships: { units: 0, excellent: 0 }, departments: { units: 0, excellent: 0 }, evidence: [] as string[] }));
  for (const { assessmentClass, side } of classOf.values()) rows[assessmentClass - 1]![side].units++;
  for (const t of sortedCadres(view.facts)) {
    const grade = gradesByYear(t, view.filter, view.asOf).get(year);
    if (!grade || !isCreditedExcellent(grade, knownSanctions(t, view.filter, view.asOf))) continue;
    const unit = view.holdings(t.cadreId, reference).find((h) => h.to === null && LEADERSHIP_ROLES.includes(h.role) && classOf.has(h.orgUnitId));
    if (!unit) continue;
    const { assessmentClass, side } = classOf.get(unit.orgUnitId)!;
    const row = rows[assessmentClass - 1]!;
    row[side].excellent++;
    row.evidence.push(grade.meta.eventId);
  }
  return rows;
}
