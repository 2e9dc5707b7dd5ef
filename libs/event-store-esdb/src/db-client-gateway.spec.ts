/**
 * The client boundary without a server: the client's own error objects and positions become the
 * gateway's, connection strings are accepted. The gateway over a gRPC server is exercised by
 * test/contract/esdb-wire-*.spec.ts.
 */
import { DeadlineExceededError, MaxAppendSizeExceededError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { clientConnectionString, DbClientGateway, serverPosition, translateClientError } from './db-client-gateway';
import { EsdbAppendTooLarge, EsdbOutcomeUnknown, EsdbWrongExpectedRevision } from './gateway';

describe('@eventstore/db-client boundary', () => {
  it('turns the client\'s WrongExpectedVersionError into EsdbWrongExpectedRevision', () => {
    const stale = translateClientError(new WrongExpectedVersionError(undefined, { streamName: 'cadre-A', expected: 3n, current: 5n }), 'cadre-A');
    expect(stale).toBeInstanceOf(EsdbWrongExpectedRevision);
    expect(stale).toMatchObject({ streamId: 'cadre-A', expected: 3n, actual: 5n });
    const missing = translateClientError(new WrongExpectedVersionError(undefined, { streamName: 'cadre-B', expected: 0n, current: 'no_stream' }), 'cadre-B');
    expect(missing).toMatchObject({ streamId: 'cadre-B', actual: 'no_stream' });
    const other = new Error('something else');
    expect(translateClientError(other, 'cadre-A')).toBe(other);
  });

  it('turns a deadline or an unavailable node into "outcome unknown", and the size limit into EsdbAppendTooLarge', () => {
    const grpc = (code: number) => Object.assign(new Error('x'), { code, details: 'x', metadata: undefined }) as never;
    expect(translateClientError(new DeadlineExceededError(grpc(4)), 'cadre-A')).toBeInstanceOf(EsdbOutcomeUnknown);
    expect(translateClientError(new UnavailableError(grpc(14)), 'cadre-A')).toMatchObject({ streamId: 'cadre-A', name: 'EsdbOutcomeUnknown' });
    const tooLarge = translateClientError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), 'cadre-A');
    expect(tooLarge).toBeInstanceOf(EsdbAppendTooLarge);
    expect(tooLarge).toMatchObject({ maxAppendSize: 1_048_576 });
  });

  it('reads a position the server did not send (0/0 by proto3 default, or 2^64−1) as none', () => {
    expect(serverPosition({ commit: 0n, prepare: 0n })).toBeUndefined();
    expect(serverPosition({ commit: (1n << 64n) - 1n, prepare: (1n << 64n) - 1n })).toBeUndefined();
    expect(serverPosition(undefined)).toBeUndefined();
    expect(serverPosition({ commit: 4096n, prepare: 4200n })).toEqual({ commit: 4096n, prepare: 4200n });
  });

  it('accepts the configuration\'s schemes (KurrentDB\'s are rewritten for the v6 client)', () => {
    expect(clientConnectionString('esdb://admin:changeit@localhost:2113?tls=false')).toBe('esdb://admin:changeit@localhost:2113?tls=false');
    expect(clientConnectionString('kurrentdb://a:b@n1:2113,n2:2113?tls=true')).toBe('esdb://a:b@n1:2113,n2:2113?tls=true');
    expect(clientConnectionString('kdb://localhost:2113')).toBe('esdb://localhost:2113');
    expect(clientConnectionString('kurrentdb+discover://cluster.local:2113')).toBe('esdb+discover://cluster.local:2113');
  });

  it('reports a write to a node that does not answer as "outcome unknown", not as a conflict or a bug', async () => {
    const gateway = DbClientGateway.connect('esdb://127.0.0.1:1?tls=false'); // nothing listens on port 1
    try {
      await expect(gateway.append('cadre-A', [{ id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', type: 'T', data: {}, metadata: {} }], 'no_stream')).rejects.toBeInstanceOf(
        EsdbOutcomeUnknown,
      );
    } finally {
      await gateway.close();
    }
  });
});
