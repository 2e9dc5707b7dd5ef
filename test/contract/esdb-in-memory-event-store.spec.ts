/**
 * The event-store contract against the EventStoreDB adapter on an in-memory model of the server
 * (libs/event-store-esdb/src/in-memory-esdb.ts): the adapter's own logic (exact revisions, the
 * event-id index, `$all` filtering, retries) with no network in between. A fresh model per store
 * keeps the scans short; namespacing is still applied, as on a shared server, and the model
 * interleaves system records that `$all` readers must skip. The same suite runs over gRPC in
 * esdb-wire-event-store.spec.ts.
 */
import { InMemoryEsdb } from '@ledger/event-store-esdb';
import { describeEventStoreContract } from './event-store.contract';
import { ESDB_CONTRACT_CAPABILITIES, esdbContractFactory } from './esdb-contract-store';

describeEventStoreContract(
  'EventStoreDB adapter on an in-memory server model',
  esdbContractFactory(async () => ({ gateway: new InMemoryEsdb(), release: async () => undefined })),
  { capabilities: ESDB_CONTRACT_CAPABILITIES },
);
