/**
 * GET /v1/cadres (the roster) and GET /v1/me over a generated county: every registered cadre is
 * listed once with the name it was registered with; post, township and rank agree with the
 * cadre's own state and tenure answers; filters and paging partition the list; the caller learns
 * its role and capabilities from the one table in @ledger/auth.
 */
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import { CAPABILITIES, ROLES as TOKEN_ROLES } from '@ledger/auth';
import type { CalendarDate } from '@ledger/domain';
import { generateCounty } from '@ledger/generator';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';

const AS_OF = '2024-06-30';

describe('GET /v1/cadres and GET /v1/me', () => {
  let api: ApiHarness;
  let registered: Map<string, string>;
  beforeAll(async () => {
    api = await startApi('cadre_list');
    const lines = [...generateCounty({ townships: 2, years: 6, seed: 7, endYear: 2025 })];
    registered = new Map(lines.filter((l) => l.type === 'CadreRegistered').map((l) => [String((l as { cadreId: string }).cadreId), String((l.data as { name: string }).name)]));
    const result = await importNdjson(Readable.from(lines.map((l) => `${JSON.stringify(l)}\n`)), api.ledger.store, () => '2025-12-31' as CalendarDate, { actor: 'test' });
    expect(result.rejected).toEqual([]);
    await waitForProjections(api.db, 60_000);
  });
  afterAll(() => api?.close());

  const list = async (query: string) => {
    const r = await api.request('GET', `/v1/cadres?asOf=${AS_OF}&${query}`, { role: 'ORG_DEPT' });
    expect(r.status).toBe(200);
    return r.body;
  };

  it('lists every registered cadre once, with the registered name, across pages', async () => {
    const first = await list('pageSize=500');
    expect(first.total).toBe(registered.size);
    const seen = new Map<string, string>();
    for (let page = 1; (page - 1) * 7 < first.total; page++) {
      const body = await list(`pageSize=7&page=${page}`);
      expect(body.items.length).toBeLessThanOrEqual(7);
      for (const item of body.items) seen.set(item.cadreId, item.name);
    }
    expect(seen).toEqual(registered);
  });

  it("shows post, township and rank as the cadre's own state and tenure say", async () => {
    const body = await list('pageSize=500');
    const withPost = body.items.filter((i: { post: unknown }) => i.post !== null);
    expect(withPost.length).toBeGreaterThan(0);
    for (const item of withPost.slice(0, 8)) {
      const state = await api.request('GET', `/v1/cadres/${item.cadreId}/state?asOf=${AS_OF}`, { role: 'AUDITOR' });
      expect(item.rank).toBe(state.body.rank?.rank ?? null);
      const held = state.body.tenure.posts.filter((p: { from: string; to: string | null }) => p.from <= AS_OF && (p.to === null || p.to > AS_OF));
      expect(held.map((p: { orgUnitId: string; role: string }) => `${p.orgUnitId}/${p.role}`)).toContain(`${item.post.orgUnitId}/${item.post.role}`);
      expect(item.post.orgUnitName).toEqual(expect.any(String));
    }
  });

  it('filters by township, post, rank and search; the filters partition the roster', async () => {
    const all = await list('pageSize=500');
    expect(all.townships.length).toBe(2);
    let inTownships = 0;
    for (const t of all.townships) {
      const body = await list(`township=${t.orgUnitId}&pageSize=500`);
      expect(body.items.every((i: { post: { orgUnitId: string } }) => i.post.orgUnitId === t.orgUnitId)).toBe(true);
      inTownships += body.total;
    }
    expect(inTownships).toBe(all.items.filter((i: { post: { orgUnitId: string } | null }) => all.townships.some((t: { orgUnitId: string }) => t.orgUnitId === i.post?.orgUnitId)).length);
    const secretaries = await list('role=PARTY_SECRETARY&pageSize=500');
    expect(secretaries.total).toBe(2);
    const rank = all.items.find((i: { rank: string | null }) => i.rank)!.rank;
    const ranked = await list(`rank=${rank}&pageSize=500`);
    expect(ranked.total).toBe(all.items.filter((i: { rank: string | null }) => i.rank === rank).length);
    const someone = all.items[3];
    const byName = await list(`search=${encodeURIComponent(someone.name)}`);
    expect(byName.items.map((i: { cadreId: string }) => i.cadreId)).toContain(someone.cadreId);
    const some = all.items.slice(2, 6).map((i: { cadreId: string }) => i.cadreId);
    expect((await list(`ids=${some.join(',')}`)).items.map((i: { cadreId: string }) => i.cadreId)).toEqual(some);
    const byId = await list(`search=${someone.cadreId}`);
    expect(byId.items[0].cadreId).toBe(someone.cadreId);
  });

  it('400 naming a bad or unknown parameter; 403 for a role without readHistory', async () => {
    expect((await api.request('GET', '/v1/cadres?pageSize=0')).body).toMatchObject({ field: 'pageSize' });
    expect((await api.request('GET', '/v1/cadres?asof=2024-01-01')).status).toBe(400);
    expect((await api.request('GET', '/v1/cadres', { role: 'CLERK' })).status).toBe(403);
  });

  it('400 naming search for a NUL or another control character in it (PostgreSQL refuses NUL: it was a 500)', async () => {
    for (const bad of ['%00', 'a%00b', '%07', '%C2%85']) {
      const r = await api.request('GET', `/v1/cadres?search=${bad}`, { role: 'ORG_DEPT' });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ field: 'search' });
    }
    expect((await api.request('GET', `/v1/cadres?search=${encodeURIComponent(' 王 ')}`, { role: 'ORG_DEPT' })).status).toBe(200);
  });

  it("GET /v1/me tells each role its capabilities; 401 without a valid token", async () => {
    for (const role of TOKEN_ROLES) {
      const me = await api.request('GET', '/v1/me', { role });
      expect(me.status).toBe(200);
      expect(me.body.role).toBe(role);
      expect(me.body.capabilities.sort()).toEqual(Object.entries(CAPABILITIES).filter(([, roles]) => (roles as readonly string[]).includes(role)).map(([c]) => c).sort());
    }
    expect((await api.request('GET', '/v1/me', { role: null })).status).toBe(401);
    expect((await api.request('GET', '/v1/me', { role: null, headers: { authorization: 'Bearer ccl_nope' } })).status).toBe(401);
  });
});
