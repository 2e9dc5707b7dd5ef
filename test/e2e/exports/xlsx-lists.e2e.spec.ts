/**
 * The lists the department files as Excel workbooks (`?format=xlsx`, the CLI's `--xlsx FILE`):
 * the same cadres, verdicts and checks as the JSON answer, the same tables over HTTP and from the
 * CLI, every matching cadre of the roster whatever the page size, the same capability as the JSON
 * route, and a clear 400 for a format or a page that does not apply.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate } from '@ledger/domain';
import { generateCounty } from '@ledger/generator';
import { CHECK_NAMES_ZH } from '@ledger/domain';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { readXlsx, tableRows, type ReadSheet } from '../../support/read-xlsx';
import { runCli } from '../../support/run-cli';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const AS_OF = '2025-12-31';

describe('lists as Excel workbooks (format=xlsx, --xlsx)', () => {
  let api: ApiHarness;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-xlsx-'));
  beforeAll(async () => {
    api = await startApi('xlsx_lists');
    const lines = [...generateCounty({ townships: 6, years: 14, seed: 11, endYear: 2025 })];
    const result = await importNdjson(Readable.from(lines.map((l) => `${JSON.stringify(l)}\n`)), api.ledger.store, () => '2026-01-31' as CalendarDate, { actor: 'test' });
    expect(result.rejected).toEqual([]);
    await waitForProjections(api.db, 60_000);
  });
  afterAll(() => api?.close());

  /** The workbook as the API answers it, read back; its headers beside it. */
  const workbook = async (path: string, role: 'ORG_DEPT' | 'AUDITOR' | 'APPEALS_OFFICER' | 'CLERK' = 'ORG_DEPT') => {
    const response = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${api.tokens[role]}` } });
    expect([response.status, response.headers.get('content-type')]).toEqual([200, XLSX]);
    return { sheets: await readXlsx(Buffer.from(await response.arrayBuffer())), disposition: response.headers.get('content-disposition') ?? '' };
  };
  /** Sheets without their 导出时间 line: two exports of one answer differ only there. */
  const untimed = (sheets: ReadSheet[]) => sheets.map((s) => ({ ...s, rows: s.rows.filter((r) => !String(r[0]).startsWith('导出时间')) }));
  const sheet = (sheets: ReadSheet[], name: string): ReadSheet => sheets.find((s) => s.name === name) ?? fail(`no sheet ${name} in ${sheets.map((s) => s.name)}`);

  it('eligibility: one row a township chief with the JSON answer’s verdict, and every check with all of its evidence on its own sheet', async () => {
    const json = (await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=${AS_OF}`, { role: 'ORG_DEPT' })).body;
    expect(json.cadres.length).toBeGreaterThan(5);
    const { sheets, disposition } = await workbook(`/v1/eligibility/in-post-promotion?asOf=${AS_OF}&format=xlsx`);
    expect(sheets.map((s) => s.name)).toEqual(['资格名单', '检查项']);
    expect(disposition).toContain('attachment');
    expect(decodeURIComponent(disposition)).toContain(`不离岗晋升职级资格-截至${AS_OF}.xlsx`);
    const list = tableRows(sheet(sheets, '资格名单'), '干部编号');
    expect(list.caption.join('\n')).toContain(`截至 ${AS_OF}（政策版本 ${json.policyVersion}）`);
    expect(list.rows.map((r) => [r[0], r[1], r[4]])).toEqual(json.cadres.map((c: { cadreId: string; cadreName: string; eligible: boolean }) => [c.cadreId, c.cadreName, c.eligible ? '是' : '否']));
    const checks = tableRows(sheet(sheets, '检查项'), '干部编号');
    const expected = json.cadres.flatMap((c: { cadreId: string; checks: { rule: string; passed: boolean; evidence: string[] }[] }) =>
      c.checks.map((k) => [c.cadreId, CHECK_NAMES_ZH[k.rule] ?? k.rule, k.passed ? '通过' : '未通过', k.evidence.length ? k.evidence.join(' ') : '—']),
    );
    expect(checks.rows.map((r) => [r[0], r[3], r[4], r[6]])).toEqual(expected);
  });

  it('eligibility: filtered as the JSON answer is (one township, the eligible only), and said so above the list', async () => {
    const township = (await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=${AS_OF}`, { role: 'ORG_DEPT' })).body.cadres[0].chiefPosts[0].orgUnitId;
    const json = (await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=${AS_OF}&township=${township}&eligible=false`, { role: 'ORG_DEPT' })).body;
    const { sheets } = await workbook(`/v1/eligibility/in-post-promotion?asOf=${AS_OF}&township=${township}&eligible=false&format=xlsx`);
    const list = tableRows(sheet(sheets, '资格名单'), '干部编号');
    expect(list.rows.map((r) => r[0])).toEqual(json.cadres.map((c: { cadreId: string }) => c.cadreId));
    expect(list.caption.join('\n')).toContain(`不符合不离岗晋升职级条件的乡镇党政正职 ${json.cadres.length} 人`);
  });

  it('candidates: ranked as the JSON answer, rank a number, the excluded with their reasons, every check of both', async () => {
    const json = (await api.request('GET', `/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=${AS_OF}`, { role: 'ORG_DEPT' })).body;
    expect(json.candidates.length + json.excluded.length).toBeGreaterThan(0);
    const { sheets, disposition } = await workbook(`/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=${AS_OF}&format=xlsx`);
    expect(sheets.map((s) => s.name)).toEqual(['推荐人选', '未列入人选', '检查项']);
    expect(decodeURIComponent(disposition)).toContain(`优秀乡镇党委书记推荐人选-2021-2025-计至${AS_OF}.xlsx`);
    expect(tableRows(sheet(sheets, '推荐人选'), '排名').rows.filter((r) => r[0] !== '（无）').map((r) => [r[0], r[1]])).toEqual(json.candidates.map((c: { rank: number; cadreId: string }) => [c.rank, c.cadreId]));
    expect(tableRows(sheet(sheets, '未列入人选'), '干部编号').rows.filter((r) => r[0] !== '（无）').map((r) => r[0])).toEqual(json.excluded.map((e: { cadreId: string }) => e.cadreId));
    const checkCount = [...json.candidates, ...json.excluded].reduce((n: number, c: { checks: unknown[] }) => n + c.checks.length, 0);
    expect(tableRows(sheet(sheets, '检查项'), '排名').rows.filter((r) => r[0] !== '（无）')).toHaveLength(checkCount);
  });

  it('roster: every matching cadre in one workbook, though a JSON page holds 50', async () => {
    const page = (await api.request('GET', `/v1/cadres?asOf=${AS_OF}`, { role: 'APPEALS_OFFICER' })).body;
    expect(page.total).toBeGreaterThan(page.items.length);
    const { sheets } = await workbook(`/v1/cadres?asOf=${AS_OF}&format=xlsx`, 'APPEALS_OFFICER');
    const roster = tableRows(sheet(sheets, '干部名册'), '干部编号');
    expect(roster.rows).toHaveLength(page.total);
    expect(roster.rows.slice(0, page.items.length).map((r) => [r[0], r[1]])).toEqual(page.items.map((i: { cadreId: string; name: string }) => [i.cadreId, i.name]));
    expect(roster.caption[0]).toBe(`干部名册：共 ${page.total} 人，现任职务与职级按 ${AS_OF}。`);
  });

  it('a role that may not read the JSON answer may not read the workbook either (403), nor without a token (401)', async () => {
    for (const path of [`/v1/eligibility/in-post-promotion?asOf=${AS_OF}&format=xlsx`, '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&format=xlsx']) {
      expect((await api.request('GET', path, { role: 'APPEALS_OFFICER' })).status).toBe(403);
      expect((await api.request('GET', path, { role: null })).status).toBe(401);
    }
    expect((await api.request('GET', '/v1/cadres?format=xlsx', { role: 'CLERK' })).status).toBe(403);
  });

  it('a format other than json or xlsx, or a page beside xlsx, is a 400 naming the parameter', async () => {
    const csv = await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=${AS_OF}&format=csv`, { role: 'ORG_DEPT' });
    expect([csv.status, csv.body.code, csv.body.field]).toEqual([400, 'INVALID_REQUEST', 'format']);
    const paged = await api.request('GET', '/v1/cadres?format=xlsx&page=2', { role: 'ORG_DEPT' });
    expect([paged.status, paged.body.field]).toEqual([400, 'page']);
    // Still the question's own checks first: a bad date is named, not hidden behind the format.
    const badDate = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2025-02-30&format=xlsx', { role: 'ORG_DEPT' });
    expect([badDate.status, badDate.body.field]).toEqual([400, 'asOf']);
  });

  it('the CLI’s --xlsx writes the workbook the API answers, readable by its owner only, and says what it holds', async () => {
    const file = join(dir, '资格.xlsx');
    const cli = await runCli(['eligibility', '--as-of', AS_OF, '--xlsx', file], { DATABASE_URL: api.db.url });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^已导出 Excel 工作簿 .*资格\.xlsx：资格名单 \d+ 行，检查项 \d+ 行。\n$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const fromCli = await readXlsx(readFileSync(file));
    const fromApi = (await workbook(`/v1/eligibility/in-post-promotion?asOf=${AS_OF}&format=xlsx`)).sheets;
    expect(untimed(fromCli)).toEqual(untimed(fromApi));
  });

  it('the CLI’s table and the workbook’s are one table: the same headings and cells', async () => {
    const cli = await runCli(['candidates', '--cycle', '2021-2025', '--as-of', AS_OF], { DATABASE_URL: api.db.url });
    expect(cli.code).toBe(0);
    const { sheets } = await workbook(`/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=${AS_OF}&format=xlsx`);
    const list = tableRows(sheet(sheets, '推荐人选'), '排名');
    const headerLine = cli.stdout.split('\n').find((l) => l.startsWith('排名'));
    expect(headerLine?.split(/\s{2,}/)).toEqual(list.headers);
    const lines = cli.stdout.split('\n');
    const at = lines.indexOf(headerLine!);
    const printed = lines.slice(at + 2, at + 2 + list.rows.length).map((l) => l.split(/\s{2,}/));
    expect(printed).toEqual(list.rows.map((r) => r.map(String)));
  });

  it('the CLI’s roster --xlsx holds every match; beside --page it is refused before anything is read', async () => {
    const file = join(dir, 'roster.xlsx');
    const cli = await runCli(['cadres', '--as-of', AS_OF, '--xlsx', file, '--json'], { DATABASE_URL: api.db.url });
    expect(cli.code).toBe(0);
    const total = (await api.request('GET', `/v1/cadres?asOf=${AS_OF}`, { role: 'ORG_DEPT' })).body.total;
    expect(JSON.parse(cli.stdout)).toEqual({ xlsx: file, sheets: [{ name: '干部名册', rows: total }] });
    const refused = await runCli(['cadres', '--xlsx', file, '--page', '2'], { DATABASE_URL: api.db.url });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('不能同时使用');
  });

  it('a folder that does not exist is named as the user gave it, not as the temporary file beside it', async () => {
    const file = join(dir, 'no-such-folder', '名册.xlsx');
    const cli = await runCli(['cadres', '--xlsx', file], { DATABASE_URL: api.db.url });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`找不到文件或目录：${file}（ENOENT）`);
  });

  describe('the ten measures’ reports (GET /v1/reports/{name}?format=xlsx, 导出 Excel)', () => {
    const REPORTS: [string, string][] = [
      ['team-composition', `asOf=${AS_OF}`],
      ['promotion-pool', `asOf=${AS_OF}`],
      ['training', 'year=2025'],
      ['department-ratings', 'year=2025'],
      ['recommendations', `asOf=${AS_OF}`],
      ['secretary-seats', `asOf=${AS_OF}`],
      ['focus-ledger', `asOf=${AS_OF}`],
      ['reminder-talks', 'year=2025'],
      ['talks', 'year=2025'],
      ['health-checks', 'year=2025'],
    ];

    it.each(REPORTS)('%s: the title line and policy version above every sheet', async (name, query) => {
      const json = (await api.request('GET', `/v1/reports/${name}?${query}`, { role: 'AUDITOR' })).body;
      const own = await workbook(`/v1/reports/${name}?${query}&format=xlsx`, 'AUDITOR');
      expect(own.disposition).toContain('attachment');
      expect(own.sheets.length).toBeGreaterThan(0);
      for (const sheet of own.sheets) expect(String(sheet.rows[0]![0])).toContain(`政策版本 ${json.policyVersion}`);
    });

    it('TM1: one sheet of members with the township each belongs to, one of checks with the county’s, every evidence id', async () => {
      const json = (await api.request('GET', `/v1/reports/team-composition?asOf=${AS_OF}`, { role: 'AUDITOR' })).body;
      const { sheets } = await workbook(`/v1/reports/team-composition?asOf=${AS_OF}&format=xlsx`, 'AUDITOR');
      expect(sheets.map((s) => s.name)).toEqual(['班子成员', '检查项']);
      const members = tableRows(sheet(sheets, '班子成员'), '所属');
      const expected = json.townships.flatMap((t: { orgUnitId: string; orgUnitName: string; members: { cadreId: string; age: number | null }[] }) =>
        t.members.map((m) => [`${t.orgUnitName}（${t.orgUnitId}）`, m.age ?? '—']),
      );
      expect(members.rows.map((r) => [r[0], r[3]])).toEqual(expected);
      const checks = tableRows(sheet(sheets, '检查项'), '所属');
      const county = checks.rows.filter((r) => r[0] === '全县');
      expect(county.map((r) => r[4])).toEqual(json.county.checks.map((c: { evidence: string[] }) => (c.evidence.length ? c.evidence.join(' ') : '—')));
    });

    it('TM1 of one township: named in the title and the file name', async () => {
      const json = (await api.request('GET', `/v1/reports/team-composition?asOf=${AS_OF}`, { role: 'AUDITOR' })).body;
      const t = json.townships[0] as { orgUnitId: string; orgUnitName: string };
      const { sheets, disposition } = await workbook(`/v1/reports/team-composition?asOf=${AS_OF}&township=${t.orgUnitId}&format=xlsx`, 'AUDITOR');
      expect(String(sheets[0]!.rows[0]![0])).toContain(`单位 ${t.orgUnitName}（${t.orgUnitId}）`);
      expect(decodeURIComponent(disposition)).toContain(`乡镇领导班子结构-${t.orgUnitName}-截至${AS_OF}.xlsx`);
    });

    it('a year not begun: a sheet that says so rather than a table of every duty missed', async () => {
      const { sheets } = await workbook('/v1/reports/talks?year=2030&format=xlsx', 'AUDITOR');
      expect(sheets.map((s) => s.name)).toEqual(['说明']);
      expect(sheets[0]!.rows.flat().join('\n')).toContain('2030 年度在基准日');
    });

    it('a role without readReports gets 403 for the workbook as for the JSON; a bad format is a 400 naming it', async () => {
      expect((await api.request('GET', `/v1/reports/focus-ledger?asOf=${AS_OF}&format=xlsx`, { role: 'CLERK' })).status).toBe(403);
      const bad = await api.request('GET', `/v1/reports/focus-ledger?asOf=${AS_OF}&format=pdf`, { role: 'AUDITOR' });
      expect([bad.status, bad.body.field]).toEqual([400, 'format']);
    });
  });

  describe('findings and appeals (GET /v1/findings, /v1/appeals ?format=xlsx; findings --xlsx, appeals --xlsx)', () => {
    it('findings: one row a finding as the JSON answer lists them, the filter said above, every evidence id', async () => {
      const json = (await api.request('GET', `/v1/findings?asOf=${AS_OF}&year=2024`, { role: 'AUDITOR' })).body;
      expect(json.findings.length).toBeGreaterThan(0);
      const { sheets, disposition } = await workbook(`/v1/findings?asOf=${AS_OF}&year=2024&format=xlsx`, 'AUDITOR');
      expect(decodeURIComponent(disposition)).toContain(`合规提示-截至${AS_OF}-2024年度.xlsx`);
      const table = tableRows(sheet(sheets, '合规提示'), '类别');
      expect(table.caption[0]).toBe(`合规提示（截至 ${AS_OF}，2024 年度）：`);
      expect(table.rows).toHaveLength(json.findings.length);
      const evidence = json.findings.map((f: { eventId?: string; evidence?: string[] }) => f.eventId ?? (f.evidence!.length ? f.evidence!.join(' ') : '—'));
      expect(table.rows.map((r) => r[5])).toEqual(evidence);
    });

    it('appeals: every appeal of the list asked for, with the summary line the CLI prints (without its options)', async () => {
      const json = (await api.request('GET', `/v1/appeals?status=all&asOf=${AS_OF}`, { role: 'APPEALS_OFFICER' })).body;
      expect(json.appeals.length).toBeGreaterThan(0);
      const { sheets } = await workbook(`/v1/appeals?status=all&asOf=${AS_OF}&format=xlsx`, 'APPEALS_OFFICER');
      const table = tableRows(sheet(sheets, '复核或申诉'), '复核或申诉编号');
      expect(table.caption[0]).toBe(`全部的复核或申诉共 ${json.appeals.length} 件，期限计至 ${AS_OF}：`);
      expect(table.rows.map((r) => r[0])).toEqual(json.appeals.map((a: { appealId: string }) => a.appealId));
      const none = await workbook('/v1/appeals?status=open&asOf=2001-01-01&format=xlsx', 'APPEALS_OFFICER');
      expect(tableRows(sheet(none.sheets, '复核或申诉'), '复核或申诉编号').caption[0]).toBe('没有待决的复核或申诉（期限计至 2001-01-01）。');
    });

    it('the CLI’s findings --xlsx and appeals --xlsx write what the API answers', async () => {
      const findings = join(dir, '合规提示.xlsx');
      expect((await runCli(['findings', '--as-of', AS_OF, '--year', '2024', '--xlsx', findings], { DATABASE_URL: api.db.url })).code).toBe(0);
      expect(untimed(await readXlsx(readFileSync(findings)))).toEqual(untimed((await workbook(`/v1/findings?asOf=${AS_OF}&year=2024&format=xlsx`, 'AUDITOR')).sheets));
      const appeals = join(dir, '申诉.xlsx');
      const cli = await runCli(['appeals', '--all', '--as-of', AS_OF, '--xlsx', appeals], { DATABASE_URL: api.db.url });
      expect(cli.code).toBe(0);
      expect(untimed(await readXlsx(readFileSync(appeals)))).toEqual(untimed((await workbook(`/v1/appeals?status=all&asOf=${AS_OF}&format=xlsx`, 'APPEALS_OFFICER')).sheets));
    });
  });

  describe('what a review of the workbooks found (2026-12-07, night)', () => {
    it('a year’s report is named and captioned by its year, not by today (department-ratings and reminder-talks also carry asOf)', async () => {
      for (const name of ['department-ratings', 'reminder-talks']) {
        const { disposition } = await workbook(`/v1/reports/${name}?year=2024&format=xlsx`, 'AUDITOR');
        expect(decodeURIComponent(disposition)).toMatch(new RegExp(`-2024年度\\.xlsx`));
      }
    });

    it('every sheet says what it answers (title, date, policy version) and when it was exported, not the first alone', async () => {
      const json = (await api.request('GET', `/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=${AS_OF}`, { role: 'ORG_DEPT' })).body;
      const { sheets } = await workbook(`/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=${AS_OF}&format=xlsx`);
      for (const s of sheets) {
        const caption = s.rows.slice(0, 6).map((r) => String(r[0] ?? '')).join('\n');
        expect([s.name, caption]).toEqual([s.name, expect.stringContaining(`政策版本 ${json.policyVersion}`)]);
        expect(caption).toMatch(/导出时间：\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+08:00/);
      }
    });

    it('the talks held and the health checks made are in the workbook beside those missing, as the page lists them', async () => {
      const talks = (await api.request('GET', '/v1/reports/talks?year=2024', { role: 'AUDITOR' })).body;
      const { sheets } = await workbook('/v1/reports/talks?year=2024&format=xlsx', 'AUDITOR');
      expect(tableRows(sheet(sheets, '已谈'), '乡镇').rows.filter((r) => r[0] !== '（无）')).toHaveLength(talks.held.length);
      const checks = (await api.request('GET', '/v1/reports/health-checks?year=2024', { role: 'AUDITOR' })).body;
      const hc = await workbook('/v1/reports/health-checks?year=2024&format=xlsx', 'AUDITOR');
      expect(tableRows(sheet(hc.sheets, '已体检的干部'), '干部').rows.filter((r) => r[0] !== '（无）')).toHaveLength(checks.held.length);
    });

    it('numbers with decimals or a unit stay numbers (averages, counts of talks)', async () => {
      const { sheets } = await workbook('/v1/reports/department-ratings?year=2024&format=xlsx', 'AUDITOR');
      const rows = tableRows(sheets[0]!, '县级部门').rows.filter((r) => r[0] !== '（无）');
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect([typeof r[1], typeof r[2]]).toEqual(['number', r[2] === '—' ? 'string' : 'number']);
    });

    it('a roster narrowed to a township and a post is named so, and one cadre’s eligibility by the cadre', async () => {
      const all = (await api.request('GET', `/v1/eligibility/in-post-promotion?asOf=${AS_OF}`, { role: 'ORG_DEPT' })).body;
      const { orgUnitId, orgUnitName } = all.cadres[0].chiefPosts[0] as { orgUnitId: string; orgUnitName: string };
      const roster = await workbook(`/v1/cadres?asOf=${AS_OF}&township=${orgUnitId}&role=PARTY_SECRETARY&format=xlsx`);
      expect(decodeURIComponent(roster.disposition)).toContain(`干部名册-${orgUnitName}-党委书记-${AS_OF}.xlsx`);
      const c = all.cadres[0] as { cadreId: string; cadreName: string };
      const one = await workbook(`/v1/eligibility/in-post-promotion?asOf=${AS_OF}&cadreId=${c.cadreId}&format=xlsx`);
      expect(decodeURIComponent(one.disposition)).toContain(`不离岗晋升职级资格-${c.cadreName}（${c.cadreId}）-截至${AS_OF}.xlsx`);
    });

    it('format given twice is a 400 saying so', async () => {
      const twice = await api.request('GET', `/v1/cadres?format=xlsx&format=json`, { role: 'ORG_DEPT' });
      expect([twice.status, twice.body.field, twice.body.detailZh]).toEqual([400, 'format', expect.stringContaining('只能给出一次')]);
    });

    it('the CLI refuses a file name that is not .xlsx, or none, before reading anything; report NAME --xlsx saves the report', async () => {
      for (const bad of ['名单.csv', '']) {
        const cli = await runCli(['cadres', '--xlsx', bad], { DATABASE_URL: api.db.url });
        expect([cli.code, cli.stderr]).toEqual([1, expect.stringContaining('选项 --xlsx <file> 的值')]);
      }
      const file = join(dir, '谈心谈话.xlsx');
      const cli = await runCli(['report', 'talks', '--year', '2024', '--xlsx', file], { DATABASE_URL: api.db.url });
      expect(cli.code).toBe(0);
      const fromApi = (await workbook('/v1/reports/talks?year=2024&format=xlsx', 'AUDITOR')).sheets;
      expect(untimed(await readXlsx(readFileSync(file)))).toEqual(untimed(fromApi));
    });
  });
});
