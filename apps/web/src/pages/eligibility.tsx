/** 不离岗晋升职级资格 (TM6b): the list on the date, eligible first, each check with its evidence; one cadre's answer on its own page. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Form, Select, Space, Tag, Typography, theme } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { type Answer, api, unwrap } from '../api/client';
import { ExportXlsxButton } from '../components/export-xlsx';
import { BehindNotice, CadreLink, cadreColumn, CadreNotFound, Chart, DataTable, isLedgerNotFound, OrgUnitName, ProblemAlert, RunLength, TownshipPicker } from '../components/common';
import { useSession } from '../session';
import { CHECK_NAMES_ZH, IN_POST_BASIS_NAMES_ZH, inPostBasisZh, lengthZh, RANK_NAMES_ZH, roleNameZh, TM6B_NAME_ZH } from '../vocabulary';
import { formatKnownAt, useParam, useTablePaging, useView } from '../view';

type CadreInPostEligibility = Answer<'InPostPromotionEligibilityDto'>['cadres'][number];
/** A rule check with its evidence, as every decision answer documents it. */
export type RuleCheck = CadreInPostEligibility['checks'][number];

/** The bases as the measure words them (连续…以上且实绩突出), with the run lengths of the answer's policy version. */
type RunYears = { partySecretary: number; chief: number };
const BASES = Object.keys(IN_POST_BASIS_NAMES_ZH) as (keyof typeof IN_POST_BASIS_NAMES_ZH)[];

/** The list narrowed: one township's chiefs, and only those who are (or are not) eligible. */
interface EligibilityFilter {
  readonly township?: string | undefined;
  readonly eligible?: 'true' | 'false' | undefined;
}

function useEligibility(cadreId?: string, filter: EligibilityFilter = {}) {
  const { asOf, knownAt } = useView();
  return useQuery({
    queryKey: ['eligibility', asOf, knownAt, cadreId, filter.township ?? null, filter.eligible ?? null],
    queryFn: () =>
      unwrap(
        api.GET('/v1/eligibility/in-post-promotion', {
          params: {
            query: {
              asOf,
              ...(knownAt ? { knownAt } : {}),
              ...(cadreId ? { cadreId } : {}),
              ...(filter.township ? { township: filter.township } : {}),
              ...(filter.eligible ? { eligible: filter.eligible } : {}),
            },
          },
        }),
      ),
  });
}

const ELIGIBLE_CHOICES = [
  { value: 'true', label: '只看符合条件的' },
  { value: 'false', label: '只看不符合条件的' },
] as const;

/** A check's evidence: event ids, linked to the cadre's timeline where the event is shown. */
export function Evidence({ cadreId, ids }: { cadreId: string; ids: readonly string[] }) {
  const { can } = useSession();
  const { cadrePath } = useView();
  if (ids.length === 0) return null;
  return (
    <span>
      依据：
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && '、'}
          {can('readHistory') ? <Link to={`${cadrePath(cadreId)}#event-${encodeURIComponent(id)}`}>{id}</Link> : id}
        </span>
      ))}
    </span>
  );
}

// A plain list: antd 6.6 deprecates its List, and its replacement (Listy) is a virtual list, which a
// handful of checks does not need.
export function CheckList({ cadreId, checks }: { cadreId: string; checks: readonly RuleCheck[] }) {
  const { token } = theme.useToken();
  return (
    <ul aria-label="逐条核对" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {checks.map((c, i) => (
        <li key={`${c.rule}-${i}`} style={{ padding: `${token.paddingXS}px 0`, borderTop: i > 0 ? `1px solid ${token.colorSplit}` : undefined }}>
          <Space orientation="vertical" size={0}>
            <span>
              <Tag color={c.passed ? 'green' : 'red'}>{c.passed ? '符合' : '不符合'}</Tag>
              <strong>{CHECK_NAMES_ZH[c.rule] ?? c.rule}</strong>（{c.rule}）：{c.detail}
            </span>
            <Evidence cadreId={cadreId} ids={c.evidence} />
          </Space>
        </li>
      ))}
    </ul>
  );
}

const byEligibleFirst = (a: CadreInPostEligibility, b: CadreInPostEligibility) => Number(b.eligible) - Number(a.eligible) || a.cadreId.localeCompare(b.cadreId);

export function EligibilityPage() {
  const { search, asOf, knownAt } = useView();
  const paging = useTablePaging(20);
  const [township, setTownship] = useParam('township');
  const [eligibleParam, setEligible] = useParam('eligible');
  // A link's value that is neither is left out (as the report pages do with theirs).
  const eligibleFilter = eligibleParam === 'true' || eligibleParam === 'false' ? eligibleParam : undefined;
  const answer = useEligibility(undefined, { township, eligible: eligibleFilter });
  const rows = [...(answer.data?.cadres ?? [])].sort(byEligibleFirst);
  const runYears: RunYears = answer.data?.runYears ?? { partySecretary: 8, chief: 10 };
  const eligible = rows.filter((r) => r.eligible).length;
  const atCeiling = rows.filter((r) => r.eligible && r.atCountyRankCeiling).length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {TM6B_NAME_ZH}资格（TM6b）
      </Typography.Title>
      {/* 600 – 2,000 chiefs at a province: the department reviews them township by township (found by a province-scale review). */}
      <Form layout="inline" aria-label="筛选">
        <TownshipPicker id="eligibility-township" value={township} onChange={setTownship} />
        <Form.Item label="是否符合" htmlFor="eligibility-eligible">
          <Select
            id="eligibility-eligible"
            allowClear
            placeholder="全部"
            value={eligibleFilter}
            onChange={(v: string | undefined) => setEligible(v)}
            style={{ width: 160 }}
            options={[...ELIGIBLE_CHOICES]}
          />
        </Form.Item>
        <Form.Item>
          <ExportXlsxButton path="/v1/eligibility/in-post-promotion" query={{ asOf, knownAt, township, eligible: eligibleFilter }} disabled={!answer.data} />
        </Form.Item>
      </Form>
      {answer.error && <ProblemAlert error={answer.error} notFoundField={(id) => (id === township ? 'township' : undefined)} />}
      <BehindNotice answer={answer.data} />
      {answer.data && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
          <Descriptions.Item label="截至">{answer.data.asOf}</Descriptions.Item>
          <Descriptions.Item label="按当时所知">{answer.data.knownAt ? formatKnownAt(answer.data.knownAt) : '全部已录入'}</Descriptions.Item>
          <Descriptions.Item label="乡镇党政正职">
            <span data-testid="eligibility-total">{rows.length}</span> 人
          </Descriptions.Item>
          <Descriptions.Item label="符合条件">
            <span data-testid="eligibility-eligible">{eligible}</span> 人
            {/* TM6b answers the measure; N1's ceiling still bars a promotion (OPEN-QUESTIONS §16; found by a web review: counted as if promotable). */}
            {atCeiling > 0 && (
              <>
                （其中 <span data-testid="eligibility-eligible-at-ceiling">{atCeiling}</span> 人已达县乡干部职级上限，不能再晋升）
              </>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="政策版本">
            <span data-testid="eligibility-policy-version">{answer.data.policyVersion}</span>（党委书记满 {runYears.partySecretary} 年、党政正职满 {runYears.chief} 年）
          </Descriptions.Item>
        </Descriptions>
      )}
      {rows.length > 0 && (
        <Card size="small">
          <Chart
            label="符合与不符合条件的人数"
            height={200}
            option={{
              tooltip: {},
              grid: { left: 16, right: 24, top: 10, bottom: 24, containLabel: true },
              xAxis: { type: 'value', minInterval: 1 },
              yAxis: { type: 'category', data: ['不符合条件', ...BASES.map((b) => inPostBasisZh(b, runYears))] },
              series: [
                {
                  type: 'bar',
                  data: [
                    { value: rows.length - eligible, itemStyle: { color: '#bfbfbf' } },
                    ...BASES.map((b) => ({ value: rows.filter((r) => r.basis === b).length, itemStyle: { color: '#b71c1c' } })),
                  ],
                },
              ],
            }}
          />
        </Card>
      )}
      <DataTable<CadreInPostEligibility>
        data-testid="eligibility-table"
        loadError={answer.error}
        size="small"
        rowKey="cadreId"
        loading={answer.isPending}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ current: paging.current, pageSize: paging.pageSize, onChange: paging.onChange, showSizeChanger: true, showTotal: (total) => `共 ${total} 人` }}
        expandable={{ expandedRowRender: (r) => <CheckList cadreId={r.cadreId} checks={r.checks} /> }}
        // Every column in sight at 1280 px within the page's ≈ 1,020 px: long text wraps within its
        // column instead of widening the table (it was ≈ 1,620 px, 连续任乡镇党政正职, 未通过的检查 and
        // 单独查看 off the edge above a 20-row list; found by a web review). Narrower (768 px), the
        // list scrolls sideways with the cadre's name kept in sight on the left.
        columns={[
          cadreColumn(),
          {
            title: '结论',
            key: 'eligible',
            render: (_, r) => (
              <Tag color={r.eligible ? 'green' : 'default'} style={{ whiteSpace: 'normal', maxWidth: 104 }}>
                {r.eligible ? `符合：${inPostBasisZh(r.basis!, runYears)}` : '不符合'}
              </Tag>
            ),
          },
          {
            title: '现任党政正职',
            key: 'posts',
            render: (_, r) =>
              r.chiefPosts.map((p) => (
                <div key={`${p.orgUnitId}/${p.role}`} style={{ maxWidth: 150 }}>
                  <OrgUnitName id={p.orgUnitId} name={p.orgUnitName} /> {roleNameZh(p.role, { name: p.orgUnitName ?? null, kind: 'TOWNSHIP' })}（{p.from} 起）
                </div>
              )),
          },
          // 二级调研员 on one line, （已达上限） on the next.
          { title: '现任职级', key: 'rank', render: (_, r) => <div style={{ maxWidth: 84 }}>{rankZh(r)}</div> },
          {
            title: <div style={{ maxWidth: 76 }}>连续任乡镇党委书记</div>,
            key: 'ps',
            // Broken only between its parts: 11 年 / 11 个月 / 30 天, never 11 个 / 月.
            render: (_, r) => <RunLength run={r.partySecretaryRun} />,
          },
          {
            title: <div style={{ maxWidth: 76 }}>连续任乡镇党政正职</div>,
            key: 'chief',
            render: (_, r) => <RunLength run={r.chiefRun} />,
          },
          {
            title: '未通过的检查',
            key: 'failed',
            // Tags that wrap inside a fixed width: a cadre failing five checks must not widen the whole table.
            render: (_, r) => {
              // An eligible cadre has failed nothing: the other basis's run, not long enough, is information (found by a review of the CLI's table).
              const failed = r.eligible ? [] : r.checks.filter((c) => !c.passed);
              return failed.length === 0 ? (
                '—'
              ) : (
                <Space size={[4, 4]} wrap style={{ maxWidth: 150 }}>
                  {failed.map((c, i) => (
                    <Tag key={`${c.rule}-${i}`} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                      {CHECK_NAMES_ZH[c.rule] ?? c.rule}
                    </Tag>
                  ))}
                </Space>
              );
            },
          },
          { title: '查看', key: 'open', render: (_, r) => <Link to={`/eligibility/${encodeURIComponent(r.cadreId)}${search}`}>单独查看</Link> },
        ]}
      />
    </Space>
  );
}

export function EligibilityCadrePage() {
  const { cadreId = '' } = useParams();
  const answer = useEligibility(cadreId);
  const { knownAt } = useView();
  // The cadre recorded only after the instant asked about: that is what a 404 then means, not that
  // the ledger has no such cadre beside their name (found walking the app, as on the timeline).
  const unknownThen = knownAt !== undefined && isLedgerNotFound(answer.error);
  const entry = answer.data?.cadres.find((c) => c.cadreId === cadreId);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {TM6B_NAME_ZH}资格 · <CadreLink id={cadreId} name={entry?.cadreName ?? undefined} />
      </Typography.Title>
      {!unknownThen && isLedgerNotFound(answer.error) ? (
        <CadreNotFound cadreId={cadreId} />
      ) : unknownThen ? (
        <Alert
          data-testid="eligibility-unknown-then"
          type="warning"
          showIcon
          message={`按 ${formatKnownAt(knownAt!)} 所知，台账中还没有这名干部`}
          description="其记录都是在所选时间之后录入的；清除页首的“按当时所知”时间可查看按全部已录入记录的结果。"
        />
      ) : (
        answer.error && <ProblemAlert error={answer.error} />
      )}
      <BehindNotice answer={answer.data} />
      {/* The cadre's record failing its hashes: said before the verdict it may have changed (found by an auditor's review). */}
      {answer.data?.integrityWarningsZh && answer.data.integrityWarningsZh.length > 0 && (
        <Alert
          data-testid="eligibility-integrity"
          type="error"
          showIcon
          message={answer.data.integrityWarningsZh[0]}
          description={answer.data.integrityWarningsZh.slice(1).map((line, i) => (
            <div key={i} style={{ wordBreak: 'break-all' }}>
              {line}
            </div>
          ))}
        />
      )}
      {answer.data && !entry && (
        <Typography.Paragraph data-testid="eligibility-not-applicable">
          {answer.data.knownAt ? `按 ${formatKnownAt(answer.data.knownAt)} 所知，` : ''}该干部在 {answer.data.asOf} 不是乡镇党政正职，不适用 TM6b。
        </Typography.Paragraph>
      )}
      {entry && (
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="结论">
              <Tag color={entry.eligible ? 'green' : 'default'} data-testid="eligibility-verdict">
                {entry.eligible ? `符合：${inPostBasisZh(entry.basis!, answer.data!.runYears)}` : '不符合'}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label="截至">{answer.data!.asOf}</Descriptions.Item>
            {/* As the list says it: an answer as known before a retraction read as today's (found walking the app). */}
            <Descriptions.Item label="按当时所知">
              <span data-testid="eligibility-known-at">{answer.data!.knownAt ? formatKnownAt(answer.data!.knownAt) : '全部已录入'}</span>
            </Descriptions.Item>
            <Descriptions.Item label="连续任乡镇党委书记">{entry.partySecretaryRun ? `${lengthZh(entry.partySecretaryRun)}（${entry.partySecretaryRun.start} 起）` : '—'}</Descriptions.Item>
            <Descriptions.Item label="连续任乡镇党政正职">{entry.chiefRun ? `${lengthZh(entry.chiefRun)}（${entry.chiefRun.start} 起）` : '—'}</Descriptions.Item>
            <Descriptions.Item label="政策版本">{answer.data!.policyVersion}</Descriptions.Item>
            {/* Beside TM6b, not one of its checks (docs/OPEN-QUESTIONS.md §16): N1 and N2 still decide the promotion itself. */}
            <Descriptions.Item label="现任职级">
              <span data-testid="eligibility-rank">
                {rankZh(entry)}
                {entry.rankSince ? `（${entry.rankSince} 起）` : ''}
                {entry.atCountyRankCeiling ? '：县乡干部职级以此为限，不能再晋升' : ''}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <CheckList cadreId={cadreId} checks={entry.checks} />
        </Card>
      )}
    </Space>
  );
}

/** The rank held, and whether it is the county and township ceiling (N1). */
function rankZh(r: { currentRank: keyof typeof RANK_NAMES_ZH | null; atCountyRankCeiling: boolean }): string {
  return r.currentRank ? `${RANK_NAMES_ZH[r.currentRank]}${r.atCountyRankCeiling ? '（已达上限）' : ''}` : '未录入';
}
