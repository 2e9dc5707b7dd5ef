/**
 * TM8 heart-to-heart talks (谈心谈话) in year Y on each required pair, read on 31 December of Y:
 * the county party secretary and the county head (PARTY_SECRETARY/HEAD of the COUNTY_LEADERSHIP
 * unit) ↔ every township chief; every chief ↔ the other members of the chief's township team.
 * A pair is met by a HEART_TO_HEART talk in Y recorded on either side's stream naming the other.
 * The liaison-leader and organization-department pairs need assignments the ledger does not
 * record; `notAssessed` says so rather than reporting them met or missing.
 */
import type { CalendarDate } from '../time/calendar-date';
import { CHIEF_ROLES } from '../vocabulary';
import type { LedgerFacts } from '../read-models/ledger-facts';
import { inYear, reportView, teamMembers, townshipIds, type ReportView, yearBegun, yearReferenceDate } from './report-view';

export const TM8_TALK_RULES = { countyLeaderChief: 'TM8.county-leader-chief', chiefMember: 'TM8.chief-member' } as const;

export interface TalkPair {
  rule: string;
  orgUnitId: string;
  orgUnitName: string;
  a: { cadreId: string; cadreName: string };
  b: { cadreId: string; cadreName: string };
  talks: number;
  evidence: string[];
}

export interface TalksReport {
  year: number;
  referenceDate: CalendarDate;
  /** False for a year not begun on the reference date: nothing is owed yet, so no pair is missing a talk (`yearBegun`). */
  yearBegun: boolean;
  knownAt: string | null;
  policyVersion: string;
  /** Talks a pair needs in the year under the version in effect (`care.talksPerYear`). */
  required: number;
  missing: TalkPair[];
  held: TalkPair[];
  notAssessed: string[];
}

export function talksReport(facts: LedgerFacts, options: { year: number; knownAt?: string; township?: string; asOf?: CalendarDate }): TalksReport {
  const referenceDate = yearReferenceDate(options.year, options.asOf);
  const view = reportView(facts, referenceDate, options.knownAt);
  const required = view.policy.settings.care.talksPerYear;
  const begun = yearBegun(options.year, referenceDate);
  // Each pair's evidence names, beside its talks, the posts that make the two a pair: a missing
  // talk cited nothing before (found by a review), where a missing training cites the post.
  const postOf = new Map<string, string>();
  const countyLeaders = view
    .postsOn(referenceDate)
    .filter((p) => view.kindOf(p.orgUnitId) === 'COUNTY_LEADERSHIP' && CHIEF_ROLES.includes(p.role))
    .map((p) => {
      if (!postOf.has(p.cadreId)) postOf.set(p.cadreId, p.eventIds[0]!);
      return p.cadreId;
    });
  const missing: TalkPair[] = [];
  const held: TalkPair[] = [];
  for (const id of townshipIds(view, options.township)) {
    const members = teamMembers(view, id, referenceDate);
    const memberPost = new Map(members.map((m) => [m.cadreId, m.eventId]));
    const chiefs = members.filter((m) => CHIEF_ROLES.includes(m.role));
    const pairs: [string, string, string][] = [];
    for (const leader of [...new Set(countyLeaders)]) for (const chief of chiefs) pairs.push([TM8_TALK_RULES.countyLeaderChief, leader, chief.cadreId]);
    // Chiefs ↔ team members: the two chiefs are one pair (a talk counts from either side), not two.
    const paired = new Set<string>();
    for (const chief of chiefs) {
      for (const m of members) {
        const key = [chief.cadreId, m.cadreId].sort().join('\u0000');
        if (m.cadreId === chief.cadreId || paired.has(key)) continue;
        paired.add(key);
        pairs.push([TM8_TALK_RULES.chiefMember, chief.cadreId, m.cadreId]);
      }
    }
    for (const [rule, a, b] of pairs) {
      const talks = talksBetween(view, a, b, options.year);
      const posts = [postOf.get(a) ?? memberPost.get(a), memberPost.get(b)].filter((e): e is string => e !== undefined);
      const pair: TalkPair = {
        rule,
        orgUnitId: id,
        orgUnitName: view.orgUnitName(id),
        a: { cadreId: a, cadreName: view.cadreName(a) },
        b: { cadreId: b, cadreName: view.cadreName(b) },
        talks: talks.length,
        evidence: [...talks, ...posts],
      };
      if (talks.length >= required) held.push(pair);
      else if (begun) missing.push(pair);
    }
  }
  return {
    year: options.year,
    referenceDate,
    yearBegun: begun,
    knownAt: view.filter.knownAt,
    policyVersion: view.policy.version,
    required,
    missing,
    held,
    notAssessed: ['联系县领导与所联系乡镇领导班子（台账未记录联系关系）', '县委组织部班子成员与乡镇领导班子（台账未记录组织部班子成员）'],
  };
}

function talksBetween(view: ReportView, a: string, b: string, year: number): string[] {
  const side = (from: string, to: string) =>
    inYear(view, view.facts.cadres.get(from)?.talks ?? [], year)
      .filter((t) => t.kind === 'HEART_TO_HEART' && t.withCadreId === to)
      .map((t) => t.meta.eventId);
  return [...side(a, b), ...side(b, a)];
}
