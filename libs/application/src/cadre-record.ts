/**
 * Everything needed to answer questions about one cadre by replay: the cadre's stream, the streams
 * of appeals about the cadre, the org units the cadre's posts name (their kind decides whether a
 * post is a township post) and the policy stream — in the store-wide order.
 */
import { orgUnitIdsNamedBy, streamIdOf, type RecordedEvent } from '@ledger/domain';
import { compareAllPositions, type EventStore, type StoredEvent } from '@ledger/event-store';
import { readStoredEvent, toRecordedEvent, UnreadableStoredEventError } from './event-mapping';

export interface CadreRecord {
  readonly cadre: StoredEvent[];
  readonly appeals: StoredEvent[];
  /** TM5(b): recommendations of the cadre by a township party secretary (on the secretary's stream), and their retractions there. */
  readonly recommendations: StoredEvent[];
  /** Every event above, plus org-unit and policy events, in store order, as the domain reads them. */
  readonly all: RecordedEvent[];
  /** With `{ unreadable: 'collect' }`: the stored events `all` leaves out because they fail their schema. */
  readonly unreadable: UnreadableStoredEventError[];
}

export interface LoadCadreRecordOptions {
  /**
   * 'throw' (the default): an event that fails its schema stops the answer (UnreadableStoredEventError).
   * 'collect': it is left out of `all` and listed in `unreadable`, for an answer that shows it
   * flagged (the history) instead of none at all.
   */
  readonly unreadable?: 'throw' | 'collect';
}


/**
 * A recommendation retracted on the recommender's stream no longer counts in the recommended
 * cadre's history either (found by a review: it was shown as counting), so the retractions are
 * read from those streams, which a cadre's history has few of.
 */
async function withTheirRetractions(store: EventStore, recommendations: readonly StoredEvent[]): Promise<StoredEvent[]> {
  if (recommendations.length === 0) return [];
  const ids = new Set(recommendations.map((e) => e.eventId));
  const streams = await Promise.all([...new Set(recommendations.map((e) => e.streamId))].map((s) => store.readStream(s)));
  const retractions = streams.flat().filter((e) => e.type === 'EntryRetracted' && typeof e.data.targetEventId === 'string' && ids.has(e.data.targetEventId));
  return [...recommendations, ...retractions];
}

export async function loadCadreRecord(store: EventStore, cadreId: string, options: LoadCadreRecordOptions = {}): Promise<CadreRecord | null> {
  const read = options.unreadable === 'collect' ? readStoredEvent : toRecordedEvent;
  const cadre = await store.readStream(streamIdOf('cadre', cadreId));
  if (cadre.length === 0) return null;
  const [filings, recommended] = await Promise.all([
    store.findEventsByData('AppealFiled', 'cadreId', cadreId),
    store.findEventsByData('LeaderRecommended', 'recommendedCadreId', cadreId),
  ]);
  const recommendations = await withTheirRetractions(store, recommended);
  const appealStreams = [...new Set(filings.map((e) => e.streamId))];
  const cadreRead = cadre.map(read);
  const orgUnits = [...new Set(cadreRead.flatMap((e) => (e instanceof UnreadableStoredEventError ? [] : orgUnitIdsNamedBy(e))))];
  const [appeals, units, policy] = await Promise.all([
    Promise.all(appealStreams.map((s) => store.readStream(s))).then((x) => x.flat()),
    Promise.all(orgUnits.map((id) => store.readStream(streamIdOf('orgunit', id)))).then((x) => x.flat()),
    store.readStream(streamIdOf('policy')),
  ]);
  const all: RecordedEvent[] = [];
  const unreadable: UnreadableStoredEventError[] = [];
  for (const e of [...cadre, ...appeals, ...units, ...policy].sort((a, b) => compareAllPositions(a.position, b.position))) {
    const r = read(e);
    if (r instanceof UnreadableStoredEventError) unreadable.push(r);
    else all.push(r);
  }
  return { cadre, appeals, recommendations, all, unreadable };
}
