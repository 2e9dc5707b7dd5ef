/** 优秀乡镇党委书记推荐人选 (TM10): the ranked list of a cycle, the quota line drawn, ties across it marked, the excluded with reasons. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Card, Descriptions, Form, Select, Space, Tag, Typography } from 'antd';
import { type Answer, api, unwrap } from '../api/client';
import { BehindNotice, CadreLink, cadreColumn, Chart, DataTable, ProblemAlert, RunLength } from '../components/common';
import { CHECK_NAMES_ZH, RANK_NAMES_ZH, TM10_NAME_ZH } from '../vocabulary';
import { ExportXlsxButton } from '../components/export-xlsx';
import { formatKnownAt, useParam, useTablePaging, useView } from '../view';
import { CheckList } from './eligibility';
import { cycleSchema } from '@ledger/domain';

type Candidate = Answer<'ExcellentSecretaryCandidatesDto'>['candidates'][number];
type ExcludedCandidate = Answer<'ExcellentSecretaryCandidatesDto'>['excluded'][number];

const FIRST_CYCLE = '2001-2005';

/** The five-year cycles (2001-2005, 2006-2010, …) up to the one containing `year`. */
function cyclesUpTo(year: number): string[] {
  const cycles: string[] = [];
  for (let start = Number(FIRST_CYCLE.slice(0, 4)); start <= year; start += 5) cycles.push(`${start}-${start + 4}`);
  return cycles.reverse();
}

export function CandidatesPage() {
  const { asOf, knownAt } = useView();
  const year = Number(asOf.slice(0, 4));
  const cycles = cyclesUpTo(year);
  const [chosen, setCycle] = useParam('cycle');
  const candidatesPaging = useTablePaging(50);
  const excludedPaging = useTablePaging(20, 'excluded');
  // None before the first cycle (a date before 2001): said so, and nothing asked (it asked without a
  // cycle and showed the refusal 字段：评选周期 · 类型不符… beside an empty picker, found walking the app).
  const cycle: string | undefined = chosen ?? cycles.find((c) => Number(c.slice(5)) <= year) ?? cycles[0];
  // Any five years the ledger takes may be typed (a county whose cycles run 2019-2023 picks its own;
  // found by a review: only 2001-2005 and its successors could be chosen).
  const [typed, setTyped] = useState('');
  const cycleOptions = [...new Set([...(cycleSchema.safeParse(typed).success ? [typed] : []), ...(cycle !== undefined ? [cycle] : []), ...cycles])]
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((c) => ({ value: c, label: c }));
  const answer = useQuery({
    enabled: cycle !== undefined,
    // As in effect on the header's date too: a list drawn up before the cycle's grades were all in
    // (found by a review: the date picker did not change the list).
    queryKey: ['candidates', cycle, asOf, knownAt],
    queryFn: () =>
      unwrap(
        api.GET('/v1/commendations/excellent-township-party-secretary/candidates', { params: { query: { cycle: cycle!, asOf, ...(knownAt ? { knownAt } : {}) } } }),
      ),
  });
  const data = answer.data;
  // The places within the quota are the answer's (withinQuota): a tie across the line leaves every
  // tied candidate outside it, for the county to settle, so the line falls before them, never between
  // two tied candidates by their ids (found by a review: it was drawn after the quota's last place).
  const lastWithin = data ? data.candidates.findLastIndex((c) => c.withinQuota) : -1;
  // The table draws the quota line only where it divides the list (it sat on the last candidate when all fitted).
  const allFit = data !== undefined && data.candidates.length <= data.quota;
  // The table marks the line by the candidate, not the row's index, which restarts on every page.
  const atQuotaLine = (c: Candidate) => !allFit && lastWithin >= 0 && c.cadreId === data?.candidates[lastWithin]?.cadreId;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {TM10_NAME_ZH}推荐人选（TM10）
      </Typography.Title>
      <Form layout="inline">
        <Form.Item label="评选周期" htmlFor="candidates-cycle">
          <Select
            id="candidates-cycle"
            value={cycle}
            onChange={(c: string) => {
              setTyped('');
              setCycle(c);
            }}
            showSearch={{ onSearch: setTyped, searchValue: typed }}
            placeholder="无"
            style={{ width: 140 }}
            options={cycleOptions}
          />
        </Form.Item>
        <Form.Item>
          <Typography.Text type="secondary">可选择或输入任一五年周期，如 2019-2023</Typography.Text>
        </Form.Item>
        <Form.Item>
          <ExportXlsxButton path="/v1/commendations/excellent-township-party-secretary/candidates" query={{ cycle, asOf, knownAt }} disabled={!data} />
        </Form.Item>
      </Form>
      {cycle === undefined && (
        <Alert
          data-testid="candidates-no-cycle"
          type="info"
          showIcon
          message={`截至 ${asOf} 还没有评选周期`}
          description={`评选周期每五年一个，第一个为 ${FIRST_CYCLE}；请在页首选择 ${FIRST_CYCLE.slice(0, 4)} 年或之后的截至日期，或在上方输入评选周期。`}
        />
      )}
      {answer.error && <ProblemAlert error={answer.error} />}
      {data && asOf < data.referenceDate && (
        // A cycle still running on the page's date: its later years are not graded yet, so the list
        // is no verdict (found by a review: it read as if every secretary were excluded).
        <Alert
          data-testid="candidates-cycle-running"
          type="warning"
          showIcon
          message={`${data.cycle} 周期尚未结束：基准日为 ${data.referenceDate}，截至 ${asOf} 该周期各年度的考核尚未全部完成`}
          description="以下名单按截至日期已录入、已生效的记录列出，仅供参考；周期结束、考核结果录入后再确定推荐人选。"
        />
      )}
      <BehindNotice answer={answer.data} />
      {data && (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="基准日">{data.referenceDate}</Descriptions.Item>
          <Descriptions.Item label="截至">{asOf}</Descriptions.Item>
          <Descriptions.Item label="名额">
            <span data-testid="candidates-quota">{data.quota}</span> 名
          </Descriptions.Item>
          <Descriptions.Item label="人选">
            <span data-testid="candidates-total">{data.candidates.length}</span> 人
          </Descriptions.Item>
          <Descriptions.Item label="未列入">
            <span data-testid="candidates-excluded">{data.excluded.length}</span> 人（{data.knownAt ? `按 ${formatKnownAt(data.knownAt)} 所知` : '全部已录入'}）
          </Descriptions.Item>
          {/* Every derived answer names the policy version behind it (found by a review: only the single-cadre page did). */}
          <Descriptions.Item label="政策版本">
            <span data-testid="candidates-policy-version">{data.policyVersion}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
      {data && data.candidates.length > 0 && allFit && (
        <Typography.Text data-testid="candidates-all-within">
          全部 {data.candidates.length} 名人选均在名额（{data.quota} 名）内，不划名额线。
        </Typography.Text>
      )}
      {data && data.candidates.length > 0 && (
        <Card size="small">
          <Chart
            label="人选优秀等次次数与名额线"
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 40, right: 16, bottom: 40, top: 30 },
              xAxis: { type: 'category', name: '排名', data: data.candidates.map((c) => String(c.rank)) },
              yAxis: { type: 'value', name: '优秀次数', minInterval: 1 },
              series: [
                {
                  type: 'bar',
                  data: data.candidates.map((c) => ({ value: c.excellentCount, itemStyle: { color: c.withinQuota ? '#b71c1c' : '#bfbfbf' } })),
                  // The places within the quota, shaded up to the line (a line between two category
                  // bars has no index of its own: at lastWithin + 0.5 it was never drawn).
                  markArea: {
                    silent: true,
                    itemStyle: { color: 'rgba(183, 28, 28, 0.08)', borderColor: '#b71c1c', borderWidth: 1, borderType: 'dashed' },
                    label: { position: 'insideTopRight', formatter: `名额内（${data.quota} 名）` },
                    data: lastWithin >= 0 ? [[{ xAxis: 0 }, { xAxis: lastWithin }]] : [],
                  },
                },
              ],
            }}
          />
        </Card>
      )}
      <DataTable<Candidate>
        data-testid="candidates-table"
        loadError={answer.error}
        size="small"
        rowKey="cadreId"
        loading={answer.isLoading}
        dataSource={data?.candidates ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: candidatesPaging.current, pageSize: candidatesPaging.pageSize, onChange: candidatesPaging.onChange, showSizeChanger: true }}
        onRow={(c) => (atQuotaLine(c) ? { style: { borderBottom: '3px solid #b71c1c' }, className: 'quota-line' } : {})}
        rowClassName={(c) => (atQuotaLine(c) ? 'quota-line' : '')}
        expandable={{ expandedRowRender: (c) => <CheckList cadreId={c.cadreId} checks={c.checks} /> }}
        // In sight at 1280 px without scrolling sideways: tags and long headings wrap within their
        // column (the table was 4 px too wide, the 表彰及推荐 tags cut; found by a web review);
        // narrower, the cadre's name stays on the left while the list scrolls.
        columns={[
          { title: '排名', dataIndex: 'rank', fixed: 'left' },
          cadreColumn(),
          {
            title: '名额内',
            key: 'quota',
            render: (_, c) => (
              <Space size={4} wrap style={{ maxWidth: 120 }}>
                <Tag color={c.withinQuota ? 'red' : 'default'}>{c.withinQuota ? '名额内' : '名额外'}</Tag>
                {c.tiedAtQuotaLine && (
                  <Tag color="orange" style={{ whiteSpace: 'normal' }}>
                    名额线上并列（由县委确定）
                  </Tag>
                )}
                {atQuotaLine(c) && <Tag color="black">— 名额线 —</Tag>}
              </Space>
            ),
          },
          { title: '优秀次数', dataIndex: 'excellentCount' },
          {
            title: <div style={{ maxWidth: 76 }}>连续任乡镇党委书记</div>,
            key: 'run',
            // Broken only between its parts: 11 年 / 11 个月 / 30 天, never 11 个 / 月.
            render: (_, c) => <RunLength run={c.partySecretaryRun} />,
          },
          { title: '末年绩效得分', key: 'score', render: (_, c) => (c.latestPerformanceScore ? `${c.latestPerformanceScore.score}（${c.latestPerformanceScore.year} 年）` : '—') },
          { title: '职级', key: 'rank', render: (_, c) => (c.currentRank ? RANK_NAMES_ZH[c.currentRank] : '—') },
          {
            title: '表彰及推荐',
            key: 'commended',
            render: (_, c) => <Commendation c={c} />,
          },
        ]}
      />
      <Typography.Title level={4}>未列入人选及原因</Typography.Title>
      <DataTable<ExcludedCandidate>
        data-testid="excluded-table"
        loadError={answer.error}
        size="small"
        rowKey="cadreId"
        dataSource={data?.excluded ?? []}
        pagination={{ current: excludedPaging.current, pageSize: excludedPaging.pageSize, onChange: excludedPaging.onChange }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '干部', key: 'cadre', render: (_, c) => <CadreLink id={c.cadreId} name={c.cadreName ?? undefined} /> },
          {
            title: '原因',
            key: 'reasons',
            render: (_, c) =>
              c.reasons.map((r) => (
                <div key={r.rule}>
                  <Tag color="red">{CHECK_NAMES_ZH[r.rule] ?? r.rule}</Tag>
                  {/* Apart from the tag when copied or read aloud too (found by a review: “周期内优秀等次2021-2025 …”). */}
                  {'：'}
                  {r.detail}
                </div>
              )),
          },
          { title: '表彰及推荐', key: 'commended', render: (_, c) => <Commendation c={c} /> },
        ]}
      />
    </Space>
  );
}

/** What a commendation for the cycle brings (TM10), on the list or off it. */
function Commendation({ c }: { c: Pick<ExcludedCandidate, 'commended' | 'priorityPromotionToResearcher4' | 'recommendForCountyLevelPost'> }) {
  if (!c.commended) return <>未表彰</>;
  // One tag a line in a narrow column (a wrapping Space in a table as wide as its content stayed one line).
  return (
    <Space size={4} wrap style={{ maxWidth: 140 }}>
      <Tag color="gold">已表彰</Tag>
      {c.priorityPromotionToResearcher4 && <Tag color="red">优先晋升四级调研员</Tag>}
      {c.recommendForCountyLevelPost && <Tag color="volcano">推荐县级领导职务</Tag>}
    </Space>
  );
}
