/**
 * Found by an upgrade review: a department imports a file with an older release, upgrades, and
 * imports the same file again — or a client re-sends a command by its id. README: a re-import is a
 * no-op, every line stored "已存在". Checks tightened since (a format character in free text; TM10:
 * an Excellent Township Party Secretary commendation names its cycle; N5: deadlines of at most 3,650
 * days) ran before the id was looked up: the stored lines were refused (exit 4) and a re-sent
 * command answered 400. Now made once the id is known to be new, on every way in: the POST routes,
 * the HTTP import, the CLI import, and their dry runs. The older release's events are appended
 * through the store port, as it stored them (its policy without teamAges.minJuniorMembers, which
 * came later with a default).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '@ledger/domain';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const { minJuniorMembers: _later, ...teamAgesThen } = DEFAULT_POLICY.settings.teamAges;
const policyThen = { version: '2030.1', effectiveFrom: '2030-01-01', settings: { ...DEFAULT_POLICY.settings, teamAges: teamAgesThen, appeals: { ...DEFAULT_POLICY.settings.appeals, reviewDecisionDays: 4000 } } };

/** What the older release took, as import lines. */
const OLD_LINES = [
  { id: 'upg-comm', type: 'Commended', cadreId: 'C1', effectiveDate: '2025-12-20', documentRef: '双委〔2025〕31号', data: { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', level: 'COUNTY' } },
  { id: 'upg-pol', type: 'PolicyVersionAdopted', effectiveDate: '2030-01-01', data: policyThen },
  { id: 'fmt-1', type: 'TrainingCompleted', cadreId: 'C1', effectiveDate: '2025-09-01', data: { programme: '乡镇\u200b干部培训', level: 'COUNTY' } },
  { id: 'fmt-2', type: 'SanctionImposed', cadreId: 'C1', effectiveDate: '2024-01-10', documentRef: '双纪〔2024〕7号', data: { sanctionId: 'S-FMT-1', kind: 'CRITICISM_EDUCATION', grounds: '会议\u2060迟到' } },
] as const;
type Line = (typeof OLD_LINES)[number];

/** Each line under a new id (a new policy version too): today's checks refuse it, naming the field. */
const NEW_LINES: readonly [Record<string, unknown>, string][] = [
  [{ ...OLD_LINES[0], id: 'new-comm' }, 'data.cycle'],
  [{ ...OLD_LINES[1], id: 'new-pol', data: { ...policyThen, version: '2030.2' } }, 'data.settings.appeals.reviewDecisionDays'],
  [{ ...OLD_LINES[2], id: 'new-fmt-1' }, 'data.programme'],
  [{ ...OLD_LINES[3], id: 'new-fmt-2', data: { ...OLD_LINES[3].data, sanctionId: 'S-FMT-2' } }, 'data.grounds'],
];

/** The line as its POST route takes it: the policy's body is the version, the others' the event without its address. */
function post(line: Record<string, unknown>): [string, unknown] {
  if (line.type === 'PolicyVersionAdopted') return ['/v1/policy/versions', { id: line.id, ...(line.data as object) }];
  const { cadreId, ...body } = line;
  return [`/v1/cadres/${String(cadreId)}/events`, body];
}

describe('a fact an older release stored, sent again after the upgrade, is already present though today’s checks refuse it as new', () => {
  let api: ApiHarness;
  const dir = mkdtempSync(join(tmpdir(), 'stored-before-checks-'));
  const file = join(dir, 'old.ndjson');
  const ndjson = (lines: readonly unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

  beforeAll(async () => {
    api = await startApi('stored_before_checks');
    await api.write('/v1/cadres/C1/events', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '周一', gender: 'M', birthDate: '1975-01-01', education } });
    for (const line of OLD_LINES as readonly Line[]) {
      const streamId = line.type === 'PolicyVersionAdopted' ? 'policy' : `cadre-${line.cadreId}`;
      const documentRef = 'documentRef' in line ? line.documentRef : null;
      await api.ledger.store.append(streamId, [{ eventId: line.id, type: line.type, schemaVersion: 1, effectiveDate: line.effectiveDate, actor: 'CLERK:旧版本#tok_1', documentRef, data: line.data as never }], 'any');
    }
    writeFileSync(file, ndjson(OLD_LINES));
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(OLD_LINES.map((l) => [l.id, l] as const))('over HTTP, %s re-sent by its POST route is 200 ALREADY_STORED; another fact under its id 409; under a new id 400 naming the field', async (_, line) => {
    const [path, body] = post(line);
    const again = await api.request('POST', path, { role: 'ADMIN', body });
    expect([again.status, again.body.status]).toEqual([200, 'ALREADY_STORED']);
    const [, otherFact] = post({ ...line, effectiveDate: '2026-02-02', ...(line.type === 'PolicyVersionAdopted' ? { data: { ...line.data, effectiveFrom: '2030-02-02' } } : {}) });
    const conflict = await api.request('POST', path, { role: 'ADMIN', body: otherFact });
    expect([conflict.status, conflict.body.code]).toEqual([409, 'EVENT_ID_CONFLICT']);
    const [newLine, field] = NEW_LINES[OLD_LINES.indexOf(line)]!;
    const [newPath, newBody] = post(newLine);
    const refused = await api.request('POST', newPath, { role: 'ADMIN', body: newBody });
    expect([refused.status, refused.body.code, refused.body.field]).toEqual([400, 'RULE_I_SCHEMA', field]);
  });

  it('the HTTP import of the file again, and its dry run: every line present, none written; new lines beside them refused', async () => {
    for (const dryRun of ['true', 'false']) {
      const r = await api.request('POST', `/v1/import?dryRun=${dryRun}`, { role: 'ADMIN', rawBody: ndjson(OLD_LINES), headers: { 'content-type': 'application/x-ndjson' } });
      expect([dryRun, r.status, r.body]).toEqual([dryRun, 200, expect.objectContaining({ accepted: 4, alreadyPresent: 4, appended: 0, eventsWritten: 0, rejected: [] })]);
      const mixed = await api.request('POST', `/v1/import?dryRun=${dryRun}`, { role: 'ADMIN', rawBody: ndjson([...OLD_LINES, ...NEW_LINES.map(([l]) => l)]), headers: { 'content-type': 'application/x-ndjson' } });
      expect([dryRun, mixed.body.alreadyPresent, mixed.body.rejected.map((x: { line: number; field: string }) => [x.line, x.field])]).toEqual([dryRun, 4, NEW_LINES.map(([, field], i) => [5 + i, field])]);
    }
  });

  it('the CLI import of the file again, and its dry run: exit 0, every line 已存在, none written (was exit 4, each refused)', async () => {
    for (const args of [['--dry-run'], []]) {
      const r = await runCli(['import', file, '--as', 'ADMIN', '--no-projections', ...args], { DATABASE_URL: api.db.url });
      expect([args, r.code, r.stderr]).toEqual([args, 0, '']);
      expect(r.stdout).toMatch(/共 4 行，接受 4 行（(将)?新写入 0，已存在 4），拒绝 0 行/);
    }
    expect((await api.ledger.store.findEvents(NEW_LINES.map(([l]) => String(l.id))))).toEqual([]);
  });
});
