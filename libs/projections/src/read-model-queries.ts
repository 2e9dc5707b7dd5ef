/**
 * The read models' queries. Without `knownAt` they are answered from the projection tables: the
 * interval index picks the cadres concerned, their facts are loaded, and the pure `…FromFacts`
 * functions of libs/domain decide. With `knownAt` ("as the ledger stood then", T1) they are
 * answered by a pure fold over the store's events recorded by then: a past view must not depend on
 * what a projection has or has not applied.
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
} from '@ledger/domain';
import { START_POSITION, type EventStore, type StoredEvent } from '@ledger/event-store';
import type postgres from 'postgres';
import { TABLES } from './career-projections';
import { careerTimelineSchema, orgUnitFactsSchema, policyFactSchema, retractionsSchema } from './fact-codecs';
import { exhausted, type Queryable } from './projection';

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
 * The facts of the given cadres (all cadres for 'all'), with every org unit and policy version.
 * Retractions are kept per cadre stream, so the subset's own are all its answers need.
 */
export async function loadFacts(sql: Queryable, cadreIds: readonly string[] | 'all'): Promise<LedgerFacts> {
  const cadreRows =
    cadreIds === 'all'
      ? await sql`select cadre_id, timeline, retractions from ${sql(TABLES.cadreTimelines)}`
      : cadreIds.length === 0
        ? []
        : await sql`select cadre_id, timeline, retractions from ${sql(TABLES.cadreTimelines)} where cadre_id = any(${cadreIds as string[]}::text[])`;
  const orgRows = await sql`select facts from ${sql(TABLES.orgUnits)}`;
  const policyRows = await sql`select fact from ${sql(TABLES.policyVersions)} order by global_position`;
  const cadres = new Map<string, CareerTimeline>();
  const retractions: RetractionFact[] = [];
  for (const r of cadreRows) {
    cadres.set(r.cadre_id as string, careerTimelineSchema.parse(r.timeline));
    retractions.push(...retractionsSchema.parse(r.retractions));
  }
  const orgUnits = new Map<string, OrgUnitFacts>();
  for (const r of orgRows) {
    const facts = orgUnitFactsSchema.parse(r.facts);
    orgUnits.set(facts.orgUnitId, facts);
  }
  return { cadres, orgUnits, policies: policyRows.map((r) => policyFactSchema.parse(r.fact)), retractions };
}

/** TM6b for the township chiefs on `asOf` (only `cadreId`, when given). */
export async function eligibilityFromTables(sql: Queryable, asOf: CalendarDate, cadreId?: string): Promise<InPostPromotionEligibility> {
  const chiefs = await cadresHolding(sql, ['PARTY_SECRETARY', 'HEAD'], asOf, cadreId);
  return inPostPromotionEligibilityFromFacts(await loadFacts(sql, chiefs), { asOf });
}

export async function candidatesFromTables(sql: Queryable, options: Omit<CandidateOptions, 'knownAt'>): Promise<ExcellentSecretaryCandidates> {
  const cycle = cycleSchema.parse(options.cycle);
  const referenceDate = yearEnd(Number(cycle.slice(5)));
  const facts = await loadFacts(sql, await cadresHolding(sql, ['PARTY_SECRETARY'], referenceDate));
  return excellentSecretaryCandidatesFromFacts(facts, options);
}

/** Null when the ledger has no event of the cadre. */
export async function tenureFromTables(sql: Queryable, cadreId: string, asOf: CalendarDate): Promise<Tenure | null> {
  const facts = await loadFacts(sql, [cadreId]);
  return facts.cadres.has(cadreId) ? tenureFromFacts(facts, cadreId, { asOf }) : null;
}

// ── from the events ────────────────────────────────────────────────────────────

/** Every career event of the store-wide order, optionally only those recorded by `knownAt`. */
export async function readLedgerEvents(store: EventStore, knownAt?: string, batchSize = 5000): Promise<RecordedEvent[]> {
  const limit = knownAt === undefined ? null : instantMs(knownAt);
  const events: RecordedEvent[] = [];
  let after = START_POSITION;
  for (;;) {
    const batch = await store.readAll({ after, batchSize });
    if (exhausted(batch, after)) return events;
    for (const e of batch.events) if (counts(e, limit)) events.push(toRecordedEvent(e));
    after = batch.lastPosition;
  }
}

function counts(e: StoredEvent, limit: number | null): boolean {
  return isCareerEventType(e.type) && (limit === null || instantMs(e.recordedAt) <= limit);
}

// ── the service ────────────────────────────────────────────────────────────────

export class ReadModelQueries {
  constructor(
    private readonly sql: postgres.Sql,
    private readonly store: EventStore,
  ) {}

  /** TM6b for every township chief on `asOf`. */
  async eligibility(query: ViewOptions & { readonly cadreId?: string }): Promise<InPostPromotionEligibility> {
    if (query.knownAt !== undefined) {
      const all = inPostPromotionEligibilityFromFacts(await this.replay(query.knownAt), query);
      return query.cadreId === undefined ? all : { ...all, cadres: all.cadres.filter((c) => c.cadreId === query.cadreId) };
    }
    return this.snapshot((tx) => eligibilityFromTables(tx, query.asOf, query.cadreId));
  }

  /** TM10 candidate list of a cycle. */
  async candidates(query: CandidateOptions): Promise<ExcellentSecretaryCandidates> {
    if (query.knownAt !== undefined) return excellentSecretaryCandidatesFromFacts(await this.replay(query.knownAt), query);
    const { knownAt: _none, ...options } = query;
    return this.snapshot((tx) => candidatesFromTables(tx, options));
  }

  /** Tenure of one cadre; null when the ledger knows nothing of the cadre. */
  async tenure(cadreId: string, query: ViewOptions): Promise<Tenure | null> {
    if (query.knownAt !== undefined) {
      const facts = await this.replay(query.knownAt);
      return facts.cadres.has(cadreId) ? tenureFromFacts(facts, cadreId, query) : null;
    }
    return this.snapshot((tx) => tenureFromTables(tx, cadreId, query.asOf));
  }

  private async replay(knownAt: string): Promise<LedgerFacts> {
    return ledgerFactsOf(await readLedgerEvents(this.store, knownAt));
  }

  /** One consistent view of the index and the facts tables. */
  private snapshot<T>(read: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.sql.begin('isolation level repeatable read, read only', (tx) => read(tx)) as Promise<T>;
  }
}
