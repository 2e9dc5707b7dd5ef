/**
 * What every report of the ten measures shares: one view of the ledger facts (T1: `asOf`, and
 * `knownAt` through the known filter), the policy version in effect, names beside ids, ages, and
 * who held which post on a date. Pure; the reports are folds over `LedgerFacts`, like the answers
 * that exist (eligibility, candidates), never a replay of the store.
 */
import type { PolicyVersion } from '../policy/policy-settings';
import { elapsed, yearEnd, yearOf, type CalendarDate } from '../time/calendar-date';
import { LEADERSHIP_ROLES, ROLES, type OrgUnitKind, type Role } from '../vocabulary';
import type { CareerTimeline, FactMeta, LedgerFacts, ProfileFact } from '../read-models/ledger-facts';
import {
  byEffectiveOrder,
  countsOn,
  knownFilter,
  knownOrgUnitKind,
  policyFor,
  postHoldings,
  type HeldPost,
  type KnownFilter,
} from '../read-models/known-view';
import { nameLookup } from '../read-models/names';

/** A line of a report: the rule it answers, whether it holds, Chinese detail, the events behind it. */
export interface ReportCheck {
  rule: string;
  passed: boolean;
  detail: string;
  evidence: string[];
  /** An advisory figure (e.g. TM1 members under 35 ≈ 30%): shown, never a finding. */
  advisory?: boolean;
  /** The cadre a check made once per person is about (TM1.chief-experience: each chief), so two such checks read apart. */
  cadreId?: string;
  cadreName?: string;
}

export interface ReportView {
  readonly facts: LedgerFacts;
  readonly filter: KnownFilter;
  readonly asOf: CalendarDate;
  readonly policy: PolicyVersion;
  kindOf(orgUnitId: string): OrgUnitKind | undefined;
  orgUnitName(orgUnitId: string): string;
  profile(cadreId: string): ProfileFact | undefined;
  cadreName(cadreId: string): string;
  /** Every post held on `date` by every cadre (cut at `min(date, asOf)`'s knowledge of events). */
  postsOn(date: CalendarDate): PostOnDate[];
  /** The posts of one org unit held on `date` (postsOn, grouped once: a report asks per township). */
  postsIn(orgUnitId: string, date: CalendarDate): readonly PostOnDate[];
  holdings(cadreId: string, date: CalendarDate): HeldPost[];
}

export interface PostOnDate extends HeldPost {
  cadreId: string;
}

/** Who held which post on a date, under one knowledge (`knownAt`) of one facts value. */
interface PostsMemo {
  readonly holdings: Map<string, HeldPost[]>;
  readonly postsOn: Map<string, PostOnDate[]>;
  readonly postsByUnit: Map<string, Map<string, PostOnDate[]>>;
}

/*
 * Shared by every view of the same facts and knowledge: the findings run six reports over one
 * `LedgerFacts`, and each asked for every cadre's posts again (a province's findings: 7 s). Facts
 * are values, never changed once built (a query builds new ones), so a memo keyed by the object
 * cannot go stale, and it goes with the facts.
 */
const postsMemos = new WeakMap<LedgerFacts, Map<string, PostsMemo>>();

function sharedPosts(facts: LedgerFacts, knownAt: string | undefined): PostsMemo {
  let byKnowledge = postsMemos.get(facts);
  if (!byKnowledge) postsMemos.set(facts, (byKnowledge = new Map()));
  const key = knownAt ?? '';
  let memo = byKnowledge.get(key);
  if (!memo) byKnowledge.set(key, (memo = { holdings: new Map(), postsOn: new Map(), postsByUnit: new Map() }));
  return memo;
}

/** `policyDate`: the date whose policy version applies, when it is not `asOf` (a year's report read with later knowledge). */
export function reportView(facts: LedgerFacts, asOf: CalendarDate, knownAt?: string, policyDate: CalendarDate = asOf): ReportView {
  const filter = knownFilter(facts, knownAt);
  const policy = policyFor(facts, filter, policyDate);
  const profiles = new Map<string, ProfileFact | undefined>();
  const { holdings: holdingsCache, postsOn: postsCache, postsByUnit } = sharedPosts(facts, knownAt);
  const kinds = new Map<string, OrgUnitKind | undefined>();
  const names = nameLookup(facts, filter);
  const view: ReportView = {
    facts,
    filter,
    asOf,
    policy,
    kindOf(id) {
      if (!kinds.has(id)) kinds.set(id, knownOrgUnitKind(facts, filter, id));
      return kinds.get(id);
    },
    // Reports show the id where no name is known (their contract fields are strings).
    orgUnitName: (id) => names.orgUnitName(id) ?? id,
    profile(cadreId) {
      if (!profiles.has(cadreId)) {
        const t = facts.cadres.get(cadreId);
        profiles.set(cadreId, t ? latest(t.profiles.filter((p) => filter.counts(p.meta))) : undefined);
      }
      return profiles.get(cadreId);
    },
    cadreName: (cadreId) => names.cadreName(cadreId) ?? cadreId,
    holdings(cadreId, date) {
      const key = `${cadreId}\u0000${date}`;
      let h = holdingsCache.get(key);
      if (!h) {
        const t = facts.cadres.get(cadreId);
        h = t ? postHoldings(t, filter, date) : [];
        holdingsCache.set(key, h);
      }
      return h;
    },
    postsOn(date) {
      let posts = postsCache.get(date);
      if (!posts) {
        posts = [];
        for (const t of sortedCadres(facts)) {
          for (const h of view.holdings(t.cadreId, date)) {
            if (h.to === null) posts.push({ orgUnitId: h.orgUnitId, role: h.role, from: h.from, to: h.to, eventIds: h.eventIds, cadreId: t.cadreId });
          }
        }
        postsCache.set(date, posts);
      }
      return posts;
    },
    postsIn(orgUnitId, date) {
      let byUnit = postsByUnit.get(date);
      if (!byUnit) {
        byUnit = new Map();
        for (const p of view.postsOn(date)) {
          const list = byUnit.get(p.orgUnitId);
          if (list) list.push(p);
          else byUnit.set(p.orgUnitId, [p]);
        }
        postsByUnit.set(date, byUnit);
      }
      return byUnit.get(orgUnitId) ?? [];
    },
  };
  return view;
}

function latest<T extends { meta: FactMeta }>(items: readonly T[]): T | undefined {
  return [...items].sort(byEffectiveOrder).at(-1);
}

export function sortedCadres(facts: LedgerFacts): CareerTimeline[] {
  return [...facts.cadres.values()].sort((a, b) => (a.cadreId < b.cadreId ? -1 : a.cadreId > b.cadreId ? 1 : 0));
}

/** Age in full years on `date` (T3: a birthday on 29 February is reached on 28 February). */
export function ageOn(birthDate: CalendarDate, date: CalendarDate): number {
  return elapsed(birthDate, date).years;
}

/** Registered township ids, sorted, optionally only one. */
export function townshipIds(view: ReportView, only?: string): string[] {
  // Only those registered by the report's date (T4): a township registered from next year on has
  // no team to report, nor findings of an empty one (found by a review: TM1 listed it).
  return [...view.facts.orgUnits.keys()].filter((id) => view.kindOf(id) === 'TOWNSHIP' && (only === undefined || id === only) && registeredBy(view, id, view.asOf)).sort();
}

/**
 * The day a year's report reads: 31 December, or `asOf` when it comes first (the year so far: a
 * training, talk, check or post dated later in the year is scheduled, not yet held, T4). For a year
 * not begun by `asOf` that is a day before the year: see `yearBegun`.
 */
export function yearReferenceDate(year: number, asOf?: CalendarDate): CalendarDate {
  const end = yearEnd(year);
  return asOf !== undefined && asOf < end ? asOf : end;
}

/**
 * Whether year `year` has begun on `referenceDate`. A year not begun owes nothing yet (T4: nothing
 * dated in it is in effect), so its report lists no training, talk or check as missing, as the
 * findings report a year only once it has ended (found by a review: asked in 2026, the 2029 reports
 * listed every chief and pair as missing).
 */
export function yearBegun(year: number, referenceDate: CalendarDate): boolean {
  return yearOf(referenceDate) >= year;
}

/** Whether the org unit has a registration known and in effect by `date`. */
export function registeredBy(view: ReportView, id: string, date: CalendarDate): boolean {
  return (view.facts.orgUnits.get(id)?.registrations ?? []).some((r) => countsOn(view.filter, r.meta, date));
}

/** Role precedence when a cadre holds two roles in one team: the higher one is shown. */
export function higherRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}

/** The township leadership-team members (领导班子, P1) holding a post on `date`, one line per cadre. */
export function teamMembers(view: ReportView, townshipId: string, date: CalendarDate): { cadreId: string; role: Role; from: CalendarDate; eventId: string }[] {
  const byCadre = new Map<string, { cadreId: string; role: Role; from: CalendarDate; eventId: string }>();
  for (const p of view.postsIn(townshipId, date)) {
    if (!LEADERSHIP_ROLES.includes(p.role)) continue;
    const seen = byCadre.get(p.cadreId);
    if (!seen || higherRole(p.role, seen.role) === p.role) byCadre.set(p.cadreId, { cadreId: p.cadreId, role: p.role, from: p.from, eventId: p.eventIds[0]! });
  }
  return [...byCadre.values()].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || (a.cadreId < b.cadreId ? -1 : 1));
}

/** Facts of a cadre's list that count and took effect in calendar year `year` (and by `asOf`). */
export function inYear<T extends { meta: FactMeta }>(view: ReportView, items: readonly T[], year: number): T[] {
  return items.filter((i) => countsOn(view.filter, i.meta, view.asOf) && yearOf(i.meta.effectiveDate) === year).sort(byEffectiveOrder);
}

/** A share as a percentage for the Chinese detail ("66.7%"). */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** `part / whole ≥ min`, exact at the boundary (2 of 3 meets 2/3 although 2/3 is not a finite binary fraction). */
export function meetsShare(part: number, whole: number, min: number): boolean {
  return whole > 0 && part >= min * whole - 1e-9;
}
