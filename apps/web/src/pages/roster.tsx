/** 干部名册: every cadre with name, post and township on the date, and rank; searched, filtered and paged on the server. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Select, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { BehindNotice, DataTable, isLedgerNotFound, ProblemAlert, useTownships, type CadreListItem } from '../components/common';
import { POST_ROLES, RANK_NAMES_ZH, RANKS, roleNameAnyUnitZh, roleNameZh } from '../vocabulary';
import { ExportXlsxButton } from '../components/export-xlsx';
import { formatKnownAt, isInstant, useParam, useView } from '../view';
import { quoteInput } from '@ledger/domain';

export function RosterPage() {
  const { asOf, knownAt, cadrePath } = useView();
  const [search, setSearch] = useParam('search');
  const [township, setTownship] = useParam('township');
  const [role, setRole] = useParam('role');
  const [rank, setRank] = useParam('rank');
  const [page, setPage] = useParam('page');
  const [pageSize, setPageSize] = useParam('pageSize');
  // Conditions of an edited or older link that are none are said and left out, not sent to be listed back
  // as raw codes (职务 FOO: "可选：PARTY_SECRETARY、HEAD…") or as "NaN" (found by a review).
  const wholeIn = (text: string | undefined, max: number) => text === undefined || (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= max);
  const unreadable = [
    ...(role !== undefined && !(POST_ROLES as readonly string[]).includes(role) ? [`职务“${quoteInput(role)}”`] : []),
    ...(rank !== undefined && !(RANKS as readonly string[]).includes(rank) ? [`职级“${quoteInput(rank)}”`] : []),
    ...(!wholeIn(pageSize, 500) ? [`每页条数“${quoteInput(pageSize!)}”`] : []),
    ...(!wholeIn(page, 1_000_000) ? [`页码“${quoteInput(page!)}”`] : []),
  ];
  const query = {
    asOf,
    page: wholeIn(page, 1_000_000) ? Number(page ?? 1) : 1,
    pageSize: wholeIn(pageSize, 500) ? Number(pageSize ?? 20) : 20,
    ...(search ? { search } : {}),
    ...(township ? { township } : {}),
    ...(role && (POST_ROLES as readonly string[]).includes(role) ? { role } : {}),
    ...(rank && (RANKS as readonly string[]).includes(rank) ? { rank } : {}),
  };
  // The picker's townships from the directory, not from the roster's answer: a failed answer left it empty (found by a review).
  const townships = useTownships();
  const roster = useQuery({
    queryKey: ['roster', query],
    placeholderData: keepPreviousData,
    queryFn: () => unwrap(api.GET('/v1/cadres', { params: { query: query as never } })),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        干部名册
      </Typography.Title>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label="姓名或编号" htmlFor="roster-search">
          {/* Keyed by the URL's value: a menu click that clears it clears the box too (found by a review). */}
          <Input.Search key={search ?? ''} id="roster-search" allowClear defaultValue={search} onSearch={(v) => setSearch(v.trim() || undefined)} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="乡镇" htmlFor="roster-township">
          <Select
            id="roster-township"
            allowClear
            value={township}
            onChange={setTownship}
            style={{ width: 180 }}
            placeholder="全部"
            options={(townships.length > 0 ? townships : (roster.data?.townships ?? [])).map((t) => ({ value: t.orgUnitId, label: t.name }))}
          />
        </Form.Item>
        <Form.Item label="职务" htmlFor="roster-role">
          <Select id="roster-role" allowClear value={query.role} onChange={setRole} style={{ width: 180 }} placeholder="全部" options={POST_ROLES.map((r) => ({ value: r, label: roleNameAnyUnitZh(r) }))} />
        </Form.Item>
        <Form.Item label="职级" htmlFor="roster-rank">
          <Select id="roster-rank" allowClear value={query.rank} onChange={setRank} style={{ width: 150 }} placeholder="全部" options={RANKS.map((r) => ({ value: r, label: RANK_NAMES_ZH[r] }))} />
        </Form.Item>
        <Form.Item>
          {/* Every matching cadre, not this page: the workbook is the list to file. */}
          <ExportXlsxButton path="/v1/cadres" query={{ asOf, search: query.search, township: query.township, role: query.role, rank: query.rank }} disabled={!roster.data || roster.data.total === 0} />
        </Form.Item>
      </Form>
      {knownAt && isInstant(knownAt) && (
        // The roster is drawn from what is recorded now (the API takes no knownAt here): say so,
        // rather than let the header's "as known at" seem to apply (found walking the app).
        <Alert
          data-testid="roster-known-at"
          type="info"
          showIcon
          message={`干部名册按现已录入的全部记录列出，不按“按当时所知”时间（${formatKnownAt(knownAt)}）回溯。`}
          description="要看当时所知的情况，请打开干部履历（可按当时所知显示）或资格、报表各页。"
        />
      )}
      {unreadable.length > 0 && (
        <Alert
          data-testid="roster-unreadable"
          type="warning"
          showIcon
          message={`链接中的${unreadable.join('、')}无法识别，已略去，下面按其余条件列出。`}
          description="职务、职级请在上方的筛选中选择；每页条数为 1–500 之间的整数。"
        />
      )}
      {isLedgerNotFound(roster.error) && township !== undefined ? (
        // The 乡镇 filter names a unit the ledger does not know (a mistyped or old link): said as such, with a way out (found by a review).
        // A 404 with `behind` only says the read models had not caught up (a unit registered a moment ago): the common alert says that.
        <Alert
          data-testid="roster-township-unknown"
          type="warning"
          showIcon
          message={`筛选条件中的乡镇“${quoteInput(township)}”不在台账中，无法按它列出干部。`}
          description="请在上方的“乡镇”中另选，或清除该条件列出全部干部。"
          action={
            <Button size="small" onClick={() => setTownship(undefined)}>
              清除乡镇条件
            </Button>
          }
        />
      ) : (
        roster.error && <ProblemAlert error={roster.error} />
      )}
      <BehindNotice answer={roster.data} />
      {roster.data && roster.data.items.length === 0 && roster.data.total > 0 && (
        // A page past the last (an old link, a filter that narrowed the list): say where the cadres are,
        // not 暂无数据 beside 共 N 人 (found 2026-12-04).
        <Alert
          data-testid="roster-past-last-page"
          type="info"
          showIcon
          message={`第 ${query.page} 页没有干部：共 ${roster.data.total} 人，每页 ${query.pageSize} 人，只有 ${Math.ceil(roster.data.total / query.pageSize)} 页。`}
          action={
            <Button size="small" onClick={() => setPage(String(Math.ceil(roster.data!.total / query.pageSize)))}>
              转到第 {Math.ceil(roster.data.total / query.pageSize)} 页
            </Button>
          }
        />
      )}
      <DataTable<CadreListItem>
        data-testid="roster-table"
        loadError={roster.error}
        size="small"
        rowKey="cadreId"
        loading={roster.isFetching}
        dataSource={roster.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: roster.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => <span data-testid="roster-total">共 {total} 人</span>,
          onChange: (p, size) => {
            if (size !== query.pageSize) setPageSize(String(size));
            else setPage(String(p));
          },
        }}
        columns={[
          { title: '编号', dataIndex: 'cadreId' },
          { title: '姓名', key: 'name', render: (_, c) => <Link to={cadrePath(c.cadreId)}>{c.name}</Link> },
          { title: '现任职务', key: 'role', render: (_, c) => (c.post ? roleNameZh(c.post.role, { name: c.post.orgUnitName, kind: c.post.orgUnitKind }) : '—') },
          { title: '单位', key: 'org', render: (_, c) => (c.post ? (c.post.orgUnitName ?? c.post.orgUnitId) : '—') },
          { title: '职级', key: 'rank', render: (_, c) => (c.rank ? RANK_NAMES_ZH[c.rank] : '—') },
          { title: '性别', key: 'gender', responsive: ['md'], render: (_, c) => (c.gender === 'F' ? '女' : c.gender === 'M' ? '男' : '—') },
          { title: '出生日期', dataIndex: 'birthDate', responsive: ['md'] },
        ]}
      />
    </Space>
  );
}
