/**
 * `projections verify`: recomputes the read models by a pure in-memory fold of the events and
 * diffs them with the tables, at two levels:
 * - rows: each projection's tables against the batch fold (ledgerFactsOf) of the events up to its
 *   checkpoint: what an event-by-event projection stored must equal what a fold from scratch gives;
 * - answers: eligibility, candidates and tenure answered from the tables (index + facts, the API's
 *   path) against the pure functions over the in-memory facts, for dates where answers change
 *   (every chief post's first and last days, year ends, today) and every five-year cycle.
 * The tables and checkpoints are read in one snapshot, so a projection running meanwhile is fine.
 * The events are read stream by stream, a batch at a time (issue 16: the whole store in memory
 * took 3.76 GB for a province, against Node's default 4 GB heap).
 */
import {
  addDays,
  calendarDate,
  CHIEF_ROLES,
  excellentSecretaryCandidatesFromFacts,
  inPostPromotionEligibilityFromFacts,
  isCareerEventType,
  ledgerFactsOf,
  opensAChiefPost,
  streamIdOf,
  tenureFromFacts,
  tm10CycleDates,
  yearEnd,
  yearOf,
  type CalendarDate,
  type CareerTimeline,
  type LedgerFacts,
  type OrgUnitFacts,
  type PolicyFact,
  type RecordedEvent,
  type RetractionFact,
} from '@ledger/domain';
import {
  canonicalJson,
  canScanStreams,
  compareAllPositions,
  START_POSITION,
  type AllPosition,
  type EventStore,
  type StoredEvent,
  type StreamScanCursor,
} from '@ledger/event-store';
import type postgres from 'postgres';
import { toRecordedEvent } from '@ledger/application';
import { LEDGER_PROJECTIONS, TABLES } from './career-projections';
import { readCheckpoint, type Checkpoint } from './checkpoints';
import { exhausted, LIVE_TABLES, type Projection, type Queryable, type TableSnapshot } from './projection';
import { candidatesFromTables, eligibilityFromTables, tenureFromTables } from './read-model-queries';

export interface VerifyProjectionsOptions {
  readonly projections?: readonly Projection[];
  /** Also compare the answers as of this date (the CLI passes today). */
  readonly today?: CalendarDate;
  /** Compare answers, not only rows (default true). */
  readonly answers?: boolean;
  readonly maxDifferences?: number;
  /** Eligibility dates compared at most (evenly sampled from the interesting ones). */
  readonly maxEligibilityDates?: number;
  /** Cadres whose tenure is compared at most (evenly sampled). */
  readonly maxTenureCadres?: number;
  /** Events read from the store at a time (default 5,000); a stream longer than that is held whole. */
  readonly batchSize?: number;
}

export interface RowDifference {
  readonly projection: string;
  readonly table: string;
  readonly key: string;
  readonly kind: 'MISSING_ROW' | 'UNEXPECTED_ROW' | 'DIFFERENT_ROW';
  /** Where the row differs first (JSON path). */
  readonly path?: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

export interface AnswerDifference {
  readonly query: string;
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

export interface ProjectionVerification {
  readonly name: string;
  readonly version: number;
  readonly storedVersion: number | null;
  readonly checkpoint: AllPosition | null;
  readonly rows: number;
  readonly differences: number;
}

export interface VerifyProjectionsResult {
  readonly ok: boolean;
  readonly checkedEvents: number;
  readonly projections: ProjectionVerification[];
  readonly differences: RowDifference[];
  readonly answers: { readonly checked: number; readonly differences: AnswerDifference[] };
}

/** The first JSON path where two JSON-like values differ, or null when equal. */
export function firstDifference(expected: unknown, actual: unknown, path = '$'): { path: string; expected: unknown; actual: unknown } | null {
  if (canonical(expected) === canonical(actual)) return null;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return { path: `${path}.length`, expected: expected.length, actual: actual.length };
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d) return d;
    }
  } else if (isObject(expected) && isObject(actual)) {
    for (const key of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
      const d = firstDifference(expected[key], actual[key], `${path}.${key}`);
      if (d) return d;
    }
  }
  return { path, expected, actual };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function canonical(v: unknown): string {
  return v === undefined ? 'undefined' : canonicalJson(v);
}

/** Up to `max` items spread evenly over `items` (all of them when fewer). */
function sample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * (items.length - 1)) / Math.max(1, max - 1))]!);
}

/** The answers compared: where eligibility can change, every five-year cycle, a sample of cadres' tenure. */
interface AnswerPlan {
  readonly eligibilityDates: readonly CalendarDate[];
  readonly cycles: readonly string[];
  readonly tenureDate: CalendarDate | null;
  readonly tenureCadres: ReadonlySet<string>;
}

/** Dates where the eligibility answer can change: each chief post's first day and the days around its end, year ends. */
async function eligibilityDates(sql: Queryable, today: CalendarDate | undefined, max: number): Promise<{ dates: CalendarDate[]; years: number[] }> {
  const rows = await sql`
    select to_char(from_date, 'YYYY-MM-DD') as from_date, to_char(to_date, 'YYYY-MM-DD') as to_date
    from ${sql(TABLES.postIntervals)} where role = any(${CHIEF_ROLES as string[]}::text[])`;
  const dates = new Set<CalendarDate>();
  const years = new Set<number>();
  for (const r of rows) {
    const from = calendarDate(r.from_date as string);
    dates.add(from);
    years.add(yearOf(from));
    if (r.to_date) {
      const to = calendarDate(r.to_date as string);
      dates.add(addDays(to, -1));
      dates.add(to);
      years.add(yearOf(to));
    }
  }
  if (years.size > 0) {
    for (let y = Math.min(...years); y <= Math.max(...years) + 1 && y <= 2999; y++) dates.add(yearEnd(y));
  }
  if (today) dates.add(today);
  return { dates: sample([...dates].sort(), max), years: [...years].sort((a, b) => a - b) };
}

/** Five-year cycles ("2021-2025") overlapping the years of the record. */
function cyclesOf(years: readonly number[]): string[] {
  if (years.length === 0) return [];
  const cycles: string[] = [];
  const first = years[0]! - ((((years[0]! - 1) % 5) + 5) % 5);
  for (let y = first; y <= years[years.length - 1]! && y + 4 <= 2999; y += 5) cycles.push(`${y}-${y + 4}`);
  return cycles;
}

/** One projection's check: its checkpoint, the events it folded so far (whole-table ones) and what it found. */
interface ProjectionCheck {
  readonly projection: Projection;
  readonly checkpoint: Checkpoint | null;
  readonly upTo: AllPosition;
  /** Whole-table projections: their events, folded once all are read. */
  readonly events: RecordedEvent[];
  /** Stream-by-stream projections: the streams whose rows were compared. */
  readonly seen: Set<string>;
  readonly differences: RowDifference[];
  differenceCount: number;
  rows: number;
}

/**
 * The store's events up to `upTo` in batches of whole streams: a fold of one batch gives its
 * streams' rows. A store that scans streams (PostgreSQL) is read a batch at a time; any other is
 * read whole first and grouped by stream (memory in proportion to the store).
 */
async function* wholeStreams(store: EventStore, upTo: AllPosition, batchSize: number): AsyncIterable<StoredEvent[]> {
  if (compareAllPositions(upTo, START_POSITION) <= 0) return;
  if (canScanStreams(store)) {
    let after: StreamScanCursor | null = null;
    let tail: StoredEvent[] = [];
    for (;;) {
      const fetched = await store.scanStreamsUpTo({ upTo, after, limit: batchSize });
      const events = tail.length === 0 ? fetched : tail.concat(fetched);
      const last = fetched[fetched.length - 1];
      if (fetched.length < batchSize || !last) {
        if (events.length > 0) yield events;
        return;
      }
      after = { streamId: last.streamId, revision: last.revision };
      // The last stream may go on in the next read; a stream longer than a batch is held until its end.
      let cut = events.length;
      while (cut > 0 && events[cut - 1]!.streamId === last.streamId) cut--;
      if (cut > 0) yield events.slice(0, cut);
      tail = events.slice(cut);
    }
  }
  const byStream = new Map<string, StoredEvent[]>();
  for (let after: AllPosition = START_POSITION; ; ) {
    const batch = await store.readAll({ after, batchSize });
    if (exhausted(batch, after)) break;
    for (const e of batch.events) {
      if (compareAllPositions(e.position, upTo) > 0) continue;
      const stream = byStream.get(e.streamId);
      if (stream) stream.push(e);
      else byStream.set(e.streamId, [e]);
    }
    after = batch.lastPosition;
  }
  let chunk: StoredEvent[] = [];
  for (const stream of byStream.values()) {
    chunk.push(...stream);
    if (chunk.length >= batchSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * The facts a fold of every included event gives (ledgerFactsOf), built from batches of whole
 * streams: a timeline or an org unit comes from its own stream, policies and retractions are put
 * back in the store-wide order, and the maps keep the order of each aggregate's first event.
 * Only the timelines `keepsCadre` accepts are kept: the answers compared read only some of them.
 */
class FactsOfStreams {
  private readonly cadres: [number, string, CareerTimeline][] = [];
  private readonly orgUnits: [number, string, OrgUnitFacts][] = [];
  private readonly policies: PolicyFact[] = [];
  private readonly retractions: RetractionFact[] = [];

  constructor(private readonly keepsCadre: (timeline: CareerTimeline) => boolean) {}

  add(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    const first = new Map<string, number>();
    for (const e of events) if (!first.has(e.streamId)) first.set(e.streamId, e.globalPosition);
    const facts = ledgerFactsOf(events);
    for (const [id, timeline] of facts.cadres) if (this.keepsCadre(timeline)) this.cadres.push([first.get(streamIdOf('cadre', id))!, id, timeline]);
    for (const [id, unit] of facts.orgUnits) this.orgUnits.push([first.get(streamIdOf('orgunit', id))!, id, unit]);
    this.policies.push(...facts.policies);
    this.retractions.push(...facts.retractions);
  }

  facts(): LedgerFacts {
    const byFirst = <T>(entries: [number, string, T][]) => new Map(entries.sort((a, b) => a[0] - b[0]).map(([, id, v]) => [id, v] as const));
    const byPosition = (a: { meta: { globalPosition: number } }, b: { meta: { globalPosition: number } }) => a.meta.globalPosition - b.meta.globalPosition;
    return {
      cadres: byFirst(this.cadres),
      orgUnits: byFirst(this.orgUnits),
      policies: this.policies.sort(byPosition),
      retractions: this.retractions.sort(byPosition),
    };
  }
}

function compareRows(check: ProjectionCheck, expected: Map<string, TableSnapshot>, actual: Map<string, TableSnapshot>, maxDifferences: number): void {
  const p = check.projection;
  const report = (d: RowDifference) => {
    check.differenceCount++;
    if (check.differences.length < maxDifferences) check.differences.push(d);
  };
  for (const table of p.tables) {
    const expectedRows = expected.get(table) ?? new Map<string, unknown>();
    const actualRows = actual.get(table) ?? new Map<string, unknown>();
    check.rows += actualRows.size;
    for (const [key, value] of expectedRows) {
      if (!actualRows.has(key)) report({ projection: p.name, table, key, kind: 'MISSING_ROW', expected: value });
      else {
        const d = firstDifference(value, actualRows.get(key));
        if (d) report({ projection: p.name, table, key, kind: 'DIFFERENT_ROW', ...d });
      }
    }
    for (const [key, value] of actualRows) if (!expectedRows.has(key)) report({ projection: p.name, table, key, kind: 'UNEXPECTED_ROW', actual: value });
  }
}

/** The dates, cycles and cadres where the tables' answers (the API's path) can differ from the facts'. */
async function answerPlan(tx: Queryable, options: VerifyProjectionsOptions): Promise<AnswerPlan> {
  const { dates, years } = await eligibilityDates(tx, options.today, options.maxEligibilityDates ?? 40);
  const tenureDate = options.today ?? dates[dates.length - 1] ?? null;
  const cadreIds = tenureDate ? (await tx`select cadre_id from ${tx(TABLES.cadreTimelines)}`).map((r) => r.cadre_id as string) : [];
  return { eligibilityDates: dates, cycles: cyclesOf(years), tenureDate, tenureCadres: new Set(sample(cadreIds.sort(), options.maxTenureCadres ?? 100)) };
}

/**
 * The answers' plan (dates, cycles, cadres) is read first and the answers last, all in the same snapshot.
 * Rows are compared a batch of whole streams at a time for the projections whose rows each belong
 * to one stream (`rowsByStream`: the timelines, the org units), so the check holds a batch of
 * events and the facts, not the store; the others (policy versions, compliance findings: few rows)
 * are compared whole. Everything the tables say is read in one read-only snapshot, held to the end:
 * a rebuild that finishes meanwhile swaps its tables in once the check is done.
 */
export async function verifyProjections(sql: postgres.Sql, store: EventStore, options: VerifyProjectionsOptions = {}): Promise<VerifyProjectionsResult> {
  const projections = options.projections ?? LEDGER_PROJECTIONS;
  const maxDifferences = options.maxDifferences ?? 50;
  const checkAnswers = options.answers ?? true;

  return sql.begin('isolation level repeatable read, read only', async (tx) => {
    // Every table locked before the snapshot is taken (its first query): a swap committed after the
    // snapshot but before a table was first read would be read as empty (read-model-queries.ts, fromTables).
    await tx`lock table ${tx(projections.flatMap((p) => p.tables) as string[])} in access share mode`;
    // 1. The checkpoints and the answers the tables give, in the snapshot the rows are read in.
    const checks: ProjectionCheck[] = [];
    for (const p of projections) {
      const checkpoint = await readCheckpoint(tx, p.name);
      checks.push({ projection: p, checkpoint, upTo: checkpoint?.position ?? START_POSITION, events: [], seen: new Set(), differences: [], differenceCount: 0, rows: 0 });
    }
    const plan = checkAnswers ? await answerPlan(tx, options) : null;

    // 2. The events up to the furthest checkpoint (all readable by now), stream by stream.
    const upTo = checks.reduce<AllPosition>((max, c) => (compareAllPositions(c.upTo, max) > 0 ? c.upTo : max), START_POSITION);
    // The answers read the timelines of township chiefs (TM6b, TM10) and of the cadres whose tenure
    // is compared; the others' were ≈ 0.55 GB of a province verify's 2.4 GB peak (docs/SCALE.md).
    const facts = new FactsOfStreams((t) => opensAChiefPost(t) || !!plan?.tenureCadres.has(t.cadreId));
    let checkedEvents = 0;
    for await (const batch of wholeStreams(store, upTo, options.batchSize ?? 5000)) {
      const events = batch.filter((e) => isCareerEventType(e.type));
      checkedEvents += events.length;
      const recorded = events.map(toRecordedEvent);
      const included = new Set<RecordedEvent>();
      for (const c of checks) {
        const mine: RecordedEvent[] = [];
        const streams = new Set<string>();
        events.forEach((e, i) => {
          if (!c.projection.handles(e.streamId)) return;
          streams.add(e.streamId);
          if (compareAllPositions(e.position, c.upTo) > 0) return;
          included.add(recorded[i]!);
          if (!c.projection.keeps || c.projection.keeps(e)) mine.push(recorded[i]!);
        });
        const byStream = c.projection.rowsByStream;
        if (byStream) {
          if (streams.size === 0) continue;
          compareRows(c, c.projection.expectedSnapshot(mine), await byStream.snapshot(tx, LIVE_TABLES, [...streams]), maxDifferences);
          for (const s of streams) c.seen.add(s);
        } else {
          for (const e of mine) c.events.push(e);
        }
      }
      if (checkAnswers) facts.add(recorded.filter((e) => included.has(e)));
    }

    // 3. The rest of the rows: those of streams without events (unexpected), and the whole-table projections.
    for (const c of checks) {
      const byStream = c.projection.rowsByStream;
      if (byStream) {
        const unseen = (await byStream.streamIds(tx, LIVE_TABLES)).filter((s) => !c.seen.has(s));
        for (let i = 0; i < unseen.length; i += 1000) {
          compareRows(c, new Map(), await byStream.snapshot(tx, LIVE_TABLES, unseen.slice(i, i + 1000)), maxDifferences);
        }
      } else {
        compareRows(c, c.projection.expectedSnapshot(c.events), await c.projection.snapshot(tx, LIVE_TABLES), maxDifferences);
      }
    }

    // 4. Answers: the tables' (read in the same snapshot) against the pure functions over the same
    // events (each category up to its projection's checkpoint), one at a time: a province's forty
    // eligibility lists held together were hundreds of megabytes.
    const answerDifferences: AnswerDifference[] = [];
    let checked = 0;
    if (plan) {
      const all = facts.facts();
      const compare = (query: string, expected: unknown, actual: unknown) => {
        checked++;
        const d = firstDifference(expected, actual);
        if (d && answerDifferences.length < maxDifferences) answerDifferences.push({ query, ...d });
      };
      for (const asOf of plan.eligibilityDates) compare(`eligibility asOf=${asOf}`, inPostPromotionEligibilityFromFacts(all, { asOf }), await eligibilityFromTables(tx, { asOf }));
      for (const cycle of plan.cycles) {
        compare(`candidates cycle=${cycle}`, excellentSecretaryCandidatesFromFacts(all, { cycle }), await candidatesFromTables(tx, { cycle }));
        // Drawn up mid-cycle too: the posts are then those of the drawing-up date (T4), which the read side must load.
        const midCycle = `${tm10CycleDates(cycle).firstYear + 2}-06-30` as CalendarDate;
        compare(`candidates cycle=${cycle} asOf=${midCycle}`, excellentSecretaryCandidatesFromFacts(all, { cycle, asOf: midCycle }), await candidatesFromTables(tx, { cycle, asOf: midCycle }));
      }
      const tenureDate = plan.tenureDate;
      if (tenureDate) {
        for (const id of plan.tenureCadres) compare(`tenure ${id} asOf=${tenureDate}`, tenureFromFacts(all, id, { asOf: tenureDate }), await tenureFromTables(tx, id, { asOf: tenureDate }));
      }
    }

    const differences: RowDifference[] = [];
    const verifications: ProjectionVerification[] = checks.map((c) => {
      const p = c.projection;
      if (c.checkpoint && c.checkpoint.version !== p.version) {
        c.differenceCount++;
        c.differences.unshift({ projection: p.name, table: '*', key: '*', kind: 'DIFFERENT_ROW', path: 'version', expected: p.version, actual: c.checkpoint.version });
      }
      for (const d of c.differences) if (differences.length < maxDifferences) differences.push(d);
      return { name: p.name, version: p.version, storedVersion: c.checkpoint?.version ?? null, checkpoint: c.checkpoint?.position ?? null, rows: c.rows, differences: c.differenceCount };
    });
    return {
      ok: verifications.every((v) => v.differences === 0) && answerDifferences.length === 0,
      checkedEvents,
      projections: verifications,
      differences,
      answers: { checked, differences: answerDifferences },
    };
  });
}
