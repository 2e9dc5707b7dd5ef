import { Readable } from 'node:stream';
import { encode } from 'iconv-lite';
import { ndjsonLines, type NdjsonLine } from './ndjson-lines';

async function lines(chunks: Array<Buffer | string>, max = 16): Promise<NdjsonLine[]> {
  const out: NdjsonLine[] = [];
  for await (const line of ndjsonLines(Readable.from(chunks), max)) out.push(line);
  return out;
}

describe('ndjsonLines', () => {
  it('splits across chunks, strips CR, keeps blank lines numbered and a last line without newline', async () => {
    expect(await lines(['ab', 'c\r\n\nd', 'e'])).toEqual([
      { number: 1, text: 'abc' },
      { number: 2, text: '' },
      { number: 3, text: 'de' },
    ]);
  });

  it('reports a line over the limit by number without keeping it; the limit itself is fine', async () => {
    expect(await lines(['x'.repeat(16), '\n', 'y'.repeat(10), 'y'.repeat(10), '\nok\n'])).toEqual([
      { number: 1, text: 'x'.repeat(16) },
      { number: 2, problem: 'LINE_TOO_LONG', bytes: 20 },
      { number: 3, text: 'ok' },
    ]);
  });

  it.each([
    [15, true],
    [16, true],
    [17, false],
  ])('a line of %i bytes before a CRLF, limit 16: read as with LF: %s (the CR is not the line’s; found by a review)', async (length, read) => {
    for (const end of ['\n', '\r\n']) {
      // The CR alone in the next chunk too: the line is judged when it ends.
      for (const chunks of [['a'.repeat(length) + end, 'ok\n'], ['a'.repeat(length), ...end.split(''), 'ok\n']]) {
        expect([end, await lines(chunks)]).toEqual([end, [read ? { number: 1, text: 'a'.repeat(length) } : { number: 1, problem: 'LINE_TOO_LONG', bytes: length }, { number: 2, text: 'ok' }]]);
      }
    }
  });

  it('reports invalid UTF-8, decodes a character split across chunks', async () => {
    const han = Buffer.from('镇');
    expect(await lines([Buffer.from([0x61, 0xff, 0x0a]), han.subarray(0, 1), han.subarray(1), '\n'])).toEqual([
      { number: 1, problem: 'INVALID_UTF8', bytes: 2 },
      { number: 2, text: '镇' },
    ]);
  });

  it('says a line over the limit holds carriage returns (a file with CR-only line ends read as one line), wherever the CR falls; a CRLF end is no such CR (found by a review)', async () => {
    expect(await lines(['{"a":1}\r{"b":2}\r{"c":3}\r\n'])).toEqual([{ number: 1, problem: 'LINE_TOO_LONG', bytes: 23, holdsCr: true }]);
    // The CR ends one chunk and the line goes on in the next.
    expect(await lines(['{"a":1}\r', '{"b":2}{"c":3}\n'])).toEqual([{ number: 1, problem: 'LINE_TOO_LONG', bytes: 22, holdsCr: true }]);
    expect(await lines(['x'.repeat(20), '\r\n'])).toEqual([{ number: 1, problem: 'LINE_TOO_LONG', bytes: 20 }]);
  });

  it('a BOM before the first line is not counted against the limit, whichever way the stream splits it (found by a review: 103 bytes when its first byte came alone)', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const line = Buffer.from(`{"id":"${'x'.repeat(7)}"}`); // exactly 16 bytes, the limit here
    const split = (at: number) => lines([bom.subarray(0, at), Buffer.concat([bom.subarray(at), line, Buffer.from('\n')])]);
    for (const at of [0, 1, 2, 3]) expect(await split(at)).toEqual([{ number: 1, text: line.toString() }]);
    // One byte over the limit after the BOM is still over it.
    expect(await lines([bom, Buffer.from(`{"id":"${'x'.repeat(8)}"}\n`)])).toEqual([{ number: 1, problem: 'LINE_TOO_LONG', bytes: 17 }]);
  });

  it('says a line reads as GBK only when its bytes pair as GB2312 Chinese: not a Latin-1 name, nor UTF-8 with a broken byte (found by a review: Müller read as Chinese)', async () => {
    const gbk = Buffer.from([...Buffer.from('{"n":"'), 0xb0, 0xd7, 0xcb, 0xae, 0xcf, 0xe7, ...Buffer.from('"}\n')]); // 白水乡
    const latin1 = Buffer.from('{"n":"M\u00fcller"}\n', 'latin1');
    const brokenUtf8 = Buffer.from([...Buffer.from('{"n":"'), 0xe7, 0x99, 0x41, ...Buffer.from('"}\n')]);
    const [g, l, b] = await Promise.all([lines([gbk], 100), lines([latin1], 100), lines([brokenUtf8], 100)]);
    expect(g).toEqual([{ number: 1, problem: 'INVALID_UTF8', bytes: 14, looksGb18030: true }]);
    expect(l).toEqual([{ number: 1, problem: 'INVALID_UTF8', bytes: 14 }]);
    expect(b).toEqual([{ number: 1, problem: 'INVALID_UTF8', bytes: 11 }]);
  });

  it('does not say it of a UTF-8 line of Chinese with a byte lost, at its end or inside a character (found by a review)', async () => {
    const u = (text: string) => Buffer.from(text, 'utf8');
    const lostAtEnd = Buffer.concat([u('{"name":"张三","town":"白水'), u('乡').subarray(0, 2), u('"}\n')]);
    const good = u('{"name":"张三","note":"青山镇党委书记"}\n');
    const at = good.indexOf(u('青')) + 1;
    const lostInside = Buffer.concat([good.subarray(0, at), good.subarray(at + 1)]);
    for (const bytes of [lostAtEnd, lostInside]) {
      const [line] = await lines([bytes], 100);
      expect(line).toMatchObject({ problem: 'INVALID_UTF8' });
      expect(line).not.toHaveProperty('looksGb18030');
    }
  });

  it('says it of GBK text holding characters outside GB2312, common in given names (王喆, 朱镕基; found by a review)', async () => {
    for (const name of ['王喆', '朱镕基', '李堃']) {
      const [line] = await lines([Buffer.concat([encode(`{"name":"${name}"}`, 'gbk'), Buffer.from('\n')])], 100);
      expect([name, line]).toEqual([name, expect.objectContaining({ problem: 'INVALID_UTF8', looksGb18030: true })]);
    }
  });
});
