/**
 * Projection "compliance": keeps the events behind the compliance findings (every override, the
 * single-holder post markers of every township, retractions) and the appeals list, so those
 * answers need not scan the store. The answers themselves come from the pure read models
 * (complianceFindings, appealsOverview), as `verify` checks.
 */
import { z } from 'zod';
import {
  appealsOverview,
  complianceFindings,
  orgUnitIdsConcerning,
  type AppealOverview,
  type CalendarDate,
  type ComplianceFinding,
  type FindingsFilter,
  type RecordedEvent,
  type GradeLookup,
  type UnitsOfCadreOn,
} from '@ledger/domain';
import type { StoredEvent } from '@ledger/event-store';
import type { Projection, Queryable, TableSnapshot } from './projection';

export const COMPLIANCE_TABLE = 'proj_compliance_events';

// SanctionImposed and SanctionRescinded: an upheld appeal's remedy is its sanction rescinded (the
// APPEAL_REMEDY_MISSING finding matches the appealed event to the sanction id a rescission names).
const KEPT_TYPES: ReadonlySet<string> = new Set(['PostHolderChanged', 'AppealFiled', 'AppealDecided', 'SanctionImposed', 'SanctionRescinded', 'EntryRetracted', 'PolicyVersionAdopted']);

function kept(e: RecordedEvent): boolean {
  return e.override !== undefined || KEPT_TYPES.has(e.type);
}

/** `kept`, judged on the stored envelope (the override travels in its metadata). */
function keptAsStored(e: Pick<StoredEvent, 'type' | 'metadata'>): boolean {
  return e.metadata.override !== undefined || KEPT_TYPES.has(e.type);
}


// Stored as the domain event it is; parsed back loosely (the store validated it on write).
const storedEventSchema = z.custom<RecordedEvent>((v) => typeof v === 'object' && v !== null && 'eventId' in v && 'type' in v);

export const complianceProjection: Projection = {
  name: 'compliance',
  // 2: keeps SanctionRescinded too (a table of version 1 is rebuilt); 3: SanctionImposed too;
  // 4: a PolicyVersionAdopted of schema version 1 is kept upcast to v2 (TM1 teamAges.minJuniorMembers),
  // as `verify` reads it; a table of version 3 holds it as stored, without the field (found by an
  // upgrade review), and is rebuilt.
  version: 4,
  description: '合规提示（政策例外记录、党委书记空缺、同日调整党政正职）与复核或申诉期限',
  tables: [COMPLIANCE_TABLE],
  // One row per kept event, keyed by its id and ordered by its global position when read.
  rebuildByStream: { only: { types: [...KEPT_TYPES], metadataKeys: ['override'] } },
  handles: () => true,
  keeps: keptAsStored,

  async apply(tx, events, table) {
    const rows = events.filter(kept);
    if (rows.length === 0) return;
    await tx`
      insert into ${tx(table(COMPLIANCE_TABLE))} (event_id, global_position, type, org_unit_ids, event)
      select e.event_id, e.global_position, e.type, array(select jsonb_array_elements_text(e.units)), e.event
      from unnest(${rows.map((r) => r.eventId)}::text[], ${rows.map((r) => r.globalPosition)}::int8[], ${rows.map((r) => r.type)}::text[],
                  ${rows.map((r) => JSON.stringify(orgUnitIdsConcerning(r)))}::text[]::jsonb[], ${rows.map((r) => JSON.stringify(r))}::text[]::jsonb[])
        as e(event_id, global_position, type, units, event)`;
  },

  async snapshot(sql, table) {
    const rows: TableSnapshot = new Map();
    // Every column an answer reads: the findings filter by org_unit_ids, the appeals list by type,
    // both read in global_position's order (found by a review: only `event` was compared, so a
    // drifted type dropped an appeal from the list while verify said the tables were intact).
    for (const r of await sql`select event_id, global_position, type, org_unit_ids, event from ${sql(table(COMPLIANCE_TABLE))}`) {
      rows.set(r.event_id as string, { globalPosition: Number(r.global_position), type: r.type, orgUnitIds: r.org_unit_ids, event: r.event });
    }
    return new Map([[COMPLIANCE_TABLE, rows]]);
  },

  expectedSnapshot(events) {
    const rows: TableSnapshot = new Map();
    // Through JSON, as stored: the same canonical form `snapshot` reads back.
    for (const e of events.filter(kept)) {
      rows.set(e.eventId, { globalPosition: e.globalPosition, type: e.type, orgUnitIds: orgUnitIdsConcerning(e), event: JSON.parse(JSON.stringify(e)) as unknown });
    }
    return new Map([[COMPLIANCE_TABLE, rows]]);
  },
};

async function keptEvents(sql: Queryable, orgUnitId?: string): Promise<RecordedEvent[]> {
  // A cadre's override may concern the township of a post the cadre held on its date, which only
  // the career facts know (complianceFindings' `unitsOfCadreOn`): those rows are read too.
  const rows = orgUnitId
    ? await sql`select event from ${sql(COMPLIANCE_TABLE)}
                where org_unit_ids @> array[${orgUnitId}]::text[] or type in ('EntryRetracted', 'PolicyVersionAdopted')
                   or (event->>'streamId' like 'cadre-%' and event ? 'override')
                order by global_position`
    : await sql`select event from ${sql(COMPLIANCE_TABLE)} order by global_position`;
  return rows.map((r) => storedEventSchema.parse(r.event));
}

export async function queryFindings(sql: Queryable, filter: FindingsFilter, unitsOfCadreOn?: UnitsOfCadreOn, grades?: GradeLookup): Promise<ComplianceFinding[]> {
  return complianceFindings(await keptEvents(sql, filter.orgUnitId), filter, unitsOfCadreOn, grades);
}

export async function queryAppeals(sql: Queryable, today: CalendarDate, knownAt?: string): Promise<AppealOverview[]> {
  const rows = await sql`select event from ${sql(COMPLIANCE_TABLE)} where type in ('AppealFiled', 'AppealDecided', 'PolicyVersionAdopted') order by global_position`;
  return appealsOverview(rows.map((r) => storedEventSchema.parse(r.event)), today, knownAt);
}
