/**
 * A dry run promises exactly what the real run of the same file does (README `import FILE
 * [--dry-run]`): the same accepted count and the same rejected lines, whatever the chunk and cache
 * sizes. Found by a review: a dry run forgot the file's own earlier lines once they were more than
 * two chunks back and a refusal was asked again on the store (where a dry run wrote nothing), or
 * once the cache of states had evicted them; it then accepted a second party secretary (P2) and
 * refused valid lines about a registered cadre as unregistered.
 */
import { Readable } from 'node:stream';
import { importNdjson, type ImportResult } from '@ledger/application';
import type { CalendarDate, CareerCommand } from '@ledger/domain';
import { appoint, command, promote, registerCadre, removeFromPost, setRank, township } from '@ledger/domain/testing/commands';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase } from '../../support/test-database';

const today = () => '2025-12-31' as CalendarDate;

/** Filler far apart from the lines it separates: health checks of B, one a month. */
const filler = (n: number): CareerCommand[] =>
  Array.from({ length: n }, (_, i) => command('HealthCheckCompleted', { cadreId: 'B' }, `20${String(10 + Math.floor(i / 12)).padStart(2, '0')}-${String((i % 12) + 1).padStart(2, '0')}-15`, {}, { id: `hc-${i}` }));

const LINES: CareerCommand[] = [
  township('T01'),
  township('T02'),
  registerCadre('A', '1975-01-01', { id: 'reg-A' }),
  registerCadre('B', '1976-01-01', { id: 'reg-B' }),
  registerCadre('X', '1977-01-01', { id: 'reg-X' }),
  appoint('A', '2010-01-01', 'T01', 'PARTY_SECRETARY', { id: 'a-sec' }),
  ...filler(40),
  appoint('B', '2014-01-01', 'T01', 'PARTY_SECRETARY', { id: 'b-sec' }), // P2: A holds it
  removeFromPost('X', '2014-02-01', 'T02', 'HEAD', { id: 'x-out' }), // X holds no post
  command('TrainingCompleted', { cadreId: 'X' }, '2014-03-01', { programme: '乡镇干部培训班', level: 'COUNTY' }, { id: 'x-train' }),
  appoint('X', '2014-04-01', 'T02', 'DEPUTY_HEAD', { id: 'x-deputy' }),
];

const outcome = (r: ImportResult) => ({ accepted: r.accepted, rejected: r.rejected.map((x) => ({ line: x.line, id: x.id, rule: x.rule })) });

async function run(label: string, options: { dryRun: boolean; chunkSize: number; cacheSize: number }) {
  const db = await createTestDatabase(label);
  try {
    const result = await importNdjson(Readable.from(LINES.map((l) => `${JSON.stringify(l)}\n`)), new PostgresEventStore(db.sql), today, { actor: 'ADMIN:import', ...options });
    const [{ n }] = (await db.sql`select count(*)::int as n from events`) as unknown as [{ n: number }];
    return { result: outcome(result), events: n };
  } finally {
    await db.drop();
  }
}

describe('a dry run gives the real run’s result, lines far apart (found by a review)', () => {
  it.each([
    [3, 50_000],
    [7, 50_000],
    [3, 4],
    [1_000, 3],
  ])('given chunks of %i lines and cacheSize %i (a dry run keeps every state all the same), then the dry run rejects exactly the lines the real run rejects, and writes nothing', async (chunkSize, cacheSize) => {
    // The real run keeps its default cache: evicting the states of a chunk still being written needs
    // more streams than two chunks of lines can name. A dry run's states are never written, ever.
    const real = await run(`dry_real_${chunkSize}_${cacheSize}`, { dryRun: false, chunkSize, cacheSize: 50_000 });
    expect(real.result.rejected).toEqual([
      { line: 47, id: 'b-sec', rule: 'P2' },
      { line: 48, id: 'x-out', rule: 'I' },
    ]);
    const dry = await run(`dry_dry_${chunkSize}_${cacheSize}`, { dryRun: true, chunkSize, cacheSize });
    expect(dry).toEqual({ result: real.result, events: 0 });
  });
});

/**
 * A line repeating an earlier line's id is judged as a line whose id is found in the store
 * (factMismatch): the same fact without its override, and the override only where the earlier
 * line's event kept one. Found by a review: a twin with a superfluous override was a conflict next
 * to its line and present 2,000 lines on, and a dry run said otherwise than the real run.
 */
describe('a repeated id: the same outcome next to its twin or far from it, in a dry run or not (found by a review)', () => {
  const skipped = { override: { reason: '县委研究决定破格晋升' } };
  const base: CareerCommand[] = [registerCadre('R', '1980-01-01', { id: 'reg-R' }), setRank('R', '2010-01-01', 'CLERK_2', { id: 'r-rank' })];
  const cases: [string, CareerCommand, CareerCommand, string | null][] = [
    // No rule departed from: the override is not kept, and the twin without it is the same fact.
    ['a superfluous override, the twin without it', appoint('R', '2011-01-01', 'T01', 'STAFF', { id: 'twin', ...skipped }), appoint('R', '2011-01-01', 'T01', 'STAFF', { id: 'twin' }), null],
    // N1 departed from (two ranks at once): the override is kept, and a twin must carry it.
    ['a kept override, the twin with it', promote('R', '2015-01-01', 'CLERK_2', 'PRINCIPAL_STAFF_4', { id: 'twin', ...skipped }), promote('R', '2015-01-01', 'CLERK_2', 'PRINCIPAL_STAFF_4', { id: 'twin', ...skipped }), null],
    ['a kept override, the twin without it', promote('R', '2015-01-01', 'CLERK_2', 'PRINCIPAL_STAFF_4', { id: 'twin', ...skipped }), promote('R', '2015-01-01', 'CLERK_2', 'PRINCIPAL_STAFF_4', { id: 'twin' }), 'EVENT_ID_CONFLICT'],
  ];
  it.each(cases)('given %s', async (_, first, twin, refusal) => {
    const outcomes: unknown[] = [];
    for (const apart of [0, 12]) {
      const lines = [township('T01'), registerCadre('B', '1976-01-01', { id: 'reg-B' }), ...base, first, ...filler(apart), twin];
      for (const dryRun of [false, true]) {
        const db = await createTestDatabase(`dup_${outcomes.length}`);
        try {
          const r = await importNdjson(Readable.from(lines.map((l) => `${JSON.stringify(l)}\n`)), new PostgresEventStore(db.sql), today, { actor: 'ADMIN:import', chunkSize: 3, dryRun });
          outcomes.push(r.rejected.filter((x) => x.id === 'twin').map((x) => x.code));
        } finally {
          await db.drop();
        }
      }
    }
    expect(outcomes).toEqual(Array(4).fill(refusal === null ? [] : [refusal]));
  });
});

/**
 * What only the store checks of an event (its text storable, within its lengths) the real run learns
 * when the chunk is refused; the dry run checks it as it decides (found by an appeals review: an
 * upheld appeal's remedy whose reason was cut inside a surrogate pair passed a dry run and was
 * refused by the real one). Reached here through the write's actor, which the store caps at 200.
 */
describe('a write the store refuses: the dry run refuses the same lines (found by a review)', () => {
  it('given an actor longer than the store keeps, then the dry run rejects each line as the real run does, by the same code and field', async () => {
    const lines = [township('T01'), registerCadre('A', '1975-01-01', { id: 'reg-A' })];
    const outcomes: unknown[] = [];
    for (const dryRun of [false, true]) {
      const db = await createTestDatabase(`dry_store_${String(dryRun)}`);
      try {
        const r = await importNdjson(Readable.from(lines.map((l) => `${JSON.stringify(l)}\n`)), new PostgresEventStore(db.sql), today, { actor: `ADMIN:${'x'.repeat(200)}`, chunkSize: 2, dryRun });
        outcomes.push({ accepted: r.accepted, rejected: r.rejected.map((x) => [x.line, x.code, x.field]) });
      } finally {
        await db.drop();
      }
    }
    expect(outcomes[0]).toEqual({ accepted: 0, rejected: [[1, 'INVALID_EVENT', 'actor'], [2, 'INVALID_EVENT', 'actor']] });
    expect(outcomes[1]).toEqual(outcomes[0]);
  });
});
