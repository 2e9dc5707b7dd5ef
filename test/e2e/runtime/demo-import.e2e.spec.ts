/** the demo's generated county (npm run demo) still imports with no rejection under RULE_I_ORG_UNIT_NOT_YET_REGISTERED. */
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate } from '@ledger/domain';
import { generateCounty } from '@ledger/generator';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('demo');
});
afterAll(() => db?.drop());

it('the demo county (12 townships, 20 years, seed 2026): a dry run rejects no line', async () => {
  const lines = Readable.from((function* () { for (const l of generateCounty({ townships: 12, years: 20, seed: 2026 })) yield `${JSON.stringify(l)}\n`; })());
  const result = await importNdjson(lines, new PostgresEventStore(db.sql), () => '2026-12-05' as CalendarDate, { actor: 'demo:generator', dryRun: true });
  expect(result.rejected.map((r) => [r.line, r.rule ?? r.code, r.message])).toEqual([]);
  expect(result.accepted).toBeGreaterThan(1000);
}, 300_000);
