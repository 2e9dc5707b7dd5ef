/**
 * Lines that are not JSON: the rejection says what the parser found in Chinese, at the character
 * it names, and a file whose lines end in CR alone is said to be one (found fuzzing the import:
 * it was refused as one line, “该行不是 JSON 对象（解析器报告：Unexpected non-whitespace character …）”).
 */
import { Readable } from 'node:stream';
import { calendarDate } from '@ledger/domain';
import { EsdbEventStore, RacedEsdb } from '@ledger/event-store-esdb';
import { importNdjson } from './import-ndjson';

const importText = (text: string) => importNdjson(Readable.from([text]), new EsdbEventStore(new RacedEsdb()), () => calendarDate('2025-12-31'), { actor: 'ADMIN:test', dryRun: true });

describe('import: a line that is not JSON', () => {
  it('given a line cut short, then its rejection names the character in Chinese and keeps the parser’s words', async () => {
    const result = await importText('{this is not json\n');
    expect(result.rejected).toEqual([
      expect.objectContaining({
        line: 1,
        code: 'MALFORMED_JSON',
        message: "not a JSON object: Expected property name or '}' in JSON at position 1",
        messageZh: "该行不是 JSON 对象：第 2 个字符处应为带双引号的字段名或 }（解析器报告：Expected property name or '}' in JSON at position 1）",
      }),
    ]);
  });

  it('given a file whose lines end in CR alone, then its one line is said to hold a carriage return, with what to do', async () => {
    const line = '{"id":"a","type":"TrainingCompleted","cadreId":"C1","effectiveDate":"2020-01-01","data":{"programme":"x","level":"COUNTY"}}';
    const result = await importText(`${line}\r${line}\r`);
    expect(result.lines).toBe(1);
    expect(result.rejected).toEqual([expect.objectContaining({ line: 1, code: 'MALFORMED_JSON' })]);
    expect(result.rejected[0]!.message).toContain('carriage return (CR): a file with CR-only line ends reads as one line, use LF or CRLF');
    expect(result.rejected[0]!.messageZh).toContain('起在 JSON 结束后还有多余内容');
    expect(result.rejected[0]!.messageZh).toContain('该行含有回车符（CR），文件可能只用 CR 换行（旧式 Mac 格式），整个文件被读成一行：请改用 LF 或 CRLF 换行');
  });

  it('given a line that gives one name twice in an object, then it is refused naming where, and the same line written once is taken', async () => {
    const once = '{"id":"a","type":"TrainingCompleted","cadreId":"C1","effectiveDate":"2020-01-01","data":{"programme":"x","level":"COUNTY"}}';
    const twice = '{"id":"b","type":"TrainingCompleted","cadreId":"C1","effectiveDate":"2020-01-01","cadreId":"C2","data":{"programme":"x","level":"COUNTY"}}';
    const nested = '{"id":"c","type":"TrainingCompleted","cadreId":"C1","effectiveDate":"2020-01-01","data":{"programme":"x","level":"COUNTY","level":"PROVINCE"}}';
    const idTwice = '{"id":"d","id":"e","type":"TrainingCompleted","cadreId":"C1","effectiveDate":"2020-01-01","data":{"programme":"x","level":"COUNTY"}}';
    const result = await importText([once, twice, nested, idTwice].join('\n'));
    // Line 1 is refused only for its cadre, whom this dry run without a store does not know.
    expect(result.rejected.filter((r) => r.code !== 'RULE_I_CADRE_NOT_REGISTERED')).toEqual([
      expect.objectContaining({ line: 2, id: 'b', field: 'cadreId', code: 'REPEATED_JSON_KEY', messageZh: '字段名“cadreId”在同一对象中出现两次（位置 cadreId）：一个字段只能有一个值，台账不猜测取哪一个，请删去多余的一个' }),
      expect.objectContaining({ line: 3, id: 'c', code: 'REPEATED_JSON_KEY', message: expect.stringContaining('the name "level" is given twice in one object (at data.level)') }),
      // Which id the line has is the question: none is named.
      expect.objectContaining({ line: 4, id: null, code: 'REPEATED_JSON_KEY' }),
    ]);
    expect(result.rejected.find((r) => r.line === 1)?.code).toBe('RULE_I_CADRE_NOT_REGISTERED');
  });

  it('given a file saved as UTF-16 (Notepad’s “Unicode”: a BOM, CRLF), then every line says so, not a guess at its line ends (found by a review)', async () => {
    const text = ['{"id":"a","type":"TrainingCompleted","cadreId":"C1","effectiveDate":"2020-01-01","data":{"programme":"党校","level":"COUNTY"}}', '{"id":"b"}', '{"id":"c"}'].join('\r\n') + '\r\n';
    for (const [encoding, bom] of [
      ['utf16le', Buffer.from([0xff, 0xfe])],
      ['utf16le', Buffer.alloc(0)], // no BOM: its first line every other byte NUL
    ] as const) {
      const result = await importNdjson(Readable.from([Buffer.concat([bom, Buffer.from(text, encoding)])]), new EsdbEventStore(new RacedEsdb()), () => calendarDate('2025-12-31'), { actor: 'ADMIN:test', dryRun: true });
      expect(result.accepted).toBe(0);
      expect(result.rejected.length).toBeGreaterThanOrEqual(3);
      for (const r of result.rejected) {
        expect(r.messageZh).toContain('文件看来是 UTF-16 编码（记事本的“Unicode”、Excel 的“Unicode 文本”）：请将文件另存为 UTF-8 编码后再导入');
        expect(r.messageZh).not.toContain('旧式 Mac');
      }
    }
  });

  it('given a file written as one JSON array over many lines, then each line’s refusal says the file is an array and what an import file is', async () => {
    const training = (id: string) => ({ id, type: 'OrgUnitRegistered', orgUnitId: id, effectiveDate: '2020-01-01', data: { name: `${id}镇`, kind: 'TOWNSHIP' } });
    // One record a line inside the brackets: the last, without its comma, parses alone, and is refused all the same.
    const result = await importText(`[\n${[training('A'), training('B')].map((o) => JSON.stringify(o)).join(',\n')}\n]\n`);
    expect(result.accepted).toBe(0);
    expect(result.rejected.map((r) => [r.line, r.code])).toEqual([[1, 'MALFORMED_JSON'], [2, 'MALFORMED_JSON'], [3, 'MALFORMED_JSON'], [4, 'MALFORMED_JSON']]);
    expect(result.rejected.every((r) => r.messageZh.includes('文件以“[”开头，看来是一个 JSON 数组：导入文件须每行一个 JSON 对象（NDJSON）'))).toBe(true);
    // A file of objects, one a line, is not told so.
    const plain = await importText('{this is not json\n');
    expect(plain.rejected[0]!.messageZh).not.toContain('JSON 数组');
  });

  it('given an id a later line reuses for another fact, then the later line is told which line holds it', async () => {
    const line = (programme: string) => `{"id":"t1","type":"OrgUnitRegistered","orgUnitId":"T${programme}","effectiveDate":"2020-01-01","data":{"name":"${programme}镇","kind":"TOWNSHIP"}}`;
    const result = await importText([line('1'), '', line('1'), line('2')].join('\n') + '\n');
    expect(result.rejected).toEqual([expect.objectContaining({ line: 4, code: 'EVENT_ID_CONFLICT', messageZh: '事件编号 t1 已被本文件第 1 行用于另一事实' })]);
  });

  it('given a line with CRLF, then it is read as the line it is (no CR hint on a good line)', async () => {
    const result = await importText('{"id":"a","type":"Nope","cadreId":"C1","effectiveDate":"2020-01-01","data":{}}\r\n');
    expect(result.rejected.map((r) => r.code)).toEqual(['RULE_I_NOT_A_COMMAND']);
  });
});

describe('import: a line that is JSON but no object, read with a role (found by a review: null stopped the whole import with INTERNAL_ERROR)', () => {
  it.each(['null', '5', 'true', '"x"', '[]'])('given a line %s between two lines, then it alone is refused by its number, with the role’s checks and without', async (odd) => {
    const line = (id: string) => `{"id":"${id}","type":"OrgUnitRegistered","orgUnitId":"${id}","effectiveDate":"2020-01-01","data":{"name":"${id}镇","kind":"TOWNSHIP"}}`;
    for (const role of [undefined, 'CLERK'] as const) {
      const result = await importNdjson(Readable.from([`${line('T1')}\n${odd}\n${line('T2')}\n`]), new EsdbEventStore(new RacedEsdb()), () => calendarDate('2025-12-31'), {
        actor: 'CLERK:test',
        dryRun: true,
        ...(role ? { role } : {}),
      });
      expect({ accepted: result.accepted, rejected: result.rejected.map((r) => [r.line, r.code]) }).toEqual({ accepted: 2, rejected: [[2, 'RULE_I_SCHEMA']] });
    }
  });
});
