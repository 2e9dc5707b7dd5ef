/**
 * The event-store contract against a real EventStoreDB (or KurrentDB) server, when one is given:
 *
 *   EVENTSTORE_URL='esdb://admin:changeit@localhost:2113?tls=false' npx jest test/contract/esdb-event-store.spec.ts
 *
 * The user must be allowed to read `$all` (an admin by default). Without EVENTSTORE_URL, as in
 * CI, the suite is defined as skipped, its name saying why; the same suite runs on every
 * `npm test` against the wire fake (esdb-wire-event-store.spec.ts).
 */
import { DbClientGateway } from '@ledger/event-store-esdb';
import { describeEventStoreContract } from './event-store.contract';
import { ESDB_CONTRACT_CAPABILITIES, esdbContractFactory } from './esdb-contract-store';

const url = process.env.EVENTSTORE_URL?.trim();

if (url) {
  describeEventStoreContract(
    `EventStoreDB (${url.replace(/\/\/[^@/]*@/, '//***@')})`,
    esdbContractFactory(async () => {
      const gateway = DbClientGateway.connect(url);
      return { gateway, release: () => gateway.close() };
    }),
    { capabilities: ESDB_CONTRACT_CAPABILITIES },
  );
} else {
  describe.skip('event-store contract: a real EventStoreDB server — skipped: EVENTSTORE_URL is not set (the wire fake runs the suite instead)', () => {
    it('runs the contract suite against the server at EVENTSTORE_URL', () => undefined);
  });
}
