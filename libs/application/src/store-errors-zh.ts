/**
 * The event store's refusals in Chinese, with the same ids and values as their English messages:
 * what an import rejection and an HTTP Problem say to the organization department's staff
 * (`messageZh`, `detailZh`). A message of a shape not known here is said generically, never in English.
 */
import { clampQuotedInputZh, schemaMessageZh } from '@ledger/domain';
import { ClockBehindError, EventIdConflictError, InvalidEventError, StreamVersionConflictError } from '@ledger/event-store';

/** The detail of an EventIdConflictError (after `event id X `), by its shape. */
const ID_CONFLICT_DETAILS_ZH: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [/^is already stored \(stream (.+), revision (\d+)\) with a different body$/, (m) => `已以不同的内容存储（事件流 ${m[1]} 第 ${m[2]} 号事件）`],
  [/^is already recorded for a different fact$/, () => '已用于记录另一事实'],
  [
    /^derives an event id \(a post-holder marker .*\) that another event already has: record this fact under another id(?: \((.+)\))?$/,
    (m) => `派生出的事件编号${m[1] ? ` ${m[1]}` : ''}（任职占位标记“编号:单位:职务”或复核或申诉决定的纠正事件“编号:rescind/retract/regrade”）已被另一事件使用：请换用其他编号录入此事项`,
  ],
  [/^was used by line (\d+) of this file for a different fact$/, (m) => `已被本文件第 ${m[1]} 行用于另一事实`],
  [/^was used by an earlier line of this file for a different fact$/, () => '已被本文件前面的一行用于另一事实'],
  // A derived id (a post-holder marker, an appeal decision's remedy) against a line's own (found by a review: said generically, the id was one the line never typed).
  [/^is the id of an event an earlier line of this file derived/, () => '是本文件前面一行派生的事件（任职占位标记或复核或申诉决定的纠正事件）的编号，不能再用作本行的编号'],
  [/^is already the id of an earlier line's event in this file; line (\d+) would derive it/, (m) => `已是本文件前面一行的事件编号；第 ${m[1]} 行会派生出同一编号的事件（任职占位标记或复核或申诉决定的纠正事件），因此本行不能写入`],
  [/^is already stored in the target under another stream or revision$/, () => '已存储于目标库的另一事件流或另一序号'],
  [
    /^is new, but other events of the same write are already stored/,
    () => '是新编号，但同一次写入的其他事件已经存储：一次写入要么整体存储要么整体不存储，因此这不是重试',
  ],
  [/^is reserved for a different fact \(stream (.+?)\) by a write/, (m) => `已被一次仍在进行或未完成的写入预留给另一事实（事件流 ${m[1]}）；在 EventStoreDB 上，这样的编号始终绑定其第一个事实`],
  [/^could not be reserved after (\d+) attempts/, (m) => `重试 ${m[1]} 次仍无法预留：同时写入该编号的请求过多`],
];

/** What InvalidEventError says of a field (validate-new-event.ts, verbatim-import.ts), in Chinese. */
const INVALID_EVENT_MESSAGES_ZH: Record<string, string> = {
  'nested too deeply': '嵌套层级过深',
  'must not contain NUL characters': '不得包含空字符（U+0000）',
  'keys must not contain NUL characters': '键名不得包含空字符（U+0000）',
  'must not contain a lone UTF-16 surrogate': '不得包含不成对的 UTF-16 代理字符（不是有效的 Unicode 文本）',
  'keys must not contain a lone UTF-16 surrogate': '键名不得包含不成对的 UTF-16 代理字符（不是有效的 Unicode 文本）',
  'must be a finite number': '须为有限数值',
  'must be a calendar date YYYY-MM-DD': '须为有效日期（YYYY-MM-DD）',
  'must be a JSON object': '须为 JSON 对象',
  'must be an integer ≥ 1': '须为不小于 1 的整数',
  'must be an integer ≥ 0': '须为不小于 0 的整数',
  'must be 1–200 characters': '长度须为 1 至 200 个字符',
  'must be an ISO-8601 UTC instant with milliseconds': '须为带毫秒的 ISO-8601 UTC 时间',
  'must be 64 hex digits': '须为 64 位十六进制数字',
  'nothing to import': '没有可导入的事件',
};

function invalidEventDetailZh(detail: string): string {
  const known = INVALID_EVENT_MESSAGES_ZH[detail];
  if (known) return known;
  const string = /^must be a string of 1–(\d+) characters$/.exec(detail);
  if (string) return `须为 1 至 ${string[1]} 个字符的文本`;
  const notJson = /^is not JSON \((\w+)\)$/.exec(detail);
  if (notJson) return `不是 JSON 值（${notJson[1]}）`;
  const twice = /^(.+) appears twice in one import$/.exec(detail);
  if (twice) return `${twice[1]} 在同一次导入中出现两次`;
  const noHead = /^no head was read for stream (.+)$/.exec(detail);
  if (noHead) return `未读取到事件流 ${noHead[1]} 的流头`;
  const chain = /^stream (.+) revision (\d+): the hash does not recompute/.exec(detail);
  if (chain) return `事件流 ${chain[1]} 第 ${chain[2]} 号事件：哈希值不能由前一事件重新算出（断裂的哈希链不会被复制）`;
  const zh = schemaMessageZh(detail);
  return zh === detail ? '不符合事件存储的要求' : zh;
}

/** The refusal of the event store in Chinese; undefined for any other error. */
export function storeErrorMessageZh(error: unknown): string | undefined {
  if (error instanceof StreamVersionConflictError) {
    // The stream may be one the decision only read (a read check): say which, not "your record".
    const expected = error.expected === 'no_stream' ? '预期该事件流尚不存在' : error.expected === 'any' ? '未限定流头' : `预期流头为第 ${error.expected} 号事件`;
    const actual = error.actual === null ? '该事件流尚不存在' : `实际流头为第 ${error.actual} 号事件`;
    // Appended to since it was read only when its head is past the one expected; an expected head
    // past the actual one, or a stream that does not exist, is a version the caller gave wrongly
    // (found by a review: If-Match "999" on a head of 143 was told events had been appended).
    const expectedRevision = /^\d+$/.test(error.expected) ? Number(error.expected) : null;
    const appended = error.actual !== null && (expectedRevision === null || error.actual > expectedRevision);
    return clampQuotedInputZh(`作出决定所依据的事件流 ${error.streamId} ${appended ? '在读取后已有新事件追加' : '与所给的版本不符'}：${expected}，${actual}`);
  }
  if (error instanceof EventIdConflictError) {
    const detail = error.message.slice(`event id ${error.eventId} `.length);
    for (const [shape, zh] of ID_CONFLICT_DETAILS_ZH) {
      const m = shape.exec(detail);
      if (m) return clampQuotedInputZh(`事件编号 ${error.eventId} ${zh(m)}`);
    }
    return clampQuotedInputZh(`事件编号 ${error.eventId} 已用于不同的内容`);
  }
  if (error instanceof InvalidEventError) {
    const detail = error.message.slice(`${error.field}: `.length);
    return clampQuotedInputZh(`${error.field}：${invalidEventDetailZh(detail)}`);
  }
  if (error instanceof ClockBehindError) return error.messageZh;
  return undefined;
}
