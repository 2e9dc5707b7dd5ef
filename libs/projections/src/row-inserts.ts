/**
 * Projection rows written as multi-row `INSERT … VALUES ($1, $2, …), (…)`: one scalar parameter per
 * value, each a text the driver sends as it is.
 *
 * Why not the alternatives measured (docs/SCALE.md, section 5):
 * - one array parameter per column: postgres.js escapes every element of an array in JavaScript, and
 *   a timeline is ≈ 10 KB of JSON full of quotes;
 * - one JSON document of all the rows read by `json_to_recordset`: the server lexes each row's JSON
 *   three times (the cast, the split into records, each json value) and copies it as often. The
 *   9,741 timelines of 300 townships took 2.9 – 3.1 s this way and 2.1 – 2.5 s as VALUES, with a
 *   third less of this process's CPU;
 * - postgres.js's own multi-row helper (`sql(rows, …columns)`): the same statement, but it handles
 *   each value through its type inference and cost more of this process's CPU than it saved.
 *
 * A statement holds at most MAX_ROWS rows, so a connection prepares at most MAX_ROWS statement
 * texts per table, and a live batch of a few rows is one statement.
 */
import type { Queryable } from './projection';

/** A column and the cast its parameter goes through: json and jsonb as `text::json`, because a parameter typed json is JSON-encoded again by the driver. */
export interface InsertColumn {
  readonly name: string;
  readonly cast: 'text' | 'int8' | 'text::json' | 'text::jsonb';
}

export type InsertValue = string | number | null;

const MAX_ROWS = 32;

/** The sizes of the statements `rows` rows go in: MAX_ROWS while there are that many, then the rest in one. */
export function statementSizes(rows: number): number[] {
  const sizes: number[] = [];
  for (let left = rows; left > 0; left -= MAX_ROWS) sizes.push(Math.min(left, MAX_ROWS));
  return sizes;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const statements = new Map<string, string>();

function insertSql(table: string, columns: readonly InsertColumn[], rows: number, tail: string): string {
  const key = `${table}\u0000${columns.map((c) => `${c.name}:${c.cast}`).join(',')}\u0000${rows}\u0000${tail}`;
  let text = statements.get(key);
  if (text === undefined) {
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) tuples.push(`(${columns.map((c, i) => `$${r * columns.length + i + 1}::${c.cast}`).join(', ')})`);
    text = `insert into ${quoteIdentifier(table)} (${columns.map((c) => quoteIdentifier(c.name)).join(', ')}) values ${tuples.join(', ')} ${tail}`;
    if (statements.size >= 1000) statements.clear();
    statements.set(key, text);
  }
  return text;
}

/**
 * The statements inserting `rows` (each value in `columns` order) into `table`, with `tail` after
 * the values (an `on conflict` clause). Send them together: a transaction runs its statements in
 * the order they were sent.
 */
export function rowInserts(
  tx: Queryable,
  table: string,
  columns: readonly InsertColumn[],
  rows: readonly (readonly InsertValue[])[],
  tail = '',
): Promise<unknown>[] {
  for (const row of rows) if (row.length !== columns.length) throw new TypeError(`a row of ${row.length} values for ${columns.length} columns of ${table}`);
  const inserts: Promise<unknown>[] = [];
  let start = 0;
  for (const size of statementSizes(rows.length)) {
    const parameters: InsertValue[] = [];
    for (let r = start; r < start + size; r++) {
      for (const value of rows[r]!) parameters.push(value);
    }
    inserts.push(tx.unsafe(insertSql(table, columns, size, tail), parameters, { prepare: true }));
    start += size;
  }
  return inserts;
}
