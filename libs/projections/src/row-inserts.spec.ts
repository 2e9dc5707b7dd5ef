import fc from 'fast-check';
import type { Queryable } from './projection';
import { rowInserts, statementSizes, type InsertColumn } from './row-inserts';

const COLUMNS: readonly InsertColumn[] = [
  { name: 'id', cast: 'text' },
  { name: 'doc', cast: 'text::json' },
  { name: 'position', cast: 'int8' },
];

/** A stand-in for a transaction that records what it was sent. */
function recordingTx(): { tx: Queryable; sent: { text: string; parameters: unknown[] }[] } {
  const sent: { text: string; parameters: unknown[] }[] = [];
  const tx = { unsafe: (text: string, parameters: unknown[]) => (sent.push({ text, parameters }), Promise.resolve([])) } as unknown as Queryable;
  return { tx, sent };
}

describe('rowInserts: projection rows as multi-row INSERT … VALUES with scalar parameters', () => {
  it('given any number of rows, when cut into statements, then every row goes once, at most 32 a statement, all full but the last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000 }), (rows) => {
        const sizes = statementSizes(rows);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(rows);
        expect(sizes.slice(0, -1).every((s) => s === 32)).toBe(true);
        for (const size of sizes) expect(size).toBeGreaterThanOrEqual(1);
      }),
    );
    expect(statementSizes(0)).toEqual([]);
    expect(statementSizes(31)).toEqual([31]);
    expect(statementSizes(32)).toEqual([32]);
    expect(statementSizes(33)).toEqual([32, 1]);
  });

  it('given rows, when written, then each statement numbers its placeholders in order and sends the values as they are, in row order', async () => {
    const { tx, sent } = recordingTx();
    const rows = Array.from({ length: 34 }, (_, i) => [`C${i}`, JSON.stringify({ name: '张三', quote: '"\\' }), i] as const);
    await Promise.all(rowInserts(tx, 'proj_x__rebuild', COLUMNS, rows, 'on conflict (id) do nothing'));
    expect(sent.map((s) => s.parameters.length)).toEqual([32 * 3, 2 * 3]);
    expect(sent.flatMap((s) => s.parameters)).toEqual(rows.flat());
    expect(sent[1]!.text).toBe(
      'insert into "proj_x__rebuild" ("id", "doc", "position") values ($1::text, $2::text::json, $3::int8), ($4::text, $5::text::json, $6::int8) on conflict (id) do nothing',
    );
    for (const { text, parameters } of sent) expect(text.match(/\$\d+/g)).toEqual(parameters.map((_, i) => `$${i + 1}`));
  });

  it('given no rows, when written, then nothing is sent; given a row of the wrong width, then it refuses before sending it', () => {
    const { tx, sent } = recordingTx();
    expect(rowInserts(tx, 't', COLUMNS, [])).toEqual([]);
    expect(() => rowInserts(tx, 't', COLUMNS, [...Array.from({ length: 40 }, () => ['C1', '{}', 1]), ['C1', '{}']])).toThrow(/2 values for 3 columns of t/);
    expect(sent).toEqual([]);
  });

  it('quotes the table and column names as identifiers', async () => {
    const { tx, sent } = recordingTx();
    await Promise.all(rowInserts(tx, 'odd"name', [{ name: 'a"b', cast: 'text' }], [['x']]));
    expect(sent[0]!.text).toBe('insert into "odd""name" ("a""b") values ($1::text) ');
  });
});
