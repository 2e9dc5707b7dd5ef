/**
 * Names a plain object holds through Object.prototype (`constructor`, `toString`, `__proto__`,
 * `hasOwnProperty`) given where the API looks a name up: a query parameter's name, a report's name,
 * an id in the path. Found by a review: `GET /v1/reports/promotion-pool?constructor=1` found
 * Object.prototype's `constructor` among a county-wide report's refused parameters and answered 500.
 */
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';

const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];

describe('names Object.prototype holds, given as user input', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('prototype_names');
    await registerTownshipAndCadre(api);
  });
  afterAll(() => api.close());

  const get = async (path: string) => {
    const r = await fetch(api.baseUrl + path, { headers: { authorization: `Bearer ${api.tokens.ADMIN}` } });
    return { status: r.status, body: (await r.json().catch(() => undefined)) as { field?: string; code?: string } | undefined };
  };

  it.each(PROTOTYPE_NAMES)('a county-wide report refuses a query parameter named %s with a 400 naming it (not a 500)', async (name) => {
    for (const report of ['promotion-pool', 'department-ratings', 'recommendations', 'reminder-talks']) {
      const query = report === 'promotion-pool' || report === 'recommendations' ? '' : 'year=2020&';
      const answer = await get(`/v1/reports/${report}?${query}${name}=1`);
      expect({ report, status: answer.status, field: answer.body?.field }).toEqual({ report, status: 400, field: name });
    }
  });

  it.each(PROTOTYPE_NAMES)('a report, a cadre and an org unit named %s are a 400 or a 404, never a 500', async (name) => {
    const paths = [`/v1/reports/${name}`, `/v1/cadres/${name}/history`, `/v1/cadres/${name}/tenure`, `/v1/cadres/${name}/state`, `/v1/eligibility?cadreId=${name}`, `/v1/findings?township=${name}`];
    for (const path of paths) {
      const { status } = await get(path);
      expect({ path, refused: [400, 404].includes(status) }).toEqual({ path, refused: true });
    }
  });
});
