/**
 * Plugs the EventStoreDB adapter into the contract suite. A server cannot be emptied per test,
 * so every store the suite asks for gets its own namespace: `cadre-A` becomes `cadre-<ns>.A`,
 * and the adapter only sees streams of that namespace in `$all` (its `streamPrefixes`).
 */
import { randomBytes } from 'node:crypto';
import { EsdbEventStore, type EsdbGateway } from '@ledger/event-store-esdb';
import type { ContractFactory } from './event-store.contract';

const KINDS = ['cadre-', 'orgunit-', 'appeal-', 'policy'] as const;

export function esdbContractFactory(gateway: () => EsdbGateway, closeGateway: boolean): ContractFactory {
  return async () => {
    const ns = `t${randomBytes(5).toString('hex')}`;
    const streamName = (name: string): string => {
      const kind = KINDS.find((k) => name.startsWith(k));
      if (!kind) throw new Error(`the contract suite used a stream outside the ledger's prefixes: ${name}`);
      return `${kind}${ns}.${name.slice(kind.length)}`;
    };
    const g = gateway();
    const store = new EsdbEventStore(g, { streamPrefixes: KINDS.map((k) => `${k}${ns}.`) });
    return {
      store,
      streamName,
      capabilities: { atomicMultiStream: false, lateCommits: false },
      // No tamper hooks: events in EventStoreDB cannot be changed, only hidden by deleting or
      // truncating a stream, which verify reports as a revision gap (not exercised here).
      cleanup: async () => {
        if (closeGateway) await store.close();
      },
    };
  };
}
