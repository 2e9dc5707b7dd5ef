/**
 * A cadre's history after an import reads as it does when the same lines are written one by one
 * over their routes: TM9 wants the sanction, the appeal and the rescission shown and linked.
 *
 * The import writes a chunk as one atomic append, stream by stream, so an appeal filed in the file
 * after the sanction it appeals may be stored (global position) before it (README, import). Found
 * by a review: the history as of a date then dropped the appeal the sanction's links named, and
 * the CLI's table began with it. Links now resolve whatever the store's order, and the CLI lists
 * by effective date.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const LINES = [
  { id: 'reg', type: 'CadreRegistered', cadreId: 'C1', effectiveDate: '2020-01-01', data: { name: '杨鑫', gender: 'M', birthDate: '1970-01-01', education } },
  { id: 'sanction', type: 'SanctionImposed', cadreId: 'C1', effectiveDate: '2022-08-20', documentRef: '纪〔2022〕1号', data: { sanctionId: 'S1', kind: 'PARTY_SERIOUS_WARNING', grounds: '资金监管不力' } },
  { id: 'filed', type: 'AppealFiled', appealId: 'A1', effectiveDate: '2022-09-17', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'sanction', stage: 'REVIEW', grounds: '事实有误', learnedOfDecisionDate: '2022-08-20' } },
  { id: 'decided', type: 'AppealDecided', appealId: 'A1', effectiveDate: '2022-10-07', documentRef: '纪复〔2022〕1号', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '证据不足，予以撤销' } },
  { id: 'rescinded', type: 'SanctionRescinded', cadreId: 'C1', effectiveDate: '2022-10-07', documentRef: '纪复〔2022〕1号', data: { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'A1' } },
  { id: 'train', type: 'TrainingCompleted', cadreId: 'C1', effectiveDate: '2023-03-01', data: { programme: '乡镇干部培训班', level: 'COUNTY' } },
] as const;
const FILE = LINES.map((l) => JSON.stringify(l)).join('\n') + '\n';

function route(line: Record<string, any>): [string, Record<string, unknown>] {
  const { cadreId, appealId, ...body } = line;
  return cadreId ? [`/v1/cadres/${cadreId}/events`, body] : [`/v1/appeals/${appealId}/events`, body];
}

describe('a cadre history after an import reads as after the same writes over the routes', () => {
  let viaImport: ApiHarness;
  let viaRoutes: ApiHarness;
  beforeAll(async () => {
    [viaImport, viaRoutes] = await Promise.all([startApi('import_history_import'), startApi('import_history_routes')]);
    const imported = await viaImport.request('POST', '/v1/import', { role: 'ADMIN', rawBody: FILE, headers: { 'content-type': 'application/x-ndjson' } });
    expect(imported.body).toMatchObject({ rejected: [], accepted: LINES.length, appended: LINES.length });
    for (const line of LINES) {
      const [path, body] = route(line);
      expect((await viaRoutes.request('POST', path, { role: 'ADMIN', body })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await viaImport.close();
    await viaRoutes.close();
  });

  const ids = (body: { events: { eventId: string }[] }) => body.events.map((e) => e.eventId);

  it('given the same, then the history as of a day between the sanction and the appeal keeps the appeal and its decision, flagged scheduled (TM9: shown and linked), as the routes’ record does', async () => {
    const q = '/v1/cadres/C1/history?asOf=2022-08-31';
    const routes = await viaRoutes.request('GET', q, { role: 'ADMIN' });
    expect(ids(routes.body)).toEqual(expect.arrayContaining(['sanction', 'filed', 'decided', 'rescinded']));
    const imported = await viaImport.request('GET', q, { role: 'ADMIN' });
    // Observed: the appeal and its decision are dropped (they come before the sanction in the
    // stored order, so they do not "bear on a shown event"), while the rescission stays.
    expect(ids(imported.body).sort()).toEqual(ids(routes.body).sort());
  });

  it('given the same, then the CLI’s history table numbers the registration first, as after the routes’ writes', async () => {
    const cli = await runCli(['history', 'C1'], { DATABASE_URL: viaImport.db.url });
    const first = cli.stdout.split('\n').find((l) => /^1\s/.test(l));
    expect(first).toContain('2020-01-01');
  });
});

describe('links of the imported history as of a day', () => {
  it('given the import above, then every event a shown entry links to (appealedBy, rescindedBy, …) is itself shown (TM9: linked, no dangling link)', async () => {
    const api = await startApi('rv_imp_hist_links');
    try {
      const imported = await api.request('POST', '/v1/import', { role: 'ADMIN', rawBody: FILE, headers: { 'content-type': 'application/x-ndjson' } });
      expect(imported.body).toMatchObject({ rejectedCount: 0, accepted: LINES.length });
      const h = await api.request('GET', '/v1/cadres/C1/history?asOf=2022-08-31', { role: 'ADMIN' });
      const shown = new Set(h.body.events.map((e: { eventId: string }) => e.eventId));
      const named = h.body.events.flatMap((e: Record<string, any>) => {
        const l = e.links ?? {};
        return [...(l.retractedBy ?? []), ...(l.rescindedBy ?? []), ...(l.appealedBy ?? []), ...(l.causes ?? []), l.retracts, l.rescinds, l.appealOf, l.causedBy].filter(Boolean);
      });
      expect(named.length).toBeGreaterThan(0);
      // Observed: the sanction's appealedBy names 'filed', which the answer leaves out.
      expect(named.filter((id: string) => !shown.has(id))).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
