/**
 * Read your writes (issue 15): an answer given after a write was acknowledged reflects it, or says
 * explicitly that it is behind. The case that made it flaky: another connection holds a
 * transaction with a transaction id open while the API records an event. Catch-up readers may not
 * pass it (it could still commit below what they read), so the projections cannot apply the new
 * event until it ends; a one-shot read of the store (a cadre's state "as known at") can, since one
 * snapshot skips nothing. Answers from the read models, "as known at" ones included, say so.
 */
import postgres from 'postgres';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

const TIMEOUT_MS = 1500;

describe('read your writes', () => {
  let api: ApiHarness;
  const post = async (path: string, body: unknown) => {
    const r = await api.request('POST', path, { role: 'CLERK', body });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const eligibilityOf = async (cadreId: string, query = '') => {
    const r = await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=2022-06-30${query}`, { role: 'ORG_DEPT' });
    expect(r.status).toBe(200);
    return { entry: r.body.cadres.find((c: { cadreId: string }) => c.cadreId === cadreId), body: r.body, header: r.headers.get('x-ledger-behind') };
  };

  /** A township party secretary since 2012 with ten graded years, two of them EXCELLENT: eligible (TM6b) on 2022-06-30. */
  async function eligibleSecretary(cadreId: string, townshipId: string): Promise<void> {
    await post(`/v1/org-units/${townshipId}/events`, { id: `reg-${townshipId}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `${townshipId}镇`, kind: 'TOWNSHIP' } });
    await post(`/v1/cadres/${cadreId}/events`, {
      id: `reg-${cadreId}`,
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: '赵六', gender: 'M', birthDate: '1975-04-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    });
    await post(`/v1/cadres/${cadreId}/events`, { id: `${cadreId}-secretary`, type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: townshipId, role: 'PARTY_SECRETARY' } });
    for (let year = 2012; year <= 2021; year++) {
      await post(`/v1/cadres/${cadreId}/events`, {
        id: `${cadreId}-grade-${year}`,
        type: 'AnnualAssessmentRecorded',
        effectiveDate: `${year + 1}-01-15`,
        data: { year, grade: year === 2015 || year === 2019 ? 'EXCELLENT' : 'COMPETENT' },
      });
    }
  }
  const sanction = (cadreId: string) =>
    post(`/v1/cadres/${cadreId}/events`, {
      id: `${cadreId}-sanction`,
      type: 'SanctionImposed',
      effectiveDate: '2022-03-01',
      documentRef: 'X纪〔2022〕9号',
      data: { sanctionId: `S-${cadreId}`, kind: 'WARNING', grounds: '经查属实' },
    });

  beforeAll(async () => {
    api = await startApi('read_your_writes', {}, { READ_YOUR_WRITES_TIMEOUT_MS: String(TIMEOUT_MS) });
  });
  afterAll(() => api.close());

  it('reflects each write in the very next answer of the read models', async () => {
    for (let i = 1; i <= 8; i++) {
      const cadreId = `N${i}`;
      await post(`/v1/org-units/TN${i}/events`, { id: `reg-TN${i}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `新${i}镇`, kind: 'TOWNSHIP' } });
      await post(`/v1/cadres/${cadreId}/events`, {
        id: `reg-${cadreId}`,
        type: 'CadreRegistered',
        effectiveDate: '2000-01-01',
        data: { name: `新干部${i}`, gender: 'F', birthDate: '1980-01-01', education: { level: 'MASTER', fullTime: true, doubleFirstClass: true } },
      });
      const written = await post(`/v1/cadres/${cadreId}/events`, { id: `${cadreId}-head`, type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: `TN${i}`, role: 'HEAD' } });
      expect(written.position).toEqual(written.events[written.events.length - 1].position); // the post-holder marker (P2) comes last
      const tenure = await api.request('GET', `/v1/cadres/${cadreId}/tenure?asOf=2022-06-30`, { role: 'ORG_DEPT' });
      expect([tenure.status, tenure.body.behind, tenure.headers.get('x-ledger-behind')]).toEqual([200, undefined, null]);
      expect(tenure.body.posts.map((p: { orgUnitId: string; role: string }) => [p.orgUnitId, p.role])).toEqual([[`TN${i}`, 'HEAD']]);
    }
  });

  it('the roster lists a cadre and the post recorded just before, as every other answer (found by a review: it read the tables at once)', async () => {
    for (let i = 1; i <= 4; i++) {
      const cadreId = `R${i}`;
      await post(`/v1/org-units/TR${i}/events`, { id: `reg-TR${i}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `名册${i}镇`, kind: 'TOWNSHIP' } });
      await post(`/v1/cadres/${cadreId}/events`, {
        id: `reg-${cadreId}`,
        type: 'CadreRegistered',
        effectiveDate: '2000-01-01',
        data: { name: `名册干部${i}`, gender: 'M', birthDate: '1982-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
      });
      await post(`/v1/cadres/${cadreId}/events`, { id: `${cadreId}-head`, type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: `TR${i}`, role: 'HEAD' } });
      const roster = await api.request('GET', `/v1/cadres?asOf=2022-06-30&ids=${cadreId}`, { role: 'ORG_DEPT' });
      expect([roster.status, roster.body.behind, roster.headers.get('x-ledger-behind')]).toEqual([200, undefined, null]);
      expect(roster.body.items).toEqual([expect.objectContaining({ cadreId, name: `名册干部${i}` })]);
      expect(JSON.stringify(roster.body.items[0])).toContain(`TR${i}`);
    }
  });

  it('is never silently stale while another transaction holds the read horizon back', async () => {
    await eligibleSecretary('C1', 'T01');
    const before = await eligibilityOf('C1');
    expect([before.entry?.eligible, before.body.behind]).toEqual([true, undefined]);

    const holder = postgres(api.db.url, { max: 1, onnotice: () => undefined });
    const held = await holder.reserve();
    try {
      await held`begin`;
      await held`select pg_current_xact_id()`; // a transaction id, older than the write to come
      const written = await sanction('C1');
      expect(written.status).toBe('APPENDED');

      // As known now: from the read models too (issue 12: no replay of the store), so it says it is behind.
      const knownNow = await eligibilityOf('C1', `&knownAt=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`);
      expect(knownNow.body.behind).toMatchObject({ projections: expect.arrayContaining(['cadre-careers']), requiredPosition: written.position });
      expect(knownNow.header).toMatch(/^\d+; .*cadre-careers/);
      const state = await api.request('GET', '/v1/cadres/C1/state?asOf=2022-06-30', { role: 'AUDITOR' });
      expect(state.body.eligibility.eligible).toBe(false);

      // From the read models: they cannot pass the open transaction, and the answer says so.
      const current = await eligibilityOf('C1');
      expect(current.body.behind).toMatchObject({ projections: expect.arrayContaining(['cadre-careers']), requiredPosition: written.position });
      expect(current.body.behind.events).toBeGreaterThanOrEqual(1);
      expect(current.body.behind.waitedMs).toBeGreaterThanOrEqual(TIMEOUT_MS);
      expect(current.header).toMatch(/^\d+; .*cadre-careers/);
      const findings = await api.request('GET', '/v1/findings', { role: 'ORG_DEPT' });
      expect(findings.body.behind).toMatchObject({ projections: expect.arrayContaining(['compliance']) });
      expect(findings.headers.get('x-ledger-behind')).toMatch(/compliance/);

      // The CLI, which applies the projections itself, is held back the same way and says so too.
      const cli = await runCli(['eligibility', '--as-of', '2022-06-30', '--cadre', 'C1', '--json'], { DATABASE_URL: api.db.url, READ_YOUR_WRITES_TIMEOUT_MS: String(TIMEOUT_MS) });
      expect(cli.code).toBe(0);
      expect(JSON.parse(cli.stdout).behind).toMatchObject({ requiredPosition: written.position });
      expect(cli.stderr).toContain('仍差');
    } finally {
      await held`commit`.catch(() => undefined);
      held.release();
      await holder.end();
    }

    // Once the transaction ends, the next answer reflects the write and is not behind.
    const after = await eligibilityOf('C1');
    expect([after.entry.eligible, after.body.behind, after.header]).toEqual([false, undefined, null]);
    const cli = await runCli(['eligibility', '--as-of', '2022-06-30', '--cadre', 'C1', '--json'], { DATABASE_URL: api.db.url });
    expect(JSON.parse(cli.stdout)).toMatchObject({ cadres: [{ cadreId: 'C1', eligible: false }] });
    expect(JSON.parse(cli.stdout).behind).toBeUndefined();
  });
});
