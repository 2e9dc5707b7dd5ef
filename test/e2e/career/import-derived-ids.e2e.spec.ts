/**
 * README: `--dry-run` "decides every line as the real run would and writes nothing". An event id
 * the ledger derives from a line's id (a post-holder marker `<id>:<orgUnit>:<role>` on the org
 * unit's stream, P2; an upheld appeal's remedy `<id>:rescind`) is taken once the line is stored:
 * a later line of the same file reusing it is EVENT_ID_CONFLICT in the real run. Found by a review:
 * the dry run remembered only the lines' own ids, and accepted that line.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const L = (o: unknown) => JSON.stringify(o);

describe('dry run vs real run: a later line reusing an id the ledger derived from an earlier line', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('import_derived_ids');
  });
  afterAll(() => api.close());
  const send = (body: string, dryRun: boolean) => api.request('POST', `/v1/import?dryRun=${dryRun}`, { role: 'ADMIN', rawBody: body, headers: { 'content-type': 'application/x-ndjson' } });
  const verdicts = (body: { rejected: { line: number; code: string }[]; accepted: number }) => ({ accepted: body.accepted, rejected: body.rejected.map((r) => [r.line, r.code]) });

  it('given an appointment as party secretary (its post-holder marker a-sec:T1:PARTY_SECRETARY) and a later line with the marker’s id, then the dry run rejects that line as the real run does', async () => {
    const file =
      [
        L({ id: 'ou', type: 'OrgUnitRegistered', orgUnitId: 'T1', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } }),
        L({ id: 'reg-a', type: 'CadreRegistered', cadreId: 'A', effectiveDate: '2000-01-01', data: { name: '周一', gender: 'M', birthDate: '1975-01-01', education } }),
        L({ id: 'a-sec', type: 'AppointedToPost', cadreId: 'A', effectiveDate: '2016-03-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' } }),
        L({ id: 'a-sec:T1:PARTY_SECRETARY', type: 'TrainingCompleted', cadreId: 'A', effectiveDate: '2017-01-01', data: { programme: '乡镇干部培训班', level: 'COUNTY' } }),
      ].join('\n') + '\n';
    const dry = await send(file, true);
    expect(Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n)).toBe(0);
    const real = await send(file, false);
    expect(verdicts(real.body)).toEqual({ accepted: 3, rejected: [[4, 'EVENT_ID_CONFLICT']] });
    expect(verdicts(dry.body)).toEqual(verdicts(real.body));
  });
});
