/**
 * Migration 20261204000140 on a database that already holds cadre-careers rows of one timeline
 * document each (an installation upgraded in place): every part gets its column with the same
 * content (a v1 row's missing parts empty), the document column goes, an interrupted rebuild of
 * the old layout starts again, and the Down half gives the document back.
 */
import { TIMELINE_JSON } from '@ledger/projections';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { migrationHalves } from './migration-halves';

const MIGRATION = '20261204000140_timeline-parts';

const meta = (n: number) => ({ eventId: `e-${n}`, effectiveDate: '2010-01-01', recordedAt: '2026-01-01T00:00:00.000Z', globalPosition: n });
const PARTS = ['profiles', 'promotions', 'trainings', 'talks', 'healthChecks', 'recommendations', 'seats', 'postChanges', 'awayChanges', 'grades', 'sanctions', 'rescissions', 'ranks', 'commendations'];

describe(`migration ${MIGRATION}`, () => {
  let db: TestDatabase;
  let sql: TestDatabase['sql'];
  beforeAll(async () => {
    db = await createTestDatabase('migration_parts');
    sql = db.sql;
  });
  afterAll(async () => db.drop());

  it('splits each stored timeline into its parts, keeps its content, and restarts a rebuild of the old layout', async () => {
    // Given: the layout before, a full timeline, a v1 timeline (no profiles … seats), and a rebuild in progress.
    await sql.begin((tx) => tx.unsafe(migrationHalves(MIGRATION).down));
    const full = {
      cadreId: 'C1',
      registered: meta(1),
      ...Object.fromEntries(PARTS.map((p) => [p, []])),
      trainings: [{ level: 'COUNTY', programme: '乡镇党委书记任职培训', meta: meta(2) }],
      grades: [{ year: 2011, grade: 'EXCELLENT', meta: meta(3) }],
    };
    const v1 = { cadreId: 'C2', registered: null, postChanges: [], awayChanges: [], grades: [], sanctions: [], rescissions: [], ranks: [], commendations: [] };
    await sql`insert into proj_cadre_timelines (cadre_id, timeline, retractions, last_position, registered_event_id)
              values ('C1', ${JSON.stringify(full)}::text::json, '[]', 3, 'e-1'), ('C2', ${JSON.stringify(v1)}::text::json, '[]', 7, null)`;
    await sql`create table proj_cadre_timelines__rebuild (like proj_cadre_timelines including all)`;
    await sql`insert into projection_rebuilds (projection, version) values ('cadre-careers', 3), ('org-units', 2)`;

    // When
    await sql.begin((tx) => tx.unsafe(migrationHalves(MIGRATION).up));

    // Then: the document is gone, its parts are columns, and the reader's document is the one stored
    const columns = (await sql`select column_name from information_schema.columns where table_name = 'proj_cadre_timelines'`).map((c) => c.column_name as string);
    expect(columns).not.toContain('timeline');
    expect(columns).toEqual(expect.arrayContaining(['registered', 'trainings', 'health_checks', 'post_changes', 'away_changes', 'retractions', 'registered_event_id']));
    const read = async () => (await sql`select cadre_id, ${sql.unsafe(TIMELINE_JSON)} as timeline from proj_cadre_timelines order by cadre_id`).map((r) => r.timeline as unknown);
    expect(await read()).toEqual([full, { ...v1, ...Object.fromEntries(PARTS.filter((p) => !(p in v1)).map((p) => [p, []])) }]);
    const [shadow] = await sql`select to_regclass('proj_cadre_timelines__rebuild')::text as t`;
    expect(shadow!.t).toBeNull();
    expect((await sql`select projection from projection_rebuilds order by projection`).map((r) => r.projection)).toEqual(['org-units']);

    // And back down: one document per cadre, the same content
    await sql.begin((tx) => tx.unsafe(migrationHalves(MIGRATION).down));
    const [c1] = await sql`select timeline from proj_cadre_timelines where cadre_id = 'C1'`;
    expect(c1!.timeline).toEqual(full);
    await sql.begin((tx) => tx.unsafe(migrationHalves(MIGRATION).up)); // the template's layout again, for the drop
  });
});
