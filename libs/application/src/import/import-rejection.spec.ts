/**
 * Every kind of import rejection says its detail in Chinese too (`messageZh`), with the ids and
 * values of its English message: a rule's refusal, the store's conflicts and refusals, a line that
 * is no JSON, too long or not UTF-8, and an event type the role may not write.
 */
import { eventTypeRefusal } from '@ledger/auth';
import { DomainError } from '@ledger/domain';
import { EventIdConflictError, InvalidEventError, StreamVersionConflictError } from '@ledger/event-store';
import { MalformedLineError, rejectionOf } from './import-rejection';
import { ForbiddenEventError } from '../retraction-capability';

describe('an import rejection carries its detail in Chinese, whatever refused the line', () => {
  it('given a rule’s refusal, then the refusal’s own Chinese detail', () => {
    const error = new DomainError('RULE_I_CADRE_NOT_REGISTERED', 'cadre C9 is not registered', { field: 'cadreId', messageZh: '干部 C9 尚未登记' });
    expect(rejectionOf(3, 'ev-3', error)).toEqual({
      line: 3,
      id: 'ev-3',
      rule: 'I',
      code: 'RULE_I_CADRE_NOT_REGISTERED',
      message: 'cadre C9 is not registered',
      messageZh: '干部 C9 尚未登记',
      field: 'cadreId',
      titleZh: '干部尚未登记',
    });
  });

  it('given the store’s conflicts and refusals, then the same ids and revisions in Chinese', () => {
    expect(rejectionOf(1, 'e1', new EventIdConflictError('e1', 'was used by an earlier line of this file for a different fact')).messageZh).toBe('事件编号 e1 已被本文件前面的一行用于另一事实');
    // Which line (found by a review: a clerk had to search the file for it).
    expect(rejectionOf(13, 'e1', new EventIdConflictError('e1', 'was used by line 11 of this file for a different fact')).messageZh).toBe('事件编号 e1 已被本文件第 11 行用于另一事实');
    expect(rejectionOf(1, 'e1', new EventIdConflictError('e1', 'is already stored (stream cadre-A, revision 4) with a different body')).messageZh).toBe(
      '事件编号 e1 已以不同的内容存储（事件流 cadre-A 第 4 号事件）',
    );
    expect(rejectionOf(1, 'e1', new EventIdConflictError('e1', 'is already recorded for a different fact')).messageZh).toBe(
      '事件编号 e1 已用于记录另一事实',
    );
    // A line given up on conflicts was not refused: said, with what to do, and marked retryable.
    const notRefused = '。该行内容并未被拒绝：导入期间另一写入方反复修改同一事件流，多次重试仍未写入；请再次导入该文件（已存储的行不会重复写入）';
    expect(rejectionOf(2, 'e2', new StreamVersionConflictError('cadre-A', '3', 5))).toMatchObject({
      messageZh: `作出决定所依据的事件流 cadre-A 在读取后已有新事件追加：预期流头为第 3 号事件，实际流头为第 5 号事件${notRefused}`,
      retryable: true,
    });
    expect(rejectionOf(2, 'e2', new StreamVersionConflictError('policy', 'no_stream', 0)).messageZh).toBe(`作出决定所依据的事件流 policy 在读取后已有新事件追加：预期该事件流尚不存在，实际流头为第 0 号事件${notRefused}`);
    // A version ahead of the stream's head, or a stream that does not exist: not "appended since" (found by a review).
    expect(rejectionOf(3, 'e3', new StreamVersionConflictError('cadre-A', '999', 143)).messageZh).toBe(`作出决定所依据的事件流 cadre-A 与所给的版本不符：预期流头为第 999 号事件，实际流头为第 143 号事件${notRefused}`);
    expect(rejectionOf(4, 'e4', new StreamVersionConflictError('cadre-B', '3', null)).messageZh).toBe(`作出决定所依据的事件流 cadre-B 与所给的版本不符：预期流头为第 3 号事件，该事件流尚不存在${notRefused}`);
    expect(rejectionOf(2, 'e2', new InvalidEventError('data.programme', 'must not contain NUL characters')).messageZh).toBe('data.programme：不得包含空字符（U+0000）');
  });

  it('given a line refused before it is read as a command, then why in Chinese', () => {
    const tooLong = new MalformedLineError('LINE_TOO_LONG', 'line is 9000 bytes, over the limit of 8192 bytes (IMPORT_MAX_LINE_BYTES)', '该行 9000 字节，超过上限 8192 字节（IMPORT_MAX_LINE_BYTES）');
    expect(rejectionOf(7, null, tooLong)).toMatchObject({ code: 'LINE_TOO_LONG', messageZh: '该行 9000 字节，超过上限 8192 字节（IMPORT_MAX_LINE_BYTES）' });
  });

  it('given an event type the role may not write, then the role and the event type by their Chinese names', () => {
    const refusal = eventTypeRefusal('CLERK', 'PolicyVersionAdopted');
    expect(refusal).toBeDefined();
    const rejection = rejectionOf(5, 'p1', new ForbiddenEventError(refusal!));
    expect(rejection).toMatchObject({ code: 'FORBIDDEN_EVENT_TYPE', field: 'type', capability: refusal!.capability });
    expect(rejection.messageZh).toBe(`角色“录入员”（CLERK）无权录入“采用政策版本”（PolicyVersionAdopted）这类事项：需要权限 ${refusal!.capability}`);
  });

  it('given a long Chinese detail, then it is kept whole; only a long quoted value is cut, as in the English', () => {
    const long = '该行'.repeat(60);
    const id = 'x'.repeat(120);
    const rejection = rejectionOf(1, null, new DomainError('RULE_I_SCHEMA', `${id}: invalid`, { messageZh: `${long}：${id}` }));
    expect(rejection.messageZh).toBe(`${long}：${'x'.repeat(80)}…(120 chars)`);
  });
});
