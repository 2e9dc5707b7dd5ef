export { EsdbEventStore, MultiStreamAppendIncompleteError, type EsdbEventStoreOptions } from './esdb-event-store';
export { DbClientGateway } from './db-client-gateway';
export {
  EsdbAppendTooLarge,
  EsdbOutcomeUnknown,
  EsdbWrongExpectedRevision,
  type EsdbAppendOutcome,
  type EsdbEventData,
  type EsdbExpectedRevision,
  type EsdbGateway,
  type EsdbPosition,
  type EsdbReadStreamOptions,
  type EsdbRecordedEvent,
} from './gateway';
export { LEDGER_STREAM_PREFIXES } from './mapping';
export { esdbEventId, uuidV5 } from './uuid-v5';
/** For tests: the adapter on an in-memory model of the server (no server runs in CI). */
export { EsdbStreamDeleted, InMemoryEsdb, RacedEsdb, type EsdbView } from './in-memory-esdb';
