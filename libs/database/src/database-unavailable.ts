/**
 * A database that cannot be reached or went away (stopped, restarted, its host down): the request
 * may succeed once it is back, so it is a 503 to the API's callers and a sentence in Chinese to
 * people, not an unexpected error (found by an operations review: every route, /v1/status among
 * them, answered 500 INTERNAL_ERROR while PostgreSQL was stopped).
 */
const UNAVAILABLE_ZH: Record<string, string> = {
  // Node's, for the connection
  ECONNREFUSED: '数据库拒绝连接（未运行或地址有误）',
  ENOTFOUND: '找不到数据库所在的主机',
  ETIMEDOUT: '连接数据库超时',
  EHOSTUNREACH: '数据库所在的主机不可达',
  ECONNRESET: '与数据库的连接被中断',
  EPIPE: '与数据库的连接被中断',
  // postgres.js's
  CONNECTION_CLOSED: '与数据库的连接已关闭',
  CONNECTION_ENDED: '与数据库的连接已结束',
  CONNECTION_DESTROYED: '与数据库的连接已断开',
  CONNECT_TIMEOUT: '连接数据库超时',
  // PostgreSQL's SQLSTATEs: shut down, starting, full, connection failures
  '57P01': '数据库正在关闭（管理员命令）',
  '57P02': '数据库异常重启中',
  '57P03': '数据库正在启动或关闭，暂不能连接',
  '53300': '数据库连接数已满',
  // Found by an operator's review: a full disk was said as a reset connection or an unexpected error.
  '53100': '数据库服务器磁盘空间已满（No space left on device），请清理或扩容数据所在的磁盘',
  '53200': '数据库服务器内存不足',
  '08000': '与数据库的连接出错',
  '08001': '无法建立与数据库的连接',
  '08003': '与数据库的连接已不存在',
  '08004': '数据库拒绝建立连接',
  '08006': '与数据库的连接失败',
};

/** The error's code when it says the database is unavailable, with its Chinese words; undefined otherwise. */
export function databaseUnavailable(error: unknown): { code: string; zh: string } | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && UNAVAILABLE_ZH[code] ? { code, zh: UNAVAILABLE_ZH[code] } : undefined;
}
