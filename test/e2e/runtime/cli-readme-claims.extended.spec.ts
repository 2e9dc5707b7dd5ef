/**
 * README "Command line": "`--json` prints ... any error as one JSON line on stderr
 * (`{"error": {"code", "message", …}}`; a mistyped option or argument is `USAGE`)" and
 * "An `--as-of D` in brackets defaults to today (Beijing time)".
 */
import { importSecretaryOfT01, runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { scratchDir } from '../../support/scratch-dir';

const beijingToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

let db: TestDatabase;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  db = await createTestDatabase('cli_readme_claims');
  env = { DATABASE_URL: db.url };
  const imp = await importSecretaryOfT01(scratchDir('cli-readme'), env);
  expect(imp.code).toBe(0);
}, 180_000);
afterAll(() => db.drop());

function jsonError(stderr: string): any {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!).error;
}

describe('a mistyped argument or option under --json is USAGE', () => {
  it.each([
    [['report', 'team-compositon', '--json']],
    [['report', 'nosuch', '--json']],
  ])('mistyped report name %j: code USAGE', async (args) => {
    const r = await runCli(args, env);
    expect(r.code).not.toBe(0);
    expect(jsonError(r.stderr).code).toBe('USAGE');
  });

  it('report promotion-pool --year (an option this report does not take) is USAGE (or INVALID_REQUEST naming --year, as --township is), not the generic ERROR', async () => {
    const r = await runCli(['report', 'promotion-pool', '--year', '2024', '--json'], env);
    expect(r.code).not.toBe(0);
    const e = jsonError(r.stderr);
    expect(['USAGE', 'INVALID_REQUEST']).toContain(e.code);
  });

  it('for comparison: a county-wide report given --township is INVALID_REQUEST naming the field', async () => {
    const r = await runCli(['report', 'department-ratings', '--year', '2024', '--township', 'T01', '--json'], env);
    expect(r.code).not.toBe(0);
    expect(jsonError(r.stderr)).toEqual(expect.objectContaining({ code: 'INVALID_REQUEST', field: '--township' }));
  });

  it('an unknown option is USAGE', async () => {
    const r = await runCli(['eligibility', '--asof', '2024-01-01', '--json'], env);
    expect(r.code).not.toBe(0);
    expect(jsonError(r.stderr).code).toBe('USAGE');
  });
});

describe('an --as-of in brackets defaults to today (Beijing)', () => {
  it.each([
    [['eligibility', '--json']],
    [['tenure', 'C1', '--json']],
    [['findings', '--json']],
    [['report', 'team-composition', '--json']],
  ])('%j answers asOf = today in Beijing', async (args) => {
    const r = await runCli(args, env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).asOf).toBe(beijingToday());
  });

  it('history ID [--as-of D]: without --as-of every event is listed, one effective later marked 待生效, as the API answers; with --as-of today it is left out', async () => {
    const w = await runCli(['import', '-', '--as', 'ADMIN', '--json'], env, JSON.stringify({ id: 'tr-future', type: 'TrainingCompleted', cadreId: 'C1', effectiveDate: '2099-05-01', data: { programme: '培训班', level: 'COUNTY' } }) + '\n');
    expect(w.code).toBe(0);
    const [all, human, today] = await Promise.all([runCli(['history', 'C1', '--json'], env), runCli(['history', 'C1'], env), runCli(['history', 'C1', '--as-of', beijingToday(), '--json'], env)]);
    const ids = (r: { stdout: string }) => JSON.parse(r.stdout).events.map((e: any) => e.eventId);
    expect({ asOf: JSON.parse(all.stdout).asOf, listed: ids(all).includes('tr-future') }).toEqual({ asOf: null, listed: true });
    expect(human.stdout.split('\n').find((l) => l.includes('2099-05-01'))).toContain('待生效');
    expect(ids(today)).not.toContain('tr-future');
  });
});

describe('import', () => {
  it('exit 4 when lines are rejected; lines = accepted + rejectedCount + blankLines; projections {seconds, rebuilt}; actor ROLE:cli:<os user>', async () => {
    const input = [
      JSON.stringify({ id: 'hc-1', type: 'HealthCheckCompleted', cadreId: 'C1', effectiveDate: '2020-03-01', data: {} }),
      '',
      JSON.stringify({ id: 'hc-bad', type: 'HealthCheckCompleted', cadreId: 'NOBODY', effectiveDate: '2020-03-01', data: {} }),
    ].join('\n') + '\n';
    const r = await runCli(['import', '-', '--json'], env, input);
    expect(r.code).toBe(4);
    const out = JSON.parse(r.stdout);
    expect(out.lines).toBe(out.accepted + out.rejectedCount + out.blankLines);
    expect(out.projections).toEqual(expect.objectContaining({ seconds: expect.any(Number), rebuilt: expect.any(Array) }));
    const h = JSON.parse((await runCli(['history', 'C1', '--json'], env)).stdout);
    const ev = h.events.find((e: any) => e.eventId === 'hc-1');
    expect(ev.actor).toMatch(/^CLERK:cli:/);
  });
});
