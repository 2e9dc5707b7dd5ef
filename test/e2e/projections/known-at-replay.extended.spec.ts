/**
 * Bitemporal answers: the answer asked "as known at instant T" must equal the answer the live
 * system gave at T, for every read that takes knownAt; and the CLI must agree with HTTP.
 * Writes: appointment, grades, sanction, appeal upheld + rescission (remedy), graded appeal
 * with CORRECT_GRADE, back-dated removal, retraction of it, back-dated successor.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { databaseInstantBetween } from '../../support/db-clock';
import { poster } from './support';

const EDU = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

let api: ApiHarness;
const post = poster(() => api);
const cadre = (id: string, body: Record<string, unknown>) => post(`/v1/cadres/${id}/events`, body);

/** The questions, as HTTP paths (knownAt appended) and CLI args (--known-at appended). */
const QUESTIONS: Array<[string, string, string[]]> = [
  ['tenure', '/v1/cadres/C1/tenure?asOf=2020-06-30', ['tenure', 'C1', '--as-of', '2020-06-30']],
  ['eligibility', '/v1/eligibility/in-post-promotion?asOf=2020-06-30', ['eligibility', '--as-of', '2020-06-30']],
  ['eligibility one', '/v1/eligibility/in-post-promotion?asOf=2020-06-30&cadreId=C1', ['eligibility', '--as-of', '2020-06-30', '--cadre', 'C1']],
  ['candidates', '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2016-2020&asOf=2021-06-30', ['candidates', '--cycle', '2016-2020', '--as-of', '2021-06-30']],
  ['state', '/v1/cadres/C1/state?asOf=2020-06-30', []],
  ['findings', '/v1/findings?asOf=2021-06-30', ['findings', '--as-of', '2021-06-30']],
  ['findings 2017', '/v1/findings?asOf=2017-06-30', ['findings', '--as-of', '2017-06-30']],
  ['findings N4', '/v1/compliance/findings?rule=N4', ['findings', '--rule', 'N4']],
  ['findings N5', '/v1/compliance/findings?rule=N5', ['findings', '--rule', 'N5']],
  ['c2 state', '/v1/cadres/C2/state?asOf=2016-12-31', []],
  ['c2 history', '/v1/cadres/C2/history', ['history', 'C2']],
  ['c1 history', '/v1/cadres/C1/history?asOf=2020-06-30', ['history', 'C1', '--as-of', '2020-06-30']],
  ['c1 tenure now', '/v1/cadres/C1/tenure', []],
  ['c1 state 2018', '/v1/cadres/C1/state?asOf=2018-06-30', []],
  ['team-composition', '/v1/reports/team-composition?asOf=2020-06-30', ['report', 'team-composition', '--as-of', '2020-06-30']],
  ['focus-ledger', '/v1/reports/focus-ledger?asOf=2020-06-30', ['report', 'focus-ledger', '--as-of', '2020-06-30']],
  ['promotion-pool', '/v1/reports/promotion-pool?asOf=2020-06-30', ['report', 'promotion-pool', '--as-of', '2020-06-30']],
  ['secretary-seats', '/v1/reports/secretary-seats?asOf=2020-06-30', ['report', 'secretary-seats', '--as-of', '2020-06-30']],
  ['training', '/v1/reports/training?year=2019', ['report', 'training', '--year', '2019']],
  ['org-units', '/v1/org-units', ['org-units']],
];

/** Fields that name the question rather than the answer. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'knownAt' && k !== 'behind' && k !== 'streamRevision') out[k] = strip(v);
    return out;
  }
  return value;
}

interface Snapshot {
  step: string;
  /** recordedAt of the step's last write. */
  at: string;
  live: Record<string, { status: number; body: unknown }>;
}
const snapshots: Snapshot[] = [];
const withKnownAt = (path: string, knownAt: string) => `${path}${path.includes('?') ? '&' : '?'}knownAt=${encodeURIComponent(knownAt)}`;

async function snapshot(step: string): Promise<void> {
  const [row] = await api.db.sql`select max(recorded_at) as at from events`;
  const at = new Date(row!.at as Date).toISOString();
  const live: Snapshot['live'] = {};
  for (const [name, path] of QUESTIONS) {
    const r = await api.request('GET', path, { role: 'ADMIN' });
    live[name] = { status: r.status, body: strip(r.body) };
  }
  snapshots.push({ step, at, live });
  await databaseInstantBetween(api.db.sql);
}

const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

beforeAll(async () => {
  api = await startApi('known_at_replay');
  await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP', assessmentClass: 1 } });
  await post('/v1/org-units/T02/events', { id: 'reg-T02', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '绿水镇', kind: 'TOWNSHIP', assessmentClass: 1 } });
  await cadre('C1', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education: EDU } });
  await cadre('C2', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '赵六', gender: 'F', birthDate: '1990-04-01', education: EDU } });
  await snapshot('registered');
  await cadre('C1', { id: 'c1-sec', type: 'AppointedToPost', effectiveDate: '2010-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
  await cadre('C2', { id: 'c2-dep', type: 'AppointedToPost', effectiveDate: '2014-01-01', data: { orgUnitId: 'T01', role: 'DEPUTY_HEAD' } });
  for (let year = 2010; year <= 2020; year++) {
    await cadre('C1', { id: `c1-g${year}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${year + 1}-01-15`, data: { year, grade: year % 3 === 0 ? 'EXCELLENT' : 'COMPETENT' } });
  }
  await cadre('C1', { id: 'c1-train', type: 'TrainingCompleted', effectiveDate: '2019-05-01', data: { programme: '县委党校', level: 'COUNTY' } });
  await snapshot('appointed and graded');
  await cadre('C1', { id: 'c1-sanction', type: 'SanctionImposed', effectiveDate: '2020-03-01', documentRef: 'X纪〔2020〕5号', data: { sanctionId: 'S1', kind: 'MAJOR_DEMERIT', grounds: '据举报' } });
  await snapshot('sanctioned');
  await post('/v1/appeals/A1/events', { id: 'a1-filed', type: 'AppealFiled', effectiveDate: '2020-03-10', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'c1-sanction', stage: 'REVIEW', grounds: '系诬告', learnedOfDecisionDate: '2020-03-05' } }, 'APPEALS_OFFICER');
  await snapshot('appealed');
  await post('/v1/appeals/A1/events', { id: 'a1-decided', type: 'AppealDecided', effectiveDate: '2020-04-01', documentRef: '复〔2020〕1号', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '查无实据' }, remedy: { kind: 'RESCIND_SANCTION' } }, 'ADMIN');
  await snapshot('upheld and rescinded');
  await post('/v1/appeals/A2/events', { id: 'a2-filed', type: 'AppealFiled', effectiveDate: '2021-01-20', data: { appealId: 'A2', cadreId: 'C1', targetEventId: 'c1-g2020', stage: 'REVIEW', grounds: '考核不公', learnedOfDecisionDate: '2021-01-16' } }, 'APPEALS_OFFICER');
  await post('/v1/appeals/A2/events', { id: 'a2-decided', type: 'AppealDecided', effectiveDate: '2021-02-01', data: { appealId: 'A2', outcome: 'UPHELD', reasoning: '改定' }, remedy: { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' } }, 'ADMIN');
  await snapshot('grade corrected by appeal');
  await cadre('C1', { id: 'c1-removed', type: 'RemovedFromPost', effectiveDate: '2018-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY', reason: 'TRANSFER' } });
  await snapshot('back-dated removal');
  await cadre('C1', { id: 'c1-unremoved', type: 'EntryRetracted', effectiveDate: '2024-02-01', data: { targetEventId: 'c1-removed', reason: '录入错误' } });
  await snapshot('removal retracted');
  await cadre('C1', { id: 'c1-g2016-retracted', type: 'EntryRetracted', effectiveDate: '2024-02-02', data: { targetEventId: 'c1-g2016', reason: '录入错误' } });
  await snapshot('grade retracted');
  await cadre('C1', { id: 'c1-g2016-again', type: 'AnnualAssessmentRecorded', effectiveDate: '2017-01-15', data: { year: 2016, grade: 'EXCELLENT' } });
  await snapshot('grade re-recorded (back-dated)');
  await cadre('C1', { id: 'c1-sanction2', type: 'SanctionImposed', effectiveDate: '2019-10-01', documentRef: 'X纪〔2019〕9号', data: { sanctionId: 'S2', kind: 'ADMONISHMENT', grounds: '履职不力' } });
  await snapshot('back-dated second sanction');
  await cadre('C1', { id: 'c1-rescind2', type: 'SanctionRescinded', effectiveDate: '2021-03-01', documentRef: 'X纪〔2021〕1号', data: { sanctionId: 'S2', reason: 'CORRECTION' } });
  await snapshot('second sanction rescinded by correction');
  await cadre('C1', { id: 'c1-transfer', type: 'Transferred', effectiveDate: '2020-05-01', data: { from: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' }, to: { orgUnitId: 'T02', role: 'PARTY_SECRETARY' } } });
  await snapshot('back-dated transfer');
  await cadre('C2', { id: 'c2-sec', type: 'AppointedToPost', effectiveDate: '2020-05-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' }, override: { reason: '测试' } });
  await snapshot('back-dated successor');
  await cadre('C1', { id: 'c1-seat', type: 'RepresentativeSeatTaken', effectiveDate: '2019-01-01', data: { body: 'PEOPLES_CONGRESS', level: 'COUNTY' } });
  await snapshot('seat');
  await cadre('C2', { id: 'c2-g2016', type: 'AnnualAssessmentRecorded', effectiveDate: '2017-01-15', data: { year: 2016, grade: 'EXCELLENT' } });
  await snapshot('c2 graded');
  await cadre('C2', { id: 'c2-sanction-old', type: 'SanctionImposed', effectiveDate: '2016-06-01', documentRef: 'X纪〔2016〕3号', data: { sanctionId: 'S3', kind: 'MAJOR_DEMERIT', grounds: '迟报' } });
  await snapshot('c2 back-dated sanction after its grade (N4 finding)');
  await post('/v1/appeals/A3/events', { id: 'a3-filed', type: 'AppealFiled', effectiveDate: '2016-06-10', data: { appealId: 'A3', cadreId: 'C2', targetEventId: 'c2-sanction-old', stage: 'REVIEW', grounds: '不实', learnedOfDecisionDate: '2016-06-05' } }, 'APPEALS_OFFICER');
  await post('/v1/appeals/A3/events', { id: 'a3-decided', type: 'AppealDecided', effectiveDate: '2016-07-01', data: { appealId: 'A3', outcome: 'UPHELD', reasoning: '不实' } }, 'ADMIN');
  await snapshot('c2 appeal upheld without remedy');
  await cadre('C2', { id: 'c2-rescind', type: 'SanctionRescinded', effectiveDate: '2016-07-05', data: { sanctionId: 'S3', reason: 'APPEAL_UPHELD', appealId: 'A3' } });
  await snapshot('c2 remedy recorded');
}, 180_000);
afterAll(() => api?.close());

describe('as known at a write instant, the answer is what the live system said then', () => {
  it('HTTP: exactly at the last write of each step, and one ms before the next step', async () => {
    const departures: string[] = [];
    for (let i = 0; i < snapshots.length; i++) {
      const s = snapshots[i]!;
      const instants = [s.at, shift(s.at, 1)];
      const [next] = await api.db.sql`select min(recorded_at) as at from events where recorded_at > ${s.at}::timestamptz`;
      if (next?.at) instants.push(shift(new Date(next.at as Date).toISOString(), -1));
      for (const knownAt of instants) {
        for (const [name, path] of QUESTIONS) {
          const r = await api.request('GET', withKnownAt(path, knownAt), { role: 'ADMIN' });
          const got = { status: r.status, body: strip(r.body) };
          try {
            expect(got).toEqual(s.live[name]);
          } catch (e) {
            departures.push(`${s.step} @${knownAt} ${name}: ${String((e as Error).message).slice(0, 1500)}`);
          }
        }
      }
    }
    expect(departures).toEqual([]);
    const f = (step: string, q: string) => JSON.stringify((snapshots.find((x) => x.step === step)!.live[q]!.body as any).findings);
    expect(f('c2 graded', 'findings N4')).not.toContain('c2-g2016');
    expect(f('c2 back-dated sanction after its grade (N4 finding)', 'findings N4')).toContain('c2-g2016');
    expect(f('c2 appeal upheld without remedy', 'findings N5')).toContain('APPEAL_REMEDY_MISSING');
    expect(f('c2 remedy recorded', 'findings N5')).not.toContain('APPEAL_REMEDY_MISSING');
  }, 300_000);
});

describe('the CLI answers as known at T as HTTP does', () => {
  it.each(['sanctioned', 'back-dated removal', 'c2 back-dated sanction after its grade (N4 finding)', 'c2 appeal upheld without remedy'])('after step %s', async (step) => {
    const s = snapshots.find((x) => x.step === step)!;
    const departures: string[] = [];
    await Promise.all(
      QUESTIONS.filter(([, , args]) => args.length > 0).map(async ([name, path, args]) => {
        const [cli, http] = await Promise.all([runCli([...args, '--known-at', s.at, '--json'], { DATABASE_URL: api.db.url }), api.request('GET', withKnownAt(path, s.at), { role: 'ADMIN' })]);
        try {
          expect(cli.code).toBe(0);
          expect(JSON.parse(cli.stdout)).toEqual(http.body);
        } catch (e) {
          departures.push(`${name}: code ${cli.code} ${cli.stderr.slice(0, 300)} ${String((e as Error).message).slice(0, 1500)}`);
        }
      }),
    );
    expect(departures).toEqual([]);
  }, 300_000);
});
