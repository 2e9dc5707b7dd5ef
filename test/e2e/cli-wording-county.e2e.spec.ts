/**
 * The CLI's human output over a realistic generated county (generate → import --as ADMIN, as README
 * says), read as organization-department staff and auditors would read it. Each test pins what a
 * wording review found (2026-12-05): one name per concept, lengths and dates written one way, links
 * a reader can follow, an empty list that says what it lists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECONDMENT_PURPOSE_NAMES_ZH, ERROR_TITLES_ZH } from '@ledger/domain';
import { startApi, type ApiHarness } from '../support/api-harness';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

let api: ApiHarness;
let env: NodeJS.ProcessEnv;
const dir = scratchDir('cli-wording-county');
const county = join(dir, 'county.ndjson');

/** The table rows of a CLI table (lines under the ──── rule), split on runs of 2+ spaces. */
function rows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((l) => /^\S/.test(l) && !l.startsWith('─'))
    .map((l) => l.split(/ {2,}/));
}

beforeAll(async () => {
  api = await startApi('cli_wording_county');
  env = { DATABASE_URL: api.db.url };
  const g = await runCli(['generate', '--townships', '4', '--years', '12', '--seed', '7', '--end-year', '2025', '--out', county], env);
  expect(g.code).toBe(0);
  const imp = await runCli(['import', county, '--as', 'ADMIN'], env);
  expect([imp.code, imp.stderr.includes('拒绝')]).toEqual([0, false]);
  // The fixture this review read: 朱福明 (C000015) was given 记过 (gen-7-637), appealed it (A000001) and had it rescinded.
  const lines = readFileSync(county, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; type: string; cadreId?: string });
  expect(lines.find((l) => l.id === 'gen-7-637')).toMatchObject({ type: 'SanctionImposed', cadreId: 'C000015' });
}, 300_000);
afterAll(() => api?.close());

describe('history: the table a reader can follow', () => {
  it('lists the appeal after the sanction it appeals (the web timeline lists by 生效日期), not before the cadre was even registered', async () => {
    const r = await runCli(['history', 'C000015', '--as-of', '2025-06-30'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const table = rows(r.stdout).filter((c) => /^\d+$/.test(c[0]!));
    const kinds = table.map((c) => c[2]);
    // Found: 序号 1 = 2015-05-05 提出复核或申诉, 序号 2 = 2015-05-30 复核或申诉决定, 序号 3 = 2014-01-01 登记 … (store order: one import chunk stored the appeal stream first).
    expect(kinds.indexOf('提出复核或申诉')).toBeGreaterThan(kinds.indexOf('处分或组织处理'));
    const dates = table.map((c) => c[1]!.slice(0, 10));
    expect(dates).toEqual([...dates].sort());
  });

  it('a link in 关联 ("撤销 gen-7-637") points at something the table shows: the event id of a row, or its 序号', async () => {
    const r = await runCli(['history', 'C000015', '--as-of', '2025-06-30'], env);
    const table = rows(r.stdout).filter((c) => /^\d+$/.test(c[0]!));
    const rescission = table.find((c) => c[2] === '撤销处分或组织处理')!;
    const sanction = table.find((c) => c[2] === '处分或组织处理')!;
    // The table has no event-id column: a link names the row it points at, with the event id.
    expect(rescission[rescission.length - 1]).toContain(`撤销 第 ${sanction[0]} 条（gen-7-637）`);
  });
});

describe('numbers and lengths said the same way', () => {
  it('report department-ratings prints each average with the same decimals (not 77 / 85.38 / 80.5 in one table)', async () => {
    const r = await runCli(['report', 'department-ratings', '--year', '2024'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const scores = rows(r.stdout)
      .filter((c) => /（D\d+）$/.test(c[0]!))
      .flatMap((c) => c.slice(2, 5));
    expect(scores.length).toBe(9);
    const decimals = new Set(scores.map((s) => (s.split('.')[1] ?? '').length));
    expect({ scores, decimals: [...decimals] }).toEqual({ scores, decimals: [2] });
  });

  it('eligibility --checks gives one run one length: the table says 11 年 5 个月 29 天, the check must not say 11 年 5 个月', async () => {
    const r = await runCli(['eligibility', '--as-of', '2025-06-30', '--cadre', 'C000001', '--checks'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('自 2014-01-01，11 年 5 个月 29 天');
    const check = r.stdout.split('\n').find((l) => l.startsWith('连续任乡镇党委书记年限'))!;
    expect(check).toContain('11 年 5 个月 29 天');
  });

  it('tenure says no leadership experience as 无 or with days like every other length, not "0 年 0 个月（共 0 天）"', async () => {
    const r = await runCli(['tenure', 'C000015', '--as-of', '2025-06-30'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('乡镇工作经历：7 年 7 个月 27 天');
    expect(r.stdout).not.toContain('0 年 0 个月（共 0 天）');
    expect(r.stdout).toMatch(/乡镇领导工作经历：(无|\d+ 年)/);
  });
});

describe('one concept, one name', () => {
  it('township leadership experience has one name in tenure, the TM1 table and the TM1 check (乡镇领导班子经历 / 乡镇领导经历 / 乡镇领导工作经历 today)', async () => {
    const tenure = await runCli(['tenure', 'C000001', '--as-of', '2025-06-30'], env);
    const team = await runCli(['report', 'team-composition', '--as-of', '2025-06-30', '--township', 'T0001'], env);
    expect([tenure.code, team.code]).toEqual([0, 0]);
    const term = /乡镇领导(?:班子|工作)?经历/g;
    const used = new Set([...(tenure.stdout.match(term) ?? []), ...(team.stdout.match(term) ?? [])]);
    expect([...used]).toHaveLength(1);
  });

  it('the secondment purpose is named as the source text names it (县委、县政府中心工作), in the vocabulary, the refusal’s title and its detail', async () => {
    // Found: the title said 县委县政府中心工作, the vocabulary and the detail 县委中心工作.
    expect(ERROR_TITLES_ZH.RULE_TM4_SECONDMENT_PURPOSE).toContain('县委、县政府中心工作');
    const r = await api.request('POST', '/v1/cadres/C000001/events', {
      body: { id: 'rw-sec', type: 'SecondmentStarted', effectiveDate: '2025-01-01', data: { hostOrgUnitId: 'D001', purpose: 'OTHER', plannedEndDate: '2025-06-01' } },
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('RULE_TM4_SECONDMENT_PURPOSE');
    expect({ detail: r.body.detailZh, vocabulary: SECONDMENT_PURPOSE_NAMES_ZH.COUNTY_CENTRAL_WORK }).toEqual({
      detail: expect.stringContaining('县委、县政府中心工作'),
      vocabulary: '县委、县政府中心工作',
    });
  });

  it('export and verify-export name the cadre as every other output does, 朱福明（C000015）, not C000015（朱福明）', async () => {
    const out = join(dir, 'c15.json');
    const e = await runCli(['export', 'C000015', '--out', out], env);
    const v = await runCli(['verify-export', out], env);
    expect([e.code, v.code]).toEqual([0, 0]);
    expect(e.stdout).toContain('朱福明（C000015）');
    expect(v.stdout).toContain('朱福明（C000015）');
  });
});

describe('an empty answer says what it answers', () => {
  it('appeals (open ones by default) with none open says there is no open appeal, not a bare "（无）" read as "no appeal at all"', async () => {
    const all = await runCli(['appeals', '--status', 'all'], env);
    expect(all.stdout).toContain('A000001'); // three decided appeals exist
    const r = await runCli(['appeals'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    // Found: stdout exactly "（无）\n", no scope (open), unlike findings, which name their date and rule.
    expect(r.stdout).toContain('没有待决的复核或申诉');
    // A decided appeal names what it contested, in words beside the event id.
    expect(all.stdout).toMatch(/A000001.*（事件 gen-7-637）/);
  });
});

describe('dates read as the staff read them', () => {
  it('tenure’s 截止日 is the last day the post was held (as periodZh and the findings show periods), not the successor post’s first day', async () => {
    const r = await runCli(['tenure', 'C000006', '--as-of', '2025-06-30'], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    // 向鹏利 was 副镇长 until transferred to 党委副书记 on 2015-05-02 (gen-7-648); today both rows carry 2015-05-02,
    // i.e. 截止日 2015-05-02 for a post not held on 2015-05-02.
    const deputy = rows(r.stdout).find((c) => c[3] === '副镇长')!;
    const next = rows(r.stdout).find((c) => c[3] === '党委副书记')!;
    expect(next[4]).toBe('2015-05-02');
    expect(deputy[5]).toBe('2015-05-01');
  });
});
