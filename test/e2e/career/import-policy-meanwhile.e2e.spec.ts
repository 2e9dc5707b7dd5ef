/**
 * An import decides each chunk under the policy in force when it is decided: a version adopted
 * through the API while the import runs governs the lines after it (found by a review of
 * read-your-writes: the import kept the policy cached at its start and accepted, with no override,
 * a move the API refused with RULE_TM4_APPROVAL_REQUIRED). Likewise an org unit registered through
 * the API meanwhile is known to the lines after it, though the import had cached it as unknown.
 */
import { Readable } from 'node:stream';
import { CareerCommandService, importNdjson } from '@ledger/application';
import type { CalendarDate } from '@ledger/domain';
import { adoptPolicy, appoint, registerCadre, removeFromPost, township } from '@ledger/domain/testing/commands';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const today = () => '2025-12-31' as CalendarDate;

describe('import: a policy version adopted, an org unit registered meanwhile', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('import_policy_meanwhile');
  });
  afterAll(() => db?.drop());

  it('given C1 party secretary since 2015 and five years asked before a move from the adoption on, then the move of 2019 read after it is refused (TM4)', async () => {
    const store = new PostgresEventStore(db.sql);
    const api = new CareerCommandService(store, today);
    const line = (command: unknown) => `${JSON.stringify(command)}\n`;
    let adopted = false;
    async function* source(): AsyncGenerator<string> {
      yield line(township('T01'));
      yield line(registerCadre('C1'));
      yield line(appoint('C1', '2015-01-01', 'T01', 'PARTY_SECRETARY'));
      for (let i = 0; i < 25; i++) yield line(registerCadre(`F${i}`));
      // Meanwhile, through the API: five years in post before a chief is moved.
      await api.execute(adoptPolicy('2', '2001-01-01', (s) => ({ ...s, stability: { ...s.stability, chiefMinYearsInPostBeforeMove: 5 } })), { actor: 'ADMIN:test' });
      adopted = true;
      for (let i = 25; i < 50; i++) yield line(registerCadre(`F${i}`));
      yield line(removeFromPost('C1', '2019-06-01', 'T01', 'PARTY_SECRETARY', { id: 'c1-moved' }));
    }
    const result = await importNdjson(Readable.from(source()), store, today, { actor: 'CLERK:test', chunkSize: 10 });
    expect(adopted).toBe(true);
    expect(result.rejected).toEqual([expect.objectContaining({ id: 'c1-moved', rule: 'TM4', code: 'RULE_TM4_APPROVAL_REQUIRED' })]);
    expect(await store.findEvents(['c1-moved'])).toEqual([]);
  });

  it('given an appointment to T02 refused while T02 is unknown, when T02 is registered through the API, then a later appointment to T02 is accepted', async () => {
    const store = new PostgresEventStore(db.sql);
    const api = new CareerCommandService(store, today);
    const line = (command: unknown) => `${JSON.stringify(command)}\n`;
    let registered = false;
    async function* source(): AsyncGenerator<string> {
      yield line(registerCadre('D1'));
      yield line(registerCadre('D2'));
      // Unknown yet: refused, and T02's absence is now what this import has cached.
      yield line(appoint('D1', '2016-01-01', 'T02', 'HEAD', { id: 'd1-early' }));
      for (let i = 0; i < 25; i++) yield line(registerCadre(`G${i}`));
      await api.execute(township('T02'), { actor: 'ADMIN:test' });
      registered = true;
      for (let i = 25; i < 50; i++) yield line(registerCadre(`G${i}`));
      yield line(appoint('D2', '2016-01-01', 'T02', 'PARTY_SECRETARY', { id: 'd2-appointed' }));
    }
    const result = await importNdjson(Readable.from(source()), store, today, { actor: 'CLERK:test', chunkSize: 10 });
    expect(registered).toBe(true);
    expect(result.rejected).toEqual([expect.objectContaining({ id: 'd1-early', code: 'RULE_I_ORG_UNIT_NOT_REGISTERED' })]);
    expect((await store.findEvents(['d2-appointed'])).map((e) => e.type)).toEqual(['AppointedToPost']);
  });
});
