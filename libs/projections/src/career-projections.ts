/**
 * The ledger's read-model projections. They store the read side's facts (libs/domain
 * read-models/ledger-facts.ts) rather than answers: an answer depends on the as-of date, and the
 * facts answer any date, past or future. The pure `…FromFacts` queries decide; the tables only
 * keep the facts current and index who held which post when.
 *
 * - cadre-careers: each cadre's CareerTimeline (evolveTimeline, event by event) with the
 *   retractions of its stream (EntryRetracted lives in the stream of its target), and an
 *   interval index of the posts held.
 * - org-units: each org unit's registrations and performance scores (evolveOrgUnitFacts).
 * - policy-versions: every adopted policy version, so each answer names the version it used.
 */
import {
  aggregateIdOf,
  calendarDate,
  emptyTimeline,
  evolveOrgUnitFacts,
  evolveTimeline,
  factMetaOf,
  knownFilter,
  ledgerFactsOf,
  postHoldings,
  streamIdOf,
  postWindows,
  type CareerTimeline,
  type HeldPost,
  type LedgerFacts,
  type OrgUnitFacts,
  type PolicyFact,
  type RecordedEvent,
  type RetractionFact,
} from '@ledger/domain';
import { careerTimelineSchema, orgUnitFactsSchema, policyFactSchema, retractionsSchema, trustedCadreRow } from './fact-codecs';
import { complianceProjection } from './compliance-projection';
import type { LiveMemory, Projection, Queryable, TableResolver, TableSnapshot } from './projection';
import { quoteIdentifier, rowInserts, type InsertColumn, type InsertValue } from './row-inserts';

export const TABLES = {
  cadreTimelines: 'proj_cadre_timelines',
  postIntervals: 'proj_post_intervals',
  postWindows: 'proj_post_windows',
  orgUnits: 'proj_org_units',
  policyVersions: 'proj_policy_versions',
} as const;

/** Past any date the ledger holds (calendar dates end in 2999): the holdings over the whole record. */
const END_OF_RECORD = calendarDate('2999-12-31');

/** One row of the interval index: a post held from `from` (inclusive) to `to` (exclusive, null = still held). */
export interface PostInterval {
  seq: number;
  orgUnitId: string;
  role: HeldPost['role'];
  from: string;
  to: string | null;
}

/**
 * Every post the cadre held, with the cadre's retractions applied and no knownAt (what the tables
 * answer). Holdings are replayed in effective-date order, so the holdings on any date D are exactly
 * the intervals here with from ≤ D < to: the index finds who held a post on D, the pure query decides.
 * Reads the timeline's post changes and the retractions only (so does postWindowRowsOf): the
 * projection writes these rows again only when one of the two changed (CadreUpsert).
 */
export function postIntervalsOf(timeline: CareerTimeline, retractions: readonly RetractionFact[]): PostInterval[] {
  const facts: LedgerFacts = { cadres: new Map([[timeline.cadreId, timeline]]), orgUnits: new Map<string, OrgUnitFacts>(), policies: [], retractions };
  return postHoldings(timeline, knownFilter(facts), END_OF_RECORD).map((h, seq) => ({
    seq,
    orgUnitId: h.orgUnitId,
    role: h.role,
    from: h.from,
    to: h.to,
  }));
}

/** One row of the knownAt index (libs/domain known-at.ts `postWindows`); instants as ISO strings. */
export interface PostWindowRow {
  seq: number;
  orgUnitId: string;
  role: HeldPost['role'];
  from: string;
  fromRecordedAt: string;
  to: string | null;
  toRecordedAt: string | null;
}

const isoInstant = (s: string): string => new Date(s).toISOString();

export function postWindowRowsOf(timeline: CareerTimeline, retractions: readonly RetractionFact[]): PostWindowRow[] {
  return postWindows(timeline, retractions).map((w, seq) => ({
    seq,
    orgUnitId: w.orgUnitId,
    role: w.role,
    from: w.from,
    fromRecordedAt: isoInstant(w.fromRecordedAt),
    to: w.to,
    toRecordedAt: w.toRecordedAt === null ? null : isoInstant(w.toRecordedAt),
  }));
}

const cadreIdOf = (e: RecordedEvent): string => aggregateIdOf(e.streamId);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

// ── cadre-careers ──────────────────────────────────────────────────────────────

interface CadreRow {
  timeline: CareerTimeline;
  retractions: RetractionFact[];
}

interface CadreUpsert extends CadreRow {
  lastPosition: number;
  /** The timeline as stored before these events (its unchanged parts are not sent again), null for a new row. */
  stored: CareerTimeline | null;
  /**
   * Whether the interval and window rows must be written again. They are functions of the
   * timeline's post changes and the retractions alone (postIntervalsOf, postWindowRowsOf), and the
   * fold keeps both arrays as they were unless an event adds to them: most events (a training, an
   * assessment, a talk) leave the rows as stored.
   */
  postsChanged: boolean;
}

/** A timeline's parts, each stored in a json column of its own (migration 20261204000140). */
type TimelinePart = Exclude<keyof CareerTimeline, 'cadreId' | 'registered'>;
const TIMELINE_PART_COLUMNS: Readonly<Record<TimelinePart, string>> = {
  profiles: 'profiles',
  promotions: 'promotions',
  trainings: 'trainings',
  talks: 'talks',
  healthChecks: 'health_checks',
  recommendations: 'recommendations',
  seats: 'seats',
  postChanges: 'post_changes',
  awayChanges: 'away_changes',
  grades: 'grades',
  sanctions: 'sanctions',
  rescissions: 'rescissions',
  ranks: 'ranks',
  commendations: 'commendations',
};
const TIMELINE_PARTS = Object.entries(TIMELINE_PART_COLUMNS) as [TimelinePart, string][];

/**
 * A cadre's timeline as one json document, from its row's columns: select it as
 * `${sql.unsafe(TIMELINE_JSON)} as timeline` from proj_cadre_timelines (or a shadow table).
 */
export const TIMELINE_JSON = `json_build_object('cadreId', cadre_id, 'registered', registered, ${TIMELINE_PARTS.map(([part, column]) => `'${part}', ${column}`).join(', ')})`;

/*
 * A cadre's row goes to PostgreSQL as scalar parameters of a multi-row INSERT (row-inserts.ts).
 * The timeline is stored a part per json column (json, not jsonb: migration 20261201000090; the
 * server keeps the text as sent instead of building a binary tree and turning it back into text on
 * every read), and a row already stored is sent only the parts its events changed, the others as
 * null: `coalesce(excluded.part, current.part)` keeps the stored value, which PostgreSQL carries
 * over by its TOAST pointer without reading, checking or compressing it again (migration
 * 20261204000140). A training appended to a cadre writes its trainings, not ≈ 10 KB of timeline.
 * The registration event gets a column of its own for the roster's join.
 */
const CADRE_COLUMNS: readonly InsertColumn[] = [
  { name: 'cadre_id', cast: 'text' },
  { name: 'registered', cast: 'text::json' },
  ...TIMELINE_PARTS.map(([, column]): InsertColumn => ({ name: column, cast: 'text::json' })),
  { name: 'retractions', cast: 'text::json' },
  { name: 'last_position', cast: 'int8' },
  { name: 'registered_event_id', cast: 'text' },
];
const cadreConflict = (table: string): string => `on conflict (cadre_id) do update
  set registered = excluded.registered, ${TIMELINE_PARTS.map(([, c]) => `${c} = coalesce(excluded.${c}, ${quoteIdentifier(table)}.${c})`).join(', ')},
      retractions = excluded.retractions, last_position = excluded.last_position, registered_event_id = excluded.registered_event_id`;

/** A row's values in CADRE_COLUMNS order: every part of a new row, only the changed parts (others null) of a stored one. */
function cadreRowValues(cadreId: string, r: CadreUpsert): InsertValue[] {
  const { timeline, stored } = r;
  return [
    cadreId,
    JSON.stringify(timeline.registered),
    ...TIMELINE_PARTS.map(([part]) => (stored !== null && stored[part] === timeline[part] ? null : JSON.stringify(timeline[part]))),
    JSON.stringify(r.retractions),
    r.lastPosition,
    timeline.registered?.eventId ?? null,
  ];
}

async function upsertCadres(tx: Queryable, table: TableResolver, rows: ReadonlyMap<string, CadreUpsert>): Promise<void> {
  const timelines = table(TABLES.cadreTimelines);
  const upserts = rowInserts(
    tx,
    timelines,
    CADRE_COLUMNS,
    [...rows.entries()].map(([id, r]) => cadreRowValues(id, r)),
    cadreConflict(timelines),
  );
  const moved = [...rows.entries()].filter(([, r]) => r.postsChanged);
  if (moved.length === 0) {
    await Promise.all(upserts);
    return;
  }
  const ids = moved.map(([cadreId]) => cadreId);
  const intervals = moved.flatMap(([cadreId, r]) => postIntervalsOf(r.timeline, r.retractions).map((i) => ({ cadreId, ...i })));
  const windows = moved.flatMap(([cadreId, r]) => postWindowRowsOf(r.timeline, r.retractions).map((w) => ({ cadreId, ...w })));
  // Sent together: one transaction's statements run in the order they were sent (each delete before
  // its insert), and the transaction waits for the server once instead of once per statement.
  // The interval and window rows stay one json_to_recordset statement each: they are short (no
  // JSON value inside to lex again) and several per cadre, where VALUES would take a statement per 32.
  // Not measured against VALUES.
  await Promise.all([
    ...upserts,
    tx`delete from ${tx(table(TABLES.postIntervals))} where cadre_id = any(${ids}::text[])`,
    intervals.length > 0
      ? tx`
      insert into ${tx(table(TABLES.postIntervals))} (cadre_id, seq, org_unit_id, role, from_date, to_date)
      select "cadreId", seq, "orgUnitId", role, "from", "to"
      from json_to_recordset(${JSON.stringify(intervals)}::text::json) as r("cadreId" text, seq int4, "orgUnitId" text, role text, "from" date, "to" date)`
      : null,
    tx`delete from ${tx(table(TABLES.postWindows))} where cadre_id = any(${ids}::text[])`,
    windows.length > 0
      ? tx`
      insert into ${tx(table(TABLES.postWindows))} (cadre_id, seq, org_unit_id, role, from_date, from_recorded_at, to_date, to_recorded_at)
      select "cadreId", seq, "orgUnitId", role, "from", "fromRecordedAt", "to", "toRecordedAt"
      from json_to_recordset(${JSON.stringify(windows)}::text::json)
        as r("cadreId" text, seq int4, "orgUnitId" text, role text, "from" date, "fromRecordedAt" timestamptz, "to" date, "toRecordedAt" timestamptz)`
      : null,
  ]);
}

/**
 * A cadre-careers row as a runner's live memory holds it (LiveMemory): the row stored at `position`
 * in the table `table` (its oid; undefined until one of the batch's rows was read from it). A
 * rebuild in another process (the CLI) swaps in a new table, so a row held from before it is not
 * taken for the repaired one (found by a review: the next write brought a drifted row back).
 */
interface HeldCadreRow extends CadreRow {
  position: number;
  table: number | undefined;
}

/**
 * The stored rows of these cadres, to fold new events onto. A row the runner's memory holds at the
 * position stored is not sent again: the server builds no document and this process parses none,
 * so on the live path a cadre written to again and again is read once (≈ 10 KB of JSON a read).
 */
async function storedCadreRows(
  tx: Queryable,
  table: TableResolver,
  ids: readonly string[],
  memory: LiveMemory | undefined,
): Promise<{ rows: Map<string, CadreRow>; table: number | undefined }> {
  const held = new Map<string, HeldCadreRow>();
  if (memory) {
    for (const id of ids) {
      const row = memory.get(id) as HeldCadreRow | undefined;
      if (row) held.set(id, row);
    }
  }
  // -1: no position or table, a row this process does not hold.
  const rows = await tx`
    select cadre_id, t.tableoid::int8 as table_oid, coalesce(last_position = h.position and t.tableoid::int8 = h.table_oid, false) as held,
           case when last_position = h.position and t.tableoid::int8 = h.table_oid then null else ${tx.unsafe(TIMELINE_JSON)} end as timeline,
           case when last_position = h.position and t.tableoid::int8 = h.table_oid then null else retractions end as retractions
    from ${tx(table(TABLES.cadreTimelines))} as t
    join unnest(${ids as string[]}::text[], ${ids.map((id) => held.get(id)?.position ?? -1)}::int8[], ${ids.map((id) => held.get(id)?.table ?? -1)}::int8[])
      as h(cadre_id, position, table_oid) using (cadre_id)`;
  const current = new Map<string, CadreRow>();
  let oid: number | undefined;
  for (const r of rows) {
    const cadreId = r.cadre_id as string;
    oid = Number(r.table_oid);
    current.set(cadreId, r.held ? held.get(cadreId)! : trustedCadreRow(cadreId, r.timeline, r.retractions));
  }
  // Only new cadres in the batch: the table is asked by name, so their rows are held too.
  if (memory && oid === undefined) {
    const [t] = await tx`select to_regclass(${table(TABLES.cadreTimelines)})::oid::int8 as table_oid`;
    oid = t?.table_oid === null || t?.table_oid === undefined ? undefined : Number(t.table_oid);
  }
  return { rows: current, table: oid };
}

/** The highest global position among each key's events (a row's `last_position`). */
function lastPositionsBy(events: readonly RecordedEvent[], keyOf: (e: RecordedEvent) => string): Map<string, number> {
  const last = new Map<string, number>();
  for (const e of events) last.set(keyOf(e), Math.max(last.get(keyOf(e)) ?? -Infinity, e.globalPosition));
  return last;
}

/** The rows of cadre-careers' tables, of these cadres only when given (`projections verify`). */
async function cadreCareerRows(sql: Queryable, table: TableResolver, cadreIds: readonly string[] | null): Promise<Map<string, TableSnapshot>> {
  const only = cadreIds === null ? sql`` : sql`where cadre_id = any(${cadreIds as string[]}::text[])`;
  const timelines: TableSnapshot = new Map();
  for (const r of await sql`select cadre_id, ${sql.unsafe(TIMELINE_JSON)} as timeline, retractions, registered_event_id, last_position from ${sql(table(TABLES.cadreTimelines))} ${only}`) {
    timelines.set(r.cadre_id as string, {
      timeline: careerTimelineSchema.parse(r.timeline),
      retractions: retractionsSchema.parse(r.retractions),
      registeredEventId: (r.registered_event_id as string | null) ?? null,
      // The API's cache takes a row as unchanged while its position is (read-model-queries.ts).
      lastPosition: Number(r.last_position),
    });
  }
  const intervals: TableSnapshot = new Map();
  for (const r of await sql`
      select cadre_id, seq, org_unit_id, role, to_char(from_date, 'YYYY-MM-DD') as from_date, to_char(to_date, 'YYYY-MM-DD') as to_date
      from ${sql(table(TABLES.postIntervals))} ${only}`) {
    intervals.set(`${r.cadre_id as string}#${Number(r.seq)}`, {
      seq: Number(r.seq),
      orgUnitId: r.org_unit_id,
      role: r.role,
      from: r.from_date,
      to: r.to_date ?? null,
    });
  }
  const windows: TableSnapshot = new Map();
  for (const r of await sql`
      select cadre_id, seq, org_unit_id, role, to_char(from_date, 'YYYY-MM-DD') as from_date, from_recorded_at,
             to_char(to_date, 'YYYY-MM-DD') as to_date, to_recorded_at
      from ${sql(table(TABLES.postWindows))} ${only}`) {
    const row: PostWindowRow = {
      seq: Number(r.seq),
      orgUnitId: r.org_unit_id as string,
      role: r.role as PostWindowRow['role'],
      from: r.from_date as string,
      fromRecordedAt: (r.from_recorded_at as Date).toISOString(),
      to: (r.to_date as string | null) ?? null,
      toRecordedAt: r.to_recorded_at === null ? null : (r.to_recorded_at as Date).toISOString(),
    };
    windows.set(`${r.cadre_id as string}#${row.seq}`, row);
  }
  return new Map([
    [TABLES.cadreTimelines, timelines],
    [TABLES.postIntervals, intervals],
    [TABLES.postWindows, windows],
  ]);
}

export const cadreCareersProjection: Projection = {
  name: 'cadre-careers',
  // v2: timelines keep profiles, promotions, trainings, talks, health checks, recommendations, seats (issue 13).
  // v3: the post windows, for knownAt answers from the tables (issue 12).
  version: 3,
  description: '干部履历事实（任职、考核、处分或组织处理、职级、表彰及撤回）与任职区间索引',
  tables: [TABLES.cadreTimelines, TABLES.postIntervals, TABLES.postWindows],
  // A timeline and its retractions come from the cadre's own stream (EntryRetracted lives there).
  rebuildByStream: { streamPrefix: 'cadre-', provenance: false },
  handles: (streamId) => streamId.startsWith('cadre-'),

  async apply(tx, events, table, memory) {
    const byCadre = groupBy(
      events.filter((e) => e.streamId.startsWith('cadre-')),
      cadreIdOf,
    );
    if (byCadre.size === 0) return;
    const { rows: current, table: tableOid } = await storedCadreRows(tx, table, [...byCadre.keys()], memory);
    const next = new Map<string, CadreUpsert>();
    for (const [cadreId, cadreEvents] of byCadre) {
      const stored = current.get(cadreId);
      const before = stored ?? { timeline: emptyTimeline(cadreId), retractions: [] };
      let { timeline, retractions } = before;
      for (const e of cadreEvents) {
        timeline = evolveTimeline(timeline, e);
        if (e.type === 'EntryRetracted') retractions = [...retractions, { targetEventId: e.data.targetEventId, meta: factMetaOf(e) }];
      }
      next.set(cadreId, {
        timeline,
        retractions,
        lastPosition: cadreEvents[cadreEvents.length - 1]!.globalPosition,
        stored: stored?.timeline ?? null,
        postsChanged: timeline.postChanges !== before.timeline.postChanges || retractions !== before.retractions,
      });
    }
    await upsertCadres(tx, table, next);
    if (memory) for (const [cadreId, r] of next) memory.set(cadreId, { position: r.lastPosition, table: tableOid, timeline: r.timeline, retractions: r.retractions } satisfies HeldCadreRow);
  },

  snapshot: (sql, table) => cadreCareerRows(sql, table, null),
  rowsByStream: {
    snapshot: (sql, table, streamIds) => cadreCareerRows(sql, table, streamIds.filter((s) => s.startsWith('cadre-')).map(aggregateIdOf)),
    async streamIds(sql, table) {
      const rows = await sql`
        select cadre_id from ${sql(table(TABLES.cadreTimelines))}
        union select cadre_id from ${sql(table(TABLES.postIntervals))}
        union select cadre_id from ${sql(table(TABLES.postWindows))}`;
      return rows.map((r) => streamIdOf('cadre', r.cadre_id as string));
    },
  },

  expectedSnapshot(events) {
    const cadreEvents = events.filter((e) => e.streamId.startsWith('cadre-'));
    // The batch fold (ledgerFactsOf), not the event-by-event path the projection takes.
    const facts = ledgerFactsOf(cadreEvents);
    const cadreOfEvent = new Map(cadreEvents.map((e) => [e.eventId, cadreIdOf(e)]));
    const lastPositions = lastPositionsBy(cadreEvents, cadreIdOf);
    const retractionsByCadre = groupBy(facts.retractions, (r) => cadreOfEvent.get(r.meta.eventId)!);
    const timelines: TableSnapshot = new Map();
    const intervals: TableSnapshot = new Map();
    const windows: TableSnapshot = new Map();
    for (const cadreId of new Set(cadreEvents.map(cadreIdOf))) {
      const timeline = facts.cadres.get(cadreId) ?? emptyTimeline(cadreId);
      const retractions = retractionsByCadre.get(cadreId) ?? [];
      timelines.set(cadreId, { timeline, retractions, registeredEventId: timeline.registered?.eventId ?? null, lastPosition: lastPositions.get(cadreId)! });
      for (const i of postIntervalsOf(timeline, retractions)) intervals.set(`${cadreId}#${i.seq}`, i);
      for (const w of postWindowRowsOf(timeline, retractions)) windows.set(`${cadreId}#${w.seq}`, w);
    }
    return new Map([
      [TABLES.cadreTimelines, timelines],
      [TABLES.postIntervals, intervals],
      [TABLES.postWindows, windows],
    ]);
  },
};

// ── org-units ──────────────────────────────────────────────────────────────────

const ORG_UNIT_COLUMNS: readonly InsertColumn[] = [
  { name: 'org_unit_id', cast: 'text' },
  { name: 'facts', cast: 'text::jsonb' },
  { name: 'last_position', cast: 'int8' },
];

const ORG_UNIT_FACT_TYPES: ReadonlySet<string> = new Set(['OrgUnitRegistered', 'TownshipPerformanceScored', 'CountyDepartmentRated']);

/** The rows of org-units' table, of these units only when given (`projections verify`). */
async function orgUnitRows(sql: Queryable, table: TableResolver, orgUnitIds: readonly string[] | null): Promise<Map<string, TableSnapshot>> {
  const only = orgUnitIds === null ? sql`` : sql`where org_unit_id = any(${orgUnitIds as string[]}::text[])`;
  const rows: TableSnapshot = new Map();
  for (const r of await sql`select org_unit_id, facts, last_position from ${sql(table(TABLES.orgUnits))} ${only}`) {
    rows.set(r.org_unit_id as string, { facts: orgUnitFactsSchema.parse(r.facts), lastPosition: Number(r.last_position) });
  }
  return new Map([[TABLES.orgUnits, rows]]);
}

export const orgUnitsProjection: Projection = {
  name: 'org-units',
  // v2: assessment classes and county-department ratings (TM5, issue 13).
  version: 2,
  description: '单位登记（乡镇、县级部门）与年度目标绩效考核得分',
  tables: [TABLES.orgUnits],
  rebuildByStream: { streamPrefix: 'orgunit-', provenance: false },
  handles: (streamId) => streamId.startsWith('orgunit-'),

  async apply(tx, events, table) {
    // PostHolderChanged markers share the stream; the read models take posts from the cadres' own events.
    const byUnit = groupBy(
      events.filter((e) => e.streamId.startsWith('orgunit-') && ORG_UNIT_FACT_TYPES.has(e.type)),
      (e) => aggregateIdOf(e.streamId),
    );
    if (byUnit.size === 0) return;
    const ids = [...byUnit.keys()];
    const stored = await tx`select org_unit_id, facts from ${tx(table(TABLES.orgUnits))} where org_unit_id = any(${ids}::text[])`;
    const current = new Map(stored.map((r) => [r.org_unit_id as string, orgUnitFactsSchema.parse(r.facts)]));
    const next: { id: string; facts: OrgUnitFacts; lastPosition: number }[] = [];
    for (const [id, unitEvents] of byUnit) {
      const facts = unitEvents.reduce(evolveOrgUnitFacts, current.get(id) ?? { orgUnitId: id, registrations: [], scores: [], ratings: [] });
      next.push({ id, facts, lastPosition: unitEvents[unitEvents.length - 1]!.globalPosition });
    }
    // jsonb here: the roster reads a unit's name inside it.
    await Promise.all(
      rowInserts(
        tx,
        table(TABLES.orgUnits),
        ORG_UNIT_COLUMNS,
        next.map((u) => [u.id, JSON.stringify(u.facts), u.lastPosition]),
        'on conflict (org_unit_id) do update set facts = excluded.facts, last_position = excluded.last_position',
      ),
    );
  },

  snapshot: (sql, table) => orgUnitRows(sql, table, null),
  rowsByStream: {
    snapshot: (sql, table, streamIds) => orgUnitRows(sql, table, streamIds.filter((s) => s.startsWith('orgunit-')).map(aggregateIdOf)),
    async streamIds(sql, table) {
      const rows = await sql`select org_unit_id from ${sql(table(TABLES.orgUnits))}`;
      return rows.map((r) => streamIdOf('orgunit', r.org_unit_id as string));
    },
  },

  expectedSnapshot(events) {
    const unitEvents = events.filter((e) => e.streamId.startsWith('orgunit-'));
    const facts = ledgerFactsOf(unitEvents);
    const lastPositions = lastPositionsBy(
      unitEvents.filter((e) => ORG_UNIT_FACT_TYPES.has(e.type)),
      (e) => aggregateIdOf(e.streamId),
    );
    return new Map([[TABLES.orgUnits, new Map<string, unknown>([...facts.orgUnits].map(([id, f]) => [id, { facts: f, lastPosition: lastPositions.get(id) }]))]]);
  },
};

// ── policy-versions ────────────────────────────────────────────────────────────

export const policyVersionsProjection: Projection = {
  name: 'policy-versions',
  version: 1,
  description: '政策版本（各项阈值及其生效日期）',
  tables: [TABLES.policyVersions],
  rebuildByStream: { streamPrefix: 'policy', provenance: false },
  handles: (streamId) => streamId === 'policy',

  async apply(tx, events, table) {
    const adopted: PolicyFact[] = [];
    for (const e of events) if (e.type === 'PolicyVersionAdopted') adopted.push({ version: e.data, meta: factMetaOf(e) });
    if (adopted.length === 0) return;
    // No "on conflict": the checkpoint makes each event arrive once; a second arrival is a bug to see.
    await tx`
      insert into ${tx(table(TABLES.policyVersions))} (event_id, global_position, fact)
      select * from unnest(${adopted.map((p) => p.meta.eventId)}::text[], ${adopted.map((p) => p.meta.globalPosition)}::int8[],
                           ${adopted.map((p) => JSON.stringify(p))}::text[]::jsonb[])`;
  },

  async snapshot(sql, table) {
    const rows: TableSnapshot = new Map();
    for (const r of await sql`select event_id, fact from ${sql(table(TABLES.policyVersions))}`) rows.set(r.event_id as string, policyFactSchema.parse(r.fact));
    return new Map([[TABLES.policyVersions, rows]]);
  },

  expectedSnapshot(events) {
    const facts = ledgerFactsOf(events.filter((e) => e.streamId === 'policy'));
    return new Map([[TABLES.policyVersions, new Map<string, unknown>(facts.policies.map((p) => [p.meta.eventId, p]))]]);
  },
};

/** Every projection of the ledger, in the order status lists them. */
export const LEDGER_PROJECTIONS: readonly Projection[] = [cadreCareersProjection, orgUnitsProjection, policyVersionsProjection, complianceProjection];
