/**
 * Issue 11, hole 1: every role × every event type, through the type's own route, the HTTP import
 * and the CLI import (`--as ROLE`): the three ways in agree on allowed or refused for every cell,
 * and agree with the one table (EVENT_CAPABILITIES in @ledger/auth). One API, one database; the
 * CLI runs once per role with one line per event type.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { may, ROLES, type Role } from '@ledger/auth';
import type { CommandType } from '@ledger/domain';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { sampleCommand, SAMPLE_TYPES } from '../../support/sample-commands';

type Outcome = 'allowed' | 'refused';
type Cells = Record<Role, Record<CommandType, Outcome>>;

describe('ways in: role × event type matrix (route, HTTP import, CLI import)', () => {
  let api: ApiHarness;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-matrix-'));
  const route = {} as Cells;
  const httpImport = {} as Cells;
  const cliImport = {} as Cells;
  const forbiddenLines: Array<{ role: Role; rejection: Record<string, unknown> }> = [];
  const cliExits = {} as Record<Role, number | null>;

  beforeAll(async () => {
    api = await startApi('ways_in_matrix');
    for (const role of ROLES) {
      route[role] = {} as Record<CommandType, Outcome>;
      httpImport[role] = {} as Record<CommandType, Outcome>;
      cliImport[role] = {} as Record<CommandType, Outcome>;
      for (const type of SAMPLE_TYPES) {
        const c = sampleCommand(type, `r${role}`);
        const r = await api.request('POST', c.path, { role, body: c.body });
        expect(r.status).not.toBe(500);
        route[role][type] = r.status === 403 ? 'refused' : 'allowed';
      }
      const lines = (tag: string) => SAMPLE_TYPES.map((t) => JSON.stringify(sampleCommand(t, tag).line)).join('\n') + '\n';
      const http = await api.request('POST', '/v1/import', { role, rawBody: lines(`h${role}`), headers: { 'content-type': 'application/x-ndjson' } });
      const file = join(dir, `${role}.ndjson`);
      writeFileSync(file, lines(`c${role}`));
      const cli = await runCli(['import', file, '--as', role, '--json'], { DATABASE_URL: api.db.url });
      const cliReport = JSON.parse(cli.stdout || '{"rejected":[]}');
      for (const [i, type] of SAMPLE_TYPES.entries()) {
        const forbidden = (report: { rejected?: Array<{ line: number; code: string }> }) =>
          report.rejected?.find((x) => x.line === i + 1 && x.code === 'FORBIDDEN_EVENT_TYPE');
        httpImport[role][type] = http.status === 403 || forbidden(http.body) ? 'refused' : 'allowed';
        cliImport[role][type] = cli.code === 0 || cli.code === 4 ? (forbidden(cliReport) ? 'refused' : 'allowed') : 'refused';
        const rejection = forbidden(http.body) ?? forbidden(cliReport);
        if (rejection) forbiddenLines.push({ role, rejection });
      }
      cliExits[role] = cli.code;
      if (cli.code !== (may(role, 'importEvents') ? 4 : 1)) process.stderr.write(`ledger import --as ${role}: exit ${cli.code}\n${cli.stderr}\n`);
    }
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the route, the HTTP import and the CLI import agree for every cell', () => {
    expect(httpImport).toEqual(route);
    // The CLI ran every file to the end (exit 4: some lines were rejected), for a role that may import at
    // all; one that may not (importEvents) is refused before a line is read (exit 1), as the route answers 403.
    for (const role of ROLES) expect([role, cliExits[role]]).toEqual([role, may(role, 'importEvents') ? 4 : 1]);
    expect(cliImport).toEqual(route);
  });

  it('and follow the one table: each role may write exactly the types whose capability it holds', async () => {
    const { EVENT_CAPABILITIES } = await import('@ledger/auth');
    for (const role of ROLES) {
      for (const type of SAMPLE_TYPES) expect([role, type, route[role][type]]).toEqual([role, type, may(role, EVENT_CAPABILITIES[type]) ? 'allowed' : 'refused']);
    }
    // A CLERK may not write appeal decisions or policy (the finding), an appeals officer may file appeals.
    expect(route.CLERK.AppealDecided).toBe('refused');
    expect(route.CLERK.PolicyVersionAdopted).toBe('refused');
    expect(route.APPEALS_OFFICER.AppealFiled).toBe('allowed');
  });

  it('a refused line names its line number and the missing capability', () => {
    expect(forbiddenLines.length).toBeGreaterThan(0);
    for (const { rejection } of forbiddenLines) {
      expect(rejection).toMatchObject({ line: expect.any(Number), code: 'FORBIDDEN_EVENT_TYPE', capability: expect.any(String), titleZh: expect.any(String) });
    }
  });

  it('the CLI records its operator as the actor, default role CLERK', async () => {
    const file = join(dir, 'default.ndjson');
    writeFileSync(file, JSON.stringify(sampleCommand('OrgUnitRegistered', 'dflt').line) + '\n' + JSON.stringify(sampleCommand('AppealDecided', 'dflt').line) + '\n');
    const cli = await runCli(['import', file, '--json'], { DATABASE_URL: api.db.url });
    const report = JSON.parse(cli.stdout);
    expect(report.rejected).toEqual([expect.objectContaining({ line: 2, code: 'FORBIDDEN_EVENT_TYPE', capability: 'recordAppealEvents' })]);
    const [row] = await api.db.sql`select actor from events where event_id = 'dflt-OrgUnitRegistered'`;
    expect(row?.actor).toBe(`CLERK:cli:${userInfo().username}`);
    const unknown = await runCli(['import', file, '--as', 'KING', '--json'], { DATABASE_URL: api.db.url });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/KING/);
  });
});
