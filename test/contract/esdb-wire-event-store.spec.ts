/**
 * The event-store contract against the EventStoreDB adapter over the wire: the real client
 * (`@eventstore/db-client`) with a real `esdb://127.0.0.1:PORT?tls=false` connection string,
 * talking gRPC to the wire fake (test/support/esdb-wire-fake.ts), on every `npm test`. Each store
 * gets a fake server and a client of its own (a fresh log keeps `$all` scans short), closed by the
 * store's cleanup. The concurrency test runs 4 writers × 60 events here and the interleaving
 * property 8 runs: every append is about a dozen gRPC calls (id lookups, reservations, the head,
 * the append, the read-back), so the full 16,000 would take many minutes; the in-memory and
 * PostgreSQL runs keep the full size.
 */
import { DbClientGateway } from '@ledger/event-store-esdb';
import { EsdbWireFake } from '../support/esdb-wire-fake';
import { describeEventStoreContract } from './event-store.contract';
import { ESDB_CONTRACT_CAPABILITIES, esdbContractFactory } from './esdb-contract-store';

describeEventStoreContract(
  'EventStoreDB adapter over gRPC (wire fake)',
  esdbContractFactory(async () => {
    const fake = await EsdbWireFake.start();
    const gateway = DbClientGateway.connect(fake.url());
    return {
      gateway,
      release: async () => {
        await gateway.close();
        await fake.stop();
      },
    };
  }),
  { capabilities: ESDB_CONTRACT_CAPABILITIES, concurrency: { writers: 4, perWriter: 60 }, propertyRuns: 8 },
);
