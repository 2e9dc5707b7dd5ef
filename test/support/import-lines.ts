/**
 * Command lines imported into a test API's store through the import's own path (NDJSON, as the
 * generator), failing the suite on any rejection: the web specs' generated counties.
 */
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate } from '@ledger/domain';
import type { ApiHarness } from './api-harness';

export async function importAllLines(api: ApiHarness, lines: Iterable<object>, asOf: string): Promise<void> {
  const text = [...lines].map((l) => `${JSON.stringify(l)}\n`);
  const result = await importNdjson(Readable.from(text), api.ledger.store, () => asOf as CalendarDate, { actor: 'test:generator' });
  expect(result.rejected).toEqual([]);
}
