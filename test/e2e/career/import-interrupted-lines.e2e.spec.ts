/**
 * the interrupted import's `lines` (those whose outcome is final)
 * and the derived-id check across a dry run.
 */
import { getEventListeners } from 'node:events';
import { Readable } from 'node:stream';
import { ImportInterrupted, importNdjson, ImportStopped } from '@ledger/application';
import type { CalendarDate, CareerCommand } from '@ledger/domain';
import { appoint, registerCadre, township } from '@ledger/domain/testing/commands';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { interfered } from '../../support/store-interference';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const today = () => '2025-12-31' as CalendarDate;
const line = (command: CareerCommand) => `${JSON.stringify(command)}\n`;

describe('an interrupted import says which lines are final', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('import_lines');
  });
  afterEach(() => db?.drop());

  it('the only chunk’s write fails (database lost): no line is final, lines is 0, not the whole file', async () => {
    const store = new PostgresEventStore(db.sql);
    const racing = interfered(store, { 1: 'boom' });
    const file = Array.from({ length: 5 }, (_, i) => registerCadre(`L${i + 1}`)).map(line);
    const error = await importNdjson(Readable.from(file), racing, today, { actor: 'CLERK:import', chunkSize: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportInterrupted);
    const { partial } = error as ImportInterrupted;
    expect(await store.findEvents(['reg-L1'].concat([]))).toEqual([]);
    expect({ accepted: partial.accepted, lines: partial.lines }).toEqual({ accepted: 0, lines: 0 });
  });

  it('chunk 2’s write fails while chunk 3 is decided: lines stops at chunk 1 (10), not at chunk 2’s end (20)', async () => {
    const store = new PostgresEventStore(db.sql);
    const racing = interfered(store, { 2: 'boom' });
    const file = Array.from({ length: 25 }, (_, i) => registerCadre(`M${i + 1}`, '1980-01-01', { id: `reg-M${i + 1}` })).map(line);
    const error = await importNdjson(Readable.from(file), racing, today, { actor: 'CLERK:import', chunkSize: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportInterrupted);
    const { partial } = error as ImportInterrupted;
    expect((await store.findEvents(['reg-M10', 'reg-M11'])).map((e) => e.eventId)).toEqual(['reg-M10']);
    expect({ accepted: partial.accepted, lines: partial.lines }).toEqual({ accepted: 10, lines: 10 });
  });

  it('given a stop signal that is never asked, when imports end, then none leaves a listener on it (the API passes one signal to every import)', async () => {
    const store = new PostgresEventStore(db.sql);
    const stop = new AbortController();
    for (let n = 0; n < 3; n++) {
      const file = [registerCadre(`N${n}`, '1980-01-01', { id: `reg-N${n}` })].map(line);
      await importNdjson(Readable.from(file), store, today, { actor: 'CLERK:import', stop: stop.signal });
    }
    await importNdjson(Readable.from(['{"not json\n']), store, today, { actor: 'CLERK:import', stop: stop.signal });
    expect(getEventListeners(stop.signal, 'abort')).toEqual([]);
  });

  it('asked to stop (the server stopping) while it writes: it reads no further line, the lines before the chunk not yet written are final, none after them stored', async () => {
    const store = new PostgresEventStore(db.sql);
    const stop = new AbortController();
    const file = Array.from({ length: 35 }, (_, i) => registerCadre(`S${i + 1}`, '1980-01-01', { id: `reg-S${i + 1}` })).map(line);
    const error = await importNdjson(Readable.from(file), store, today, {
      actor: 'CLERK:import',
      chunkSize: 10,
      stop: stop.signal,
      onProgress: ({ lines }) => lines >= 20 && stop.abort(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportInterrupted);
    const { partial, reason } = error as ImportInterrupted;
    expect(reason).toBeInstanceOf(ImportStopped);
    expect({ accepted: partial.accepted, appended: partial.appended, lines: partial.lines }).toEqual({ accepted: 20, appended: 20, lines: 20 });
    expect((await store.findEvents(file.map((_, i) => `reg-S${i + 1}`))).map((e) => e.eventId).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `reg-S${i + 1}`).sort());
  });
});

describe('a dry run predicts the import’s outcome for an id a later line derives', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('import_derived');
  });
  afterEach(() => db?.drop());

  // Line 3's appointment to a township's party secretary post writes a holder marker whose id is
  // `ap1:T01:PARTY_SECRETARY`; line 2 already took that id for its own event.
  const file = () =>
    [township('T01'), registerCadre('X', '1980-01-01', { id: 'ap1:T01:PARTY_SECRETARY' }), registerCadre('A', '1975-01-01', { id: 'reg-A' }), appoint('A', '2020-01-01', 'T01', 'PARTY_SECRETARY', { id: 'ap1' })].map(line);

  it('the real import and a dry run give the same outcome for every line', async () => {
    const store = new PostgresEventStore(db.sql);
    const dry = await importNdjson(Readable.from(file()), store, today, { actor: 'CLERK:import', dryRun: true });
    const real = await importNdjson(Readable.from(file()), store, today, { actor: 'CLERK:import' });
    const outcome = (r: typeof real) => ({ accepted: r.accepted, rejected: r.rejected.map((x) => [x.line, x.id]) });
    // The real import cannot store line 4 (its marker's id is line 2's event): the dry run must say so.
    expect(outcome(real).rejected.length).toBeGreaterThan(0);
    expect(outcome(dry)).toEqual(outcome(real));
  });
});
