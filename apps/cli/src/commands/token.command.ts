import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { ApiTokenRepository, ROLES, type Role } from '@ledger/auth';
import { printJson, withLedger } from '../cli-runtime';
import { printTable } from '../table';

const ROLE_NAMES_ZH: Record<Role, string> = {
  CLERK: '录入员',
  ORG_DEPT: '组织部',
  AUDITOR: '审计',
  APPEALS_OFFICER: '申诉办理',
  ADMIN: '管理员',
};

export function registerToken(program: Command): void {
  const token = program.command('token').description('API 令牌管理 (API tokens)');
  token
    .command('create')
    .description('创建令牌；令牌只显示这一次 (create a token; it is shown once)')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--name <name>', 'who holds it, e.g. 张三 or a system name')
    .option('--json', 'machine-readable output')
    .action(async (options: { role: Role; name: string; json?: boolean }) => {
      const name = options.name.trim();
      if (name.length === 0 || name.length > 100) throw new Error('--name must be 1–100 characters');
      const issued = await withLedger((l) => new ApiTokenRepository(l.db.sql).issue(options.role, name, `cli:${userInfo().username}`));
      if (options.json) printJson(issued);
      else {
        process.stdout.write(`已为「${issued.name}」创建${ROLE_NAMES_ZH[issued.role]} (${issued.role}) 令牌 ${issued.tokenId}。\n`);
        process.stdout.write(`令牌只显示这一次，请妥善保存：\n\n  ${issued.token}\n\n`);
        process.stdout.write(`使用方法：curl -H "Authorization: Bearer ${issued.token}" …\n`);
      }
    });
  token
    .command('list')
    .description('列出令牌 (list tokens; secrets are never shown)')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const tokens = await withLedger((l) => new ApiTokenRepository(l.db.sql).list());
      if (options.json) return printJson(tokens);
      printTable(
        ['编号', '持有人', '角色', '创建时间', '创建人', '状态'],
        tokens.map((t) => [t.tokenId, t.name, `${ROLE_NAMES_ZH[t.role]} ${t.role}`, t.createdAt, t.createdBy, t.revokedAt ? `已吊销 ${t.revokedAt}` : '有效']),
      );
    });
  token
    .command('revoke <tokenId>')
    .description('吊销令牌 (revoke a token)')
    .option('--json', 'machine-readable output')
    .action(async (tokenId: string, options: { json?: boolean }) => {
      const revoked = await withLedger((l) => new ApiTokenRepository(l.db.sql).revoke(tokenId));
      if (options.json) printJson({ tokenId, revoked });
      else process.stdout.write(revoked ? `已吊销 ${tokenId}。\n` : `没有有效的令牌 ${tokenId}。\n`);
      if (!revoked) process.exitCode = 1;
    });
}
