/**
 * The import's whole-chunk retry (`retryWhole`): a chunk whose write failed is decided again on the
 * stored states and written at once; these build what can go wrong after that (found by a review of
 * the change): the retry failing too (a small chunk then goes one by one, a larger one by halves),
 * the database lost during it or just after, a line the retry now refuses under the chunk decided
 * meanwhile. Each counts as an import without any race would.
 */
import { Readable } from 'node:stream';
import { CareerCommandService, ImportInterrupted, importNdjson, type ImportRejection } from '@ledger/application';
import type { CalendarDate, CareerCommand } from '@ledger/domain';
import { appoint, registerCadre, removeFromPost, retract, talk, township, train } from '@ledger/domain/testing/commands';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { interfered } from '../../support/store-interference';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const today = () => '2025-12-31' as CalendarDate;
const line = (command: CareerCommand) => `${JSON.stringify(command)}\n`;

describe('import: a failed chunk decided again whole', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('import_retry');
  });
  afterEach(() => db?.drop());

  async function setup() {
    const store = new PostgresEventStore(db.sql);
    const api = new CareerCommandService(store, today);
    for (const c of [registerCadre('F0'), registerCadre('B')]) await api.execute(c, { actor: 'CLERK:api' });
    return { store, api };
  }

  /** Chunk 1 (lines 1–10): a talk reading B, F1–F7, a repeat of line 2, a refused line; chunk 2 (11–20): repeats and a reused id of chunk 1, F8–F14, a refused line; chunk 3: F15–F19. */
  const file = () => [
    talk('F0', '2020-08-01', 'B', 'HEART_TO_HEART', { id: 'imp-talk' }),
    ...Array.from({ length: 7 }, (_, i) => registerCadre(`F${i + 1}`)),
    registerCadre('F1'), // line 9: line 2 again
    train('NOBODY', '2020-01-01', { id: 'refused-1' }), // line 10
    registerCadre('F2'), // line 11: line 3 again, next chunk
    { ...registerCadre('F3'), data: { ...registerCadre('F3').data, name: '别人' } } as CareerCommand, // line 12: reg-F3 reused for another fact
    ...Array.from({ length: 7 }, (_, i) => registerCadre(`F${i + 8}`)),
    train('NOBODY', '2020-01-01', { id: 'refused-2' }), // line 20
    ...Array.from({ length: 5 }, (_, i) => registerCadre(`F${i + 15}`)),
  ];

  it('when the retry’s write fails too: chunk 1 line by line, chunk 2 decided again; every count as without any race, rejections once and in order', async () => {
    const { store, api } = await setup();
    const clean = await createTestDatabase('import_retry_clean');
    try {
      const cleanStore = new PostgresEventStore(clean.sql);
      const cleanApi = new CareerCommandService(cleanStore, today);
      for (const c of [registerCadre('F0'), registerCadre('B')]) await cleanApi.execute(c, { actor: 'CLERK:api' });
      const expected = await importNdjson(Readable.from(file().map(line)), cleanStore, today, { actor: 'CLERK:import', chunkSize: 10 });

      let n = 0;
      const clerk = () => api.execute(train('B', '2020-07-01', { id: `api-train-b-${++n}` }), { actor: 'CLERK:api' });
      const racing = interfered(store, { 1: clerk, 2: clerk });
      const streamed: number[] = [];
      const result = await importNdjson(Readable.from(file().map(line)), racing, today, { actor: 'CLERK:import', chunkSize: 10, onRejection: (r: ImportRejection) => streamed.push(r.line) });
      const summary = (r: typeof result) => ({ accepted: r.accepted, appended: r.appended, alreadyPresent: r.alreadyPresent, rejected: r.rejected.map((x) => [x.line, x.code]) });
      expect(summary(result)).toEqual(summary(expected));
      expect(streamed).toEqual(result.rejected.map((r) => r.line));
      // failed write, failed retry, lines 1–8 one by one (9 present, 10 refused), chunk 2, chunk 3
      expect(racing.calls).toBe(12);
      expect((await store.findEvents(['imp-talk', 'reg-F19', 'api-train-b-1', 'api-train-b-2'])).length).toBe(4);
    } finally {
      await clean.drop();
    }
  });

  it('when the retry’s write of a larger chunk fails too: its halves are decided and written in turn, not its lines one by one', async () => {
    const { store, api } = await setup();
    let n = 0;
    const clerk = () => api.execute(train('B', '2020-07-01', { id: `api-train-b-${++n}` }), { actor: 'CLERK:api' });
    const racing = interfered(store, { 1: clerk, 2: clerk });
    const lines = [talk('F0', '2020-08-01', 'B', 'HEART_TO_HEART', { id: 'imp-talk' }), ...Array.from({ length: 39 }, (_, i) => registerCadre(`F${i + 1}`))].map(line);
    const result = await importNdjson(Readable.from(lines), racing, today, { actor: 'CLERK:import', chunkSize: 40 });
    expect({ accepted: result.accepted, appended: result.appended, rejected: result.rejectedCount }).toEqual({ accepted: 40, appended: 40, rejected: 0 });
    // The failed write, the failed retry, lines 1–20, lines 21–40: four appends, where one by one made 42.
    expect(racing.calls).toBe(4);
    expect((await store.findEvents(['imp-talk', 'reg-F39', 'api-train-b-1', 'api-train-b-2'])).length).toBe(4);
  });

  it('a line refused in the failed chunk, whose twin the chunk decided meanwhile took, is refused again as in a clean import (twins share their id, which the retry forgets first)', async () => {
    const { store, api } = await setup();
    const lines = [
      talk('F0', '2020-08-01', 'B', 'HEART_TO_HEART', { id: 'imp-talk' }),
      train('X', '2020-01-01', { id: 'x-training' }), // refused: X is registered in the next chunk
      registerCadre('F1'),
      registerCadre('X'),
      train('X', '2020-01-01', { id: 'x-training' }), // the same line again, now accepted
      registerCadre('F2'),
    ].map(line);
    const clean = await createTestDatabase('import_retry_twin_clean');
    try {
      const cleanStore = new PostgresEventStore(clean.sql);
      for (const c of [registerCadre('F0'), registerCadre('B')]) await new CareerCommandService(cleanStore, today).execute(c, { actor: 'CLERK:api' });
      const expected = await importNdjson(Readable.from(lines), cleanStore, today, { actor: 'CLERK:import', chunkSize: 3 });
      const racing = interfered(store, { 1: () => api.execute(train('B', '2020-07-01', { id: 'api-train-b' }), { actor: 'CLERK:api' }) });
      const result = await importNdjson(Readable.from(lines), racing, today, { actor: 'CLERK:import', chunkSize: 3 });
      const summary = (r: typeof result) => ({ accepted: r.accepted, appended: r.appended, alreadyPresent: r.alreadyPresent, rejected: r.rejected.map((x) => [x.line, x.code]) });
      expect(summary(result)).toEqual(summary(expected));
      expect(summary(result).rejected).toEqual([[2, 'RULE_I_CADRE_NOT_REGISTERED']]);
    } finally {
      await clean.drop();
    }
  });

  it('a stream one line read, read again mid-chunk at another revision and then written by a later line: the chunk is decided again, so the first line is refused as the stored record says', async () => {
    const store = new PostgresEventStore(db.sql);
    const api = new CareerCommandService(store, today);
    for (const c of [registerCadre('F0'), registerCadre('B')]) await api.execute(c, { actor: 'CLERK:api' });
    // The second read of B (line 2's refusal asked again) comes after a clerk retracted B's registration.
    let readsOfB = 0;
    const racing = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'readStream') {
          return async (id: string, ...rest: unknown[]) => {
            if (id === 'cadre-B' && ++readsOfB === 2) await api.execute(retract('B', '2020-01-01', 'reg-B', { id: 'api-retract-reg-b' }), { actor: 'CLERK:api' });
            return (target.readStream as (...args: unknown[]) => unknown).call(target, id, ...rest);
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const lines = [
      talk('F0', '2020-08-01', 'B', 'HEART_TO_HEART', { id: 'imp-talk' }), // decided on B registered
      train('B', '1970-01-01', { id: 'imp-train-early' }), // refused (before B's registration), asked again on B read afresh
      registerCadre('B', '1980-01-01', { id: 'reg-B-again' }), // writes B at the revision read afresh
    ].map(line);
    const result = await importNdjson(Readable.from(lines), racing, today, { actor: 'CLERK:import' });
    expect(result.rejected.map((r) => [r.line, r.code])).toEqual([
      [1, 'RULE_I_CADRE_NOT_REGISTERED'],
      [2, 'RULE_I_CADRE_NOT_REGISTERED'],
    ]);
    expect(await store.findEvents(['imp-talk'])).toEqual([]);
    expect((await store.findEvents(['reg-B-again'])).map((e) => e.eventId)).toEqual(['reg-B-again']);
  });

  it('when the database goes away during the retry’s write: nothing of chunks 1 and 2 is counted, no rejection of theirs reported', async () => {
    const { store, api } = await setup();
    const racing = interfered(store, { 1: () => api.execute(train('B', '2020-07-01', { id: 'api-train-b' }), { actor: 'CLERK:api' }), 2: 'boom' });
    const streamed: number[] = [];
    const error = await importNdjson(Readable.from(file().map(line)), racing, today, { actor: 'CLERK:import', chunkSize: 10, onRejection: (r) => streamed.push(r.line) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportInterrupted);
    const { partial } = error as ImportInterrupted;
    expect({ accepted: partial.accepted, appended: partial.appended, alreadyPresent: partial.alreadyPresent, rejectedCount: partial.rejectedCount }).toEqual({ accepted: 0, appended: 0, alreadyPresent: 0, rejectedCount: 0 });
    expect(streamed).toEqual([]);
    expect(await store.findEvents(['imp-talk', 'reg-F1'])).toEqual([]);
  });

  it('when the database goes away on the write of chunk 2 decided again: chunk 1 (retried) counted, chunk 2 not', async () => {
    const { store, api } = await setup();
    const racing = interfered(store, { 1: () => api.execute(train('B', '2020-07-01', { id: 'api-train-b' }), { actor: 'CLERK:api' }), 3: 'boom' });
    const streamed: number[] = [];
    const error = await importNdjson(Readable.from(file().map(line)), racing, today, { actor: 'CLERK:import', chunkSize: 10, onRejection: (r) => streamed.push(r.line) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportInterrupted);
    const { partial } = error as ImportInterrupted;
    // Chunk 1: 8 new lines, line 9 present, line 10 refused.
    expect({ accepted: partial.accepted, appended: partial.appended, alreadyPresent: partial.alreadyPresent, rejectedCount: partial.rejectedCount }).toEqual({ accepted: 9, appended: 8, alreadyPresent: 1, rejectedCount: 1 });
    expect(streamed).toEqual([10]);
  });

  it('the chunk decided meanwhile on a line the retry now refuses: its dependent line is refused too, nothing stored on that premise', async () => {
    const store = new PostgresEventStore(db.sql);
    const api = new CareerCommandService(store, today);
    for (const c of [township('T'), registerCadre('P')]) await api.execute(c, { actor: 'CLERK:api' });
    const racing = interfered(store, { 1: () => api.execute(retract('P', '2020-01-01', 'reg-P', { id: 'api-retract-reg-p' }), { actor: 'CLERK:api' }) });
    const lines = [
      appoint('P', '2020-03-01', 'T', 'PARTY_SECRETARY', { id: 'imp-p' }),
      registerCadre('F1'),
      registerCadre('F2'),
      removeFromPost('P', '2021-03-01', 'T', 'PARTY_SECRETARY', { id: 'imp-rm-p' }),
      registerCadre('F3'),
      registerCadre('F4'),
    ].map(line);
    const result = await importNdjson(Readable.from(lines), racing, today, { actor: 'CLERK:import', chunkSize: 3 });
    expect(result.rejected.map((r) => [r.line, r.id])).toEqual([
      [1, 'imp-p'],
      [4, 'imp-rm-p'],
    ]);
    expect({ accepted: result.accepted, appended: result.appended }).toEqual({ accepted: 4, appended: 4 });
    expect(await store.findEvents(['imp-p', 'imp-rm-p'])).toEqual([]);
    expect(racing.calls).toBe(3);
  });
});
