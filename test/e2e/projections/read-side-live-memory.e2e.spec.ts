/**
 * After 3cf018e (a review, 2026-12-05) (read side keyed by table; a CLI rebuild as a repair). The API's own projection
 * runner keeps rows between live batches (LiveMemory; it was keyed by last_position only). A drifted row it
 * folded onto is held at the same position a CLI rebuild then writes the repaired row at: the API's
 * next live batch folds on its memory and writes the drift back into the rebuilt table.
 */
import type { INestApplication } from '@nestjs/common';
import { appoint, assess, registerCadre, township } from '@ledger/domain/testing/commands';
import { createApp } from '../../../apps/api/src/create-app';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { recordAs, settle } from './support';

jest.setTimeout(180_000);

let api: ApiHarness;
let restarted: INestApplication | undefined;

afterAll(async () => {
  await restarted?.close();
  await api?.db.drop();
});

/** The same ledger and tokens, served by a freshly started API process (empty memories). */
async function restart(): Promise<ApiHarness> {
  await api.app.close();
  restarted = await createApp(api.ledger, { logLevel: 'silent' });
  await restarted.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(restarted.getHttpServer().address() as { port: number }).port}`;
  return {
    ...api,
    baseUrl: base,
    app: restarted,
    async request(method, path, o = {}) {
      const role = o.role === undefined ? 'ADMIN' : o.role;
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (role) headers.authorization = `Bearer ${api.tokens[role]}`;
      let body: string | undefined;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
    },
  };
}

describe('a CLI rebuild repairs a drifted row while the API runs', () => {
  it('the next write through the API does not bring the drifted row back', async () => {
    api = await startApi('live_memory_repair');
    await recordAs(api, 'ADMIN', township('T01'), township('T02'), registerCadre('C4'), appoint('C4', '2016-01-01', 'T02', 'TEAM_MEMBER', { id: 'c4-tm' }));
    await settle(api);
    // A row changed behind the projection's back (a bad hand fix, a restore), then the API restarts.
    await api.db.sql`update proj_cadre_timelines set post_changes = '[]' where cadre_id = 'C4'`;
    const live = await restart();
    // A write for C4: the restarted API folds it onto the drifted row it reads (and keeps it in memory).
    await recordAs(live, 'ADMIN', assess('C4', 2017, 'COMPETENT', { id: 'c4-g2017' }));
    await settle(live);
    const env = { DATABASE_URL: api.db.url };
    expect((await runCli(['projections', 'verify'], env)).code).toBe(3); // precondition: drift found
    expect((await runCli(['projections', 'rebuild', 'cadre-careers'], env)).code).toBe(0);
    expect((await runCli(['projections', 'verify'], env)).code).toBe(0); // precondition: repaired
    const repaired = (await live.request('GET', '/v1/cadres/C4/tenure?asOf=2022-06-30', { role: 'ORG_DEPT' })).body;
    expect(repaired.posts).toEqual([expect.objectContaining({ orgUnitId: 'T02', role: 'TEAM_MEMBER', from: '2016-01-01' })]);

    // The next ordinary write for C4 through the API: a second post (it rewrites the post changes).
    await recordAs(live, 'ADMIN', appoint('C4', '2019-01-01', 'T01', 'TEAM_MEMBER', { id: 'c4-tm2' }));
    await settle(live);
    const after = (await live.request('GET', '/v1/cadres/C4/tenure?asOf=2022-06-30', { role: 'ORG_DEPT' })).body;
    const verify = await runCli(['projections', 'verify'], env);
    expect({ posts: after.posts, verifyExit: verify.code }).toEqual({
      posts: [
        expect.objectContaining({ orgUnitId: 'T02', role: 'TEAM_MEMBER', from: '2016-01-01' }),
        expect.objectContaining({ orgUnitId: 'T01', role: 'TEAM_MEMBER', from: '2019-01-01' }),
      ],
      verifyExit: 0,
    });
  });
});
