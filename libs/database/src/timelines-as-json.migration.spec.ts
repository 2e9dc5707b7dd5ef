/**
 * Migration 20261201000090 on a database that already holds cadre-careers rows of the jsonb
 * layout (an installation upgraded in place): the rows keep their content, the registration event
 * gets its column, and an interrupted rebuild of the old layout is dropped so that it starts again.
 */
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { migrationHalves } from './migration-halves';

const MIGRATION = '20261201000090_timelines-as-json';

/** The layout before this migration: the Down halves of it and of the migrations after it that touch the table. */
const LATER = ['20261204000140_timeline-parts'];

describe(`migration ${MIGRATION}`, () => {
  let db: TestDatabase;
  let sql: TestDatabase['sql'];
  beforeAll(async () => {
    db = await createTestDatabase('migration');
    sql = db.sql;
  });
  afterAll(async () => db.drop());

  it('converts the stored timelines, fills registered_event_id and restarts a rebuild of the old layout', async () => {
    // Given: the layout before this migration, a registered cadre, an unregistered one, and a rebuild in progress.
    for (const later of LATER) await sql.begin((tx) => tx.unsafe(migrationHalves(later).down));
    await sql.begin((tx) => tx.unsafe(migrationHalves(MIGRATION).down));
    const registered = { cadreId: 'C1', registered: { eventId: 'e-1', effectiveDate: '2010-01-01', recordedAt: '2026-01-01T00:00:00.000Z', globalPosition: 1 }, grades: [] };
    const unregistered = { cadreId: 'C2', registered: null, grades: [] };
    const retractions = [{ targetEventId: 'e-9', meta: { eventId: 'e-10', effectiveDate: '2011-01-01', recordedAt: '2026-01-02T00:00:00.000Z', globalPosition: 10 } }];
    await sql`insert into proj_cadre_timelines (cadre_id, timeline, retractions, last_position)
              values ('C1', ${JSON.stringify(registered)}::text::jsonb, ${JSON.stringify(retractions)}::text::jsonb, 10), ('C2', ${JSON.stringify(unregistered)}::text::jsonb, default, 3)`;
    await sql`create table proj_cadre_timelines__rebuild (like proj_cadre_timelines including all)`;
    await sql`insert into projection_rebuilds (projection, version) values ('cadre-careers', 3), ('org-units', 2)`;

    // When
    await sql.begin((tx) => tx.unsafe(migrationHalves(MIGRATION).up));

    // Then
    const columns = await sql`select column_name, data_type from information_schema.columns where table_name = 'proj_cadre_timelines' order by column_name`;
    expect(Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]))).toEqual({
      cadre_id: 'text',
      last_position: 'bigint',
      registered_event_id: 'text',
      retractions: 'json',
      timeline: 'json',
    });
    const rows = await sql`select cadre_id, timeline, retractions, last_position::int4 as last_position, registered_event_id from proj_cadre_timelines order by cadre_id`;
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { cadre_id: 'C1', timeline: registered, retractions, last_position: 10, registered_event_id: 'e-1' },
      { cadre_id: 'C2', timeline: unregistered, retractions: [], last_position: 3, registered_event_id: null },
    ]);
    const [shadow] = await sql`select to_regclass('proj_cadre_timelines__rebuild')::text as t`;
    expect(shadow!.t).toBeNull();
    const rebuilds = await sql`select projection from projection_rebuilds order by projection`;
    expect(rebuilds.map((r) => r.projection)).toEqual(['org-units']);

    // And back down: the jsonb layout with the same content.
    await sql.begin((tx) => tx.unsafe(migrationHalves(MIGRATION).down));
    const [type] = await sql`select data_type from information_schema.columns where table_name = 'proj_cadre_timelines' and column_name = 'timeline'`;
    expect(type!.data_type).toBe('jsonb');
    const [c1] = await sql`select timeline from proj_cadre_timelines where cadre_id = 'C1'`;
    expect(c1!.timeline).toEqual(registered);
  });
});
