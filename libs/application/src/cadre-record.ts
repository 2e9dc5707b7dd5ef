/**
 * Everything needed to answer questions about one cadre by replay: the cadre's stream, the streams
 * of appeals about the cadre, the org units the cadre's posts name (their kind decides whether a
 * post is a township post) and the policy stream — in the store-wide order.
 */
import { orgUnitIdsNamedBy, streamIdOf, type RecordedEvent } from '@ledger/domain';
import { compareAllPositions, type EventStore, type StoredEvent } from '@ledger/event-store';
import { toRecordedEvent } from './event-mapping';

export interface CadreRecord {
  readonly cadre: StoredEvent[];
  readonly appeals: StoredEvent[];
  /** TM5(b): recommendations of the cadre by a township party secretary (on the secretary's stream). */
  readonly recommendations: StoredEvent[];
  /** Every event above, plus org-unit and policy events, in store order, as the domain reads them. */
  readonly all: RecordedEvent[];
}


export async function loadCadreRecord(store: EventStore, cadreId: string): Promise<CadreRecord | null> {
  const cadre = await store.readStream(streamIdOf('cadre', cadreId));
  if (cadre.length === 0) return null;
  const [filings, recommendations] = await Promise.all([
    store.findEventsByData('AppealFiled', 'cadreId', cadreId),
    store.findEventsByData('LeaderRecommended', 'recommendedCadreId', cadreId),
  ]);
  const appealStreams = [...new Set(filings.map((e) => e.streamId))];
  const orgUnits = [...new Set(cadre.flatMap((e) => orgUnitIdsNamedBy(toRecordedEvent(e))))];
  const [appeals, units, policy] = await Promise.all([
    Promise.all(appealStreams.map((s) => store.readStream(s))).then((x) => x.flat()),
    Promise.all(orgUnits.map((id) => store.readStream(streamIdOf('orgunit', id)))).then((x) => x.flat()),
    store.readStream(streamIdOf('policy')),
  ]);
  const all = [...cadre, ...appeals, ...units, ...policy].sort((a, b) => compareAllPositions(a.position, b.position)).map(toRecordedEvent);
  return { cadre, appeals, recommendations, all };
}
