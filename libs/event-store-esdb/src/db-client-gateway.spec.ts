/** The client boundary, without a server: the client's own error objects, connection strings. */
import { EventStoreDBClient, WrongExpectedVersionError } from '@eventstore/db-client';
import { clientConnectionString, DbClientGateway, translateClientError } from './db-client-gateway';
import { EsdbWrongExpectedRevision } from './gateway';

describe('@eventstore/db-client boundary', () => {
  it('turns the client\'s WrongExpectedVersionError into EsdbWrongExpectedRevision', () => {
    const stale = translateClientError(new WrongExpectedVersionError(undefined, { streamName: 'cadre-A', expected: 3n, current: 5n }), 'cadre-A');
    expect(stale).toBeInstanceOf(EsdbWrongExpectedRevision);
    expect(stale).toMatchObject({ streamId: 'cadre-A', expected: 3n, actual: 5n });
    const missing = translateClientError(new WrongExpectedVersionError(undefined, { streamName: 'cadre-B', expected: 0n, current: 'no_stream' }), 'cadre-B');
    expect(missing).toMatchObject({ streamId: 'cadre-B', actual: 'no_stream' });
    const other = new Error('unavailable');
    expect(translateClientError(other, 'cadre-A')).toBe(other);
  });

  it('accepts the configuration\'s schemes (KurrentDB\'s are rewritten for the v6 client)', () => {
    expect(clientConnectionString('esdb://admin:changeit@localhost:2113?tls=false')).toBe('esdb://admin:changeit@localhost:2113?tls=false');
    expect(clientConnectionString('kurrentdb://a:b@n1:2113,n2:2113?tls=true')).toBe('esdb://a:b@n1:2113,n2:2113?tls=true');
    expect(clientConnectionString('kdb://localhost:2113')).toBe('esdb://localhost:2113');
    expect(clientConnectionString('kurrentdb+discover://cluster.local:2113')).toBe('esdb+discover://cluster.local:2113');
  });

  it('builds a client from a connection string without contacting a server', async () => {
    const gateway = DbClientGateway.connect('esdb://localhost:1?tls=false');
    expect(gateway).toBeInstanceOf(DbClientGateway);
    await gateway.close();
    expect(EventStoreDBClient.connectionString('esdb://n1:2113,n2:2113,n3:2113?tls=false')).toBeInstanceOf(EventStoreDBClient);
  });
});
