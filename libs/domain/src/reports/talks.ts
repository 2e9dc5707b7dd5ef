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
  // A chief of two townships at once is one pair with each county leader, and with a member of both
  // teams, listed under the first township (found by reviews: one missing talk was two findings).
  const leaderPairsListed = new Set<string>();
  // Chiefs ↔ team members: the two chiefs are one pair (a talk counts from either side), not two.
  const paired = new Set<string>();
  for (const id of townshipIds(view, options.township)) {
    const members = teamMembers(view, id, referenceDate);
    const memberPost = new Map(members.map((m) => [m.cadreId, m.eventId]));
    const chiefs = members.filter((m) => CHIEF_ROLES.includes(m.role));
    const pairs: [string, string, string][] = [];
    for (const leader of [...new Set(countyLeaders)]) {
      for (const chief of chiefs) {
        const key = `${leader}\u0000${chief.cadreId}`;
        if (leaderPairsListed.has(key)) continue;
        leaderPairsListed.add(key);
        pairs.push([TM8_TALK_RULES.countyLeaderChief, leader, chief.cadreId]);
      }
    }
    for (const chief of chiefs) {
      for (const m of members) {
        const key = [chief.cadreId, m.cadreId].sort().join('\u0000');
        if (m.cadreId === chief.cadreId || paired.has(key)) continue;
        paired.add(key);
        pairs.push([TM8_TALK_RULES.chiefMember, chief.cadreId, m.cadreId]);
      }
    }
    for (const [rule, a, b] of pairs) {
      const { count, talks } = talksBetween(view, a, b, options.year);
      const posts = [postOf.get(a) ?? memberPost.get(a), memberPost.get(b)].filter((e): e is string => e !== undefined);
      const pair: TalkPair = {
        rule,
        orgUnitId: id,
        orgUnitName: view.orgUnitName(id),
        a: { cadreId: a, cadreName: view.cadreName(a) },
        b: { cadreId: b, cadreName: view.cadreName(b) },
        talks: count,
        evidence: [...talks, ...posts],
      };
      if (count >= required) held.push(pair);
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

/**
 * The pair's talks in the year, and every record of them. One talk is often recorded on both
 * cadres' records, each naming the other: on a day both sides recorded talks, the day counts the
 * larger side's number, not their sum (found by a review: with two talks a year required, one talk
 * recorded twice met the pair).
 */
function talksBetween(view: ReportView, a: string, b: string, year: number): { count: number; talks: string[] } {
  const side = (from: string, to: string) => inYear(view, view.facts.cadres.get(from)?.talks ?? [], year).filter((t) => t.kind === 'HEART_TO_HEART' && t.withCadreId === to);
  const perDay = (talks: readonly { meta: { effectiveDate: CalendarDate } }[]) => {
    const days = new Map<CalendarDate, number>();
    for (const t of talks) days.set(t.meta.effectiveDate, (days.get(t.meta.effectiveDate) ?? 0) + 1);
    return days;
  };
  const ab = side(a, b);
  const ba = side(b, a);
  const fromA = perDay(ab);
  const fromB = perDay(ba);
  let count = 0;
  for (const day of new Set([...fromA.keys(), ...fromB.keys()])) count += Math.max(fromA.get(day) ?? 0, fromB.get(day) ?? 0);
  return { count, talks: [...ab, ...ba].map((t) => t.meta.eventId) };
}
