/**
 * 批量录入 (roles that may import): the year's assessment grades, the townships' scores, health
 * checks, trainings and talks entered from an Excel workbook. The template comes from the API (pre-filled
 * from the roster for a role that may read it); the filled workbook is read here by the same code as
 * the CLI's `import FILE.xlsx` (libs/tables entry-sheets-zh.ts) and its rows sent to POST /v1/import,
 * first as a dry run: the same capability per row and the same rules as every other way in. Every
 * refused row is said by its sheet and row.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorTitleZh, namesBesideIds, ruleNameZh } from '@ledger/domain';
import {
  EntryWorkbookRefused,
  entryImportFile,
  entryNamedIds,
  entryReadingZh,
  entryNameMismatches,
  entryRejections,
  lastYearEndedBy,
  readEntryWorkbook,
  refusedRowCount,
  entryOutcomeZh,
  importEntryRows,
  unlistedRefusals,
  type EntryCell,
  type EntryRejection,
  type EntryRowRefusal,
  type EntryImportFile,
  type EntryWorkbookReading,
} from '@ledger/tables/entry-sheets';
import { api, ApiProblem, download, postImport, unwrap, type ImportReport } from '../api/client';
import { ProblemAlert } from '../components/common';
import { useSession } from '../session';
import { useView } from '../view';

/** A workbook read, its rows checked against the ledger's names where the role may read them. */
interface ReadWorkbook extends EntryImportFile {
  readonly fileName: string;
  readonly reading: EntryWorkbookReading;
  readonly refused: readonly EntryRowRefusal[];
  /** False for a role that may not read the roster: names written beside ids were not compared. */
  readonly namesChecked: boolean;
}

/** A workbook larger than this is not a sheet of entries (the CLI's limit too). */
const MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;
/** Reading 10,000 rows takes a few seconds: a read still under way after this is said to have failed. */
const READ_TIMEOUT_MS = 60_000;
class ReadTimedOut extends Error {}

/** GET /v1/cadres takes at most 500 ids a request. */
const IDS_PER_REQUEST = 500;

async function ledgerNames(reading: EntryWorkbookReading, mayReadRoster: boolean): Promise<{ cadres: Map<string, string>; orgUnits: Map<string, string> }> {
  const { cadreIds, orgUnitIds } = entryNamedIds(reading);
  const cadres = new Map<string, string>();
  const orgUnits = new Map<string, string>();
  if (orgUnitIds.length > 0) {
    const directory = await unwrap(api.GET('/v1/org-units'));
    for (const u of directory.orgUnits) orgUnits.set(u.orgUnitId, u.name);
  }
  if (mayReadRoster) {
    for (let at = 0; at < cadreIds.length; at += IDS_PER_REQUEST) {
      const ids = cadreIds.slice(at, at + IDS_PER_REQUEST).join(',');
      const page = await unwrap(api.GET('/v1/cadres', { params: { query: { ids, pageSize: IDS_PER_REQUEST } as never } }));
      for (const c of page.items) cadres.set(c.cadreId, c.name);
    }
  }
  return { cadres, orgUnits };
}

async function readWorkbook(file: File, mayReadRoster: boolean): Promise<ReadWorkbook> {
  if (file.size > MAX_WORKBOOK_BYTES) throw new Error(`文件过大（${(file.size / 1024 / 1024).toFixed(0)} MB，上限 50 MB），请分成几个工作簿导入`);
  const [{ default: readXlsxFile }, { workbookTooLargeZh }] = await Promise.all([import('read-excel-file/browser'), import('@ledger/tables/workbook-size')]);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const bomb = workbookTooLargeZh(bytes, file.name);
  if (bomb) throw new Error(bomb);
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    // A read that never settles (a worker the browser refused) is said, not left spinning.
    sheets = await Promise.race([readXlsxFile(bytes.buffer), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ReadTimedOut()), READ_TIMEOUT_MS)))]);
  } catch (error) {
    if (error instanceof ReadTimedOut) throw new Error(`读取“${file.name}”超过 ${READ_TIMEOUT_MS / 1000} 秒仍未完成，已停止。请刷新页面后重试；仍不成功的，请用命令行 import 文件.xlsx 导入。`);
    throw new Error(`无法读取“${file.name}”：不是有效的 Excel 工作簿（.xlsx），或文件已损坏。请在 Excel 或 WPS 中另存为“Excel 工作簿（*.xlsx）”后再选择。`);
  } finally {
    clearTimeout(timer);
  }
  const reading = readEntryWorkbook(sheets.map((s) => ({ sheet: s.sheet, rows: s.data.map((r) => r as readonly EntryCell[]) })));
  const refused = [...reading.problems, ...entryNameMismatches(reading, await ledgerNames(reading, mayReadRoster))];
  return { fileName: file.name, reading, refused, ...entryImportFile(reading, refused), namesChecked: mayReadRoster };
}

const rejectionColumns = [
  { title: '工作表', dataIndex: 'sheet', key: 'sheet', width: 110 },
  { title: '行号', dataIndex: 'row', key: 'row', width: 70 },
  { title: '原因', key: 'title', width: 220, render: (_: unknown, r: EntryRejection) => `${errorTitleZh(r.code) ?? r.code}${r.rule === 'I' || r.rule === 'AUTH' ? '' : `（${ruleNameZh(r.rule)}）`}` },
  {
    title: '详情',
    key: 'detail',
    render: (_: unknown, r: EntryRejection) => {
      const names = r as { cadreNames?: Record<string, string>; orgUnitNames?: Record<string, string> };
      return namesBesideIds(r.messageZh || r.message, { ...names.orgUnitNames, ...names.cadreNames });
    },
  },
];

/** What a dry run or an import did, in the workbook's rows. */
function ImportOutcome({ report, read }: { report: ImportReport; read: ReadWorkbook }) {
  const rejections = entryRejections(read.reading, read.refused, report.rejected, read.sources);
  const outcome = entryOutcomeZh(read.reading, read.refused, report, read.sources);
  const rejected = outcome.rowsRefused;
  const counts = `${outcome.sentenceZh}。`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={report.dryRun ? 'bulk-dry-run' : 'bulk-import'}>
      <Alert type={report.error ? 'error' : rejected > 0 ? 'warning' : 'success'} showIcon message={counts} description={report.error ? `${report.error.detailZh}` : rejected > 0 ? '被拒绝的行未写入，其余各行不受影响。请按下表修改工作簿后再次导入：已写入的行不会重复写入。' : undefined} />
      {unlistedRefusals(report) > 0 && (
        <Typography.Text type="secondary" data-testid="bulk-rejections-cut">{`导入拒绝的共 ${report.rejectedCount} 行，下表只列出其中前 ${report.rejected.length} 行（及填写有误的行）；改正后再次试导入可见其余各行。`}</Typography.Text>
      )}
      {rejections.length > 0 && (
        <Table<EntryRejection>
          data-testid="bulk-rejections"
          size="small"
          rowKey={(r) => `${r.sheet}-${r.row}-${r.code}-${'column' in r ? r.column : ''}`}
          columns={rejectionColumns}
          dataSource={rejections}
          pagination={rejections.length > 50 ? { pageSize: 50 } : false}
          scroll={{ x: 720 }}
        />
      )}
    </Space>
  );
}

export function BulkEntryPage() {
  const { can } = useSession();
  const mayReadRoster = can('readHistory');
  // The cadres listed are those in a township post on the header's 截至日期, as every page answers for it.
  const { asOf } = useView();
  const [year, setYear] = useState<number | null>(null);
  const [read, setRead] = useState<ReadWorkbook | undefined>();
  const [readError, setReadError] = useState<unknown>();
  const [reading, setReading] = useState(false);
  const template = useMutation({ mutationFn: () => download(`/v1/import/template?${new URLSearchParams({ asOf, year: String(year ?? lastYearEndedBy(asOf)) }).toString()}`) });
  const onboardingTemplate = useMutation({ mutationFn: () => download(`/v1/import/template?${new URLSearchParams({ kind: 'onboarding', asOf }).toString()}`) });
  // A row goes in whole or not at all (a post's appointment and removal): importEntryRows dry-runs first where a row makes several lines.
  const send = useMutation({ mutationFn: ({ dryRun }: { dryRun: boolean }) => importEntryRows(read!, dryRun, postImport) });

  const choose = async (file: File) => {
    setRead(undefined);
    setReadError(undefined);
    send.reset();
    setReading(true);
    try {
      setRead(await readWorkbook(file, mayReadRoster));
    } catch (error) {
      setReadError(error);
    } finally {
      setReading(false);
    }
  };

  const summary = read?.reading;
  const nothingToSend = read !== undefined && read.sources.length === 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        批量录入
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        年度考核结果、乡镇年度目标绩效考核得分、健康体检、教育培训、谈心谈话，以及建档（单位、干部基本信息和职级、任职经历），用 Excel 工作簿一次录入多条。每行按与逐条录入相同的规则校验；被拒绝的行不写入，注明工作表和行号。
      </Typography.Paragraph>

      <Card title="第一步：下载模板" size="small">
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="干部名单">
            <Typography.Text data-testid="bulk-template-as-of">{`${asOf} 在乡镇任职者（按页首截至日期）`}</Typography.Text>
          </Form.Item>
          <Form.Item label="考核年度" htmlFor="bulk-year">
            <InputNumber id="bulk-year" min={1900} max={2999} precision={0} value={year ?? lastYearEndedBy(asOf)} onChange={(v) => setYear(typeof v === 'number' ? v : null)} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item>
            <Button data-testid="bulk-template" loading={template.isPending} onClick={() => template.mutate()}>
              下载年度录入模板
            </Button>
          </Form.Item>
        </Form>
        {!mayReadRoster && (
          <Typography.Text type="secondary" data-testid="bulk-template-no-roster">
            您的角色无权查阅干部名册：模板只预填乡镇，干部编号和姓名请自行填写（上传后不核对姓名）。
          </Typography.Text>
        )}
        {template.error && <ProblemAlert error={template.error} />}
        <Form layout="inline" style={{ rowGap: 8, marginTop: 12 }}>
          <Form.Item label="建档">
            <Typography.Text type="secondary">首次录入或新增单位、干部及其任职经历：导入时先登记单位和干部，再按日期录入任免，与填写顺序无关</Typography.Text>
          </Form.Item>
          <Form.Item>
            <Button data-testid="bulk-onboarding-template" loading={onboardingTemplate.isPending} onClick={() => onboardingTemplate.mutate()}>
              下载建档模板
            </Button>
          </Form.Item>
        </Form>
        {onboardingTemplate.error && <ProblemAlert error={onboardingTemplate.error} />}
      </Card>

      <Card title="第二步：选择填好的工作簿" size="small">
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            void choose(file);
            return Upload.LIST_IGNORE;
          }}
          disabled={reading || send.isPending}
        >
          <p data-testid="bulk-choose">{reading ? '正在读取…' : '点击或拖入 Excel 工作簿（.xlsx）'}</p>
        </Upload.Dragger>
        {readError !== undefined && (
          <div style={{ marginTop: 12 }} data-testid="bulk-read-error">
            {/* The ledger's own refusal (the names could not be asked) in its Chinese; the reading's in its own. */}
            {readError instanceof ApiProblem ? (
              <ProblemAlert error={readError} />
            ) : (
              <Alert type="error" showIcon message="未能读取此工作簿，未导入任何内容" description={readError instanceof EntryWorkbookRefused ? readError.messageZh : readError instanceof Error ? readError.message : String(readError)} />
            )}
          </div>
        )}
        {read && summary && (
          <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }} data-testid="bulk-reading">
            <Typography.Text>
              {`已读取“${read.fileName}”：${entryReadingZh(summary)}。`}
            </Typography.Text>
            {!read.namesChecked && <Typography.Text type="secondary">未核对姓名与编号（您的角色无权查阅干部名册）。</Typography.Text>}
            {read.refused.length > 0 && <Typography.Text type="warning">{`${refusedRowCount(read.refused)} 行填写有误，不会导入（见下表）。`}</Typography.Text>}
          </Space>
        )}
      </Card>

      {read && (
        <Card title="第三步：试导入，再导入" size="small">
          <Space wrap>
            <Button data-testid="bulk-dry-run-button" disabled={nothingToSend} loading={send.isPending && send.variables?.dryRun === true} onClick={() => send.mutate({ dryRun: true })}>
              试导入（不写入）
            </Button>
            <Popconfirm
              title="导入后即写入台账，不能删除，只能更正。确定导入？"
              okText="导入"
              cancelText="取消"
              okButtonProps={{ 'data-testid': 'bulk-import-confirm' } as React.ComponentProps<typeof Button>}
              onConfirm={() => send.mutate({ dryRun: false })}
            >
              <Button data-testid="bulk-import-button" type="primary" disabled={nothingToSend} loading={send.isPending && send.variables?.dryRun === false}>
                导入
              </Button>
            </Popconfirm>
          </Space>
          <div style={{ marginTop: 12 }}>
            {nothingToSend && <ImportOutcome report={{ rejected: [], rejectedCount: 0, accepted: 0, appended: 0, alreadyPresent: 0, eventsWritten: 0, lines: 0, blankLines: 0, dryRun: true }} read={read} />}
            {send.error && <ProblemAlert error={send.error} />}
            {send.data && <ImportOutcome report={send.data} read={read} />}
          </div>
        </Card>
      )}
    </Space>
  );
}
