/**
 * Names beside ids (姓名, 单位名称): the one lookup every answer uses for `cadreName` and
 * `orgUnitName`.
 *
 * Which name: the ledger has no rename event (EVENTS.md). A name changes only when its
 * registration (`CadreRegistered`, `OrgUnitRegistered`) is retracted as a clerical error and
 * recorded again: a correction, which holds for the whole history. So the name is that of the
 * latest registration known at `knownAt` and not retracted then, whatever `asOf`; like other
 * reference data (known-view.ts) it is not cut by `asOf`. Null when none is known.
 */
import type { OrgUnitKind } from '../vocabulary';
import type { CalendarDate } from '../time/calendar-date';
import type { FactMeta, LedgerFacts } from './ledger-facts';
import { knownFilter, type KnownFilter } from './known-view';

function latestCounting<T extends { meta: FactMeta }>(items: readonly T[] | undefined, filter: KnownFilter): T | undefined {
  let best: T | undefined;
  for (const i of items ?? []) if (filter.counts(i.meta) && (!best || i.meta.globalPosition > best.meta.globalPosition)) best = i;
  return best;
}

/** The cadre's name (姓名) as known at the filter's `knownAt`; null when no registration counts. */
export function knownCadreName(facts: LedgerFacts, filter: KnownFilter, cadreId: string): string | null {
  return latestCounting(facts.cadres.get(cadreId)?.profiles, filter)?.name ?? null;
}

/** The org unit's name (e.g. 福店镇) as known at the filter's `knownAt`; null when no registration counts. */
export function knownOrgUnitName(facts: LedgerFacts, filter: KnownFilter, orgUnitId: string): string | null {
  return latestCounting(facts.orgUnits.get(orgUnitId)?.registrations, filter)?.name ?? null;
}

/** Both lookups under one view, remembered per id (an answer names the same township many times). */
export interface NameLookup {
  cadreName(cadreId: string): string | null;
  orgUnitName(orgUnitId: string): string | null;
}

export function nameLookup(facts: LedgerFacts, filter: KnownFilter = knownFilter(facts)): NameLookup {
  const cadres = new Map<string, string | null>();
  const units = new Map<string, string | null>();
  const remembered = (cache: Map<string, string | null>, id: string, find: () => string | null): string | null => {
    if (!cache.has(id)) cache.set(id, find());
    return cache.get(id)!;
  };
  return {
    cadreName: (id) => remembered(cadres, id, () => knownCadreName(facts, filter, id)),
    orgUnitName: (id) => remembered(units, id, () => knownOrgUnitName(facts, filter, id)),
  };
}

/** "张三（C0001）", or the id alone when no name is known: how people read a cadre or unit in a sentence. */
export function namedZh(name: string | null, id: string): string {
  return name === null ? id : `${name}（${id}）`;
}

/** One org unit as the directory (单位名录) lists it: its latest registration known at `knownAt`. */
export interface OrgUnitDirectoryEntry {
  readonly orgUnitId: string;
  readonly name: string;
  readonly kind: OrgUnitKind;
  /** 考核类别 1–3 (TM7), null when the registration gives none. */
  readonly assessmentClass: 1 | 2 | 3 | null;
  /** The effective date of that registration. */
  readonly registeredOn: CalendarDate;
}

/**
 * The org-unit directory: every org unit with a registration known at the filter's `knownAt` and
 * not retracted then, by the latest such registration (the same one `knownOrgUnitName` names), in
 * id order. So a clerk picks 福店镇 instead of typing T0001 blind, and a page names county
 * departments as well as townships.
 */
export function orgUnitDirectory(facts: LedgerFacts, filter: KnownFilter = knownFilter(facts), kind?: OrgUnitKind): OrgUnitDirectoryEntry[] {
  const entries: OrgUnitDirectoryEntry[] = [];
  for (const unit of facts.orgUnits.values()) {
    const latest = latestCounting(unit.registrations, filter);
    if (!latest || (kind !== undefined && latest.kind !== kind)) continue;
    entries.push({ orgUnitId: unit.orgUnitId, name: latest.name, kind: latest.kind, assessmentClass: latest.assessmentClass ?? null, registeredOn: latest.meta.effectiveDate });
  }
  return entries.sort((a, b) => (a.orgUnitId < b.orgUnitId ? -1 : a.orgUnitId > b.orgUnitId ? 1 : 0));
}
