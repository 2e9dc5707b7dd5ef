/**
 * A query parameter whose name or value cannot be decoded (a Chinese name cut mid-character,
 * `search=%E4%B8`) is a 400 naming it, as an undecodable path is (README: "a URL that cannot be
 * decoded"). Found by a review: the roster searched for the literal escape and found no one.
 */
import { undecodableQueryPart } from '../../../apps/api/src/platform/known-query.guard';
import { startApi, type ApiHarness } from '../../support/api-harness';

describe('undecodableQueryPart', () => {
  it.each([
    ['/v1/cadres?search=%E4%B8', { name: 'search', part: 'search=%E4%B8' }],
    ['/v1/cadres?page=1&search=%FF', { name: 'search', part: 'search=%FF' }],
    ['/v1/cadres?%E4=1', { name: '(query)', part: '%E4=1' }],
    ['/v1/cadres?search=%E5%B9%B2', undefined],
    ['/v1/cadres?search=a+b&x=%20', undefined],
    ['/v1/cadres', undefined],
  ])('%s', (url, expected) => {
    expect(undecodableQueryPart(url)).toEqual(expected);
  });
});

describe('an undecodable query over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('undecodable_query');
  });
  afterAll(() => api.close());

  it.each([
    ['/v1/cadres?search=%E4%B8', 'search'],
    ['/v1/cadres?search=%E5%B9%B2%E9', 'search'],
    ['/v1/org-units?kind=%FF', 'kind'],
    ['/v1/eligibility/in-post-promotion?asOf=%E4', 'asOf'],
  ])('%s is a 400 naming %s', async (path, field) => {
    const r = await api.request('GET', path, { role: 'ADMIN' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'INVALID_REQUEST', field });
    expect(r.body.detailZh).toContain('网址无法解码');
  });

  it('a name encoded whole is searched (干)', async () => {
    expect((await api.request('GET', '/v1/cadres?search=%E5%B9%B2', { role: 'ADMIN' })).status).toBe(200);
  });
});
