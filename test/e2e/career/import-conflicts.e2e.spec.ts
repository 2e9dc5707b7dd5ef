/**
 * The importer writes chunk N while it decides chunk N+1. When a concurrent writer changes a
 * stream of chunk N before N is written, N's atomic write fails; N is decided again whole on the
 * stored states and written, and so is N+1 (decided on N's provisional states). Every line must end
 * accepted or rejected on its own, nothing lost and nothing written twice.
 */
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate } from '@ledger/domain';
import type { EventStore, StreamAppend } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { generateCounty } from '@ledger/generator';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const today = () => '2025-12-31' as CalendarDate;

describe('import: a chunk whose streams change meanwhile', () => {
  let db: TestDatabase;
  let lines: string[];
  beforeAll(async () => {
    db = await createTestDatabase('import_conflicts');
    // Whole chunks only (a history cut at its end stays coherent), so a chunk write is ≥ 40 events.
    const all = [...generateCounty({ townships: 2, years: 6, seed: 5 })].map((l) => JSON.stringify(l));
    lines = all.slice(0, all.length - (all.length % 40));
  });
  afterAll(() => db?.drop());

  it('decides the failed chunk and the one decided after it again, whole, and writes them; no line goes one by one', async () => {
    const store = new PostgresEventStore(db.sql);
    const chunkSize = 40; // see beforeAll
    let writes = 0;
    let raced = 0;
    const wholeChunks: number[] = [];
    const eventsOf = (appends: readonly StreamAppend[]) => appends.reduce((n, a) => n + a.events.length, 0);
    // Before the first chunk write that extends an existing cadre stream (after two clean ones), a
    // clerk records a training for that cadre.
    const racing: EventStore = Object.create(store, {
      appendToStreams: {
        value: async (appends: readonly StreamAppend[]) => {
          writes++;
          const existing = appends.find((a) => a.streamId.startsWith('cadre-') && typeof a.expectedRevision === 'number');
          if (raced === 0 && writes > 2 && existing && eventsOf(appends) >= chunkSize) {
            raced = writes;
            const training = { programme: '县委党校培训', level: 'COUNTY' };
            await store.append(existing.streamId, [{ eventId: 'concurrent-training', type: 'TrainingCompleted', schemaVersion: 1, effectiveDate: '2020-01-01', actor: 'clerk', data: training }], 'any');
          }
          const result = await store.appendToStreams(appends);
          if (eventsOf(appends) >= chunkSize) wholeChunks.push(writes); // a line writes 3 events at most
          return result;
        },
      },
    });
    const result = await importNdjson(Readable.from(lines.map((l) => `${l}\n`)), racing, today, { actor: 'import', chunkSize });

    expect(result.rejected).toEqual([]);
    expect(result.accepted).toBe(lines.length);
    expect(result.appended).toBe(lines.length);
    // The raced chunk's write failed; it was decided again and written whole, then the next one,
    // decided on its states, likewise: one write more than chunks, every other one whole.
    const chunks = Math.ceil(lines.length / chunkSize);
    expect(raced).toBeGreaterThan(2);
    expect(raced + 2).toBeLessThan(chunks);
    expect(writes).toBe(chunks + 1);
    expect(wholeChunks).toEqual(Array.from({ length: writes }, (_, i) => i + 1).filter((w) => w !== raced));

    // Every line's event is stored exactly once, with the concurrent one, in gapless streams.
    const [{ n }] = await db.sql<{ n: number }[]>`select count(*)::int4 as n from events`;
    expect(n).toBe(result.eventsWritten + 1);
    const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
    const stored = await store.findEvents(ids);
    expect(new Set(stored.map((e) => e.eventId)).size).toBe(ids.length);
    const gaps = await db.sql`select stream_id from events group by stream_id having max(revision) + 1 <> count(*)`;
    expect(gaps).toEqual([]);

    // Importing the file again is a no-op.
    const again = await importNdjson(Readable.from(lines.map((l) => `${l}\n`)), store, today, { actor: 'import', chunkSize });
    expect([again.accepted, again.alreadyPresent, again.eventsWritten, again.rejected]).toEqual([lines.length, lines.length, 0, []]);
  });

  it('treats a repeated line as already present and a reused id as a conflict, in the same chunk, the next one or far later', async () => {
    const fresh = await createTestDatabase('import_repeats');
    try {
      const base = lines.slice(0, 200);
      const parsed = base.map((l) => JSON.parse(l) as { id: string; type: string; data: Record<string, unknown> });
      const repeated = parsed.findIndex((p, i) => i > 20 && p.type === 'RankSet');
      expect(repeated).toBeGreaterThan(-1);
      const rank = parsed[repeated]!.data.rank === 'CLERK_1' ? 'CLERK_2' : 'CLERK_1';
      const altered = JSON.stringify({ ...parsed[repeated], data: { ...parsed[repeated]!.data, rank } });
      // chunk size 10: line repeated+1 repeats in the same chunk or the next; the others land chunks later.
      const file = [...base.slice(0, repeated + 1), base[repeated]!, ...base.slice(repeated + 1), base[repeated]!, altered, base[0]!];
      // A dry run first (nothing written: the whole file's ids are kept, as digests), then the import.
      const dry = await importNdjson(Readable.from(file.map((l) => `${l}\n`)), new PostgresEventStore(fresh.sql), today, { actor: 'import', chunkSize: 10, dryRun: true });
      expect(dry.rejected.map((r) => [r.line, r.code])).toEqual([[file.length - 1, 'EVENT_ID_CONFLICT']]);
      expect(dry.accepted).toBe(file.length - 1);
      expect(Number((await fresh.sql`select count(*)::int as n from events`)[0]!.n)).toBe(0);
      const result = await importNdjson(Readable.from(file.map((l) => `${l}\n`)), new PostgresEventStore(fresh.sql), today, { actor: 'import', chunkSize: 10 });
      expect(result.rejected.map((r) => [r.line, r.code])).toEqual([[file.length - 1, 'EVENT_ID_CONFLICT']]);
      expect([result.accepted, result.alreadyPresent, result.appended]).toEqual([file.length - 1, 3, base.length]);
      // The dry run's counts are the real run's: what it would write, what it would find present.
      expect([dry.accepted, dry.alreadyPresent, dry.appended, dry.eventsWritten]).toEqual([result.accepted, result.alreadyPresent, result.appended, result.eventsWritten]);
    } finally {
      await fresh.drop();
    }
  });
});
