/**
 * Bitemporal answers: knownAt forms (offsets, bare dates, local times, future), knownAt before the
 * cadre existed, asOf before the first event, history as known at T vs live at T; HTTP vs CLI.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { databaseInstantBetween } from '../../support/db-clock';
import { poster } from './support';
import { shanghaiDateOf } from '@ledger/domain';

const EDU = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
let api: ApiHarness;
const post = poster(() => api);
const cadre = (id: string, body: Record<string, unknown>) => post(`/v1/cadres/${id}/events`, body);
const get = (path: string) => api.request('GET', path, { role: 'ADMIN' });
const ka = (path: string, knownAt: string) => `${path}${path.includes('?') ? '&' : '?'}knownAt=${encodeURIComponent(knownAt)}`;
const recordedAt = async (eventId: string) => new Date((await api.db.sql`select recorded_at from events where event_id = ${eventId}`)[0]!.recorded_at as Date).toISOString();
const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
/** An instant in another offset, same moment. */
const inOffset = (iso: string, minutes: number, colon = true) => {
  const local = new Date(Date.parse(iso) + minutes * 60_000).toISOString().slice(0, 23);
  const sign = minutes >= 0 ? '+' : '-';
  const a = Math.abs(minutes);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  return `${local}${sign}${hh}${colon ? ':' : ''}${mm}`;
};
const strip = (v: any): any => {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'knownAt' && k !== 'behind' && k !== 'streamRevision').map(([k, x]) => [k, strip(x)]));
  return v;
};

let beforeAny: string;
let afterRegistration: string;
let liveHistoryAfterSanction: any;
let liveHistoryAfterRescission: any;
let afterSanction: string;
let afterRescission: string;

beforeAll(async () => {
  api = await startApi('known_at_edges');
  await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
  beforeAny = await databaseInstantBetween(api.db.sql);
  await cadre('C1', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education: EDU } });
  afterRegistration = await databaseInstantBetween(api.db.sql);
  await cadre('C1', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  for (let year = 2010; year <= 2020; year++) {
    await cadre('C1', { id: `c1-g${year}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${year + 1}-01-15`, data: { year, grade: year % 2 === 0 ? 'EXCELLENT' : 'COMPETENT' } });
  }
  await cadre('C1', { id: 'c1-sanction', type: 'SanctionImposed', effectiveDate: '2020-03-01', documentRef: 'X纪〔2020〕5号', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '据举报' } });
  liveHistoryAfterSanction = (await get('/v1/cadres/C1/history')).body;
  afterSanction = await databaseInstantBetween(api.db.sql);
  await post('/v1/appeals/A1/events', { id: 'a1-filed', type: 'AppealFiled', effectiveDate: '2020-03-10', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'c1-sanction', stage: 'REVIEW', grounds: '系诬告', learnedOfDecisionDate: '2020-03-05' } }, 'APPEALS_OFFICER');
  await post('/v1/appeals/A1/events', { id: 'a1-decided', type: 'AppealDecided', effectiveDate: '2020-04-01', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '查无实据' }, remedy: { kind: 'RESCIND_SANCTION' } }, 'ADMIN');
  liveHistoryAfterRescission = (await get('/v1/cadres/C1/history')).body;
  afterRescission = await databaseInstantBetween(api.db.sql);
}, 120_000);
afterAll(() => api?.close());

describe('knownAt forms', () => {
  it('the same instant in +08:00, -05:00, +0800 and Beijing local time without offset gives the answer of the Z form', async () => {
    const at = await recordedAt('c1-sanction');
    for (const instant of [at, shift(at, -1)]) {
      const path = '/v1/eligibility/in-post-promotion?asOf=2020-06-30';
      const base = await get(ka(path, instant));
      expect(base.status).toBe(200);
      const local = inOffset(instant, 480).slice(0, 23);
      for (const form of [inOffset(instant, 480), inOffset(instant, -300), inOffset(instant, 480, false), local]) {
        const r = await get(ka(path, form));
        expect({ form, status: r.status, body: r.body }).toEqual({ form, status: 200, body: base.body });
      }
    }
  });

  it('a bare date of yesterday (Beijing) knows nothing recorded today: tenure, history and state are 404 over HTTP, the CLI says no record too', async () => {
    const yesterday = shanghaiDateOf(Date.now() - 86_400_000);
    for (const path of ['/v1/cadres/C1/tenure?asOf=2020-06-30', '/v1/cadres/C1/history', '/v1/cadres/C1/state?asOf=2020-06-30', '/v1/eligibility/in-post-promotion?asOf=2020-06-30&cadreId=C1']) {
      const r = await get(ka(path, yesterday));
      expect({ path, status: r.status }).toEqual({ path, status: 404 });
    }
    for (const args of [['tenure', 'C1', '--as-of', '2020-06-30'], ['history', 'C1'], ['eligibility', '--as-of', '2020-06-30', '--cadre', 'C1']]) {
      const cli = await runCli([...args, '--known-at', yesterday, '--json'], { DATABASE_URL: api.db.url });
      expect({ args, code: cli.code, stdout: cli.stdout }).toEqual({ args, code: 1, stdout: '' });
      expect(JSON.parse(cli.stderr.trim().split('\n').pop()!).error.code).toBe('NOT_FOUND');
    }
  }, 120_000);

  it('knownAt after the org unit but before the cadre: every per-cadre read is 404 (HTTP and CLI alike)', async () => {
    for (const knownAt of [beforeAny, shift(beforeAny, 0)]) {
      for (const path of ['/v1/cadres/C1/tenure?asOf=2020-06-30', '/v1/cadres/C1/history', '/v1/cadres/C1/state?asOf=2020-06-30', '/v1/eligibility/in-post-promotion?asOf=2020-06-30&cadreId=C1']) {
        const r = await get(ka(path, knownAt));
        expect({ path, status: r.status }).toEqual({ path, status: 404 });
      }
    }
    const [tenure, history] = await Promise.all([
      runCli(['tenure', 'C1', '--known-at', beforeAny, '--json'], { DATABASE_URL: api.db.url }),
      runCli(['history', 'C1', '--known-at', beforeAny, '--json'], { DATABASE_URL: api.db.url }),
    ]);
    expect([tenure.code, history.code]).toEqual([1, 1]);
  }, 120_000);

  it('registered but not yet appointed: tenure as known then is 200 with no posts, eligibility for the cadre is empty, not 404', async () => {
    const t = await get(ka('/v1/cadres/C1/tenure?asOf=2020-06-30', afterRegistration));
    expect(t.status).toBe(200);
    expect(t.body.posts).toEqual([]);
    const e = await get(ka('/v1/eligibility/in-post-promotion?asOf=2020-06-30&cadreId=C1', afterRegistration));
    expect(e.status).toBe(200);
    expect(e.body.cadres).toEqual([]);
  });

  it('a knownAt in the future is answered as known now: its knownAt is no later than the answer, and equals the answer asked without knownAt', async () => {
    for (const future of ['2099-12-31', '2099-12-31T23:59:59.999+08:00', shanghaiDateOf(Date.now())]) {
      const before = Date.now();
      const r = await get(ka('/v1/cadres/C1/tenure?asOf=2020-06-30', future));
      const after = Date.now();
      expect(r.status).toBe(200);
      expect(Date.parse(r.body.knownAt)).toBeGreaterThanOrEqual(before - 5);
      expect(Date.parse(r.body.knownAt)).toBeLessThanOrEqual(after);
      expect(strip(r.body)).toEqual(strip((await get('/v1/cadres/C1/tenure?asOf=2020-06-30')).body));
    }
  });
});

describe('asOf before the first event', () => {
  it('tenure on a date before the appointment: no posts, zero days, no runs (HTTP == CLI)', async () => {
    const r = await get('/v1/cadres/C1/tenure?asOf=2005-01-01');
    expect(r.status).toBe(200);
    expect({ posts: r.body.posts, w: r.body.townshipWorkDays, l: r.body.townshipLeadershipDays, s: r.body.partySecretaryRun ?? null, c: r.body.chiefRun ?? null }).toEqual({ posts: [], w: 0, l: 0, s: null, c: null });
    const cli = await runCli(['tenure', 'C1', '--as-of', '2005-01-01', '--json'], { DATABASE_URL: api.db.url });
    expect(JSON.parse(cli.stdout)).toEqual(r.body);
  }, 60_000);

  it('history on a date before the registration lists nothing effective then (every event is later)', async () => {
    const r = await get('/v1/cadres/C1/history?asOf=1999-01-01');
    expect(r.status).toBe(200);
    const cli = await runCli(['history', 'C1', '--as-of', '1999-01-01', '--json'], { DATABASE_URL: api.db.url });
    expect(JSON.parse(cli.stdout)).toEqual(r.body);
  }, 60_000);
});

describe('history as known at T equals the live history at T (TM9: the sanction shows before the rescission was recorded)', () => {
  it('after the sanction, before the appeal', async () => {
    const r = await get(ka('/v1/cadres/C1/history', afterSanction));
    expect(r.status).toBe(200);
    expect(strip(r.body)).toEqual(strip(liveHistoryAfterSanction));
  });
  it('after the rescission', async () => {
    const r = await get(ka('/v1/cadres/C1/history', afterRescission));
    expect(strip(r.body)).toEqual(strip(liveHistoryAfterRescission));
  });
  it('TM6b as known after the sanction: not eligible (sanction running); after the rescission: eligible', async () => {
    const e1 = await get(ka('/v1/eligibility/in-post-promotion?asOf=2020-06-30&cadreId=C1', afterSanction));
    const e2 = await get(ka('/v1/eligibility/in-post-promotion?asOf=2020-06-30&cadreId=C1', afterRescission));
    expect([e1.body.cadres[0]?.eligible, e2.body.cadres[0]?.eligible]).toEqual([false, true]);
  });
});

describe('score corrections recorded later (TM10 ranking, TM7 reminder talks)', () => {
  it('as known before a score correction, the old score ranks; after it, the corrected one', async () => {
    await post('/v1/org-units/T02/events', { id: 'reg-T02', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '绿水镇', kind: 'TOWNSHIP' } });
    const beforeT03 = await databaseInstantBetween(api.db.sql);
    await post('/v1/org-units/T03/events', { id: 'reg-T03', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '白云镇', kind: 'TOWNSHIP' } });
    await cadre('C2', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '赵六', gender: 'F', birthDate: '1976-04-01', education: EDU } });
    await cadre('C2', { id: 'c2-sec', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T02', role: 'PARTY_SECRETARY' } });
    for (let year = 2010; year <= 2020; year++) {
      await cadre('C2', { id: `c2-g${year}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${year + 1}-01-15`, data: { year, grade: year % 2 === 0 ? 'EXCELLENT' : 'COMPETENT' } });
    }
    await post('/v1/org-units/T01/events', { id: 'score-T01', type: 'TownshipPerformanceScored', effectiveDate: '2021-01-20', data: { year: 2020, score: 80 } });
    await post('/v1/org-units/T02/events', { id: 'score-T02', type: 'TownshipPerformanceScored', effectiveDate: '2021-01-20', data: { year: 2020, score: 90 } });
    const beforeCorrection = await databaseInstantBetween(api.db.sql);
    const cand = '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2016-2020&asOf=2021-06-30';
    const liveBefore = (await get(cand)).body;
    const liveTalksBefore = (await get('/v1/reports/reminder-talks?year=2020')).body;
    await post('/v1/org-units/T01/events', { id: 'score-T01-fix', type: 'TownshipPerformanceScored', effectiveDate: '2021-02-20', data: { year: 2020, score: 95, correctsEventId: 'score-T01', correctionReason: '核算错误' } });
    const liveAfter = (await get(cand)).body;
    expect(liveBefore.candidates.map((c: any) => c.cadreId)).toEqual(['C2', 'C1']);
    expect(liveAfter.candidates.map((c: any) => c.cadreId)).toEqual(['C1', 'C2']);
    expect(strip((await get(ka(cand, beforeCorrection))).body)).toEqual(strip(liveBefore));
    expect(strip((await get(ka('/v1/reports/reminder-talks?year=2020', beforeCorrection))).body)).toEqual(strip(liveTalksBefore));
    const cli = await runCli(['candidates', '--cycle', '2016-2020', '--as-of', '2021-06-30', '--known-at', beforeCorrection, '--json'], { DATABASE_URL: api.db.url });
    expect(strip(JSON.parse(cli.stdout))).toEqual(strip(liveBefore));
    // A township filter naming a unit registered after knownAt: 404 (the ledger did not know it then).
    for (const path of ['/v1/findings?township=T03', '/v1/reports/team-composition?asOf=2020-06-30&township=T03']) {
      const r = await get(ka(path, beforeT03));
      expect({ path, status: r.status }).toEqual({ path, status: 404 });
    }
    const dir = (await get(ka('/v1/org-units', beforeT03))).body.orgUnits.map((u: any) => u.orgUnitId);
    expect(dir).toEqual(['T01', 'T02']);
  }, 120_000);
});

describe('CLI human text names the instant it answered as known at', () => {
  it('the instant shown (按 … 所知), asked again, gives the same answer', async () => {
    const rows = await api.db.sql`select event_id, recorded_at from events where stream_id = 'cadre-C1' and extract(milliseconds from recorded_at)::int % 1000 <> 0 order by global_position limit 1`;
    const at = new Date(rows[0]!.recorded_at as Date).toISOString();
    const cli = await runCli(['history', 'C1', '--known-at', at], { DATABASE_URL: api.db.url });
    expect(cli.code).toBe(0);
    const shown = /按 (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ([+-]\d{2}:\d{2}) 所知/.exec(cli.stdout);
    expect(shown).not.toBeNull();
    const again = `${shown![1]}T${shown![2]}${shown![3]}`;
    const [a, b] = await Promise.all([get(ka('/v1/cadres/C1/history', at)), get(ka('/v1/cadres/C1/history', again))]);
    expect({ again, status: b.status, events: b.body?.events?.length }).toEqual({ again, status: a.status, events: a.body?.events?.length });
    // The shown text itself, copied as it is, is read back by the CLI as the same instant.
    const copied = await runCli(['history', 'C1', '--known-at', `${shown![1]} ${shown![2]} ${shown![3]}`, '--json'], { DATABASE_URL: api.db.url });
    expect(copied.code).toBe(0);
    expect(JSON.parse(copied.stdout).events.length).toBe(a.body.events.length);
  }, 60_000);
});

describe('knownAt forms in the CLI read as HTTP reads them', () => {
  it('offsets without colon, Beijing local time without offset or seconds, a bare date', async () => {
    const at = await recordedAt('c1-sanction');
    const local = inOffset(at, 480).slice(0, 23);
    const forms = [inOffset(at, 480, false), local, local.slice(0, 16), inOffset(at, -300), shanghaiDateOf(Date.now() - 86_400_000)];
    const departures: unknown[] = [];
    await Promise.all(
      forms.map(async (form) => {
        const [cli, http] = await Promise.all([
          runCli(['eligibility', '--as-of', '2020-06-30', '--known-at', form, '--json'], { DATABASE_URL: api.db.url }),
          get(ka('/v1/eligibility/in-post-promotion?asOf=2020-06-30', form)),
        ]);
        if (cli.code !== 0 || http.status !== 200 || JSON.stringify(JSON.parse(cli.stdout)) !== JSON.stringify(http.body)) departures.push({ form, cli: cli.code, err: cli.stderr.slice(0, 300), http: http.status });
      }),
    );
    expect(departures).toEqual([]);
  }, 120_000);

  it('extreme but valid or invalid knownAt values are answered (200) or refused (400), never a 500', async () => {
    const values = ['0001-01-01', '1900-01-01T00:00:00-12:00', '1969-12-31T23:59:59.999Z', '9999-12-31', '2024-01-31T24:00:00Z', '2024-01-31T23:59:60Z', '2024-01-31T08:00:00+23:59', '2024-01-31T08:00:00+99:99', '2024-02-29T08:00:00.999999+08:00', '2023-02-29', '+002024-01-31', '2024-01-31T08:00:00.000+08'];
    const paths = ['/v1/cadres/C1/tenure?asOf=2020-06-30', '/v1/cadres/C1/history', '/v1/eligibility/in-post-promotion?asOf=2020-06-30', '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2016-2020', '/v1/findings', '/v1/reports/training?year=2020', '/v1/org-units', '/v1/cadres/C1/state?asOf=2020-06-30'];
    const bad: unknown[] = [];
    for (const v of values) for (const p of paths) {
      const r = await get(ka(p, v));
      if (r.status >= 500) bad.push({ v, p, status: r.status, body: r.body });
    }
    expect(bad).toEqual([]);
  }, 120_000);
});
