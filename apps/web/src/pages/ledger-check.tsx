/**
 * 台账校验 (AUDITOR, ADMIN): the ledger's digest to keep, every hash chain recomputed, and a digest
 * kept earlier proven: the ledger up to it unchanged and only appended to since. The same answers
 * and the same Chinese sentences as the CLI's `digest`, `verify` and `verify --since-digest`.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { type Answer, api, unwrap } from '../api/client';
import { CadreLink, ProblemAlert } from '../components/common';
import { formatInstant } from '../view';

type Verification = Answer<'VerificationDto'>;

/** The cadre a broken stream is of, to open its timeline from the finding; none for an org unit's, an appeal's or the policy's. */
const cadreOfStream = (streamId: string): string | undefined => (streamId.startsWith('cadre-') ? streamId.slice('cadre-'.length) : undefined);

/** Chains intact, but the store is the target of a migrate-store copy stopped part-way (UNFINISHED_COPY): no break to name. */
const onlyUnfinished = (answer: Verification): boolean => answer.broken.length === 0 && answer.unfinishedCopy !== undefined;
const UNFINISHED_COPY_TITLE = '本库是未完成的迁移副本，可能缺少事件';

/** What a verification found: its sentences, and the timelines of the cadres whose chains broke. */
function VerificationResult({ answer, testId, passed, title }: { answer: Verification; testId: string; passed: boolean; title: string }) {
  const brokenCadres = [...new Set(answer.broken.flatMap((b) => cadreOfStream(b.streamId) ?? []))];
  return (
    <Alert
      data-testid={testId}
      type={passed ? 'success' : 'error'}
      showIcon
      message={title}
      description={
        <>
          {answer.summaryZh.map((line, i) => (
            <div key={i} style={{ wordBreak: 'break-all' }}>
              {line}
            </div>
          ))}
          {brokenCadres.length > 0 && (
            <div>
              断裂处所属干部：
              {brokenCadres.map((id, i) => (
                <span key={id}>
                  {i > 0 && '、'}
                  <CadreLink id={id} />
                </span>
              ))}
            </div>
          )}
        </>
      }
    />
  );
}

export function LedgerCheckPage() {
  const digest = useQuery({ queryKey: ['ledger-digest'], queryFn: () => unwrap(api.GET('/v1/audit/digest')) });
  const [everyBreak, setEveryBreak] = useState(false);
  const verify = useMutation({ mutationFn: (all: boolean) => unwrap(api.GET('/v1/audit/verify', { params: { query: all ? { all: 'true' } : {} } })) });
  const [kept, setKept] = useState('');
  const queryClient = useQueryClient();
  const prove = useMutation({
    mutationFn: (sinceDigest: string) => unwrap(api.GET('/v1/audit/verify', { params: { query: { sinceDigest } } })),
    // The check read every event and the API now keeps its current digest: the card above asks again
    // (it could offer one kept from before an edit, contradicting the check).
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['ledger-digest'] }),
  });
  const d = digest.data;
  const proof = prove.data?.sinceDigest;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        台账校验
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        本页按台账现状校验，与页首的“截至日期”和“按当时所知”无关。
      </Typography.Paragraph>

      <Card
        size="small"
        title="当前台账摘要"
        extra={
          <Button size="small" loading={digest.isFetching} onClick={() => void digest.refetch()}>
            重新取得
          </Button>
        }
      >
        {digest.error && <ProblemAlert error={digest.error} />}
        {d && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label="事件数">
                <span data-testid="digest-count">{d.count}</span>
              </Descriptions.Item>
              <Descriptions.Item label="末位">{`${d.position.commit}.${d.position.prepare}`}</Descriptions.Item>
              <Descriptions.Item label="取得时间">{formatInstant(new Date(digest.dataUpdatedAt).toISOString())}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph data-testid="digest" copyable={{ text: d.digest, tooltips: ['复制摘要', '已复制'] }} code style={{ wordBreak: 'break-all', margin: 0 }}>
              {d.digest}
            </Typography.Paragraph>
            <Typography.Text type="secondary">
              请将上行摘要连同取得时间另行保存（如打印存档）。日后在本页下方粘贴核对，可证明摘要所覆盖的记录未被改动、删除或插入，此后只有追加。
            </Typography.Text>
          </Space>
        )}
      </Card>

      <Card size="small" title="校验全部哈希链">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">逐条事件流重算每个事件的哈希并与流头核对。台账越大，用时越长。</Typography.Text>
          <Space wrap>
            <Button type="primary" loading={verify.isPending} onClick={() => verify.mutate(everyBreak)}>
              开始校验
            </Button>
            <Checkbox checked={everyBreak} onChange={(e) => setEveryBreak(e.target.checked)}>
              列出全部断裂（不在第一处停止）
            </Checkbox>
          </Space>
          {verify.error && <ProblemAlert error={verify.error} />}
          {verify.data && <VerificationResult answer={verify.data} testId="chains-result" passed={verify.data.ok} title={verify.data.ok ? '哈希链完整' : onlyUnfinished(verify.data) ? UNFINISHED_COPY_TITLE : '哈希链断裂'} />}
        </Space>
      </Card>

      <Card size="small" title="核对此前保存的摘要">
        <Form
          layout="vertical"
          onFinish={() => {
            if (kept.trim() !== '') prove.mutate(kept.trim());
          }}
        >
          <Form.Item label="台账摘要（ledger-digest:v1:…）" htmlFor="kept-digest" style={{ marginBottom: 8 }}>
            <Input.TextArea id="kept-digest" value={kept} onChange={(e) => setKept(e.target.value)} rows={2} placeholder="粘贴此前在本页或用命令行 digest 取得的摘要" />
          </Form.Item>
          <Button htmlType="submit" loading={prove.isPending} disabled={kept.trim() === ''}>
            核对摘要
          </Button>
        </Form>
        {prove.error && (
          <div style={{ marginTop: 12 }}>
            <ProblemAlert error={prove.error} />
          </div>
        )}
        {prove.data && proof && (
          <div style={{ marginTop: 12 }}>
            <VerificationResult
              answer={prove.data}
              testId="digest-proof"
              passed={proof.ok && prove.data.ok}
              title={
                proof.ok && prove.data.ok
                  ? '摘要核对通过：此前的记录未被改动，此后只有追加'
                  : !proof.ok
                    ? '摘要核对未通过'
                    : onlyUnfinished(prove.data)
                      ? `摘要所覆盖的事件仍在，但${UNFINISHED_COPY_TITLE}`
                      : '摘要所覆盖的事件仍在，但哈希链断裂'
              }
            />
          </div>
        )}
      </Card>
    </Space>
  );
}
