/** An insider edits only the read models: `projections verify` must name it. */
import type { ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { projectedHead } from './tamper-support';

describe('read models tampered with, the events left alone', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    ({ api, env } = await projectedHead('tamper_proj'));
  });
  afterAll(() => api.close());

  const CASES: ReadonlyArray<[name: string, change: string, restore: string]> = [
    ['a post interval moved back five years', `update proj_post_intervals set from_date = from_date - 1826 where cadre_id = 'C1'`, `update proj_post_intervals set from_date = from_date + 1826 where cadre_id = 'C1'`],
    ['a grade in the timeline changed', `update proj_cadre_timelines set grades = replace(grades::text, '"COMPETENT"', '"EXCELLENT"')::json where cadre_id = 'C1'`, `update proj_cadre_timelines set grades = replace(grades::text, '"EXCELLENT"', '"COMPETENT"')::json where cadre_id = 'C1'`],
    ['a township renamed in the directory', `update proj_org_units set facts = replace(facts::text, '青山镇', '假名镇')::jsonb where org_unit_id = 'T01'`, `update proj_org_units set facts = replace(facts::text, '假名镇', '青山镇')::jsonb where org_unit_id = 'T01'`],
    ['a post window known earlier', `update proj_post_windows set from_recorded_at = from_recorded_at - interval '3 years' where cadre_id = 'C1'`, `update proj_post_windows set from_recorded_at = from_recorded_at + interval '3 years' where cadre_id = 'C1'`],
    ['a compliance row deleted', `create table saved_c as select * from proj_compliance_events; delete from proj_compliance_events`, `insert into proj_compliance_events select * from saved_c; drop table saved_c`],
    ['a cadre timeline deleted', `create table saved_t as select * from proj_cadre_timelines; delete from proj_cadre_timelines`, `insert into proj_cadre_timelines select * from saved_t; drop table saved_t`],
    ['a forged cadre timeline added', `insert into proj_cadre_timelines select 'C9', retractions, last_position, 'C9-reg', registered, profiles, promotions, trainings, talks, health_checks, recommendations, seats, post_changes, away_changes, grades, sanctions, rescissions, ranks, commendations from proj_cadre_timelines where cadre_id = 'C1'`, `delete from proj_cadre_timelines where cadre_id = 'C9'`],
    ['a forged post interval added', `insert into proj_post_intervals (cadre_id, seq, org_unit_id, role, from_date, to_date) values ('C1', 7, 'T01', 'PARTY_SECRETARY', '2010-01-01', null)`, `delete from proj_post_intervals where seq = 7`],
  ];

  it.each(CASES)('%s: projections verify fails, and passes once put back', async (_name, change, restore) => {
    await api.db.sql.begin((tx) => tx.unsafe(change));
    const r = await runCli(['projections', 'verify', '--json'], env);
    const body = JSON.parse(r.stdout);
    await api.db.sql.begin((tx) => tx.unsafe(restore));
    expect({ code: r.code, ok: body.ok, found: body.differences.length > 0 || body.answers.differences.length > 0 }).toEqual({ code: 3, ok: false, found: true });
    expect((await runCli(['projections', 'verify'], env)).code).toBe(0);
  });
});
