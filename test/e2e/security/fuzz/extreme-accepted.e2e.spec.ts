/**
 * (A review, 2026-12-05) values the write routes accept at their extremes (dates at the ends of the calendar,
 * boundary numbers, odd but valid Unicode text) must be stored as sent and must not make any read
 * route (history, tenure, state, export, eligibility, candidates, findings, reports, roster) fail.
 */
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../../support/api-harness';
import { openApiDocument } from '../../../support/openapi';

const ODD_TEXT = ['\u202e镇\u202c', '张\u200b三', '😀👨‍👩‍👧', 'e\u0301', '𠀀𠀁', '\uffff', '\ufdd0', '\ue000', 'a\u2028b', 'x'.repeat(500), '"\\', '<script>', '　全角　'];
const DATES = ['0001-01-01', '1000-02-29', '1600-02-29', '1900-01-01', '1969-12-31', '1970-01-01', '2000-02-29', '2038-01-19', '2099-12-31', '2100-01-01', '9999-12-31'];
const NUMBERS = [0, -0, 100, 100.0, 99.99999999999999, 1e-7, 0.1, 2147483647, 2147483648, 9007199254740991, 1e21, -1, 1e308];

describe('extreme but accepted values', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('fuzz_extreme');
    await registerTownshipAndCadre(api);
  });
  afterAll(() => api?.close());

  it('stores what it accepts as sent, verifies, and every read route still answers below 500', async () => {
    const accepted: { id: string; data: unknown; effectiveDate: string }[] = [];
    let k = 0;
    const post = async (path: string, body: Record<string, unknown>) => {
      const id = `x-${++k}`;
      const r = await api.request('POST', path, { body: { id, ...body } });
      if (r.status >= 500) throw new Error(`${r.status} POST ${path} ${JSON.stringify(body).slice(0, 300)}: ${JSON.stringify(r.body).slice(0, 300)}`);
      if (r.status === 201) accepted.push({ id, data: body.data, effectiveDate: String(body.effectiveDate) });
      return r;
    };
    const log: string[] = [];
    // Cadres with extreme birth dates and odd names, registered on extreme dates.
    for (const [i, d] of DATES.entries()) {
      const r = await post(`/v1/cadres/X${i}/events`, { type: 'CadreRegistered', effectiveDate: DATES[(i + 3) % DATES.length], data: { name: ODD_TEXT[i % ODD_TEXT.length], gender: 'F', birthDate: d, workStartDate: DATES[(i + 5) % DATES.length], education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });
      log.push(`register X${i} born ${d}: ${r.status} ${r.body?.code ?? ''}`);
      for (const e of DATES) {
        const a = await post(`/v1/cadres/X${i}/events`, { type: 'AppointedToPost', effectiveDate: e, data: { orgUnitId: 'T01', role: i % 2 ? 'HEAD' : 'DEPUTY_HEAD' }, override: { reason: '测试' } });
        log.push(`appoint X${i} on ${e}: ${a.status} ${a.body?.code ?? ''}`);
      }
      await post(`/v1/cadres/X${i}/events`, { type: 'AnnualAssessmentRecorded', effectiveDate: '2021-12-31', data: { year: Number(d.slice(0, 4)), grade: 'EXCELLENT' }, override: { reason: '测试' } });
      await post(`/v1/cadres/X${i}/events`, { type: 'TrainingCompleted', effectiveDate: d, documentRef: ODD_TEXT[(i + 1) % ODD_TEXT.length], data: { programme: ODD_TEXT[(i + 2) % ODD_TEXT.length], level: 'COUNTY' } });
    }
    for (const [i, n] of NUMBERS.entries()) {
      await post('/v1/org-units/T01/events', { type: 'TownshipPerformanceScored', effectiveDate: `20${10 + i}-12-31`, data: { year: 2010 + i, score: n } });
      await post('/v1/org-units/T01/events', { type: 'TownshipPerformanceScored', effectiveDate: '2030-12-31', data: { year: n, score: 80 } });
    }
    process.stdout.write(`extreme: ${accepted.length} accepted\n${log.filter((l) => l.startsWith("register") || !l.includes("201")).slice(0, 40).join('\n')}\n`);

    const changed: string[] = [];
    for (const a of accepted) {
      const row = (await api.db.sql`select data, effective_date::text as d from events where event_id = ${a.id}`)[0];
      const expected = JSON.parse(JSON.stringify(a.data), (_k, v) => (typeof v === 'string' ? v.trim() : v));
      if (JSON.stringify(row?.data) !== JSON.stringify(expected) && JSON.stringify(Object.fromEntries(Object.entries(row?.data ?? {}).sort())) !== JSON.stringify(Object.fromEntries(Object.entries(expected ?? {}).sort())))
        changed.push(`${a.id}: sent ${JSON.stringify(a.data)} stored ${JSON.stringify(row?.data)}`);
      if (row?.d !== a.effectiveDate) changed.push(`${a.id}: effectiveDate sent ${a.effectiveDate} stored ${row?.d}`);
    }

    const spec = await openApiDocument(api);
    const failures: string[] = [];
    const values: Record<string, string> = { asOf: '2021-06-30', cycle: '2021-2025', year: '2021', township: 'T01', on: '2021-06-30' };
    for (const [path, byMethod] of Object.entries(spec.paths)) {
      const op = (byMethod as any).get;
      if (!op) continue;
      const required = (op.parameters ?? []).filter((p: any) => p.in === 'query' && p.required).map((p: any) => p.name);
      const names = (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name as string);
      for (const cadre of ['C1', ...DATES.map((_, i) => `X${i}`)]) {
        for (const asOf of ['2021-06-30', '9999-12-31', '0001-01-02', '2100-01-01']) {
          const q = names.filter((n: string) => n in values || required.includes(n)).map((n: string) => `${n}=${n === 'asOf' || n === 'on' ? asOf : (values[n] ?? 'x')}`);
          const url = `${path.replace(/\{[^}]+\}/g, path.includes('reports') ? 'team-composition' : cadre)}${q.length ? `?${q.join('&')}` : ''}`;
          try {
            const r = await api.request('GET', url, { role: 'ADMIN' });
            if (r.status >= 500) failures.push(`${r.status} GET ${url}: ${JSON.stringify(r.body).slice(0, 250)}`);
          } catch (e) {
            failures.push(`GET ${url}: ${(e as Error).message.slice(0, 300)}`);
          }
          if (!names.includes('asOf') && !names.includes('on')) break;
        }
        if (!path.includes('{')) break;
      }
    }
    for (const n of ['team-composition', 'promotion-pool', 'focus-ledger', 'secretary-seats', 'recommendations']) {
      for (const asOf of ['9999-12-31', '0001-01-02']) {
        const r = await api.request('GET', `/v1/reports/${n}?asOf=${asOf}`, { role: 'ADMIN' }).catch((e) => ({ status: 999, body: String(e).slice(0, 200) }));
        if (r.status >= 500) failures.push(`${r.status} GET /v1/reports/${n}?asOf=${asOf}: ${JSON.stringify(r.body).slice(0, 250)}`);
      }
    }
    const verify = await api.request('GET', '/v1/audit/verify', { role: 'AUDITOR' });
    expect({ failures: [...new Set(failures)].slice(0, 20), changed, verify: verify.body.ok }).toEqual({ failures: [], changed: [], verify: true });
  }, 170_000);
});
