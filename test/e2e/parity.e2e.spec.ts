/**
 * One read side (issue 12): for every question of the contract table, the CLI's `--json` output
 * equals the API's JSON for the same question — both come from libs/projections, parsed by the
 * same zod schema.
 */
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate } from '@ledger/domain';
import { generateCounty } from '@ledger/generator';
import { startApi, type ApiHarness } from '../support/api-harness';
import { waitForProjections } from '../support/projections';
import { runCli } from '../support/run-cli';

let api: ApiHarness;
let cadreIds: string[] = [];

beforeAll(async () => {
  api = await startApi('parity');
  const lines = [...generateCounty({ townships: 3, years: 12, seed: 11 })].map((l) => JSON.stringify(l)).join('\n');
  const result = await importNdjson(Readable.from([lines]), api.ledger.store, () => '2026-11-30' as CalendarDate, { actor: 'CLERK:parity', correlationId: 'parity' });
  expect(result.rejected).toEqual([]);
  // The county went straight into the store, not through the API: its runner applies it in the
  // background. The question here is whether both ways give the same answer, not how fresh it is:
  // asked at once, the API may rightly answer `behind` (its 2 s bound, tested in
  // read-your-writes.e2e) while the CLI, which applies the events itself, is current.
  await waitForProjections(api.db, 90_000);
  const rows = await api.db.sql`select distinct substring(stream_id from 7) as id from events where stream_id like 'cadre-%' order by 1 limit 4`;
  cadreIds = rows.map((r) => r.id as string);
  // An instant already past (the last write's): a later one is answered as known a moment before now, which two processes asked apart see apart.
  const [last] = await api.db.sql`select max(recorded_at) as at from events`;
  knownAt = new Date(last!.at as Date).toISOString();
  expect(cadreIds.length).toBeGreaterThan(0);
});
afterAll(() => api.close());

const asOf = '2020-06-30';
let knownAt: string;

const [FIRST, SECOND] = ['first', 'second'] as const;
const cadre = (which: typeof FIRST | typeof SECOND) => (which === FIRST ? cadreIds[0]! : (cadreIds[1] ?? cadreIds[0]!));

/** The same question as CLI arguments and as an API path (cadre ids are known once the county is imported). */
const QUESTIONS: Array<[string, () => [string[], string]]> = [
  ['eligibility', () => [['eligibility', '--as-of', asOf, '--json'], `/v1/eligibility/in-post-promotion?asOf=${asOf}`]],
  ['eligibility known at', () => [['eligibility', '--as-of', asOf, '--known-at', knownAt, '--json'], `/v1/eligibility/in-post-promotion?asOf=${asOf}&knownAt=${encodeURIComponent(knownAt)}`]],
  ['candidates', () => [['candidates', '--cycle', '2016-2020', '--json'], '/v1/commendations/excellent-township-party-secretary/candidates?cycle=2016-2020']],
  ['tenure', () => [['tenure', cadre(FIRST), '--as-of', asOf, '--json'], `/v1/cadres/${cadre(FIRST)}/tenure?asOf=${asOf}`]],
  ['history', () => [['history', cadre(FIRST), '--json'], `/v1/cadres/${cadre(FIRST)}/history`]],
  [
    'history as of, known at',
    () => [
      ['history', cadre(SECOND), '--as-of', '2018-12-31', '--known-at', knownAt, '--json'],
      `/v1/cadres/${cadre(SECOND)}/history?asOf=2018-12-31&knownAt=${encodeURIComponent(knownAt)}`,
    ],
  ],
  ['findings', () => [['findings', '--as-of', asOf, '--json'], `/v1/findings?asOf=${asOf}`]],
  ['appeals', () => [['appeals', '--all', '--json'], '/v1/appeals?status=all']],
  ['verify', () => [['verify', '--json'], '/v1/audit/verify']],
];

describe('the CLI and the API give the same JSON', () => {
  it.each(QUESTIONS)('%s', async (_name, question) => {
    const [args, path] = question();
    const [cli, http] = await Promise.all([runCli(args, { DATABASE_URL: api.db.url }), api.request('GET', path, { role: 'ADMIN' })]);
    expect([cli.code, cli.stderr, http.status]).toEqual([0, '', 200]);
    expect(JSON.parse(cli.stdout)).toEqual(http.body);
  });
});
