/**
 * The read models' queries. Without `knownAt` they are answered from the projection tables: the
 * interval index picks the cadres concerned, their facts are loaded, and the pure `…FromFacts`
 * functions of libs/domain decide. With `knownAt` ("as the ledger stood then", T1) they are
 * answered by a pure fold over the store's events recorded by then: a past view must not depend on
 * what a projection has or has not applied. Every answer reflects the writes acknowledged before
 * it was asked, or says how far behind it is (read-your-writes.ts).
 */
import { toRecordedEvent } from '@ledger/application';
import {
  excellentSecretaryCandidatesFromFacts,
  inPostPromotionEligibilityFromFacts,
  instantMs,
  isCareerEventType,
  ledgerFactsOf,
  tenureFromFacts,
  yearEnd,
  cycleSchema,
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
  type AppealOverview,
  type CadreStateAt,
  type MeasureFinding,
  type FindingsFilter,
  type NamedComplianceFinding,
  nameLookup,
  namedComplianceFinding,
} from '@ledger/domain';
import type { EventStore, StoredEvent } from '@ledger/event-store';
import type postgres from 'postgres';
import { cadreCareersProjection, orgUnitsProjection, policyVersionsProjection, TABLES } from './career-projections';
import { cadreHistoryAnswer, cadreStateAnswer, type HistoryAnswer, type HistoryParams } from './cadre-history';
import { complianceProjection, queryAppeals, queryFindings } from './compliance-projection';
import { reportFromFacts, type AsOfReportParams, type ReportName, type YearReportParams } from './report-queries';
import { careerTimelineSchema, orgUnitFactsSchema, policyFactSchema, retractionsSchema } from './fact-codecs';
import type { Queryable } from './projection';
import type { Behind, Freshness } from './read-your-writes';

// ── from the tables ────────────────────────────────────────────────────────────

/** Cadres holding one of `roles` on `date` by the interval index (a superset: the pure query decides). */
async function cadresHolding(sql: Queryable, roles: readonly string[], date: CalendarDate, onlyCadreId?: string): Promise<string[]> {
  const rows = await sql`
    select distinct cadre_id from ${sql(TABLES.postIntervals)}
    where role = any(${roles as string[]}::text[]) and from_date <= ${date}::date and (to_date is null or to_date > ${date}::date)
      ${onlyCadreId === undefined ? sql`` : sql`and cadre_id = ${onlyCadreId}`}`;
  return rows.map((r) => r.cadre_id as string);
}

/**
 * Parsed read-model documents kept between queries, each with the `last_position` it was parsed at:
 * a query reads only the positions of the rows it needs and parses again only what changed since.
 * (A row's position moves with every event applied to it; a rebuild of the same version gives the
 * same row; a new version means new code, hence a new process and an empty cache.)
 */
export class FactsCache {
  private readonly cadres = new Map<string, { position: number; timeline: CareerTimeline; retractions: RetractionFact[] }>();
  private readonly orgUnits = new Map<string, { position: number; facts: OrgUnitFacts }>();
  private orgUnitsVersion: string | null = null;
  private orgUnitList: OrgUnitFacts[] = [];

  constructor(private readonly capacity = 200_000) {}

  async cadreFacts(sql: Queryable, cadreIds: readonly string[]): Promise<{ timeline: CareerTimeline; retractions: RetractionFact[] }[]> {
    if (cadreIds.length === 0) return [];
    const heads = await sql`select cadre_id, last_position from ${sql(TABLES.cadreTimelines)} where cadre_id = any(${cadreIds as string[]}::text[])`;
    const stale = heads.filter((h) => this.cadres.get(h.cadre_id as string)?.position !== Number(h.last_position)).map((h) => h.cadre_id as string);
    if (stale.length > 0) {
      const rows = await sql`select cadre_id, timeline, retractions, last_position from ${sql(TABLES.cadreTimelines)} where cadre_id = any(${stale}::text[])`;
      for (const r of rows) {
        remember(this.cadres, r.cadre_id as string, { position: Number(r.last_position), timeline: careerTimelineSchema.parse(r.timeline), retractions: retractionsSchema.parse(r.retractions) }, this.capacity);
      }
    }
    return heads.map((h) => this.cadres.get(h.cadre_id as string)!);
  }

  /**
   * Every org unit. The table's version is (rows, sum of positions): a row's position only grows
   * (a stream's events have increasing positions), so any insert or update changes it, whereas its
   * maximum would miss a late-committing event applied after a higher one.
   */
  async allOrgUnits(sql: Queryable): Promise<OrgUnitFacts[]> {
    const [v] = await sql`select count(*)::text as n, coalesce(sum(last_position), 0)::text as s from ${sql(TABLES.orgUnits)}`;
    const version = `${v!.n as string}:${v!.s as string}`;
    if (version === this.orgUnitsVersion) return this.orgUnitList;
    const heads = await sql`select org_unit_id, last_position from ${sql(TABLES.orgUnits)}`;
    const stale = heads.filter((h) => this.orgUnits.get(h.org_unit_id as string)?.position !== Number(h.last_position)).map((h) => h.org_unit_id as string);
    if (stale.length > 0) {
      const rows = await sql`select org_unit_id, facts, last_position from ${sql(TABLES.orgUnits)} where org_unit_id = any(${stale}::text[])`;
      for (const r of rows) remember(this.orgUnits, r.org_unit_id as string, { position: Number(r.last_position), facts: orgUnitFactsSchema.parse(r.facts) }, this.capacity);
    }
    this.orgUnitList = heads.map((h) => this.orgUnits.get(h.org_unit_id as string)!.facts);
    this.orgUnitsVersion = version;
    return this.orgUnitList;
  }
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

/**
 * The facts of the given cadres (all cadres for 'all'), with every org unit and policy version.
 * Retractions are kept per cadre stream, so the subset's own are all its answers need. With a
 * cache (the API's queries), only rows changed since the last query are parsed again.
 */
export async function loadFacts(sql: Queryable, cadreIds: readonly string[] | 'all', cache?: FactsCache): Promise<LedgerFacts> {
  const policyRows = await sql`select fact from ${sql(TABLES.policyVersions)} order by global_position`;
  const policies = policyRows.map((r) => policyFactSchema.parse(r.fact));
  const cadres = new Map<string, CareerTimeline>();
  const retractions: RetractionFact[] = [];
  const orgUnits = new Map<string, OrgUnitFacts>();
  if (cache && cadreIds !== 'all') {
    for (const c of await cache.cadreFacts(sql, cadreIds)) {
      cadres.set(c.timeline.cadreId, c.timeline);
      retractions.push(...c.retractions);
    }
    for (const facts of await cache.allOrgUnits(sql)) orgUnits.set(facts.orgUnitId, facts);
    return { cadres, orgUnits, policies, retractions };
  }
  const cadreRows =
    cadreIds === 'all'
      ? await sql`select cadre_id, timeline, retractions from ${sql(TABLES.cadreTimelines)}`
      : cadreIds.length === 0
        ? []
        : await sql`select cadre_id, timeline, retractions from ${sql(TABLES.cadreTimelines)} where cadre_id = any(${cadreIds as string[]}::text[])`;
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

/** TM6b for the township chiefs on `asOf` (only `cadreId`, when given). */
export async function eligibilityFromTables(sql: Queryable, asOf: CalendarDate, cadreId?: string, cache?: FactsCache): Promise<InPostPromotionEligibility> {
  const chiefs = await cadresHolding(sql, ['PARTY_SECRETARY', 'HEAD'], asOf, cadreId);
  return inPostPromotionEligibilityFromFacts(await loadFacts(sql, chiefs, cache), { asOf });
}

export async function candidatesFromTables(sql: Queryable, options: Omit<CandidateOptions, 'knownAt'>, cache?: FactsCache): Promise<ExcellentSecretaryCandidates> {
  const cycle = cycleSchema.parse(options.cycle);
  const referenceDate = yearEnd(Number(cycle.slice(5)));
  const facts = await loadFacts(sql, await cadresHolding(sql, ['PARTY_SECRETARY'], referenceDate), cache);
  return excellentSecretaryCandidatesFromFacts(facts, options);
}

/** Null when the ledger has no event of the cadre. */
export async function tenureFromTables(sql: Queryable, cadreId: string, asOf: CalendarDate, cache?: FactsCache): Promise<Tenure | null> {
  const facts = await loadFacts(sql, [cadreId], cache);
  return facts.cadres.has(cadreId) ? tenureFromFacts(facts, cadreId, { asOf }) : null;
}

// ── from the events ────────────────────────────────────────────────────────────

/**
 * Every career event committed when the read starts, optionally only those recorded by `knownAt`:
 * one consistent snapshot (never the catch-up order's horizon, which an open transaction elsewhere
 * holds back), so an answer reflects every write acknowledged before it was asked.
 */
export async function readLedgerEvents(store: EventStore, knownAt?: string, batchSize = 5000): Promise<RecordedEvent[]> {
  const limit = knownAt === undefined ? null : instantMs(knownAt);
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
const CAREER_READ_MODELS = [cadreCareersProjection.name, orgUnitsProjection.name, policyVersionsProjection.name] as const;
const COMPLIANCE_READ_MODELS = [complianceProjection.name] as const;

export interface FindingsAnswer {
  readonly asOf: CalendarDate;
  readonly orgUnitId: string | null;
  readonly year: number | null;
  /** Only findings of this rule or its refinements (TM1 ⊇ TM1.chief-experience). */
  readonly rule: string | null;
  readonly findings: readonly (NamedComplianceFinding | MeasureFinding)[];
}

export interface AppealsAnswer {
  readonly today: CalendarDate;
  readonly appeals: readonly AppealOverview[];
}

export class ReadModelQueries {
  private readonly cache = new FactsCache();

  constructor(
    private readonly sql: postgres.Sql,
    private readonly store: EventStore,
    /** Read your writes: brings the projections an answer reads past every acknowledged write. */
    private readonly freshness: Freshness,
  ) {}

  /** TM6b for every township chief on `asOf`. */
  async eligibility(query: ViewOptions & { readonly cadreId?: string }): Promise<ReadAnswer<InPostPromotionEligibility>> {
    if (query.knownAt !== undefined) {
      const all = inPostPromotionEligibilityFromFacts(await this.replay(query.knownAt), query);
      return query.cadreId === undefined ? all : { ...all, cadres: all.cadres.filter((c) => c.cadreId === query.cadreId) };
    }
    return this.fromTables(CAREER_READ_MODELS, (tx) => eligibilityFromTables(tx, query.asOf, query.cadreId, this.cache));
  }

  /** TM10 candidate list of a cycle. */
  async candidates(query: CandidateOptions): Promise<ReadAnswer<ExcellentSecretaryCandidates>> {
    if (query.knownAt !== undefined) return excellentSecretaryCandidatesFromFacts(await this.replay(query.knownAt), query);
    const { knownAt: _none, ...options } = query;
    return this.fromTables(CAREER_READ_MODELS, (tx) => candidatesFromTables(tx, options, this.cache));
  }

  /** Tenure of one cadre; null when the ledger knows nothing of the cadre. */
  async tenure(cadreId: string, query: ViewOptions): Promise<ReadAnswer<Tenure> | null> {
    if (query.knownAt !== undefined) {
      const facts = await this.replay(query.knownAt);
      return facts.cadres.has(cadreId) ? tenureFromFacts(facts, cadreId, query) : null;
    }
    const answer = await this.fromTables(CAREER_READ_MODELS, async (tx) => ({ tenure: await tenureFromTables(tx, cadreId, query.asOf, this.cache) }));
    return answer.tenure === null ? null : { ...answer.tenure, ...(answer.behind ? { behind: answer.behind } : {}) };
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
    return this.fromTables([...COMPLIANCE_READ_MODELS, ...CAREER_READ_MODELS], async (tx) => {
      const facts = await loadFacts(tx, 'all');
      const names = nameLookup(facts);
      const recorded = (await queryFindings(tx, recordedFilter)).filter((f) => findingConcerns(f, rule)).map((f) => namedComplianceFinding(f, names));
      const measures = measureFindings(facts, { ...recordedFilter, ...(rule !== undefined ? { rule } : {}) });
      return { asOf: filter.asOf, orgUnitId: filter.orgUnitId ?? null, year: filter.year ?? null, rule: rule ?? null, findings: [...recorded, ...measures] };
    });
  }

  /** A report of the ten measures (report-queries.ts), from every cadre's facts. */
  async report(name: ReportName, params: AsOfReportParams | YearReportParams): Promise<ReadAnswer<object>> {
    if (params.knownAt !== undefined) return reportFromFacts(name, await this.replay(params.knownAt), params) as object;
    return this.fromTables(CAREER_READ_MODELS, async (tx) => reportFromFacts(name, await loadFacts(tx, 'all'), params) as object);
  }

  /** Appeals with their N5 deadlines measured to `today`. */
  async appeals(today: CalendarDate, status: 'OPEN' | 'DECIDED' | 'ALL'): Promise<ReadAnswer<AppealsAnswer>> {
    return this.fromTables(COMPLIANCE_READ_MODELS, async (tx) => ({
      today,
      appeals: (await queryAppeals(tx, today)).filter((a) => status === 'ALL' || a.status === status),
    }));
  }

  private async replay(knownAt: string): Promise<LedgerFacts> {
    return ledgerFactsOf(await readLedgerEvents(this.store, knownAt));
  }

  /** Waits for the projections read (read your writes), then reads one consistent view of their tables. */
  private async fromTables<T extends object>(projections: readonly string[], read: (tx: Queryable) => Promise<T>): Promise<ReadAnswer<T>> {
    const behind = await this.freshness.ensure(projections);
    const answer = (await this.sql.begin('isolation level repeatable read, read only', (tx) => read(tx))) as T;
    return behind ? { ...answer, behind } : answer;
  }
}
