/**
 * The canonical JSON of an event (hash-chain.ts) in two parts around `recordedAt` and `revision`,
 * the two fields a store decides only while it writes (its clock, its stream head). RFC 8785 sorts
 * keys, and those two sort next to each other, so a store that computes the hash itself (the
 * PostgreSQL append function) fills in `"recordedAt":"…","revision":n` between the parts and
 * hashes exactly the bytes `chainHash` would. Each value is serialised as `canonicalize` does.
 */
import { canonicalJson, type HashedFields } from './hash-chain';

/** The hashed fields a writer knows before the store places the event. */
export type UnplacedFields = Omit<HashedFields, 'recordedAt' | 'revision'>;

export interface CanonicalParts {
  /** `{` and every member whose key sorts before `recordedAt`, ending with a comma. */
  readonly before: string;
  /** A comma and every member whose key sorts after `revision`, then `}`. */
  readonly after: string;
  /** The canonical text of `data` and `metadata` (also what the store keeps as jsonb). */
  readonly data: string;
  readonly metadata: string;
}

const member = (key: string, value: unknown): string => (value === undefined ? '' : `"${key}":${JSON.stringify(value)}`);

export function canonicalParts(e: UnplacedFields): CanonicalParts {
  const data = canonicalJson(e.data);
  const metadata = canonicalJson(e.metadata);
  const before = [
    member('actor', e.actor),
    member('causationId', e.causationId),
    member('correlationId', e.correlationId),
    `"data":${data}`,
    member('documentRef', e.documentRef),
    member('effectiveDate', e.effectiveDate),
    member('eventId', e.eventId),
    `"metadata":${metadata}`,
  ].filter((m) => m !== '');
  const after = [member('schemaVersion', e.schemaVersion), member('streamId', e.streamId), member('type', e.type)].filter((m) => m !== '');
  return { before: `{${before.join(',')},`, after: `,${after.join(',')}}`, data, metadata };
}

/** The whole canonical text, as the PostgreSQL append function assembles it. */
export function canonicalFromParts(parts: CanonicalParts, recordedAt: string, revision: number): string {
  return `${parts.before}"recordedAt":${JSON.stringify(recordedAt)},"revision":${JSON.stringify(revision)}${parts.after}`;
}
