/**
 * T1 "as the ledger stood at `knownAt`", from stored facts instead of a replay of the store.
 *
 * Every fact keeps the `recordedAt` of its event, so the facts known at an instant are a filter of
 * the facts known now:
 * - a fact recorded after `knownAt` is dropped — a retraction, a rescission or a later grade record
 *   (a correction) recorded after it therefore does not apply;
 * - what a fold derives from later events is derived again from the kept ones (the latest
 *   registration; a cadre or an org unit with no fact known then does not exist then).
 * `factsKnownAt(ledgerFactsOf(events), k)` equals `ledgerFactsOf(events recorded by k)`
 * (known-at.property.spec.ts), so every pure answer over it equals the answer over that fold.
 *
 * `postWindows` indexes, for a projection table, who may hold a post on a date under any
 * `knownAt`: a superset, the pure query decides.
 */
import { assertNever } from '../events/domain-event';
import type { Role } from '../vocabulary';
import { instantMs, knownAtLimitMs } from './known-view';
import type { CareerTimeline, FactMeta, LedgerFacts, OrgUnitFacts, PostRef, RetractionFact } from './ledger-facts';

type Keep = (meta: FactMeta) => boolean;

/** Keeps the items recorded by the limit; the same array when none is dropped (no copy on the common path). */
function kept<T extends { meta: FactMeta }>(items: readonly T[], keep: Keep): readonly T[] {
  return items.every((i) => keep(i.meta)) ? items : items.filter((i) => keep(i.meta));
}

function timelineKnownAt(t: CareerTimeline, keep: Keep): CareerTimeline | null {
  const profiles = kept(t.profiles, keep);
  const next: CareerTimeline = {
    cadreId: t.cadreId,
    // The latest registration known then (evolveTimeline keeps the latest one recorded).
    registered: t.registered === null || keep(t.registered) ? t.registered : (profiles.at(-1)?.meta ?? null),
    profiles,
    promotions: kept(t.promotions, keep),
    trainings: kept(t.trainings, keep),
    talks: kept(t.talks, keep),
    healthChecks: t.healthChecks.every(keep) ? t.healthChecks : t.healthChecks.filter(keep),
    recommendations: kept(t.recommendations, keep),
    seats: kept(t.seats, keep),
    postChanges: kept(t.postChanges, keep),
    awayChanges: kept(t.awayChanges, keep),
    grades: kept(t.grades, keep),
    sanctions: kept(t.sanctions, keep),
    rescissions: kept(t.rescissions, keep),
    ranks: kept(t.ranks, keep),
    commendations: kept(t.commendations, keep),
  };
  const lists = [
    next.profiles,
    next.promotions,
    next.trainings,
    next.talks,
    next.healthChecks,
    next.recommendations,
    next.seats,
    next.postChanges,
    next.awayChanges,
    next.grades,
    next.sanctions,
    next.rescissions,
    next.ranks,
    next.commendations,
  ];
  if (next.registered === null && lists.every((l) => l.length === 0)) return null;
  const keys = Object.keys(next) as (keyof CareerTimeline)[];
  return keys.every((k) => next[k] === t[k]) ? t : next;
}

function orgUnitKnownAt(u: OrgUnitFacts, keep: Keep): OrgUnitFacts | null {
  const next: OrgUnitFacts = { orgUnitId: u.orgUnitId, registrations: kept(u.registrations, keep), scores: kept(u.scores, keep), ratings: kept(u.ratings, keep) };
  if (next.registrations.length + next.scores.length + next.ratings.length === 0) return null;
  return next.registrations === u.registrations && next.scores === u.scores && next.ratings === u.ratings ? u : next;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, the form `Date.prototype.toISOString` gives for years 0–9999. */
function isUtcMillis(s: string): boolean {
  return s.length === 24 && s.charCodeAt(23) === 90 /* Z */ && s.charCodeAt(10) === 84 /* T */ && s.charCodeAt(19) === 46 /* . */;
}

/** T1: the facts as known at `knownAt` (an ISO-8601 instant): what a fold of the events recorded by then holds. */
export function factsKnownAt(facts: LedgerFacts, knownAt: string): LedgerFacts {
  const limit = knownAtLimitMs(knownAt);
  // The store writes instants as 24-character UTC ISO strings, which order as text; others are parsed.
  const limitText = new Date(limit).toISOString();
  const keep: Keep = (meta) => (isUtcMillis(meta.recordedAt) ? meta.recordedAt <= limitText : instantMs(meta.recordedAt) <= limit);
  const cadres = new Map<string, CareerTimeline>();
  for (const [id, t] of facts.cadres) {
    const k = timelineKnownAt(t, keep);
    if (k) cadres.set(id, k);
  }
  const orgUnits = new Map<string, OrgUnitFacts>();
  for (const [id, u] of facts.orgUnits) {
    const k = orgUnitKnownAt(u, keep);
    if (k) orgUnits.set(id, k);
  }
  return { cadres, orgUnits, policies: kept(facts.policies, keep), retractions: kept(facts.retractions, keep) as RetractionFact[] };
}

// ── who may hold a post on a date, under any knownAt ──────────────────────────

/**
 * One opening of a post (appointment, or the arrival side of a transfer) and the first closing of
 * that post after it (effective-date then append order) that no retraction ever names.
 */
export interface PostWindow {
  role: Role;
  orgUnitId: string;
  from: string;
  fromRecordedAt: string;
  /** Effective date of that closing (exclusive); null when none. */
  to: string | null;
  toRecordedAt: string | null;
}

const samePost = (a: PostRef, b: PostRef): boolean => a.orgUnitId === b.orgUnitId && a.role === b.role;

/**
 * The windows of a timeline. If the cadre holds post P on D as known at K, then some window of P
 * has `from ≤ D`, `fromRecordedAt ≤ K` and (`to` null, `to > D` or `toRecordedAt > K`): the last
 * opening of P known at K and in effect by D opened the holding, and its first later closing that
 * is never retracted either takes effect after D or was not yet recorded at K (a closing retracted
 * at some time is skipped, since at some K it does not count). So the index is a superset of the
 * holders for every K, and with no K (now) too.
 */
export function postWindows(t: CareerTimeline, retractions: readonly RetractionFact[]): PostWindow[] {
  const retracted = new Set(retractions.map((r) => r.targetEventId));
  const ordered = [...t.postChanges].sort((a, b) =>
    a.meta.effectiveDate !== b.meta.effectiveDate ? (a.meta.effectiveDate < b.meta.effectiveDate ? -1 : 1) : a.meta.globalPosition - b.meta.globalPosition,
  );
  const opens: { post: PostRef; meta: FactMeta }[][] = ordered.map((c) => {
    switch (c.kind) {
      case 'APPOINTED':
        return [{ post: c, meta: c.meta }];
      case 'REMOVED':
        return [];
      case 'TRANSFERRED':
        return [{ post: c.to, meta: c.meta }];
      default:
        return assertNever(c, 'post change');
    }
  });
  const closes = (i: number, post: PostRef): boolean => {
    const c = ordered[i]!;
    if (retracted.has(c.meta.eventId)) return false;
    return c.kind === 'REMOVED' ? samePost(c, post) : c.kind === 'TRANSFERRED' && samePost(c.from, post);
  };
  const windows: PostWindow[] = [];
  ordered.forEach((_, i) => {
    for (const o of opens[i]!) {
      let j = i + 1;
      while (j < ordered.length && !closes(j, o.post)) j++;
      const end = ordered[j]?.meta;
      windows.push({ role: o.post.role, orgUnitId: o.post.orgUnitId, from: o.meta.effectiveDate, fromRecordedAt: o.meta.recordedAt, to: end?.effectiveDate ?? null, toRecordedAt: end?.recordedAt ?? null });
    }
  });
  return windows;
}
