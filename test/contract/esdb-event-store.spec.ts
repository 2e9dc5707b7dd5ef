/**
 * The event-store contract against a real EventStoreDB (or KurrentDB) server, when one is given:
 *
 *   EVENTSTORE_URL='esdb://admin:changeit@localhost:2113?tls=false' npx jest test/contract/esdb-event-store.spec.ts
 *
 * The user must be allowed to read `$all` (an admin by default). Without EVENTSTORE_URL, as in
 * CI, the suite is skipped with a visible line saying so.
 */
import { DbClientGateway } from '@ledger/event-store-esdb';
import { describeEventStoreContract } from './event-store.contract';
import { esdbContractFactory } from './esdb-contract-store';

const url = process.env.EVENTSTORE_URL?.trim();

if (url) {
  describeEventStoreContract(`EventStoreDB (${url.replace(/\/\/[^@/]*@/, '//***@')})`, esdbContractFactory(() => DbClientGateway.connect(url), true));
} else {
  describe('event-store contract: EventStoreDB server', () => {
    it('is skipped: EVENTSTORE_URL is not set (no EventStoreDB server here)', () => {
      console.log(
        'skipped for EventStoreDB: EVENTSTORE_URL is not set, so the contract suite did not run against a server. ' +
          "Run it with EVENTSTORE_URL='esdb://admin:changeit@localhost:2113?tls=false' npx jest test/contract/esdb-event-store.spec.ts",
      );
    });
  });
}
