import { DomainError } from '@ledger/domain';
import { cliErrorJson, cliErrorMessageZh, commanderOutputZh } from './errors-zh';

describe('the CLI says what stopped it in Chinese, the English kept in parentheses', () => {
  it('given a file-system error on a path the user gave, then what is wrong with that path', () => {
    const eisdir = Object.assign(new Error('EISDIR: illegal operation on a directory, open'), { code: 'EISDIR', path: '/tmp' });
    expect(cliErrorMessageZh(eisdir)).toBe('这是一个目录，请给出文件路径：/tmp（EISDIR）');
    expect(cliErrorMessageZh(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('没有权限读写该路径（EACCES）');
  });

  it('given a rule’s refusal, then its Chinese detail, with the code and the English beside it', () => {
    const refused = new DomainError('RULE_I_CADRE_NOT_REGISTERED', 'cadre C9 is not registered', { field: 'cadreId', messageZh: '干部 C9 尚未登记' });
    expect(cliErrorMessageZh(refused)).toBe('干部 C9 尚未登记 (RULE_I_CADRE_NOT_REGISTERED: cadre C9 is not registered)');
  });

  it('given any other error, then its own message (the ledger’s messages are written for people already)', () => {
    expect(cliErrorMessageZh(new Error('--as-of: must be a real calendar date'))).toBe('--as-of: must be a real calendar date');
  });

  // Found by a review: migrate-store said "connect ECONNREFUSED 127.0.0.1:1", verify --since-digest "not a ledger digest".
  it('given a store that cannot be reached, then that it cannot be reached, and where', () => {
    expect(cliErrorMessageZh(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 1 }))).toBe('无法连接到数据库或事件存储：对方拒绝连接：127.0.0.1:1（ECONNREFUSED）');
    expect(cliErrorMessageZh(Object.assign(new Error('getaddrinfo ENOTFOUND db'), { code: 'ENOTFOUND' }))).toBe('无法连接到数据库或事件存储：找不到该主机（ENOTFOUND）');
  });

  // Found by an operations review: an import whose database stopped said "错误：write CONNECTION_CLOSED 127.0.0.1:3299".
  it('given the database gone away mid-command, then that it is unavailable, in Chinese, with the code and the English', () => {
    expect(cliErrorMessageZh(Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:3299'), { code: 'CONNECTION_CLOSED' }))).toBe('数据库暂不可用：与数据库的连接已关闭（CONNECTION_CLOSED：write CONNECTION_CLOSED 127.0.0.1:3299）');
    expect(cliErrorMessageZh(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe('数据库暂不可用：数据库正在关闭（管理员命令）（57P01：terminating connection due to administrator command）');
  });

  it('given an error that says itself in Chinese (messageZh), then that, with its code and the English beside it; under --json too', () => {
    const digest = Object.assign(new Error('not a ledger digest'), { code: 'INVALID_DIGEST', messageZh: '不是台账摘要' });
    expect(cliErrorMessageZh(digest)).toBe('不是台账摘要 (INVALID_DIGEST: not a ledger digest)');
    expect(JSON.parse(cliErrorJson(digest)).error).toMatchObject({ code: 'INVALID_DIGEST', message: '不是台账摘要 (INVALID_DIGEST: not a ledger digest)' });
  });

  it('given commander’s messages, then the same facts in Chinese, and the usage after them unchanged', () => {
    expect(commanderOutputZh("error: option '--as <role>' argument 'KING' is invalid. Allowed choices are CLERK, ADMIN.\n")).toBe(
      '错误：选项 --as <role> 的值 KING 无效，可选：CLERK、ADMIN (invalid choice)\n',
    );
    expect(commanderOutputZh("error: unknown option '--bogus'\n")).toBe('错误：没有选项 --bogus (unknown option)\n');
    expect(commanderOutputZh("error: option '--eligible' cannot be used with option '--not-eligible'\n")).toBe('错误：选项 --eligible 与 --not-eligible 不能同时使用 (conflicting options)\n');
    expect(commanderOutputZh("error: option '--townships <n>' argument 'abc' is invalid. 须为 1 至 5000 的整数 (an integer from 1 to 5000)\n")).toBe(
      '错误：选项 --townships <n> 的值 abc 无效：须为 1 至 5000 的整数 (an integer from 1 to 5000)\n',
    );
    expect(commanderOutputZh("error: unknown command 'imprt'\n(Did you mean import?)\n")).toBe('错误：没有命令 imprt，是否想用 import？ (unknown command)\n');
    expect(commanderOutputZh("error: missing required argument 'file'\n")).toBe('错误：缺少参数 file (missing required argument)\n');
    expect(commanderOutputZh('Usage: ledger import [options] <file>\n')).toBe('Usage: ledger import [options] <file>\n');
  });
});

describe('--json errors', () => {
  it('are one JSON line with the code and the message; a domain error keeps its rule and field', () => {
    expect(JSON.parse(cliErrorJson(new Error('台账中没有干部 C9')))).toEqual({ error: { code: 'ERROR', message: '台账中没有干部 C9' } });
    const refused = JSON.parse(cliErrorJson(new DomainError('RULE_I_SCHEMA', 'asOf: must be a date', { field: 'asOf', messageZh: 'asOf：须为有效日期' })));
    expect(refused.error).toMatchObject({ code: 'RULE_I_SCHEMA', field: 'asOf', message: 'asOf: must be a date', messageZh: 'asOf：须为有效日期' });
  });
});
