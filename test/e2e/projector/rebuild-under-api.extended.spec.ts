/**
 * `projections rebuild all` (CLI, another process) swapping tables while the API answers,
 * and `projections status` figures.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';
import { waitForProjections } from '../../support/projections';
import { runCli } from '../../support/run-cli';
import { importCounty } from './support';

jest.setTimeout(300_000);

describe('rebuild under a live API', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('rp_rebuild_api');
    await importCounty(api.db, 3, 6, 21);
    await waitForProjections(api.db, 120_000);
  });
  afterAll(async () => {
    await api.close();
  });

  it('queries during repeated rebuild-and-swap never fail and answer the same', async () => {
    const cadres = (await api.db.sql`select distinct substring(stream_id from 7) as id from events where stream_id like 'cadre-%' order by 1 limit 5`).map((r) => String(r.id));
    expect(cadres.length).toBeGreaterThan(0);
    const paths = [
      '/v1/eligibility/in-post-promotion?asOf=2025-06-30',
      '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025&asOf=2025-12-31',
      '/v1/findings?year=2024&asOf=2025-06-30',
      '/v1/org-units',
      ...cadres.flatMap((c) => [`/v1/cadres/${c}/history`, `/v1/cadres/${c}/state?asOf=2025-06-30`]),
    ];
    const baseline = new Map<string, string>();
    for (const p of paths) {
      const r = await api.request('GET', p);
      expect({ p, status: r.status }).toEqual({ p, status: 200 });
      baseline.set(p, JSON.stringify(r.body));
    }
    let stop = false;
    const failures: string[] = [];
    const hammer = (async () => {
      let i = 0;
      while (!stop) {
        const p = paths[i++ % paths.length]!;
        try {
          const r = await api.request('GET', p);
          if (r.status !== 200) failures.push(`${p} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
          else if (JSON.stringify(r.body) !== baseline.get(p)) failures.push(`${p} → different answer`);
        } catch (e) {
          failures.push(`${p} → ${String(e)}`);
        }
      }
    })();
    for (let round = 0; round < 2; round++) {
      const rebuilt = await runCli(['projections', 'rebuild', 'all', '--batch-size', '200', '--json'], { DATABASE_URL: api.db.url });
      expect({ code: rebuilt.code, stderr: rebuilt.stderr }).toEqual({ code: 0, stderr: '' });
    }
    stop = true;
    await hammer;
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('projections status: lag and positions match the store', async () => {
    await waitForProjections(api.db, 60_000);
    const res = await runCli(['projections', 'status', '--json'], { DATABASE_URL: api.db.url });
    expect(res.code).toBe(0);
    const status = JSON.parse(res.stdout) as { projections: { name: string; eventsApplied: number; lagEvents: number; checkpoint: { prepare: number } | null }[] };
    const [head] = await api.db.sql`select count(*)::int as n, max(global_position)::int8 as last from events`;
    for (const s of status.projections) {
      expect({ name: s.name, applied: s.eventsApplied, lag: s.lagEvents, prepare: s.checkpoint?.prepare }).toEqual({ name: s.name, applied: Number(head!.n), lag: 0, prepare: Number(head!.last) });
    }
  });
});
