/**
 * The read models' queries, answered from the projection tables: an index picks the cadres
 * concerned (a superset), their facts are loaded (parsed once and cached between requests), and
 * the pure `…FromFacts` functions of libs/domain decide. With `knownAt` ("as the ledger stood
 * then", T1) the same stored facts are filtered by their `recordedAt` (`factsKnownAt`), never by a
 * replay of the store; the cadres come from the post windows, which hold every holder under any
 * `knownAt`. Every answer reflects the writes acknowledged before it was asked, or says how far
 * behind it is (read-your-writes.ts).
 */
import { toRecordedEvent } from '@ledger/application';
import {
  excellentSecretaryCandidatesFromFacts,
  factsKnownAt,
  inPostPromotionEligibilityFromFacts,
  instantMs,
  knownAtLimitMs,
  isCareerEventType,
  tenureFromFacts,
  tm10PostsDate,
  CHIEF_ROLES,
  type CalendarDate,
  type CandidateOptions,
  type CareerTimeline,
  type ExcellentSecretaryCandidates,
  type InPostPromotionEligibility,
  type LedgerFacts,
  type OrgUnitFacts,
  type RecordedEvent,
  type RetractionFact,
  type Tenure,
  type ViewOptions,
  findingConcerns,
  measureFindings,
  unitsOfCadreOn,
  gradeLookup,
  appealedDecision,
  type AppealedDecision,
  type AppealOverview,
  type CadreStateAt,
  type MeasureFinding,
  type FindingsFilter,
  type NamedComplianceFinding,
  nameLookup,
  namedComplianceFinding,
  knownFilter,
  knownOrgUnitKind,
  orgUnitDirectory,
  ORG_UNIT_KIND_NAMES_ZH,
  type OrgUnitDirectoryEntry,
  type OrgUnitKind,
  BEHIND_ZH,
} from '@ledger/domain';
import type { EventStore, StoredEvent } from '@ledger/event-store';
import { LRUCache } from 'lru-cache';
import type postgres from 'postgres';
import { cadreCareersProjection, orgUnitsProjection, policyVersionsProjection, TABLES, TIMELINE_JSON } from './career-projections';
import { cadreHistoryAnswer, cadreRecordIntegrityZh, cadreStateAnswer, type HistoryAnswer, type HistoryParams } from './cadre-history';
import { complianceProjection, queryAppeals, queryFindings } from './compliance-projection';
import { reportFromFacts, type AsOfReportParams, type ReportName, type YearReportParams } from './report-queries';
import { careerTimelineSchema, orgUnitFactsSchema, policyFactSchema, retractionsSchema } from './fact-codecs';
import type { Projection, Queryable } from './projection';
import type { Behind, Freshness } from './read-your-writes';
import type { OrgUnitDirectoryParams } from './query-params';

// ── from the tables ────────────────────────────────────────────────────────────

/**
 * Cadres holding one of `roles` on `date` (a superset: the pure query decides). Now: by the
 * interval index. As known at `knownAt`: by the post windows (libs/domain known-at.ts), since a
 * later retraction or back-dated removal may have closed, in the interval index, a holding that
 * was open as known then.
 */
async function cadresHolding(sql: Queryable, roles: readonly string[], date: CalendarDate, onlyCadreId?: string, knownAt?: string): Promise<string[]> {
  const only = onlyCadreId === undefined ? sql`` : sql`and cadre_id = ${onlyCadreId}`;
  if (knownAt !== undefined) {
    // The instant the pure filter compares with (milliseconds), whatever the string's form.
    const k = new Date(knownAtLimitMs(knownAt)).toISOString();
    const rows = await sql`
      select distinct cadre_id from ${sql(TABLES.postWindows)}
      where role = any(${roles as string[]}::text[]) and from_date <= ${date}::date and from_recorded_at <= ${k}::timestamptz
        and (to_date is null or to_date > ${date}::date or to_recorded_at > ${k}::timestamptz) ${only}`;
    return rows.map((r) => r.cadre_id as string);
  }
  const rows = await sql`
    select distinct cadre_id from ${sql(TABLES.postIntervals)}
    where role = any(${roles as string[]}::text[]) and from_date <= ${date}::date and (to_date is null or to_date > ${date}::date) ${only}`;
  return rows.map((r) => r.cadre_id as string);
}

interface CadreEntry {
  /** The table the row was read from (its oid) and the row's position there. */
  table: number;
  position: number;
  timeline: CareerTimeline;
  retractions: RetractionFact[];
}

/**
 * Parsed read-model documents kept between queries, each with the table (its oid) and the
 * `last_position` it was parsed at: a query reads only the positions of the rows it needs and
 * parses again only what changed since. A row's position moves with every event applied to it; a
 * rebuild swaps in a new table, so nothing parsed before it is taken after it, even at the same
 * position (found by a review: after `projections verify` found a drifted row and an operator
 * rebuilt from the CLI, the API went on answering from the drifted row it had parsed).
 */
export class FactsCache {
  private readonly cadres = new Map<string, CadreEntry>();
  private readonly orgUnits = new Map<string, { table: number; position: number; facts: OrgUnitFacts }>();
  private orgUnitsVersion: string | null = null;
  private orgUnitList: OrgUnitFacts[] = [];
  private allCadresVersion: string | null = null;
  private allCadres: { cadres: ReadonlyMap<string, CareerTimeline>; retractions: readonly RetractionFact[] } | null = null;

  constructor(private readonly capacity = 200_000) {}

  async cadreFacts(sql: Queryable, cadreIds: readonly string[]): Promise<{ timeline: CareerTimeline; retractions: RetractionFact[] }[]> {
    if (cadreIds.length === 0) return [];
    const heads = await sql`select cadre_id, last_position, tableoid::int8 as table_oid from ${sql(TABLES.cadreTimelines)} where cadre_id = any(${cadreIds as string[]}::text[])`;
    return this.refresh(sql, heads);
  }

  /**
   * Every cadre's timeline and the retractions of every stream (findings, reports). Versioned like
   * the org units, so an unchanged table costs one aggregate query and no copy.
   */
  async allCadreFacts(sql: Queryable): Promise<{ cadres: ReadonlyMap<string, CareerTimeline>; retractions: readonly RetractionFact[] }> {
    const version = await tableVersion(sql, TABLES.cadreTimelines);
    if (version === this.allCadresVersion && this.allCadres) return this.allCadres;
    const entries = await this.refresh(sql, await sql`select cadre_id, last_position, tableoid::int8 as table_oid from ${sql(TABLES.cadreTimelines)}`);
    const cadres = new Map<string, CareerTimeline>();
    const retractions: RetractionFact[] = [];
    for (const e of entries) {
      cadres.set(e.timeline.cadreId, e.timeline);
      for (const r of e.retractions) retractions.push(r);
    }
    this.allCadres = { cadres, retractions };
    this.allCadresVersion = version;
    return this.allCadres;
  }

  /**
   * The entries of `heads` (cadre_id, last_position) exactly as this snapshot holds them, parsing
   * again only those whose position moved. Requests overlap: one on an older snapshot may store its
   * entry meanwhile, so an entry is taken from the cache only at the head's own position and never
   * replaced by an older one (found by a review: an older timeline was cached as the newest
   * table's, and findings left out an acknowledged write).
   */
  private async refresh(sql: Queryable, heads: readonly Record<string, unknown>[]): Promise<CadreEntry[]> {
    const at = (h: Record<string, unknown>) => atPosition(this.cadres.get(h.cadre_id as string), Number(h.table_oid), Number(h.last_position));
    const fresh = new Map<string, CadreEntry>();
    const read = async (ids: readonly string[]) => {
      // In slices, so a first read of a large table does not hold every row's JSON at once.
      for (let i = 0; i < ids.length; i += 5000) {
        const slice = ids.slice(i, i + 5000);
        const rows = await sql`select cadre_id, ${sql.unsafe(TIMELINE_JSON)} as timeline, retractions, last_position, tableoid::int8 as table_oid from ${sql(TABLES.cadreTimelines)} where cadre_id = any(${slice}::text[])`;
        for (const r of rows) {
          const entry = { table: Number(r.table_oid), position: Number(r.last_position), timeline: careerTimelineSchema.parse(r.timeline), retractions: retractionsSchema.parse(r.retractions) };
          fresh.set(r.cadre_id as string, entry);
          rememberNewer(this.cadres, r.cadre_id as string, entry, this.capacity);
        }
      }
    };
    await read(heads.filter((h) => !at(h)).map((h) => h.cadre_id as string));
    // Taken only now, after the reads: past capacity the cache may have dropped some, or another request changed them.
    const result = heads.map((h) => fresh.get(h.cadre_id as string) ?? at(h));
    const missing = heads.filter((_, i) => result[i] === undefined).map((h) => h.cadre_id as string);
    if (missing.length > 0) await read(missing);
    return heads.map((h, i) => result[i] ?? fresh.get(h.cadre_id as string)!);
  }

  /** Every org unit, as this snapshot holds them (see `refresh`). */
  async allOrgUnits(sql: Queryable): Promise<OrgUnitFacts[]> {
    const version = await tableVersion(sql, TABLES.orgUnits);
    if (version === this.orgUnitsVersion) return this.orgUnitList;
    const heads = await sql`select org_unit_id, last_position, tableoid::int8 as table_oid from ${sql(TABLES.orgUnits)}`;
    const at = (h: Record<string, unknown>) => atPosition(this.orgUnits.get(h.org_unit_id as string), Number(h.table_oid), Number(h.last_position));
    const fresh = new Map<string, { table: number; position: number; facts: OrgUnitFacts }>();
    const read = async (ids: readonly string[]) => {
      if (ids.length === 0) return;
      const rows = await sql`select org_unit_id, facts, last_position, tableoid::int8 as table_oid from ${sql(TABLES.orgUnits)} where org_unit_id = any(${ids as string[]}::text[])`;
      for (const r of rows) {
        const entry = { table: Number(r.table_oid), position: Number(r.last_position), facts: orgUnitFactsSchema.parse(r.facts) };
        fresh.set(r.org_unit_id as string, entry);
        rememberNewer(this.orgUnits, r.org_unit_id as string, entry, this.capacity);
      }
    };
    await read(heads.filter((h) => !at(h)).map((h) => h.org_unit_id as string));
    const result = heads.map((h) => fresh.get(h.org_unit_id as string) ?? at(h));
    await read(heads.filter((_, i) => result[i] === undefined).map((h) => h.org_unit_id as string));
    // A consistent pair: the list as this snapshot holds it, under this snapshot's version.
    this.orgUnitList = heads.map((h, i) => (result[i] ?? fresh.get(h.org_unit_id as string)!).facts);
    this.orgUnitsVersion = version;
    return this.orgUnitList;
  }
}

/** The cached entry when it was read from this very table at exactly `position`, else undefined. */
function atPosition<E extends { table: number; position: number }>(entry: E | undefined, table: number, position: number): E | undefined {
  return entry?.table === table && entry.position === position ? entry : undefined;
}

/**
 * A table's version: (the table, rows, sum of positions). A row's position only grows (a stream's
 * events have increasing positions), so any insert or update changes it, whereas its maximum would
 * miss a late-committing event applied after a higher one; a rebuild swaps in another table.
 */
async function tableVersion(sql: Queryable, name: string): Promise<string> {
  const [v] = await sql`select to_regclass(${name})::oid::text as t, count(*)::text as n, coalesce(sum(last_position), 0)::text as s from ${sql(name)}`;
  return `${v!.t as string}:${v!.n as string}:${v!.s as string}`;
}

/**
 * Replaces in place (a Map delete + re-insert of one key again and again slows V8's lookups of that
 * key: see StateLoader); past capacity, drops the oldest inserted entry.
 */
function remember<V>(map: Map<string, V>, key: string, value: V, capacity: number): void {
  const existed = map.has(key);
  map.set(key, value);
  if (!existed && map.size > capacity) map.delete(map.keys().next().value as string);
}

/** `remember`, never replacing an entry by an older one of the same table (a position only grows there). */
function rememberNewer<V extends { table: number; position: number }>(map: Map<string, V>, key: string, value: V, capacity: number): void {
  const held = map.get(key);
  if (!held || held.table !== value.table || held.position <= value.position) remember(map, key, value, capacity);
}

/**
 * The facts of the given cadres (all cadres for 'all'), with every org unit and policy version.
 * Retractions are kept per cadre stream, so the subset's own are all its answers need. With a
 * cache (the API's queries), only rows changed since the last query are parsed again.
 */
export async function loadFacts(sql: Queryable, cadreIds: readonly string[] | 'all', cache?: FactsCache): Promise<LedgerFacts> {
  const policyRows = await sql`select fact from ${sql(TABLES.policyVersions)} order by global_position`;
  const policies = policyRows.map((r) => policyFactSchema.parse(r.fact));
  if (cache) {
    const orgUnits = new Map<string, OrgUnitFacts>();
    for (const facts of await cache.allOrgUnits(sql)) orgUnits.set(facts.orgUnitId, facts);
    if (cadreIds === 'all') return { ...(await cache.allCadreFacts(sql)), orgUnits, policies };
    const cadres = new Map<string, CareerTimeline>();
    const retractions: RetractionFact[] = [];
    for (const c of await cache.cadreFacts(sql, cadreIds)) {
      cadres.set(c.timeline.cadreId, c.timeline);
      retractions.push(...c.retractions);
    }
    return { cadres, orgUnits, policies, retractions };
  }
  const cadres = new Map<string, CareerTimeline>();
  const retractions: RetractionFact[] = [];
  const orgUnits = new Map<string, OrgUnitFacts>();
  const cadreRows =
    cadreIds === 'all'
      ? await sql`select cadre_id, ${sql.unsafe(TIMELINE_JSON)} as timeline, retractions from ${sql(TABLES.cadreTimelines)}`
      : cadreIds.length === 0
        ? []
        : await sql`select cadre_id, ${sql.unsafe(TIMELINE_JSON)} as timeline, retractions from ${sql(TABLES.cadreTimelines)} where cadre_id = any(${cadreIds as string[]}::text[])`;
  for (const r of cadreRows) {
    cadres.set(r.cadre_id as string, careerTimelineSchema.parse(r.timeline));
    retractions.push(...retractionsSchema.parse(r.retractions));
  }
  for (const r of await sql`select facts from ${sql(TABLES.orgUnits)}`) {
    const facts = orgUnitFactsSchema.parse(r.facts);
    orgUnits.set(facts.orgUnitId, facts);
  }
  return { cadres, orgUnits, policies, retractions };
}

/** The facts as known at `knownAt` (all of them without it): T1 by `recordedAt`, no replay. */
const known = (facts: LedgerFacts, knownAt: string | undefined): LedgerFacts => (knownAt === undefined ? facts : factsKnownAt(facts, knownAt));

/**
 * TM6b for the township chiefs on `asOf` (only `cadreId`, when given), as known at `knownAt` when
 * given. Null when asked for one cadre the ledger has no event of (recorded by `knownAt`, when
 * given): a mistyped id is not a cadre who holds no chief post on the date.
 */
export async function eligibilityFromTables(sql: Queryable, view: ViewOptions & { readonly cadreId?: string | undefined }, cache?: FactsCache): Promise<InPostPromotionEligibility | null> {
  const chiefs = await cadresHolding(sql, CHIEF_ROLES, view.asOf, view.cadreId, view.knownAt);
  const { cadreId: only, ...options } = view;
  if (only !== undefined && chiefs.length === 0 && !known(await loadFacts(sql, [only], cache), view.knownAt).cadres.has(only)) return null;
  return inPostPromotionEligibilityFromFacts(known(await loadFacts(sql, chiefs, cache), view.knownAt), options);
}

export async function candidatesFromTables(sql: Queryable, options: CandidateOptions, cache?: FactsCache): Promise<ExcellentSecretaryCandidates> {
  const facts = await loadFacts(sql, await cadresHolding(sql, ['PARTY_SECRETARY'], tm10PostsDate(options.cycle, options.asOf), undefined, options.knownAt), cache);
  return excellentSecretaryCandidatesFromFacts(known(facts, options.knownAt), options);
}

/** Null when the ledger has no event of the cadre (recorded by `knownAt`, when given). */
export async function tenureFromTables(sql: Queryable, cadreId: string, view: ViewOptions, cache?: FactsCache): Promise<Tenure | null> {
  const facts = known(await loadFacts(sql, [cadreId], cache), view.knownAt);
  return facts.cadres.has(cadreId) ? tenureFromFacts(facts, cadreId, view) : null;
}

/** Every cadre's facts (as known at `knownAt`, when given), from the cache when there is one. */
export async function allFactsFromTables(sql: Queryable, knownAt: string | undefined, cache?: FactsCache): Promise<LedgerFacts> {
  return known(await loadFacts(sql, 'all', cache), knownAt);
}

// ── from the events ────────────────────────────────────────────────────────────

/**
 * Every career event committed when the read starts, optionally only those recorded by `knownAt`:
 * one consistent snapshot (never the catch-up order's horizon, which an open transaction elsewhere
 * holds back), so an answer reflects every write acknowledged before it was asked.
 */
export async function readLedgerEvents(store: EventStore, knownAt?: string, batchSize = 5000): Promise<RecordedEvent[]> {
  const limit = knownAt === undefined ? null : knownAtLimitMs(knownAt);
  const events: RecordedEvent[] = [];
  for await (const batch of store.readAllCommitted({ batchSize })) {
    for (const e of batch) if (counts(e, limit)) events.push(toRecordedEvent(e));
  }
  return events;
}

function counts(e: StoredEvent, limit: number | null): boolean {
  return isCareerEventType(e.type) && (limit === null || instantMs(e.recordedAt) <= limit);
}

// ── the service ────────────────────────────────────────────────────────────────

/** An answer from the read models, with `behind` only when it could not reflect every acknowledged write. */
export type ReadAnswer<T> = T & { readonly behind?: Behind };

/** The tables each answer reads, hence the projections that must be current for it. */
const CAREER_READ_MODELS = [cadreCareersProjection, orgUnitsProjection, policyVersionsProjection] as const;
const COMPLIANCE_READ_MODELS = [complianceProjection] as const;

export interface FindingsAnswer {
  readonly asOf: CalendarDate;
  readonly orgUnitId: string | null;
  readonly year: number | null;
  /** Only findings of this rule or its refinements (TM1 ⊇ TM1.chief-experience). */
  readonly rule: string | null;
  /** As the ledger knew it at this instant (null: everything recorded). */
  readonly knownAt: string | null;
  readonly findings: readonly (NamedComplianceFinding | MeasureFinding)[];
}

export interface OrgUnitDirectoryAnswer {
  /** As the ledger knew it at this instant (null: everything recorded). */
  readonly knownAt: string | null;
  readonly orgUnits: readonly OrgUnitDirectoryEntry[];
}

export interface AppealsAnswer {
  /** The day the deadlines are measured to: the as-of date asked, or today. */
  readonly today: CalendarDate;
  readonly asOf: CalendarDate;
  readonly knownAt: string | null;
  /** Each appeal with the cadre's name and the decision it names (null when none is registered / found). */
  readonly appeals: readonly (AppealOverview & { readonly cadreName: string | null; readonly target: AppealedDecision | null })[];
}

/**
 * A filter naming an org unit the ledger does not know (as known at `knownAt`): a 404 naming it,
 * not an empty answer a user reads as "no findings" (found by a review: --township T9999).
 * `behind`: the read models had not caught up, so the unit may have been registered a moment ago.
 */
export class UnknownOrgUnitError extends Error {
  readonly code = 'NOT_FOUND';
  behind: Behind | undefined;
  constructor(readonly id: string) {
    super(`no org unit ${id} in the ledger`);
  }

  /** The message in Chinese alone, for a Problem's detailZh; while the read models are behind, that it may be a moment old. */
  get messageZh(): string {
    return this.behind ? notFoundWhileBehindZh(this.behind, `单位 ${this.id}`) : `台账中没有单位 ${this.id} 的记录`;
  }

  toJSON(): { code: string; message: string; id: string; behind?: Behind } {
    return { code: this.code, message: this.message, id: this.id, ...(this.behind ? { behind: this.behind } : {}) };
  }
}

/**
 * Nothing found in read models that had not caught up with every acknowledged write: a 404 that
 * says so, with `behind`, not one that asserts the cadre does not exist (found by a review).
 */
export class NotFoundWhileBehindError extends Error {
  readonly code = 'NOT_FOUND';
  /** The same in Chinese, with the same id, count and projections. */
  readonly messageZh: string;
  constructor(
    readonly behind: Behind,
    readonly id: string | undefined,
  ) {
    super(`${id !== undefined ? `cadre ${id} ` : ''}not found in the read models, which are ${behind.events} event(s) behind the ledger (${behind.projections.join(', ')}): it may have been recorded a moment ago; ask again`);
    this.messageZh = notFoundWhileBehindZh(behind, id !== undefined ? `干部 ${id}` : '所查记录');
  }
}

/**
 * Nothing found while the read models were behind, in Chinese: not that it does not exist. Said as
 * the department reads it: the projections' names stay in `behind` and the English message (found by
 * a vocabulary review: 读模型 and cadre-careers, org-units are the engineers' words).
 */
function notFoundWhileBehindZh(behind: Behind, what: string): string {
  return `${BEHIND_ZH}（还差 ${behind.events} 个事件），暂未查到${what}；该记录可能刚刚录入，请稍后重试`;
}

function knownOrgUnit(facts: LedgerFacts, id: string | undefined): void {
  if (id !== undefined && !facts.orgUnits.has(id)) throw new UnknownOrgUnitError(id);
}

/**
 * A report's township filter naming a unit that is no township (a county bureau): a 400 naming it,
 * not the empty answer of a township that owes nothing (found by a review: 应谈 0 对 for 县农业农村局).
 */
export class NotATownshipError extends Error {
  readonly code = 'INVALID_REQUEST';
  readonly field = 'township';
  constructor(
    readonly id: string,
    readonly unitName: string,
    readonly kind: OrgUnitKind,
  ) {
    super(`org unit ${id} (${unitName}) is a ${kind}, not a township: the report's township filter takes a township`);
  }

  get messageZh(): string {
    return `${this.unitName}（${this.id}）是${ORG_UNIT_KIND_NAMES_ZH[this.kind]}，不是乡镇：本报表只按乡镇筛选`;
  }
}

function townshipFilter(facts: LedgerFacts, knownAt: string | undefined, id: string | undefined): void {
  knownOrgUnit(facts, id);
  if (id === undefined) return;
  const filter = knownFilter(facts, knownAt);
  const kind = knownOrgUnitKind(facts, filter, id);
  if (kind !== undefined && kind !== 'TOWNSHIP') throw new NotATownshipError(id, nameLookup(facts, filter).orgUnitName(id) ?? id, kind);
}

/**
 * What a county-wide answer depends on in this snapshot: each table it reads (a rebuild swaps in
 * another under the same name) and each projection's checkpoint, which moves in the same
 * transaction as every change to its tables.
 */
async function snapshotVersion(tx: Queryable, projections: readonly Projection[]): Promise<string> {
  const tables = projections.flatMap((p) => p.tables);
  const [row] = await tx`select
      (select string_agg(t || ':' || coalesce(to_regclass(t)::oid::text, '-'), ',' order by t) from unnest(${tables as string[]}::text[]) t) as tables,
      (select string_agg(projection || ':' || version || ':' || commit_position || '.' || prepare_position || ':' || events_applied || ':' || coalesce(rebuilt_at::text, ''), ',' order by projection)
         from projection_checkpoints where projection = any(${projections.map((p) => p.name)}::text[])) as checkpoints`;
  return `${row!.tables as string}|${row!.checkpoints as string}`;
}

/**
 * The eligibility list narrowed (found by a province-scale review: 600 – 2,000 chiefs in one answer,
 * where the department reviews promotions township by township, or only those who qualify).
 */
export interface EligibilityFilter {
  /** Only the chiefs of this township (乡镇): a chief post held there on the date. */
  readonly township?: string | undefined;
  /** Only those who are (true) or are not (false) eligible. */
  readonly eligible?: boolean | undefined;
}

export type FilteredEligibility = InPostPromotionEligibility & {
  readonly township?: string | null;
  readonly eligibleOnly?: boolean | null;
  /** Asked of one cadre: present when that cadre's record fails its hash chain (cadreRecordIntegrityZh). */
  readonly integrityWarningsZh?: readonly string[];
};

/** County-wide answers kept: a few, each tens of MB at a province. */
const COUNTY_ANSWERS_KEPT = 8;

export class ReadModelQueries {
  private readonly cache = new FactsCache();
  /**
   * Findings and reports, computed from every cadre's facts on the event loop (0.5 s at 300
   * townships, 2 s at 1,000): kept per snapshot and question, and one computation shared by the
   * requests asking the same meanwhile, so that a department opening the same page does not stall
   * every other request once per person (found by a province-scale review: six findings at once
   * held a one-cadre read 2–8 s).
   */
  private readonly countyAnswers = new LRUCache<string, Promise<object>>({ max: COUNTY_ANSWERS_KEPT });

  constructor(
    private readonly sql: postgres.Sql,
    private readonly store: EventStore,
    /** Read your writes: brings the projections an answer reads past every acknowledged write. */
    private readonly freshness: Freshness,
  ) {}

  /** TM6b for every township chief on `asOf` (or one cadre); null when that one cadre is unknown to the ledger. */
  async eligibility(query: ViewOptions & EligibilityFilter): Promise<ReadAnswer<FilteredEligibility>>;
  async eligibility(query: ViewOptions & EligibilityFilter & { readonly cadreId?: string }): Promise<ReadAnswer<FilteredEligibility> | null>;
  async eligibility(query: ViewOptions & EligibilityFilter & { readonly cadreId?: string }): Promise<ReadAnswer<FilteredEligibility> | null> {
    const answer = await this.eligibilityFromTables(query);
    if (!answer || query.cadreId === undefined) return answer;
    // One cadre's question is a decision about that cadre: its own record checked against its hashes first.
    const integrityWarningsZh = await cadreRecordIntegrityZh(this.store, query.cadreId);
    return integrityWarningsZh.length === 0 ? answer : { ...answer, integrityWarningsZh };
  }

  private async eligibilityFromTables(query: ViewOptions & EligibilityFilter & { readonly cadreId?: string }): Promise<ReadAnswer<FilteredEligibility> | null> {
    const { township, eligible, ...view } = query;
    return this.fromTablesOrNull(
      CAREER_READ_MODELS,
      async (tx) => {
        // A township the ledger does not know is a 404, another kind of unit a refusal, as for the reports.
        if (township !== undefined) townshipFilter(await loadFacts(tx, [], this.cache), view.knownAt, township);
        const answer = await eligibilityFromTables(tx, view, this.cache);
        if (!answer) return null;
        const cadres = answer.cadres.filter((c) => (township === undefined || c.chiefPosts.some((p) => p.orgUnitId === township)) && (eligible === undefined || c.eligible === eligible));
        // The filter said beside the list only when one was asked: the whole list is the domain's answer as it is.
        return township === undefined && eligible === undefined ? answer : { ...answer, township: township ?? null, eligibleOnly: eligible ?? null, cadres };
      },
      view.cadreId,
    );
  }

  /** TM10 candidate list of a cycle. */
  async candidates(query: CandidateOptions): Promise<ReadAnswer<ExcellentSecretaryCandidates>> {
    return this.fromTables(CAREER_READ_MODELS, (tx) => candidatesFromTables(tx, query, this.cache));
  }

  /** Tenure of one cadre; null when the ledger knows nothing of the cadre. */
  async tenure(cadreId: string, query: ViewOptions): Promise<ReadAnswer<Tenure> | null> {
    return this.fromTablesOrNull(CAREER_READ_MODELS, (tx) => tenureFromTables(tx, cadreId, query, this.cache), cadreId);
  }

  /** A cadre's history with links both ways; null when the ledger knows nothing of the cadre. */
  history(params: HistoryParams): Promise<HistoryAnswer | null> {
    return cadreHistoryAnswer(this.store, params);
  }

  /** What the ledger said on `knownAt` about `asOf`; null when the ledger knows nothing of the cadre. */
  state(params: HistoryParams & { readonly asOf: CalendarDate }): Promise<CadreStateAt | null> {
    return cadreStateAnswer(this.store, params);
  }

  /**
   * Compliance findings: the recorded ones (overrides, TM4, appeals without remedy) and those of the
   * ten measures computed from the career facts, by rule, township and year.
   */
  async findings(filter: FindingsFilter & { readonly rule?: string | undefined }): Promise<ReadAnswer<FindingsAnswer>> {
    const { rule, ...recordedFilter } = filter;
    return this.countyWide([...COMPLIANCE_READ_MODELS, ...CAREER_READ_MODELS], ['findings', filter], async (tx) => {
      const facts = await allFactsFromTables(tx, filter.knownAt, this.cache);
      knownOrgUnit(facts, filter.orgUnitId);
      const names = nameLookup(facts);
      const recorded = (await queryFindings(tx, recordedFilter, unitsOfCadreOn(facts, filter.knownAt), gradeLookup(facts, filter.knownAt))).filter((f) => findingConcerns(f, rule)).map((f) => namedComplianceFinding(f, names));
      const measures = measureFindings(facts, { ...recordedFilter, ...(rule !== undefined ? { rule } : {}) });
      return { asOf: filter.asOf, orgUnitId: filter.orgUnitId ?? null, year: filter.year ?? null, rule: rule ?? null, knownAt: filter.knownAt ?? null, findings: [...recorded, ...measures] };
    });
  }

  /** A report of the ten measures (report-queries.ts), from every cadre's facts (as known at `knownAt`, when given). */
  async report(name: ReportName, params: AsOfReportParams | YearReportParams): Promise<ReadAnswer<object>> {
    return this.countyWide(CAREER_READ_MODELS, ['report', name, params], async (tx) => {
      const facts = await allFactsFromTables(tx, params.knownAt, this.cache);
      townshipFilter(facts, params.knownAt, 'township' in params ? params.township : undefined);
      return reportFromFacts(name, facts, params) as object;
    });
  }

  /**
   * The org-unit directory (单位名录), as known at `knownAt`. Only the org-units table is read:
   * a retraction lives in the stream of its target, a cadre's, so no org unit's registration has one.
   */
  async orgUnits(params: OrgUnitDirectoryParams): Promise<ReadAnswer<OrgUnitDirectoryAnswer>> {
    return this.fromTables([orgUnitsProjection], async (tx) => {
      const orgUnits = new Map<string, OrgUnitFacts>();
      for (const facts of await this.cache.allOrgUnits(tx)) orgUnits.set(facts.orgUnitId, facts);
      const facts: LedgerFacts = { cadres: new Map(), orgUnits, policies: [], retractions: [] };
      return { knownAt: params.knownAt ?? null, orgUnits: orgUnitDirectory(facts, knownFilter(facts, params.knownAt), params.kind) };
    });
  }

  /**
   * Appeals with their N5 deadlines measured to `asOf` (today unless asked), as known at `knownAt`
   * when given: the decision each names as the cadre's record held it then (found by a CLI review:
   * whether an appeal was overdue on a past date, or what the ledger knew then, could not be asked).
   */
  async appeals(view: { readonly asOf: CalendarDate; readonly knownAt?: string }, status: 'OPEN' | 'DECIDED' | 'ALL'): Promise<ReadAnswer<AppealsAnswer>> {
    return this.fromTables([...COMPLIANCE_READ_MODELS, ...CAREER_READ_MODELS], async (tx) => {
      // Open on the day asked about: filed by then (one filed later is listed under ALL only, 待生效).
      const appeals = (await queryAppeals(tx, view.asOf, view.knownAt)).filter((a) => status === 'ALL' || (a.status === status && !a.scheduled));
      const loaded = await loadFacts(tx, [...new Set(appeals.map((a) => a.cadreId))], this.cache);
      const facts = known(loaded, view.knownAt);
      const names = nameLookup(facts);
      return {
        today: view.asOf,
        asOf: view.asOf,
        knownAt: view.knownAt ?? null,
        appeals: appeals.map((a) => ({ ...a, cadreName: names.cadreName(a.cadreId), target: appealedDecision(facts, a.cadreId, a.targetEventId, a.decisionEventId ?? a.decisionScheduled?.decisionEventId ?? null) })),
      };
    });
  }

  /**
   * A read of the career read models' tables (the roster's own SQL) as every answer here reads
   * them: after the projections caught up with every acknowledged write, in one snapshot, with
   * `behind` when they could not (found by a review: the roster read the tables at once and
   * answered without a cadre registered a moment before).
   */
  careerTables<T extends object>(read: (tx: Queryable) => Promise<T>): Promise<ReadAnswer<T>> {
    return this.fromTables(CAREER_READ_MODELS, read);
  }

  /** `fromTables` for a read that finds nothing to answer (an unknown cadre): null, not an answer. */
  /** An answer from `fromTables`, kept for the same question on the same snapshot (`countyAnswers`). */
  private countyWide<T extends object>(projections: readonly Projection[], question: unknown, compute: (tx: Queryable) => Promise<T>): Promise<ReadAnswer<T>> {
    return this.fromTables(projections, async (tx) => {
      const key = `${await snapshotVersion(tx, projections)}|${JSON.stringify(question)}`;
      const kept = this.countyAnswers.get(key) as Promise<T> | undefined;
      if (kept) return kept;
      const computing = compute(tx);
      this.countyAnswers.set(key, computing);
      // A refusal (an unknown township) is said again to whoever asks, not kept.
      computing.catch(() => this.countyAnswers.delete(key));
      return computing;
    });
  }

  private async fromTablesOrNull<T extends object>(projections: readonly Projection[], read: (tx: Queryable) => Promise<T | null>, cadreId?: string): Promise<ReadAnswer<T> | null> {
    const { found, behind } = await this.fromTables(projections, async (tx) => ({ found: await read(tx) }));
    if (found === null && behind) throw new NotFoundWhileBehindError(behind, cadreId);
    return found === null ? null : behind ? { ...found, behind } : found;
  }

  /**
   * Waits for the projections read (read your writes), then reads one consistent view of their tables.
   * The tables are locked (ACCESS SHARE) before the transaction's snapshot is taken, at its first
   * query: a rebuild's swap (projection-runner.ts, swapIn) replaces them under the same names in one
   * transaction, and a snapshot taken before that commit would see the new tables, whose rows it
   * did not yet see, as empty. Found by a review: during `projections rebuild all` beside writes,
   * the eligibility list answered 200 with no cadre at all, and a single cadre's read missed a
   * rescission acknowledged before it. The lock waits only for a swap's own commit (milliseconds).
   */
  private async fromTables<T extends object>(projections: readonly Projection[], read: (tx: Queryable) => Promise<T>): Promise<ReadAnswer<T>> {
    const behind = await this.freshness.ensure(projections.map((p) => p.name));
    const tables = projections.flatMap((p) => p.tables);
    const answer = (await this.sql.begin('isolation level repeatable read, read only', async (tx) => {
      await tx`lock table ${tx(tables as string[])} in access share mode`;
      return read(tx);
    }).catch((error: unknown) => {
      if (error instanceof UnknownOrgUnitError && behind) error.behind = behind;
      throw error;
    })) as T;
    return behind ? { ...answer, behind } : answer;
  }
}
