/**
 * How a process that failed says why after `错误：` (ERROR_PREFIX_ZH), in Chinese first with the
 * English in parentheses (for scripts and for searching): one text for the API, the CLI and the
 * projector. Moved here from the CLI (found by an operations review: the API's and the projector's
 * start-up failures — a database that cannot be reached, a wrong password, a data folder that
 * cannot be used — were English after `错误：`, while the CLI's were Chinese). The file-system
 * errors Node raises on a path (a directory where a file was wanted, a missing file, no
 * permission; found 2026-12-02 as raw English), the connection's, PostgreSQL's refusals of it, a
 * database gone away, and any error that says itself in Chinese (`messageZh`).
 */
import { databaseUnavailable } from '@ledger/database';

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

/** An error's message as a process prints it after `错误：` (ERROR_PREFIX_ZH); a string said as it is. */
export function startFailureText(error: unknown): string {
  // An error that says itself in Chinese (a database a newer release migrated, a digest that cannot be read; found by a review: English only).
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

