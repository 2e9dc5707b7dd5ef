/**
 * The import: a line repeating an earlier line (same id, same fact) is a no-op whether
 * the earlier one is in the same file or already stored; JSON does not order an object's names,
 * so the same fact written with its names in another order is the same fact.
 */
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase } from '../../support/test-database';

const today = () => '2025-12-31' as CalendarDate;
const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const BASE = [
  JSON.stringify({ id: 'reg-T01', type: 'OrgUnitRegistered', orgUnitId: 'T01', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } }),
  JSON.stringify({ id: 'reg-A', type: 'CadreRegistered', cadreId: 'A', effectiveDate: '2000-01-01', data: { name: '张三', gender: 'M', birthDate: '1980-01-01', education } }),
];
const LINE = '{"id":"ap","type":"AppointedToPost","cadreId":"A","effectiveDate":"2010-01-01","documentRef":"X委〔2010〕1号","data":{"orgUnitId":"T01","role":"STAFF","approval":{"level":"COUNTY","ref":"县委〔2010〕1号"}}}';
const REORDERED = '{"data":{"approval":{"ref":"县委〔2010〕1号","level":"COUNTY"},"role":"STAFF","orgUnitId":"T01"},"documentRef":"X委〔2010〕1号","effectiveDate":"2010-01-01","cadreId":"A","type":"AppointedToPost","id":"ap"}';

let n = 0;
async function importLines(lines: string[], options: { dryRun?: boolean; chunkSize?: number } = {}, before: string[] = []) {
  const db = await createTestDatabase(`import_twin_${n++}`);
  try {
    const store = new PostgresEventStore(db.sql);
    if (before.length) await importNdjson(Readable.from(before.map((l) => `${l}\n`)), store, today, { actor: 'ADMIN:import' });
    const r = await importNdjson(Readable.from(lines.map((l) => `${l}\n`)), store, today, { actor: 'ADMIN:import', ...options });
    return { accepted: r.accepted, alreadyPresent: r.alreadyPresent, rejected: r.rejected.map((x) => `${x.line}:${x.code}`) };
  } finally {
    await db.drop();
  }
}

describe('a line repeated with its names in another order', () => {
  it('given the line already stored, when the reordered twin is imported, then it is already present (control)', async () => {
    expect(await importLines([...BASE, REORDERED], {}, [...BASE, LINE])).toEqual({ accepted: 3, alreadyPresent: 3, rejected: [] });
  });

  it.each([
    ['the same chunk, real run', { chunkSize: 1000 }],
    ['the same chunk, dry run', { dryRun: true }],
    ['the next chunk, dry run', { dryRun: true, chunkSize: 1 }],
  ])('given the twin later in the same file (%s), then it is already present, as it is once stored, not EVENT_ID_CONFLICT', async (_, options) => {
    expect(await importLines([...BASE, LINE, REORDERED], options)).toEqual({ accepted: 4, alreadyPresent: 1, rejected: [] });
  });
});
