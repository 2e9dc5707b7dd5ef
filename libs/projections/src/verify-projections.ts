/**
 * `projections verify`: recomputes the read models by a pure in-memory fold of the events and
 * diffs them with the tables, at two levels:
 * - rows: each projection's tables against the batch fold (ledgerFactsOf) of the events up to its
 *   checkpoint: what an event-by-event projection stored must equal what a fold from scratch gives;
 * - answers: eligibility, candidates and tenure answered from the tables (index + facts, the API's
 *   path) against the pure functions over the in-memory facts, for dates where answers change
 *   (every chief post's first and last days, year ends, today) and every five-year cycle.
 * The tables and checkpoints are read in one snapshot, so a projection running meanwhile is fine.
 */
import {
  addDays,
  calendarDate,
  excellentSecretaryCandidatesFromFacts,
  inPostPromotionEligibilityFromFacts,
  isCareerEventType,
  ledgerFactsOf,
  tenureFromFacts,
  yearEnd,
  yearOf,
  type CalendarDate,
  type RecordedEvent,
} from '@ledger/domain';
import { canonicalJson, compareAllPositions, type AllPosition, type EventStore } from '@ledger/event-store';
import type postgres from 'postgres';
import { toRecordedEvent } from '@ledger/application';
import { LEDGER_PROJECTIONS, TABLES } from './career-projections';
import { readCheckpoint, type Checkpoint } from './checkpoints';
import { exhausted, LIVE_TABLES, type Projection, type Queryable, type TableSnapshot } from './projection';
import { candidatesFromTables, eligibilityFromTables, loadFacts, tenureFromTables } from './read-model-queries';

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

interface TableAnswers {
  eligibility: Map<CalendarDate, unknown>;
  candidates: Map<string, unknown>;
  tenure: Map<string, unknown>;
  tenureDate: CalendarDate | null;
}

/** Dates where the eligibility answer can change: each chief post's first day and the days around its end, year ends. */
async function eligibilityDates(sql: Queryable, today: CalendarDate | undefined, max: number): Promise<{ dates: CalendarDate[]; years: number[] }> {
  const rows = await sql`
    select to_char(from_date, 'YYYY-MM-DD') as from_date, to_char(to_date, 'YYYY-MM-DD') as to_date
    from ${sql(TABLES.postIntervals)} where role in ('PARTY_SECRETARY', 'HEAD')`;
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

export async function verifyProjections(sql: postgres.Sql, store: EventStore, options: VerifyProjectionsOptions = {}): Promise<VerifyProjectionsResult> {
  const projections = options.projections ?? LEDGER_PROJECTIONS;
  const maxDifferences = options.maxDifferences ?? 50;
  const checkAnswers = options.answers ?? true;

  // 1. One snapshot: checkpoints, rows, and the answers the tables give.
  const snap = await sql.begin('isolation level repeatable read, read only', async (tx) => {
    const checkpoints = new Map<string, Checkpoint | null>();
    const tables = new Map<string, Map<string, TableSnapshot>>();
    for (const p of projections) {
      checkpoints.set(p.name, await readCheckpoint(tx, p.name));
      tables.set(p.name, await p.snapshot(tx, LIVE_TABLES));
    }
    const answers: TableAnswers = { eligibility: new Map(), candidates: new Map(), tenure: new Map(), tenureDate: null };
    if (checkAnswers) {
      const { dates, years } = await eligibilityDates(tx, options.today, options.maxEligibilityDates ?? 40);
      for (const d of dates) answers.eligibility.set(d, await eligibilityFromTables(tx, { asOf: d }));
      for (const cycle of cyclesOf(years)) answers.candidates.set(cycle, await candidatesFromTables(tx, { cycle }));
      const facts = await loadFacts(tx, 'all');
      answers.tenureDate = options.today ?? dates[dates.length - 1] ?? null;
      if (answers.tenureDate) {
        for (const id of sample([...facts.cadres.keys()].sort(), options.maxTenureCadres ?? 100)) {
          answers.tenure.set(id, await tenureFromTables(tx, id, { asOf: answers.tenureDate }));
        }
      }
    }
    return { checkpoints, tables, answers };
  });

  // 2. The events, read after the snapshot: everything at or below its checkpoints is readable by now.
  const all: { event: RecordedEvent; position: AllPosition }[] = [];
  let after: AllPosition = { commit: 0, prepare: 0 };
  for (;;) {
    const batch = await store.readAll({ after, batchSize: 5000 });
    if (exhausted(batch, after)) break;
    for (const e of batch.events) if (isCareerEventType(e.type)) all.push({ event: toRecordedEvent(e), position: e.position });
    after = batch.lastPosition;
  }

  // 3. Rows.
  const differences: RowDifference[] = [];
  const verifications: ProjectionVerification[] = [];
  const included = new Set<RecordedEvent>();
  for (const p of projections) {
    const checkpoint = snap.checkpoints.get(p.name) ?? null;
    const upTo = checkpoint?.position ?? { commit: 0, prepare: 0 };
    const events = all.filter((x) => p.handles(x.event.streamId) && compareAllPositions(x.position, upTo) <= 0).map((x) => x.event);
    for (const e of events) included.add(e);
    const expected = p.expectedSnapshot(events);
    const actual = snap.tables.get(p.name)!;
    let count = 0;
    let rows = 0;
    const report = (d: RowDifference) => {
      count++;
      if (differences.length < maxDifferences) differences.push(d);
    };
    if (checkpoint && checkpoint.version !== p.version) {
      report({ projection: p.name, table: '*', key: '*', kind: 'DIFFERENT_ROW', path: 'version', expected: p.version, actual: checkpoint.version });
    }
    for (const [table, expectedRows] of expected) {
      const actualRows = actual.get(table) ?? new Map<string, unknown>();
      rows += actualRows.size;
      for (const [key, value] of expectedRows) {
        if (!actualRows.has(key)) report({ projection: p.name, table, key, kind: 'MISSING_ROW', expected: value });
        else {
          const d = firstDifference(value, actualRows.get(key));
          if (d) report({ projection: p.name, table, key, kind: 'DIFFERENT_ROW', ...d });
        }
      }
      for (const [key, value] of actualRows) if (!expectedRows.has(key)) report({ projection: p.name, table, key, kind: 'UNEXPECTED_ROW', actual: value });
    }
    verifications.push({ name: p.name, version: p.version, storedVersion: checkpoint?.version ?? null, checkpoint: checkpoint?.position ?? null, rows, differences: count });
  }

  // 4. Answers: the pure functions over the same events (each category up to its projection's checkpoint).
  const answerDifferences: AnswerDifference[] = [];
  let checked = 0;
  if (checkAnswers) {
    const facts = ledgerFactsOf(all.map((x) => x.event).filter((e) => included.has(e)));
    const compare = (query: string, expected: unknown, actual: unknown) => {
      checked++;
      const d = firstDifference(expected, actual);
      if (d && answerDifferences.length < maxDifferences) answerDifferences.push({ query, ...d });
    };
    for (const [asOf, actual] of snap.answers.eligibility) compare(`eligibility asOf=${asOf}`, inPostPromotionEligibilityFromFacts(facts, { asOf }), actual);
    for (const [cycle, actual] of snap.answers.candidates) compare(`candidates cycle=${cycle}`, excellentSecretaryCandidatesFromFacts(facts, { cycle }), actual);
    const tenureDate = snap.answers.tenureDate;
    if (tenureDate) {
      for (const [id, actual] of snap.answers.tenure) compare(`tenure ${id} asOf=${tenureDate}`, tenureFromFacts(facts, id, { asOf: tenureDate }), actual);
    }
  }

  const rowDifferences = verifications.reduce((n, v) => n + v.differences, 0);
  return {
    ok: rowDifferences === 0 && answerDifferences.length === 0,
    checkedEvents: all.length,
    projections: verifications,
    differences,
    answers: { checked, differences: answerDifferences },
  };
}
