/**
 * The cadre roster (干部名册) from the read-model tables: who is registered (proj_cadre_timelines),
 * the post held on a date (proj_post_intervals, retractions already applied), the rank on that
 * date (the domain's own `knownRankOn` over the stored timeline) and the name from the cadre's
 * registration event. Filters that the interval index answers are applied in SQL; the page is
 * cut before timelines are parsed unless a rank filter needs every candidate's rank. One query for
 * `GET /v1/cadres` and the CLI's `cadres` (found by an appeals review: a CLI-only auditor could not
 * find a cadre's id by name).
 */
import { z } from 'zod';
import {
  calendarDateSchema,
  identifierSchema,
  knownFilter,
  knownRankOn,
  queryTextSchema,
  rankSchema,
  roleSchema,
  ROLES,
  type CalendarDate,
  type CareerTimeline,
  type OrgUnitKind,
  type Rank,
  type RetractionFact,
  type Role,
} from '@ledger/domain';
import { TIMELINE_JSON } from './career-projections';
import { UnknownOrgUnitError } from './read-model-queries';
import type { Queryable } from './projection';

export const rosterParamsSchema = z
  .object({
    search: queryTextSchema(100).optional(),
    /** Only these cadres (comma-separated): names beside ids in other answers, in one request. */
    ids: z
      .string()
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(identifierSchema).max(500))
      .optional(),
    township: identifierSchema.optional(),
    role: roleSchema.optional(),
    rank: rankSchema.optional(),
    // The bounds before .int(): its safe-integer check would otherwise name 9007199254740991 as the limit.
    page: z.coerce.number().min(1).max(1_000_000).int().default(1),
    pageSize: z.coerce.number().min(1).max(500).int().default(50),
    asOf: calendarDateSchema.optional(),
  })
  .strict();
export type RosterParams = z.output<typeof rosterParamsSchema>;

/** One page of the roster (`GET /v1/cadres`'s answer, its `behind` added by the read). */
export interface RosterAnswer {
  readonly asOf: string;
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly townships: { readonly orgUnitId: string; readonly name: string }[];
  readonly items: {
    readonly cadreId: string;
    readonly name: string;
    readonly gender: 'M' | 'F' | null;
    readonly birthDate: string | null;
    readonly post: { readonly orgUnitId: string; readonly orgUnitName: string | null; readonly orgUnitKind: OrgUnitKind | null; readonly role: Role } | null;
    readonly rank: Rank | null;
  }[];
}

interface Row {
  cadre_id: string;
  name: string | null;
  gender: 'M' | 'F' | null;
  birth_date: string | null;
  org_unit_id: string | null;
  org_unit_name: string | null;
  org_unit_kind: OrgUnitKind | null;
  role: Role | null;
}

function rankOn(timeline: CareerTimeline, retractions: RetractionFact[], asOf: CalendarDate): Rank | null {
  const filter = knownFilter({ cadres: new Map(), orgUnits: new Map(), policies: [], retractions });
  return knownRankOn(timeline, filter, asOf)?.rank ?? null;
}

const RANK_SLICE = 1_000;

export async function listCadres(sql: Queryable, p: RosterParams & { asOf: CalendarDate }): Promise<RosterAnswer> {
  // A unit the ledger does not know is a 404 naming it, not "0 cadres" (found by a review), as the reports' township filter answers.
  if (p.township !== undefined && (await sql`select 1 from proj_org_units where org_unit_id = ${p.township}`).length === 0) throw new UnknownOrgUnitError(p.township);
  const search = p.search ? `%${p.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  // Highest post first (ROLES is ordered party secretary → staff) for a cadre holding several.
  const rows = (await sql`
    with current_post as (
      select distinct on (cadre_id) cadre_id, org_unit_id, role
      from proj_post_intervals
      where from_date <= ${p.asOf}::date and (to_date is null or to_date > ${p.asOf}::date)
      order by cadre_id, array_position(${[...ROLES]}::text[], role), from_date
    )
    select t.cadre_id, e.data->>'name' as name, e.data->>'gender' as gender, e.data->>'birthDate' as birth_date,
           cp.org_unit_id, o.facts->'registrations'->-1->>'name' as org_unit_name,
           o.facts->'registrations'->-1->>'kind' as org_unit_kind, cp.role
    from proj_cadre_timelines t
    left join events e on e.event_id = t.registered_event_id
    left join current_post cp on cp.cadre_id = t.cadre_id
    left join proj_org_units o on o.org_unit_id = cp.org_unit_id
    where t.registered_event_id is not null
      and (${p.ids ?? null}::text[] is null or t.cadre_id = any(${p.ids ?? null}::text[]))
      and (${search}::text is null or t.cadre_id ilike ${search} or e.data->>'name' ilike ${search})
      and (${p.township ?? null}::text is null or cp.org_unit_id = ${p.township ?? null})
      and (${p.role ?? null}::text is null or cp.role = ${p.role ?? null})
    order by t.cadre_id`) as unknown as Row[];

  const ranks = new Map<string, Rank | null>();
  // In slices: a whole roster (an Excel export, a rank filter) never holds every cadre's timeline at once.
  const loadRanks = async (ids: string[]) => {
    for (let at = 0; at < ids.length; at += RANK_SLICE) {
      const slice = ids.slice(at, at + RANK_SLICE);
      const timelines = await sql`select cadre_id, ${sql.unsafe(TIMELINE_JSON)} as timeline, retractions from proj_cadre_timelines where cadre_id = any(${slice}::text[])`;
      for (const t of timelines) ranks.set(t.cadre_id as string, rankOn(t.timeline as CareerTimeline, t.retractions as RetractionFact[], p.asOf));
    }
  };
  let matching = rows;
  if (p.rank) {
    await loadRanks(rows.map((r) => r.cadre_id));
    matching = rows.filter((r) => ranks.get(r.cadre_id) === p.rank);
  }
  const pageRows = matching.slice((p.page - 1) * p.pageSize, p.page * p.pageSize);
  if (!p.rank) await loadRanks(pageRows.map((r) => r.cadre_id));

  const townships = await sql`
    select org_unit_id, facts->'registrations'->-1->>'name' as name from proj_org_units
    where facts->'registrations'->-1->>'kind' = 'TOWNSHIP' order by org_unit_id`;
  return {
    asOf: p.asOf,
    total: matching.length,
    page: p.page,
    pageSize: p.pageSize,
    townships: townships.map((t) => ({ orgUnitId: t.org_unit_id as string, name: (t.name as string | null) ?? (t.org_unit_id as string) })),
    items: pageRows.map((r) => ({
      cadreId: r.cadre_id,
      name: r.name ?? r.cadre_id,
      gender: r.gender,
      birthDate: r.birth_date,
      post: r.org_unit_id && r.role ? { orgUnitId: r.org_unit_id, orgUnitName: r.org_unit_name, orgUnitKind: r.org_unit_kind, role: r.role } : null,
      rank: ranks.get(r.cadre_id) ?? null,
    })),
  };
}
