/**
 * The request id and the stored correlationId, under either HTTP server (found by a contract review).
 *
 * README ("HTTP_ADAPTER"): Fastify and Express "answer every route the same way". EVENTS.md (common
 * envelope): every stored event carries `correlationId`. apps/api/src/app.module.ts (genReqId) says
 * request ids are "the caller's X-Request-Id when sane, otherwise a fresh UUID; echoed back"; the
 * write routes store that id as the event's correlationId (career.controller.ts: requestIdOf(req)).
 * Under Express that holds. Under Fastify (the default) the id is Fastify's own per-process counter
 * ("req-1", "req-2", …): the caller's X-Request-Id is ignored, and every API process (each restart,
 * each of several API processes on one ledger) stores the same correlation ids again, so one
 * correlationId names unrelated writes.
 */
import { createApp } from '../../../apps/api/src/create-app';
import { startApi, type ApiHarness } from '../../support/api-harness';

const L = (o: unknown) => JSON.stringify(o);
const cadre = (id: string) => ({
  id: `reg-${id}`,
  type: 'CadreRegistered',
  effectiveDate: '2000-01-01',
  data: { name: '李四', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
});

describe.each(['fastify', 'express'])('request ids under HTTP_ADAPTER=%s', (adapter) => {
  let a: ApiHarness;
  beforeAll(async () => {
    a = await startApi(`rc_reqid_${adapter}`, {}, { HTTP_ADAPTER: adapter });
  });
  afterAll(async () => {
    await a.close();
  });

  it('a write stores the caller’s X-Request-Id as its correlationId and echoes it (app.module.ts genReqId)', async () => {
    const r = await a.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: cadre('C1'), headers: { 'x-request-id': 'clerk-batch-42' } });
    expect(r.status).toBe(201);
    expect(r.headers.get('x-request-id')).toBe('clerk-batch-42');
    expect(r.body.events[0].correlationId).toBe('clerk-batch-42');
  });

  it('without X-Request-Id, two API processes on one ledger never store the same correlationId for different writes', async () => {
    // Two more API processes over the same database (a restart, or a second instance behind a proxy), each's first write.
    const write = async (cadreId: string) => {
      const app = await createApp(a.ledger, { logLevel: 'silent' });
      await app.listen(0, '127.0.0.1');
      try {
        const port = (app.getHttpServer().address() as { port: number }).port;
        const r = await fetch(`http://127.0.0.1:${port}/v1/cadres/${cadreId}/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${a.tokens.CLERK}`, 'content-type': 'application/json' },
          body: L(cadre(cadreId)),
        });
        expect(r.status).toBe(201);
      } finally {
        await app.close();
      }
    };
    await write('C2');
    await write('C3');
    const rows = await a.db.sql`select event_id, correlation_id from events where event_id in ('reg-C2', 'reg-C3') order by event_id`;
    expect(rows).toHaveLength(2);
    expect(rows[0]!.correlation_id).not.toBe(rows[1]!.correlation_id);
  });
});
