/**
 * Plugs the EventStoreDB adapter into the contract suite. A server cannot be emptied per test,
 * so every store the suite asks for gets its own namespace: `cadre-A` becomes `cadre-<ns>.A`,
 * and the adapter only sees streams of that namespace in `$all` (its `streamPrefixes`).
 */
import { randomBytes } from 'node:crypto';
import { EsdbEventStore, type EsdbGateway } from '@ledger/event-store-esdb';
import type { ContractCapabilities, ContractFactory } from './event-store.contract';

const KINDS = ['cadre-', 'orgunit-', 'appeal-', 'policy'] as const;

/**
 * What the adapter does not give (esdb-event-store.ts says why): no transaction spans streams,
 * positions are assigned at commit (no late commits to test), events cannot be altered in place
 * (no tamper hooks: deleting a stream shows in verify as a gap), no StreamScanner.
 */
export const ESDB_CONTRACT_CAPABILITIES: ContractCapabilities = Object.freeze({
  atomicMultiStream: false,
  lateCommits: false,
  tamper: false,
  streamScanner: false,
});

/** `open` gives each store its gateway and how to release what it opened. */
export function esdbContractFactory(open: () => Promise<{ gateway: EsdbGateway; release(): Promise<void> }>): ContractFactory {
  return async () => {
    const ns = `t${randomBytes(5).toString('hex')}`;
    const streamName = (name: string): string => {
      const kind = KINDS.find((k) => name.startsWith(k));
      if (!kind) throw new Error(`the contract suite used a stream outside the ledger's prefixes: ${name}`);
      return `${kind}${ns}.${name.slice(kind.length)}`;
    };
    const { gateway, release } = await open();
    const store = new EsdbEventStore(gateway, { streamPrefixes: KINDS.map((k) => `${k}${ns}.`) });
    return { store, streamName, cleanup: release };
  };
}
