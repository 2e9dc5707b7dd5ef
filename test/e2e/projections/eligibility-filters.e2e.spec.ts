/**
 * The TM6b list narrowed to one township and to those who are (or are not) eligible, over HTTP and
 * the CLI (found by a province-scale review: 600 – 2,000 chiefs in one answer, where the department
 * reviews promotions township by township). Each narrowed list is exactly the whole list's entries
 * that pass the filter, in its order.
 */
import { generateCounty } from '@ledger/generator';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { importAllLines } from '../../support/import-lines';
import { runCli } from '../../support/run-cli';
import { waitForProjections } from '../../support/projections';

const AS_OF = '2025-12-31';
let api: ApiHarness;
let env: Record<string, string>;

beforeAll(async () => {
  api = await startApi('eligibility_filters');
  await importAllLines(api, generateCounty({ townships: 4, years: 14, seed: 61, endYear: 2025 }), AS_OF);
  await waitForProjections(api.db, 60_000);
  env = { DATABASE_URL: api.db.url };
}, 240_000);
afterAll(() => api?.close());

const ask = async (query: string) => api.request('GET', `/v1/eligibility/in-post-promotion?asOf=${AS_OF}${query}`, { role: 'ORG_DEPT' });
type Entry = { cadreId: string; eligible: boolean; chiefPosts: { orgUnitId: string }[] };

describe('GET /v1/eligibility/in-post-promotion?township=&eligible=', () => {
  it('given the whole list, when narrowed to a township, to the eligible or to the others, then each answer is the whole list’s entries that pass, in order, and says its filter', async () => {
    const whole = await ask('');
    expect(whole.status).toBe(200);
    const all = whole.body.cadres as Entry[];
    expect(whole.body.township).toBeUndefined(); // no filter asked: the list as it always was
    expect(all.some((c) => c.eligible)).toBe(true);
    expect(all.some((c) => !c.eligible)).toBe(true);
    const township = all[0]!.chiefPosts[0]!.orgUnitId;
    const ids = (entries: Entry[]) => entries.map((c) => c.cadreId);

    const inTownship = await ask(`&township=${township}`);
    expect(inTownship.body).toMatchObject({ township, eligibleOnly: null });
    expect(ids(inTownship.body.cadres)).toEqual(ids(all.filter((c) => c.chiefPosts.some((p) => p.orgUnitId === township))));
    expect(inTownship.body.cadres.length).toBeLessThan(all.length);

    expect(ids((await ask('&eligible=true')).body.cadres)).toEqual(ids(all.filter((c) => c.eligible)));
    expect(ids((await ask('&eligible=false')).body.cadres)).toEqual(ids(all.filter((c) => !c.eligible)));
    const both = await ask(`&township=${township}&eligible=true`);
    expect(both.body).toMatchObject({ township, eligibleOnly: true });
    expect(ids(both.body.cadres)).toEqual(ids(all.filter((c) => c.eligible && c.chiefPosts.some((p) => p.orgUnitId === township))));
  });

  it('refuses a township the ledger does not know (404), a unit that is no township (400), and an eligible that is not true or false (400)', async () => {
    expect(await ask('&township=NOWHERE')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    const units = (await api.request('GET', '/v1/org-units', { role: 'ORG_DEPT' })).body.orgUnits as { orgUnitId: string; kind: string }[];
    const department = units.find((u) => u.kind !== 'TOWNSHIP');
    expect(department).toBeDefined();
    expect(await ask(`&township=${department!.orgUnitId}`)).toMatchObject({ status: 400, body: { field: 'township' } });
    expect(await ask('&eligible=yes')).toMatchObject({ status: 400, body: { field: 'eligible' } });
  });
});

describe('CLI eligibility --township --eligible --not-eligible', () => {
  it('lists the same cadres as the API, says the filter in its first line, and names a wrong township as the option', async () => {
    const all = (await ask('')).body.cadres as Entry[];
    const township = all[0]!.chiefPosts[0]!.orgUnitId;
    const json = await runCli(['eligibility', '--as-of', AS_OF, '--township', township, '--eligible', '--json'], env);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout).cadres as Entry[]).map((c) => c.cadreId)).toEqual(all.filter((c) => c.eligible && c.chiefPosts.some((p) => p.orgUnitId === township)).map((c) => c.cadreId));
    const human = await runCli(['eligibility', '--as-of', AS_OF, '--not-eligible'], env);
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n')[0]).toMatch(new RegExp(`，不符合\\S+条件的乡镇党政正职 ${all.filter((c) => !c.eligible).length} 人。$`));
    const wrong = await runCli(['eligibility', '--township', 'NOWHERE'], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('--township');
    const both = await runCli(['eligibility', '--eligible', '--not-eligible'], env);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('错误：选项 --eligible 与 --not-eligible 不能同时使用');
  }, 60_000);
});
