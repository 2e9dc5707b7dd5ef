/**
 * An import whose chunk conflicts again and again (a writer hammering one cadre): it ends, each line
 * once, and a line given up on the conflict says it was not refused and is stored by importing again.
 */
import { Readable } from 'node:stream';
import { CareerCommandService, importNdjson } from '@ledger/application';
import type { CalendarDate, CareerCommand } from '@ledger/domain';
import { registerCadre, train } from '@ledger/domain/testing/commands';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { interfered } from '../../support/store-interference';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

jest.setTimeout(120_000);
const today = () => '2025-12-31' as CalendarDate;
const line = (c: CareerCommand) => `${JSON.stringify(c)}\n`;

describe('import beside a writer hammering one cadre', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('import_hammered');
  });
  afterEach(() => db?.drop());

  it('terminates with right counts, and a line given up on a transient write conflict says so (import again), not as a refusal of its content', async () => {
    const store = new PostgresEventStore(db.sql);
    const api = new CareerCommandService(store, today);
    await api.execute(registerCadre('X'), { actor: 'CLERK:api' });
    let k = 0;
    const hooks: Record<number, () => Promise<unknown>> = {};
    for (let i = 1; i <= 2000; i++) hooks[i] = () => api.execute(train('X', '2019-01-01', { id: `hammer-${k++}` }), { actor: 'CLERK:api' });
    const racing = interfered(store, hooks);
    const lines = [...Array.from({ length: 20 }, (_, i) => train('X', '2020-06-01', { id: `imp-x-${i}` })), ...Array.from({ length: 20 }, (_, i) => registerCadre(`F${i}`))];
    const result = await importNdjson(Readable.from(lines.map(line)), racing, today, { actor: 'CLERK:import', chunkSize: 10 });
    const stored = await store.findEvents(lines.map((l) => l.id));
    // every line ends once: accepted or rejected
    expect(result.accepted + result.rejectedCount).toBe(40);
    expect(stored.length).toBe(result.accepted);
    const unclear = result.rejected.filter((r) => r.code === 'STREAM_VERSION_CONFLICT' && !(/重新导入|再次导入|重新提交/.test(r.messageZh) && /again|retry/i.test(r.message)));
    expect(unclear.map((r) => [r.id, r.rule, r.message, r.messageZh]).slice(0, 2)).toEqual([]);
    const given = result.rejected.filter((r) => r.code === 'STREAM_VERSION_CONFLICT');
    expect(given.length).toBeGreaterThan(0);
    expect(given.every((r) => r.retryable === true)).toBe(true);
    // The writer gone, the same file again stores what was given up, and nothing twice.
    const again = await importNdjson(Readable.from(lines.map(line)), store, today, { actor: 'CLERK:import', chunkSize: 10 });
    expect({ accepted: again.accepted, rejected: again.rejectedCount, alreadyPresent: again.alreadyPresent }).toEqual({ accepted: 40, rejected: 0, alreadyPresent: result.accepted });
  });
});
