/**
 * A broken link as people look for it: the event at the break and, on a cadre's stream, the cadre
 * by name. `verify` works on streams and revisions; an auditor asked "which record, whose?" and got
 * "cadre-C000260 第 141 号" (found by a review: neither the event's id nor the cadre was named).
 */
import { EVENT_TYPE_NAMES_ZH, isCareerEventType } from '@ledger/domain';
import { verifyStore, type BrokenLink, type EventStore, type StoredEvent, type VerificationResult } from '@ledger/event-store';

export interface NamedBrokenLink extends BrokenLink {
  /** The event stored at that revision; absent when none is (a missing revision). */
  readonly eventId?: string;
  readonly eventType?: string;
  /** On a cadre's stream: the cadre, and the name its latest standing registration gives (null if none). */
  readonly cadreId?: string;
  readonly cadreName?: string | null;
}

/** At most this many breaks are named (each reads its stream once); a store with more lists the rest by revision. */
const NAMED_AT_MOST = 100;

const CADRE_STREAM = 'cadre-';

/** The name a cadre's stream gives it, read as stored: the latest registration no retraction in the stream names. */
function cadreNameIn(events: readonly StoredEvent[]): string | null {
  const retracted = new Set(events.flatMap((e) => (e.type === 'EntryRetracted' && typeof e.data.targetEventId === 'string' ? [e.data.targetEventId] : [])));
  let name: string | null = null;
  for (const e of events) if (e.type === 'CadreRegistered' && !retracted.has(e.eventId) && typeof e.data.name === 'string') name = e.data.name;
  return name;
}

/** The result with its breaks named (the first `NAMED_AT_MOST`); a stream that cannot be read leaves its breaks as they were. */
export async function nameBrokenLinks<R extends VerificationResult>(store: Pick<EventStore, 'readStream'>, result: R): Promise<R & { broken: NamedBrokenLink[]; firstBroken?: NamedBrokenLink }> {
  if (result.broken.length === 0 && result.firstBroken === undefined) return { ...result, broken: [...result.broken] };
  const streams = new Map<string, Promise<StoredEvent[] | null>>();
  const read = (streamId: string) => {
    let events = streams.get(streamId);
    if (!events) streams.set(streamId, (events = store.readStream(streamId).catch(() => null)));
    return events;
  };
  const name = async (b: BrokenLink): Promise<NamedBrokenLink> => {
    const events = await read(b.streamId);
    if (!events) return b;
    const at = events.find((e) => e.revision === b.revision);
    const cadreId = b.streamId.startsWith(CADRE_STREAM) ? b.streamId.slice(CADRE_STREAM.length) : undefined;
    return { ...b, ...(at ? { eventId: at.eventId, eventType: at.type } : {}), ...(cadreId !== undefined ? { cadreId, cadreName: cadreNameIn(events) } : {}) };
  };
  const broken = await Promise.all(result.broken.map((b, i) => (i < NAMED_AT_MOST ? name(b) : b)));
  const firstBroken = result.firstBroken === undefined ? undefined : result.broken[0] === result.firstBroken ? broken[0] : await name(result.firstBroken);
  return { ...result, broken, ...(firstBroken ? { firstBroken } : {}) };
}

/** `verify`: every chain recomputed (verifyStore), its breaks named. */
export async function verifyLedger(
  store: Pick<EventStore, 'scanStreams' | 'scanHeads' | 'readStream' | 'streamHead' | 'eventsOutsideTheOrder' | 'outsideTheOrder' | 'unfinishedCopy'>,
  options: { stopAtFirst?: boolean } = {},
): Promise<VerificationResult & { broken: NamedBrokenLink[]; firstBroken?: NamedBrokenLink }> {
  return nameBrokenLinks(store, await verifyStore(store, options));
}

/** "（rvA-s1，政务处分）": the event at a break, for the Chinese sentences. */
export function brokenEventZh(b: NamedBrokenLink): string {
  if (b.eventId === undefined) return '';
  const type = b.eventType === undefined ? '' : `，${isCareerEventType(b.eventType) ? EVENT_TYPE_NAMES_ZH[b.eventType] : b.eventType}`;
  return `（${b.eventId}${type}）`;
}

/** "干部 王玲敏（C000260）的履历": whose stream broke, before "事件流 cadre-C000260" in the Chinese sentences. */
export function brokenStreamOwnerZh(b: NamedBrokenLink): string {
  if (b.cadreId === undefined) return '';
  return `干部${b.cadreName ? ` ${b.cadreName}` : ''}（${b.cadreId}）的履历`;
}
