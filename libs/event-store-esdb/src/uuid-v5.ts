/**
 * RFC 4122 name-based UUIDs (version 5, SHA-1). EventStoreDB event ids must be UUIDs, ours are
 * arbitrary strings ("imp-0001"): the same ledger id always maps to the same UUID, so the
 * server's own duplicate check by event id sees a retry as a retry.
 */
import { createHash } from 'node:crypto';

/** The ledger's namespace: fixed forever, or every stored event's UUID would change meaning. */
export const LEDGER_EVENT_ID_NAMESPACE = 'fbd9ea9a-dbc0-4af7-813f-a9f5d77c57f6';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidV5(name: string, namespace: string = LEDGER_EVENT_ID_NAMESPACE): string {
  if (!UUID.test(namespace)) throw new TypeError(`namespace is not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const recent = new Map<string, string>();

/** The EventStoreDB event id of a ledger event id (memoised: one write asks for it several times). */
export function esdbEventId(eventId: string): string {
  let id = recent.get(eventId);
  if (id === undefined) {
    if (recent.size >= 10_000) recent.clear();
    id = uuidV5(eventId);
    recent.set(eventId, id);
  }
  return id;
}
