/**
 * 建档 from an Excel workbook into an empty ledger: the onboarding template (GET
 * /v1/import/template?kind=onboarding, `import-template --onboarding`), then units, cadres with their
 * rank, and their posts (a row a post, its appointment and its removal) imported by the CLI in the
 * order the rules need, whatever order the clerk wrote them in; the answers the department reads
 * (tenure, TM6b) follow from them. A row a policy rule refuses is said by its sheet, row and column,
 * and goes in once its 例外理由 is given.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { readXlsx } from '../../support/read-xlsx';
import { workbookFile, type SheetCell } from '../../support/write-xlsx';
import { runCli } from '../../support/run-cli';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Cell = SheetCell;

const UNITS = ['单位编号', '单位名称', '单位类别', '考核类别', '登记日期'];
const CADRES = ['干部编号', '姓名', '性别', '出生日期', '学历', '全日制', '双一流高校', '参加工作时间', '职级', '任现职级时间', '建档日期'];
const POSTS = ['干部编号', '姓名', '单位编号', '单位名称', '职务', '任职日期', '任职文号', '免职日期', '免职原因', '免职文号', '市委组织部批复文号', '例外理由'];
const ASSESSMENTS = ['干部编号', '姓名', '年度', '考核等次', '确定日期'];

// C03's removal as head of T02 after a year and a half: TM4 asks for the municipal approval, which the row lacks.
const c03Row = (override: string | null): Cell[] => ['C03', '王五', 'T02', '青山镇', '镇长', '2019-01-01', null, '2020-06-30', '工作调整', null, null, override];

const county = (override: string | null) => [
  // The posts first, C02's row before the C01 removal it must follow (P2): the import orders them.
  {
    name: '任职经历',
    rows: [
      POSTS,
      ['C02', '李四', 'T01', '华水乡', '党委书记', '2020-05-01', '县委〔2020〕5号', null, null, null, null, null],
      ['C01', '张三', 'T01', '华水乡', '乡党委书记', new Date(Date.UTC(2012, 2, 1)), '县委〔2012〕3号', '2020-05-01', '交流', '县委〔2020〕5号', null, null],
      ['C01', '张三', 'T02', '青山镇', '党委书记', '2020-05-01', '县委〔2020〕5号', null, null, null, null, null],
      c03Row(override),
    ],
  },
  {
    name: '干部基本信息',
    rows: [
      CADRES,
      ['C01', '张三', '男', '1975-06-01', '大学本科', '是', '否', '1996-07-01', '一级主任科员', '2018-12-01', '2012-03-01'],
      ['C02', '李四', '女', '1985-02-11', '硕士', true, '是', null, null, null, '2020-05-01'],
      ['C03', '王  五', '男', '1980-09-09', '大学本科', '否', '否', null, null, null, '2019-01-01'],
    ],
  },
  { name: '单位', rows: [UNITS, ['T01', '华水乡', '乡镇', '第一类', '2000-01-01'], ['T02', '青山镇', '乡镇', 2, '2000-01-01']] },
  // The year's grades in the same workbook: imported after the posts.
  { name: '年度考核', rows: [ASSESSMENTS, ['C01', '张三', 2023, '优秀', '2024-01-20'], ['C01', '张三', 2024, '优秀', '2025-01-20'], ['C01', '张三', 2025, '称职', '2026-01-20']] },
];

describe('建档: a county’s units, cadres and posts entered from one workbook', () => {
  let api: ApiHarness;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-onboarding-'));
  const cli = (args: string[]) => runCli(args, { DATABASE_URL: api.db.url });

  beforeAll(async () => {
    api = await startApi('onboarding');
  });
  afterAll(() => api?.close());

  it('the onboarding template: every role that may import gets it, with the units the ledger has; a year is refused with it', async () => {
    const response = await fetch(`${api.baseUrl}/v1/import/template?kind=onboarding&asOf=2026-01-05`, { headers: { authorization: `Bearer ${api.tokens.CLERK}` } });
    expect([response.status, response.headers.get('content-type')]).toEqual([200, XLSX]);
    expect(decodeURIComponent(response.headers.get('content-disposition') ?? '')).toContain('建档模板.xlsx');
    const sheets = await readXlsx(Buffer.from(await response.arrayBuffer()));
    expect(sheets.map((s) => s.name)).toEqual(['填写说明', '单位', '干部基本信息', '任职经历', '台账已有单位']);
    const withYear = await api.request('GET', '/v1/import/template?kind=onboarding&year=2025', { role: 'ADMIN' });
    expect([withYear.status, withYear.body.field, withYear.body.detailZh]).toEqual([400, 'year', expect.stringContaining('建档模板不分年度')]);
    expect((await api.request('GET', '/v1/import/template?kind=roster', { role: 'ADMIN' })).body.field).toBe('kind');
    const file = join(dir, 'onboarding-template.xlsx');
    const cliTemplate = await cli(['import-template', '--onboarding', '--xlsx', file]);
    expect(cliTemplate.code).toBe(0);
    expect((await readXlsx(file)).map((s) => s.name)).toContain('台账已有单位');
    const cliYear = await cli(['import-template', '--onboarding', '--year', '2025', '--xlsx', file]);
    expect([cliYear.code, cliYear.stderr]).toEqual([1, expect.stringContaining('建档模板（--onboarding）不分年度')]);
  });

  it('imports the workbook in the order the rules need; a row TM4 refuses is said by its sheet, row and column; the answers follow; a second upload writes nothing', async () => {
    const file = await workbookFile(join(dir, 'county.xlsx'), county(null));
    const dry = await cli(['import', file, '--dry-run', '--json']);
    expect(dry.code).toBe(4);
    const dryReport = JSON.parse(dry.stdout);
    expect((await api.request('GET', '/v1/status', { role: 'ADMIN' })).body.storeHead).toBe(0);

    const real = await cli(['import', file, '--json']);
    expect(real.code).toBe(4);
    const report = JSON.parse(real.stdout);
    // 2 units, 3 cadres, 1 rank, 4 of the 6 appointments and removals, 3 grades: C03's row is refused whole (its
    // appointment is not written without the removal the clerk recorded); the dry run said the same.
    expect([report.rows, report.rowsRefused, report.accepted, report.appended, report.rejectedCount]).toEqual([12, 1, 13, 13, 2]);
    expect([dryReport.accepted, dryReport.rejectedCount]).toEqual([13, 2]);
    expect(report.rejected).toEqual([
      expect.objectContaining({ sheet: '任职经历', row: 5, rule: 'TM4', column: '市委组织部批复文号', id: 'entry:removal:C03:T02:HEAD:2020-06-30' }),
    ]);
    await waitForProjections(api.db, 60_000);
    expect((await api.historyEvents('C03')).map((e) => e.type)).toEqual(['CadreRegistered']);
    const said = await cli(['import', file, '--dry-run']);
    expect(said.stdout).toContain('试导入（未写入）：填写的 12 行中，可接受 11 行，拒绝 1 行；导入的行共 15 个事项：可接受 13 个（将新写入 0，已存在 13），拒绝 2 个');

    const tenure = (await api.request('GET', '/v1/cadres/C01/tenure?asOf=2025-12-31', { role: 'ADMIN' })).body;
    expect(tenure.posts.map((p: { orgUnitId: string; role: string; from: string; to: string | null }) => [p.orgUnitId, p.role, p.from, p.to])).toEqual([
      ['T01', 'PARTY_SECRETARY', '2012-03-01', '2020-05-01'],
      ['T02', 'PARTY_SECRETARY', '2020-05-01', null],
    ]);
    expect(tenure.partySecretaryRun).toEqual(expect.objectContaining({ start: '2012-03-01' }));
    const eligibility = (await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2025-12-31&cadreId=C01', { role: 'ADMIN' })).body;
    expect(eligibility.cadres.map((c: { cadreId: string; eligible: boolean; basis: string }) => [c.cadreId, c.eligible, c.basis])).toEqual([['C01', true, 'PARTY_SECRETARY_8Y']]);
    const c02 = await api.historyEvents('C02');
    expect(c02.map((e) => [e.type, e.effectiveDate, e.eventId])).toEqual([
      ['CadreRegistered', '2020-05-01', 'entry:cadre:C02'],
      ['AppointedToPost', '2020-05-01', 'entry:appointment:C02:T01:PARTY_SECRETARY:2020-05-01'],
    ]);
    expect(c02[0].data.education).toEqual({ level: 'MASTER', fullTime: true, doubleFirstClass: true });

    const again = JSON.parse((await cli(['import', file, '--json'])).stdout);
    expect([again.appended, again.alreadyPresent, again.rejectedCount]).toEqual([0, 13, 2]);
  });

  it('the refused row goes in once its 例外理由 is given: the removal stored with the override and listed among the findings', async () => {
    const file = await workbookFile(join(dir, 'county-override.xlsx'), county('历史资料补录：当时未报市委组织部批复'));
    const result = await cli(['import', file, '--json']);
    const report = JSON.parse(result.stdout);
    expect([result.code, report.appended, report.rejectedCount]).toEqual([0, 2, 0]);
    const removal = (await api.historyEvents('C03')).find((e) => e.type === 'RemovedFromPost');
    expect(removal.metadata.override).toEqual(expect.objectContaining({ reason: '历史资料补录：当时未报市委组织部批复', rules: ['TM4'] }));
    await waitForProjections(api.db, 60_000);
    const findings = (await api.request('GET', '/v1/compliance/findings?year=2020', { role: 'ADMIN' })).body.findings as { rule: string; evidence: string[] }[];
    expect(findings.some((f) => f.evidence.includes(removal.eventId))).toBe(true);
  });
});
