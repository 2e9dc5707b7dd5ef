/**
 * The event-store contract against the EventStoreDB adapter on an in-memory model of the server
 * (libs/event-store-esdb/src/in-memory-esdb.ts): the adapter's own logic (exact revisions, the
 * event-id index, `$all` filtering, retries) under the whole suite, on every `npm test`, with no
 * server. A fresh model per store keeps the scans short; namespacing is still applied, as on a
 * shared server, and the model interleaves system records that `$all` readers must skip.
 */
import { InMemoryEsdb } from '@ledger/event-store-esdb';
import { describeEventStoreContract } from './event-store.contract';
import { esdbContractFactory } from './esdb-contract-store';

describeEventStoreContract('EventStoreDB adapter on an in-memory server model', esdbContractFactory(() => new InMemoryEsdb(), true));
