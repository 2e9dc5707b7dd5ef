import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiProblem, takeSignOutReason } from '../api/client';
import { useSession } from '../session';

export function SignInPage() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [notice] = useState(() => takeSignOutReason());
  const [busy, setBusy] = useState(false);
  const submit = async ({ token }: { token: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(token.trim());
      // Where the user was going: the page is rendered at the address asked for (found by a review: a link opened before signing in was lost).
      const asked = location.pathname === '/signin' ? '/' : `${location.pathname}${location.search}`;
      navigate(asked, { replace: true });
    } catch (e) {
      setError(
        // Only the ledger's own 401 says the token was refused: a gateway's 401 page says nothing of it (found by a review).
        e instanceof ApiProblem && !e.fromApi
          ? e.detailZh
          : e instanceof ApiProblem && e.status === 401
          ? e.body.code === 'TOKEN_EXPIRED'
            ? `${e.titleZh}。`
            : '令牌无效或已被吊销，请向管理员重新申领。'
          : '无法连接台账服务，请稍后再试。',
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: 480, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ color: '#b71c1c' }}>
          乡镇领导干部履历台账
        </Typography.Title>
        <Typography.Paragraph type="secondary">请粘贴管理员发给您的访问令牌。令牌只保存在本浏览器标签页中，关闭后需重新登录。</Typography.Paragraph>
        {notice && !error && <Alert data-testid="signed-out-reason" type="warning" showIcon message={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert data-testid="sign-in-error" type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        {/* The refusal is of the token tried: it goes once the token is edited, and an empty attempt says only that the token is missing (it kept the last refusal). */}
        <Form layout="vertical" onFinish={submit} onFinishFailed={() => setError(null)} onValuesChange={() => setError(null)} requiredMark={false}>
          <Form.Item label="访问令牌" name="token" rules={[{ required: true, message: '请粘贴访问令牌' }]}>
            <Input.Password placeholder="ccl_…" autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
