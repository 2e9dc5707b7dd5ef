/**
 * TM3 training cadence for calendar year Y: chiefs (乡镇党政正职) without county-level-or-above
 * training in Y; township leaders without one in the `leaderEveryYears` years ending with Y; counts
 * per township; temporary postings (挂职) started in Y by township leaders vs others. Who is a chief
 * or leader is read on 31 December of Y (the year's reference date). Every training level of the
 * catalogue (COUNTY … NATIONAL) is county level or above.
 */
import { yearOf, type CalendarDate } from '../time/calendar-date';
import { LEADERSHIP_ROLES, CHIEF_ROLES } from '../vocabulary';
import type { LedgerFacts } from '../read-models/ledger-facts';
import { byEffectiveOrder, countsOn } from '../read-models/known-view';
import { reportView, sortedCadres, teamMembers, townshipIds, type ReportView, yearBegun, yearReferenceDate } from './report-view';

export const TM3_RULES = { chiefYearly: 'TM3.chief-yearly', leaderCycle: 'TM3.leader-cycle' } as const;

export interface TrainingMissing {
  cadreId: string;
  cadreName: string;
  orgUnitId: string;
  orgUnitName: string;
  rule: string;
  /** The latest training effective by the reference date, or null. */
  lastTraining: { date: CalendarDate; eventId: string; level: string } | null;
  /** The years that needed a training. */
  fromYear: number;
  toYear: number;
  evidence: string[];
}

export interface TrainingReport {
  year: number;
  referenceDate: CalendarDate;
  /** False for a year not begun on the reference date: nothing is owed yet, so nothing is missing (`yearBegun`). */
  yearBegun: boolean;
  knownAt: string | null;
  policyVersion: string;
  /** The policy's cycles (TM3 settings): a chief trains once in `chiefEveryYears` years, every leader once in `leaderEveryYears`. */
  cycles: { chiefEveryYears: number; leaderEveryYears: number };
  missing: TrainingMissing[];
  townships: { orgUnitId: string; orgUnitName: string; chiefs: number; chiefsMissing: number; leaders: number; leadersMissing: number }[];
  temporaryPostings: {
    townshipLeaders: number;
    others: number;
    postings: { cadreId: string; cadreName: string; townshipLeader: boolean; kind: string; host: string; from: CalendarDate; eventId: string }[];
  };
}

export function trainingReport(facts: LedgerFacts, options: { year: number; knownAt?: string; township?: string; asOf?: CalendarDate }): TrainingReport {
  const referenceDate = yearReferenceDate(options.year, options.asOf);
  const view = reportView(facts, referenceDate, options.knownAt);
  const s = view.policy.settings.training;
  const begun = yearBegun(options.year, referenceDate);
  const missing: TrainingMissing[] = [];
  const townships: TrainingReport['townships'] = [];
  // A leader of two townships at once owes one training: listed once, under the first township, and
  // counted in each township's summary, as the health checks and talks (found by a review: one
  // missed training was two findings).
  const listed = new Set<string>();
  const listOnce = (entry: TrainingMissing) => {
    const key = `${entry.rule}|${entry.cadreId}`;
    if (!listed.has(key)) missing.push(entry);
    listed.add(key);
  };
  for (const id of townshipIds(view, options.township)) {
    const members = teamMembers(view, id, referenceDate);
    let chiefs = 0;
    let chiefsMissing = 0;
    let leadersMissing = 0;
    for (const m of members) {
      const trainings = trainingsOf(view, m.cadreId);
      const last = trainings.at(-1);
      const line = (rule: string, fromYear: number) => ({
        cadreId: m.cadreId,
        cadreName: view.cadreName(m.cadreId),
        orgUnitId: id,
        orgUnitName: view.orgUnitName(id),
        rule,
        lastTraining: last ? { date: last.meta.effectiveDate, eventId: last.meta.eventId, level: last.level } : null,
        fromYear,
        toYear: options.year,
        evidence: [m.eventId, ...(last ? [last.meta.eventId] : [])],
      });
      const trainedIn = (fromYear: number) => trainings.some((t) => yearOf(t.meta.effectiveDate) >= fromYear);
      if (CHIEF_ROLES.includes(m.role)) {
        chiefs++;
        const from = options.year - s.chiefEveryYears + 1;
        if (begun && !trainedIn(from)) {
          chiefsMissing++;
          listOnce(line(TM3_RULES.chiefYearly, from));
        }
      }
      const from = options.year - s.leaderEveryYears + 1;
      if (begun && !trainedIn(from)) {
        leadersMissing++;
        listOnce(line(TM3_RULES.leaderCycle, from));
      }
    }
    townships.push({ orgUnitId: id, orgUnitName: view.orgUnitName(id), chiefs, chiefsMissing, leaders: members.length, leadersMissing });
  }
  return {
    year: options.year,
    referenceDate,
    yearBegun: begun,
    knownAt: view.filter.knownAt,
    policyVersion: view.policy.version,
    cycles: { chiefEveryYears: s.chiefEveryYears, leaderEveryYears: s.leaderEveryYears },
    missing,
    townships,
    temporaryPostings: temporaryPostings(view, options.year),
  };
}

/** Trainings known and effective by the reference date, in effective order. */
function trainingsOf(view: ReportView, cadreId: string) {
  const t = view.facts.cadres.get(cadreId);
  return (t?.trainings ?? []).filter((x) => countsOn(view.filter, x.meta, view.asOf)).sort(byEffectiveOrder);
}

/** TM3: 挂职 started in the year, by whether the cadre was a township leader on its first day. */
function temporaryPostings(view: ReportView, year: number): TrainingReport['temporaryPostings'] {
  const postings: TrainingReport['temporaryPostings']['postings'] = [];
  for (const t of sortedCadres(view.facts)) {
    for (const c of t.awayChanges) {
      if (c.kind !== 'TEMPORARY_POSTING_STARTED' || !countsOn(view.filter, c.meta, view.asOf) || yearOf(c.meta.effectiveDate) !== year) continue;
      const townshipLeader = view
        .holdings(t.cadreId, c.meta.effectiveDate)
        .some((h) => h.to === null && view.kindOf(h.orgUnitId) === 'TOWNSHIP' && LEADERSHIP_ROLES.includes(h.role));
      postings.push({ cadreId: t.cadreId, cadreName: view.cadreName(t.cadreId), townshipLeader, kind: c.data.kind, host: c.data.host, from: c.meta.effectiveDate, eventId: c.meta.eventId });
    }
  }
  return { townshipLeaders: postings.filter((p) => p.townshipLeader).length, others: postings.filter((p) => !p.townshipLeader).length, postings };
}
