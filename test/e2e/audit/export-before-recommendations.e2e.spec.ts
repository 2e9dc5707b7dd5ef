/**
 * Found by an upgrade review: an export made by a release before 3efb0a6 (2026-12-03, which added
 * the cadre's recommendations to exports as related events) failed `verify-export --against-ledger`
 * and POST /v1/audit/verify-export — "文件缺少台账在导出前已录入的 1 个事件（文件被删减…）" — for
 * every cadre a secretary had recommended: the check demanded events such a file never carried.
 * Such a file (no relatedEvents, no derivation) generated before that release now passes, saying
 * its recommendations were not checked (libs/audit's spec: the file's date cannot be set before the
 * events of a ledger written today); a file of that shape generated since, and a current file with a
 * recommendation cut out, are still refused. Over HTTP and the CLI, against PostgreSQL.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAuditExport, type AuditExport } from '@ledger/audit';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { resealed } from '../../../libs/audit/src/testing/forge';

describe('verify-export --against-ledger: a file from before exports carried recommendations', () => {
  let api: ApiHarness;
  const dir = mkdtempSync(join(tmpdir(), 'export-before-recommendations-'));
  const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

  beforeAll(async () => {
    api = await startApi('export_before_recommendations', { projections: { live: false } });
    await api.write('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    await api.write('/v1/cadres/C1/events', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '李明', gender: 'M', birthDate: '1975-01-01', education } });
    await api.write('/v1/cadres/C2/events', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '李晓胜', gender: 'M', birthDate: '1985-01-01', education } });
    await api.write('/v1/cadres/C1/events', { id: 'c1-secretary', type: 'AppointedToPost', effectiveDate: '2016-03-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    await api.write('/v1/cadres/C2/events', { id: 'c2-staff', type: 'AppointedToPost', effectiveDate: '2016-03-01', data: { orgUnitId: 'T01', role: 'STAFF' } });
    await api.write('/v1/cadres/C1/events', { id: 'c1-recommends-c2', type: 'LeaderRecommended', effectiveDate: '2023-01-05', data: { recommendedCadreId: 'C2', forPost: '青山镇副镇长', reason: '实绩突出' } });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** C2's export as the API gives it, claimed taken five minutes later (every event then well before it, past the margin for writes in flight), resealed. */
  async function exported(edit: (d: AuditExport) => void = () => undefined): Promise<AuditExport> {
    const genuine = parseAuditExport((await api.request('GET', '/v1/cadres/C2/export', { role: 'AUDITOR' })).body);
    return resealed(genuine, (d) => {
      d.generatedAt = new Date(Date.parse(d.generatedAt) + 5 * 60_000).toISOString();
      edit(d);
    });
  }
  /** As a release before 3efb0a6 wrote it: no related events, no derivation version, no other cadres' names. */
  const asBefore3efb0a6 = (d: AuditExport) => {
    delete d.relatedEvents;
    delete d.derivation;
    delete d.cadres;
  };

  async function checked(name: string, document: AuditExport) {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(document));
    const cli = await runCli(['verify-export', file, '--against-ledger'], { DATABASE_URL: api.db.url });
    const http = await api.request('POST', '/v1/audit/verify-export', { role: 'AUDITOR', body: document });
    return { cli, http };
  }

  it('a current export passes (the baseline)', async () => {
    const { cli, http } = await checked('current', await exported());
    expect([cli.code, http.status, http.body.ok, http.body.ledger.recommendationsNotChecked]).toEqual([0, 200, true, 0]);
    expect(cli.stdout).not.toContain('未与文件核对');
  });

  it('a file shaped as before 3efb0a6 but generated since (its related events removed, resealed) is refused, the recommendation named as missing and the reason said (found by a review: it passed)', async () => {
    const { cli, http } = await checked('before-3efb0a6', await exported(asBefore3efb0a6));
    expect(cli.code).toBe(3);
    expect(cli.stdout).toContain('关联与概况未重算');
    expect(cli.stdout).toContain('缺少：事件流 cadre-C1');
    expect(cli.stdout).toContain('文件不含关联事件，却导出于 2026-12-03');
    expect(http).toMatchObject({ status: 200, body: { ok: false, ledger: { ok: false, recommendationsNotChecked: 0, relatedEventsAbsent: true } } });
  });

  it('a current file with the recommendation cut out and resealed is still refused, naming it', async () => {
    const { cli, http } = await checked('cut', await exported((d) => {
      d.relatedEvents = d.relatedEvents!.filter((r) => r.role !== 'RECOMMENDATION');
    }));
    expect(cli.code).toBe(3);
    expect(cli.stdout).toMatch(/缺少：事件流 cadre-C1 第 \d+ 号事件（c1-recommends-c2，推荐副科级领导干部人选）/);
    expect(http).toMatchObject({ status: 200, body: { ok: false, ledger: { ok: false, omitted: [expect.objectContaining({ eventId: 'c1-recommends-c2' })], recommendationsNotChecked: 0 } } });
  });
});
