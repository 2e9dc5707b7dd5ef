/**
 * What the CLI says when it stops on bad input, in Chinese first with the English in parentheses
 * (for scripts and for searching): the file-system errors Node raises on a path the user gave
 * (a directory where a file was wanted, a missing file, no permission) and commander's own
 * messages (an unknown option, an invalid choice). Found 2026-12-02: these reached the user as
 * raw English (`EISDIR: illegal operation on a directory, open …`).
 */
import { databaseUnavailable } from '@ledger/database';
import { DomainError } from '@ledger/domain';

/** Node's error codes for a path, in the department's words. */
const FS_CODES_ZH: Record<string, string> = {
  ENOENT: '找不到文件或目录',
  EISDIR: '这是一个目录，请给出文件路径',
  ENOTDIR: '路径中有一段不是目录',
  EACCES: '没有权限读写该路径',
  EPERM: '没有权限读写该路径',
  EEXIST: '该路径已存在',
  ENOSPC: '磁盘空间不足',
  EROFS: '该路径只读',
};

/** Node's error codes for a connection, in the department's words. */
const NET_CODES_ZH: Record<string, string> = {
  ECONNREFUSED: '无法连接到数据库或事件存储：对方拒绝连接',
  ENOTFOUND: '无法连接到数据库或事件存储：找不到该主机',
  ETIMEDOUT: '无法连接到数据库或事件存储：连接超时',
  ECONNRESET: '与数据库或事件存储的连接被中断',
  EHOSTUNREACH: '无法连接到数据库或事件存储：主机不可达',
};

/**
 * PostgreSQL's own refusals of a connection (SQLSTATE), in the department's words (found by a
 * review: a wrong password in DATABASE_URL reached the user as the server's English). `setting` is
 * where the connection came from (DATABASE_URL, or migrate-store's --from / --to).
 */
const POSTGRES_CODES_ZH: Record<string, (message: string, setting: string) => string> = {
  '28P01': (_m, setting) => `无法登录数据库：${setting}中的用户名或密码不对`,
  '28000': (_m, setting) => `无法登录数据库：服务器不允许该用户从此处连接（请核对${setting}中的用户及服务器的 pg_hba.conf）`,
  '3D000': (m, setting) => {
    const name = /database "([^"]*)"/.exec(m)?.[1];
    return `数据库不存在${name !== undefined ? `：${name}` : ''}（请核对${setting}末尾的数据库名）`;
  },
  '42501': () => '数据库用户权限不足',
  '53300': () => '数据库连接数已满，请稍后再试',
  '57P03': () => '数据库正在启动或关闭，暂不能连接，请稍后再试',
};

/** An error met opening one of several stores (migrate-store), marked with which one, said first. */
export function onConnection<T>(settingZh: string, open: () => Promise<T>): Promise<T> {
  return open().catch((error: unknown) => {
    if (error instanceof Error) Object.assign(error, { connectionZh: settingZh });
    throw error;
  });
}

/** An error's message as the CLI prints it after `错误：` (ERROR_PREFIX_ZH). */
export function cliErrorMessageZh(error: unknown): string {
  // A rule's refusal: its Chinese detail, the code and the English beside it.
  if (error instanceof DomainError) return `${error.messageZh} (${error.code}: ${error.message})`;
  // Any other error that says itself in Chinese (a digest that cannot be read; found by a review: English only).
  const zh = error instanceof Error ? (error as { messageZh?: unknown; code?: unknown }) : undefined;
  if (error instanceof Error && typeof zh?.messageZh === 'string') return `${zh.messageZh} (${typeof zh.code === 'string' ? `${zh.code}: ` : ''}${error.message})`;
  const e = error as NodeJS.ErrnoException & { address?: string; port?: number };
  // Which of several connections (migrate-store's --from, --to) failed, when the command said (onConnection).
  const connection = error instanceof Error ? (error as { connectionZh?: unknown }).connectionZh : undefined;
  // A store that cannot be reached (migrate-store --from/--to, DATABASE_URL): said, with where.
  if (error instanceof Error && typeof e.code === 'string' && NET_CODES_ZH[e.code]) {
    const where = typeof e.address === 'string' ? `${e.address}${typeof e.port === 'number' ? `:${e.port}` : ''}` : undefined;
    return `${typeof connection === 'string' ? `${connection}：` : ''}${NET_CODES_ZH[e.code]}${where ? `：${where}` : ''}（${e.code}）`;
  }
  // The database gone away mid-command (postgres.js's CONNECTION_CLOSED, a server shut down: 57P01):
  // said in Chinese, as the API's 503 says it (found by an operations review: an import stopped in English).
  const unavailable = databaseUnavailable(error);
  if (error instanceof Error && unavailable && !POSTGRES_CODES_ZH[unavailable.code]) {
    return `${typeof connection === 'string' ? `${connection}：` : ''}数据库暂不可用：${unavailable.zh}（${unavailable.code}：${error.message}）`;
  }
  if (error instanceof Error && typeof e.code === 'string' && POSTGRES_CODES_ZH[e.code]) {
    const setting = typeof connection === 'string' ? connection : 'DATABASE_URL ';
    return `${typeof connection === 'string' ? `${connection}：` : ''}${POSTGRES_CODES_ZH[e.code]!(error.message, setting)}（${e.code}：${error.message}）`;
  }
  if (error instanceof Error && typeof e.code === 'string' && FS_CODES_ZH[e.code]) {
    return typeof e.path === 'string' ? `${FS_CODES_ZH[e.code]}：${e.path}（${e.code}）` : `${FS_CODES_ZH[e.code]}（${e.code}）`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** commander's error lines (they start `error: `), said in Chinese; other output as it is. */
export function commanderOutputZh(text: string): string {
  const rules: [RegExp, (...m: string[]) => string][] = [
    [/^error: unknown option '([^']*)'(?:\n\(Did you mean ([^)]*)\?\))?/, (o, hint) => `错误：没有选项 ${o}${hint ? `，是否想用 ${hint}？` : ''} (unknown option)`],
    [/^error: unknown command '([^']*)'(?:\n\(Did you mean ([^)]*)\?\))?/, (c, hint) => `错误：没有命令 ${c}${hint ? `，是否想用 ${hint}？` : ''} (unknown command)`],
    [/^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are ([^.]*)\./, (o, v, choices) => `错误：选项 ${o} 的值 ${v} 无效，可选：${choices.split(', ').join('、')} (invalid choice)`],
    // Any other refused value: the option's own parser says why (found by a review: generate's were English only).
    [/^error: option '([^']*)' argument '([^']*)' is invalid\. (.+)/, (o, v, why) => `错误：选项 ${o} 的值 ${v} 无效：${why}`],
    [/^error: option '([^']*)' argument missing/, (o) => `错误：选项 ${o} 缺少取值 (argument missing)`],
    [/^error: missing required argument '([^']*)'/, (a) => `错误：缺少参数 ${a} (missing required argument)`],
    [/^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./, (c, n, got) => `错误：参数过多${c ? `（${c}）` : ''}：应为 ${n} 个，收到 ${got} 个 (too many arguments)`],
    [/^error: required option '([^']*)' not specified/, (o) => `错误：缺少必需的选项 ${o} (required option)`],
  ];
  for (const [pattern, say] of rules) {
    const m = pattern.exec(text);
    if (m) return `${say(...m.slice(1).map((g) => g ?? ''))}\n${text.slice(m[0].length).replace(/^\n/, '')}`;
  }
  return text;
}

/** A usage error of commander's (unknown option, missing argument…) as `--json` callers read every error: `{error: {code: 'USAGE', message}}`. */
export function commanderUsageErrorJson(text: string): string {
  return JSON.stringify({ error: { code: 'USAGE', message: commanderOutputZh(text).trim() } });
}

/**
 * The error as `--json` callers read it, on stderr: one JSON line `{error: {code, message, …}}`
 * (a domain error's own fields: rule, kind, field); the exit code is the same as without --json
 * (found by a review: a script asking for JSON got a Chinese sentence).
 */
export function cliErrorJson(error: unknown): string {
  const own = error instanceof Error && typeof (error as { toJSON?: unknown }).toJSON === 'function' ? ((error as unknown as { toJSON(): object }).toJSON() as Record<string, unknown>) : {};
  const code = typeof own.code === 'string' ? own.code : typeof (error as NodeJS.ErrnoException)?.code === 'string' ? (error as NodeJS.ErrnoException).code : 'ERROR';
  // A domain error keeps its English message (and its messageZh beside it, from toJSON).
  return JSON.stringify({ error: { ...own, code, message: error instanceof DomainError ? error.message : cliErrorMessageZh(error) } });
}
