import { userInfo } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ApiTokenRepository, ROLES, type Role, type TokenRecord } from '@ledger/auth';
import { durationSchema, loadConfig } from '@ledger/config';
import { ACTOR_ROLE_NAMES_ZH, actorZh, textInputProblem } from '@ledger/domain';
import { printJson, withLedger } from '../cli-runtime';
import { shanghaiDateTime } from '../clock';
import { printTable } from '../table';
import { JSON_ZH, upperCaseChoice } from '../help-zh';

/** A token's role in Chinese: the one vocabulary table's names (those of an event's actor). */
const ROLE_NAMES_ZH: Record<Role, string> = Object.fromEntries(ROLES.map((r) => [r, ACTOR_ROLE_NAMES_ZH[r] ?? r])) as Record<Role, string>;

function status(t: TokenRecord): string {
  if (t.revokedAt) return `已吊销 ${shanghaiDateTime(t.revokedAt)}`;
  return t.expired ? '已过期' : '有效';
}

/** durationSchema's messages in the department's words. */
const DURATION_MESSAGES_ZH: Record<string, string> = {
  'a duration like 90d, 12h or 30m': '须为 90d、12h 或 30m 这样的时长（一个数字加一个单位）',
  'at most 3650d': '最长 3650d（十年）',
};

/** --expires-in as commander parses it: a refusal said in Chinese with the English beside it (it was English only). */
function duration(value: string): number {
  const parsed = durationSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues[0]?.message ?? 'a duration like 90d, 12h or 30m';
  throw new InvalidArgumentError(`${DURATION_MESSAGES_ZH[why] ?? why} (${why})`);
}

export function registerToken(program: Command): void {
  const token = program.command('token').description('API 令牌：创建、列出、吊销');
  token
    .command('create')
    .description('创建令牌；令牌只显示这一次，请妥善保存')
    .addOption(upperCaseChoice(new Option('--role <role>', `令牌的角色：${ROLES.map((r) => `${r}（${ROLE_NAMES_ZH[r]}）`).join('、')}`), ROLES).makeOptionMandatory())
    .requiredOption('--name <name>', '令牌持有人：姓名（如 张三）或使用它的系统的名称')
    .option('--expires-in <duration>', '有效期，如 90d、12h、30m（默认取 TOKEN_DEFAULT_TTL，未设置时为 90d）', duration)
    .option('--json', JSON_ZH)
    .action(async (options: { role: Role; name: string; expiresIn?: number; json?: boolean }) => {
      const name = options.name.trim();
      if (name.length === 0 || name.length > 100) throw new Error('--name：须为 1 至 100 个字符 (--name must be 1–100 characters)');
      // A holder's name is shown in lists, logs and /v1/me: no control character may move a terminal's cursor there (found by a review).
      if (/\p{Cc}/u.test(name)) throw new Error('--name：不能含换行、制表符或其他控制字符 (--name must not hold control characters)');
      // Nor an invisible format character (U+202E, U+200B…), refused as in any command's text: the name is in the actor of every event the token writes.
      const problem = textInputProblem('--name', name);
      if (problem) throw new Error(`${problem.messageZh} (${problem.message})`);
      const ttlMs = options.expiresIn ?? loadConfig().TOKEN_DEFAULT_TTL;
      const issued = await withLedger((l) => new ApiTokenRepository(l.db.sql).issue(options.role, name, `cli:${userInfo().username}`, ttlMs));
      if (options.json) printJson(issued);
      else {
        process.stdout.write(`已为「${issued.name}」创建${ROLE_NAMES_ZH[issued.role]} (${issued.role}) 令牌 ${issued.tokenId}，有效期至 ${shanghaiDateTime(issued.expiresAt)}。\n`);
        process.stdout.write(`令牌只显示这一次，请妥善保存：\n\n  ${issued.token}\n\n`);
        process.stdout.write(`使用方法：curl -H "Authorization: Bearer ${issued.token}" …\n`);
      }
    });
  token
    .command('list')
    .description('列出令牌及其到期时间、最近使用和状态（令牌本身从不显示）')
    .option('--json', JSON_ZH)
    .action(async (options: { json?: boolean }) => {
      const tokens = await withLedger((l) => new ApiTokenRepository(l.db.sql).list());
      if (options.json) return printJson(tokens);
      process.stdout.write('时间为北京时间 (Asia/Shanghai)。\n');
      printTable(
        ['编号', '持有人', '角色', '创建时间', '创建人', '到期时间', '最近使用', '状态'],
        tokens.map((t) => [
          t.tokenId,
          t.name,
          `${ROLE_NAMES_ZH[t.role]} ${t.role}`,
          shanghaiDateTime(t.createdAt),
          actorZh(t.createdBy),
          shanghaiDateTime(t.expiresAt),
          t.lastUsedAt ? shanghaiDateTime(t.lastUsedAt) : '从未使用',
          status(t),
        ]),
      );
    });
  token
    .command('revoke')
    .description('吊销令牌：运行中的接口至多在 TOKEN_CACHE_TTL_MS 毫秒后不再接受它')
    .argument('<tokenId>', '令牌编号（见 token list）')
    .option('--json', JSON_ZH)
    .action(async (tokenId: string, options: { json?: boolean }) => {
      const revoked = await withLedger((l) => new ApiTokenRepository(l.db.sql).revoke(tokenId));
      if (revoked) {
        if (options.json) printJson({ tokenId, revoked });
        else process.stdout.write(`已吊销 ${tokenId}。\n`);
        return;
      }
      // Nothing revoked is an error, under --json too: one JSON line on stderr, nothing on stdout (found by a review).
      const messageZh = `没有有效的令牌 ${tokenId}（编号不存在、已吊销或已过期；见 token list）`;
      process.stderr.write(options.json ? `${JSON.stringify({ error: { code: 'NOT_FOUND', message: messageZh, tokenId } })}\n` : `${messageZh}。\n`);
      process.exitCode = 1;
    });
}
