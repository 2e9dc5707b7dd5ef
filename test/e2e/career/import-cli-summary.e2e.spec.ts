/**
 * The CLI `import` (and `--dry-run`): its summary's numbers add up, and a run's events carry one
 * correlation id, printed with the summary (both found by a review of the import).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const LINES = [
  { id: 'ou', type: 'OrgUnitRegistered', orgUnitId: 'T1', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } },
  { id: 'reg-a', type: 'CadreRegistered', cadreId: 'A', effectiveDate: '2000-01-01', data: { name: '周一', gender: 'M', birthDate: '1975-01-01', education } },
  { id: 'reg-b', type: 'CadreRegistered', cadreId: 'B', effectiveDate: '2000-01-01', data: { name: '吴二', gender: 'F', birthDate: '1976-01-01', education } },
  { id: 'a-staff', type: 'AppointedToPost', cadreId: 'A', effectiveDate: '2010-01-01', data: { orgUnitId: 'T1', role: 'STAFF' } },
  { id: 'b-staff', type: 'AppointedToPost', cadreId: 'B', effectiveDate: '2011-01-01', data: { orgUnitId: 'T1', role: 'STAFF' } },
  { id: 'a-train', type: 'TrainingCompleted', cadreId: 'A', effectiveDate: '2012-01-01', data: { programme: '乡镇干部培训班', level: 'COUNTY' } },
];

describe('CLI import: a dry run and its summary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-cli-summary-'));
  const file = join(dir, 'six.ndjson');
  let db: TestDatabase;
  let correlationId: string;
  let dryEventsWritten = -1;
  beforeAll(async () => {
    writeFileSync(file, LINES.map((l) => JSON.stringify(l)).join('\n') + '\n');
    db = await createTestDatabase('import_cli_summary');
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a file of six new lines, when dry-run, then the summary’s parts add up to the accepted lines: it says how many the real run would newly write (it said 接受 6 行（新写入 0，已存在 0）)', async () => {
    const dry = await runCli(['import', file, '--dry-run', '--no-projections'], { DATABASE_URL: db.url });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('接受 6 行');
    const [, added, present] = /接受 6 行（[^，]*?(\d+)，已存在 (\d+)）/.exec(dry.stdout) ?? [];
    expect(Number(added) + Number(present)).toBe(6);
    // The JSON answer predicts the real run's counts too (found by a review: appended 0, eventsWritten 0).
    const dryJson = JSON.parse((await runCli(['import', file, '--dry-run', '--json', '--no-projections'], { DATABASE_URL: db.url })).stdout);
    expect(dryJson).toMatchObject({ dryRun: true, accepted: 6, appended: 6, alreadyPresent: 0, eventsWritten: expect.any(Number) });
    expect(dryJson.eventsWritten).toBeGreaterThanOrEqual(6);
    dryEventsWritten = dryJson.eventsWritten;
  });

  it('given the same file imported for real by the CLI, then it writes the six lines (control)', async () => {
    const real = JSON.parse((await runCli(['import', file, '--json', '--no-projections'], { DATABASE_URL: db.url })).stdout);
    expect(real).toMatchObject({ accepted: 6, appended: 6, alreadyPresent: 0, eventsWritten: dryEventsWritten, correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    correlationId = real.correlationId;
  });

  it('given the file imported by the CLI, then its events carry a correlation id tying them to that run (EVENTS.md: every stored event carries correlationId), as an HTTP import’s carry its request id', async () => {
    const rows = await db.sql`select event_id, correlation_id from events where event_id = any(${LINES.map((l) => l.id)}::text[])`;
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r.correlation_id).toBe(correlationId);
  });

  it('given the read models left behind (an import stopped during their update, or run with --no-projections), when the file is imported again, then nothing is written and the read models are brought up to date all the same (found by a crash-safety review: they were left unbuilt)', async () => {
    const other = await createTestDatabase('import_cli_catch_up');
    try {
      const env = { DATABASE_URL: other.url };
      expect((await runCli(['import', file, '--no-projections'], env)).code).toBe(0);
      expect((await other.sql`select count(*)::int as n from projection_checkpoints where events_applied > 0`)[0]!.n).toBe(0);
      const again = await runCli(['import', file, '--json'], env);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ appended: 0, alreadyPresent: 6, projections: { seconds: expect.any(Number) } });
      const status = await runCli(['projections', 'status', '--json'], env);
      const behind = (JSON.parse(status.stdout) as { projections: { name: string; lagEvents: number; eventsApplied: number }[] }).projections.filter((p) => p.lagEvents !== 0 || p.eventsApplied === 0);
      expect(behind).toEqual([]);
    } finally {
      await other.drop();
    }
  }, 60_000);
});
