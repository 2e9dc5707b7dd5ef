/**
 * README: every rejection says its detail in Chinese (`messageZh`), "the English message in the
 * department's words, with the same field names, ids, dates, values"; the CLI's table shows only
 * the Chinese. A line whose derived post-holder marker id is an earlier line's id must say so in
 * Chinese too, not a bare "already used for a different content".
 */
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate, CareerCommand } from '@ledger/domain';
import { appoint, registerCadre, township, train } from '@ledger/domain/testing/commands';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase } from '../../support/test-database';

const today = () => '2025-12-31' as CalendarDate;
const DERIVING_A_TAKEN_ID: CareerCommand[] = [
  township('T01'),
  registerCadre('A'),
  train('A', '2009-01-01', { id: 'ap:T01:PARTY_SECRETARY' }),
  appoint('A', '2010-01-01', 'T01', 'PARTY_SECRETARY', { id: 'ap' }),
];
const TAKING_A_DERIVED_ID: CareerCommand[] = [
  township('T01'),
  registerCadre('A'),
  appoint('A', '2010-01-01', 'T01', 'PARTY_SECRETARY', { id: 'ap' }),
  train('A', '2011-01-01', { id: 'ap:T01:PARTY_SECRETARY' }),
];

it.each([
  ['a line deriving (its post-holder marker) the id an earlier line of the file took', true, DERIVING_A_TAKEN_ID, 'ap'],
  ['a line deriving (its post-holder marker) the id an earlier line of the file took', false, DERIVING_A_TAKEN_ID, 'ap'],
  ['a line taking the id of the post-holder marker an earlier line of the file derived', true, TAKING_A_DERIVED_ID, 'ap:T01:PARTY_SECRETARY'],
  ['a line taking the id of the post-holder marker an earlier line of the file derived', false, TAKING_A_DERIVED_ID, 'ap:T01:PARTY_SECRETARY'],
] as const)('given %s (dry run: %s), then its Chinese detail says, as the English does, that the clash is with an earlier line of this file, not a bare 已用于不同的内容', async (_, dryRun, lines, id) => {
  const db = await createTestDatabase(`import_dzh_${id.length}_${dryRun}`);
  try {
    const r = await importNdjson(Readable.from(lines.map((l) => `${JSON.stringify(l)}\n`)), new PostgresEventStore(db.sql), today, { actor: 'ADMIN:import', dryRun });
    const [rejection] = r.rejected;
    expect(rejection).toMatchObject({ line: 4, id, code: 'EVENT_ID_CONFLICT' });
    expect(rejection!.message).toMatch(/earlier line/);
    // The Chinese names what the English names: an earlier line of this file, and the marker this line derives.
    expect(rejection!.messageZh).toMatch(/本文件|前面的一行/);
  } finally {
    await db.drop();
  }
});
