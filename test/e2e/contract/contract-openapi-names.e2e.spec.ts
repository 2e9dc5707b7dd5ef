/**
 * EVENTS.md's contract table names JSON fields; /docs/openapi.json must document each of them, by
 * the same name, on the operation's 200 answer (or the import's report).
 */
import { BREAK_REASONS_ZH } from '@ledger/audit';
import { startApi, type ApiHarness } from '../../support/api-harness';

type Doc = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };

/** The schemas reachable at a dotted path ("cadres[].checks[].rule"), through $ref, allOf/anyOf/oneOf. */
function resolve(doc: Doc, schema: any): any[] {
  if (!schema) return [];
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()]);
  const parts = [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  return [schema, ...parts.flatMap((s: any) => resolve(doc, s))];
}
function at(doc: Doc, root: any, path: string): any[] {
  let current = resolve(doc, root);
  for (const segment of path.split('.')) {
    const array = segment.endsWith('[]');
    const name = array ? segment.slice(0, -2) : segment;
    current = current.flatMap((s) => (s.properties && name in s.properties ? resolve(doc, s.properties[name]) : []));
    if (array) current = current.flatMap((s) => (s.items ? resolve(doc, s.items) : []));
  }
  return current;
}

const CONTRACT: Record<string, { method: string; path: string; fields: string[] }> = {
  import: { method: 'post', path: '/v1/import', fields: ['accepted', 'rejected[].line', 'rejected[].id', 'rejected[].rule', 'rejected[].message'] },
  eligibility: {
    method: 'get',
    path: '/v1/eligibility/in-post-promotion',
    fields: ['asOf', 'policyVersion', 'cadres[].cadreId', 'cadres[].eligible', 'cadres[].basis', 'cadres[].partySecretaryRun.start', 'cadres[].partySecretaryRun.years', 'cadres[].chiefRun.start', 'cadres[].chiefRun.years', 'cadres[].checks[].rule', 'cadres[].checks[].passed', 'cadres[].checks[].detail', 'cadres[].checks[].evidence'],
  },
  candidates: {
    method: 'get',
    path: '/v1/commendations/excellent-township-party-secretary/candidates',
    fields: ['cycle', 'referenceDate', 'quota', 'candidates[].rank', 'candidates[].cadreId', 'candidates[].withinQuota', 'candidates[].excellentCount', 'candidates[].checks', 'excluded[].cadreId', 'excluded[].reasons'],
  },
  tenure: {
    method: 'get',
    path: '/v1/cadres/{cadreId}/tenure',
    fields: ['cadreId', 'posts[].orgUnitId', 'posts[].role', 'posts[].from', 'posts[].to', 'townshipWorkDays', 'townshipLeadershipDays', 'partySecretaryRun', 'chiefRun'],
  },
  history: {
    method: 'get',
    path: '/v1/cadres/{cadreId}/history',
    fields: ['events[].eventId', 'events[].type', 'events[].schemaVersion', 'events[].streamId', 'events[].revision', 'events[].globalPosition', 'events[].effectiveDate', 'events[].recordedAt', 'events[].actor', 'events[].documentRef', 'events[].correlationId', 'events[].causationId', 'events[].hash'],
  },
  verify: { method: 'get', path: '/v1/audit/verify', fields: ['ok', 'checkedEvents', 'firstBroken'] },
  team: {
    method: 'get',
    path: '/v1/reports/team-composition',
    fields: ['asOf', 'policyVersion', 'townships[].orgUnitId', 'townships[].orgUnitName', 'townships[].members[].cadreId', 'townships[].members[].cadreName', 'townships[].members[].role', 'townships[].members[].age', 'townships[].members[].townshipWorkYears', 'townships[].members[].townshipLeadershipYears', 'townships[].checks[].rule', 'townships[].checks[].passed', 'townships[].checks[].detail', 'county.checks'],
  },
  pool: { method: 'get', path: '/v1/reports/promotion-pool', fields: ['asOf', 'secretaryExperienced[].cadreId', 'chiefAppointments[].cadreId', 'chiefAppointments[].fromPreferredPool', 'priorityGraduates[].cadreId'] },
  training: { method: 'get', path: '/v1/reports/training', fields: ['year', 'missing[].cadreId', 'missing[].cadreName', 'missing[].orgUnitId', 'missing[].rule', 'missing[].lastTraining'] },
  focus: { method: 'get', path: '/v1/reports/focus-ledger', fields: ['asOf', 'entries[].cadreId', 'entries[].cadreName', 'entries[].since', 'entries[].years', 'entries[].evidence'] },
  reminder: {
    method: 'get',
    path: '/v1/reports/reminder-talks',
    fields: ['year', 'townships[].orgUnitId', 'townships[].orgUnitName', 'townships[].score', 'townships[].chiefs[].cadreId', 'townships[].chiefs[].cadreName', 'townships[].chiefs[].talkHeld', 'townships[].chiefs[].talkEventId'],
  },
  talks: { method: 'get', path: '/v1/reports/talks', fields: ['year', 'missing', 'held'] },
  health: { method: 'get', path: '/v1/reports/health-checks', fields: ['year', 'missing', 'held'] },
  findings: { method: 'get', path: '/v1/compliance/findings', fields: ['findings[].rule', 'findings[].evidence'] },
};

const QUERY: Record<string, string[]> = {
  eligibility: ['asOf', 'knownAt'],
  candidates: ['cycle'],
  tenure: ['asOf'],
  team: ['asOf', 'township'],
  pool: ['asOf'],
  training: ['year'],
  focus: ['asOf'],
  reminder: ['year'],
  talks: ['year'],
  health: ['year'],
  findings: ['rule', 'township', 'year'],
};

describe('EVENTS.md contract fields in /docs/openapi.json', () => {
  let api: ApiHarness;
  let doc: Doc;
  beforeAll(async () => {
    api = await startApi('contract_openapi_names');
    doc = (await (await fetch(`${api.baseUrl}/docs/openapi.json`)).json()) as Doc;
  });
  afterAll(() => api.close());

  it.each(Object.keys(CONTRACT))('%s: every field the contract names is documented on the 200 answer by that name', (key) => {
    const { method, path, fields } = CONTRACT[key]!;
    const op = doc.paths[path]?.[method];
    expect(op).toBeDefined();
    const schema = op.responses['200']?.content?.['application/json']?.schema ?? op.responses['201']?.content?.['application/json']?.schema;
    const missing = fields.filter((f) => at(doc, schema, f).length === 0);
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(QUERY))('%s: every query parameter the contract names is documented', (key) => {
    const op = doc.paths[CONTRACT[key]!.path]![CONTRACT[key]!.method];
    const names = (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name);
    expect(QUERY[key]!.filter((q) => !names.includes(q))).toEqual([]);
  });

  it('eligibility basis is documented as PARTY_SECRETARY_8Y, CHIEF_10Y or null; runs as nullable', () => {
    const schema = doc.paths['/v1/eligibility/in-post-promotion']!.get.responses['200'].content['application/json'].schema;
    const basis = at(doc, schema, 'cadres[].basis');
    const enums = basis.flatMap((s) => s.enum ?? []);
    expect(enums).toEqual(expect.arrayContaining(['PARTY_SECRETARY_8Y', 'CHIEF_10Y']));
    expect(basis.some((s) => s.nullable === true || s.type === 'null' || (s.enum ?? []).includes(null))).toBe(true);
    for (const run of ['cadres[].partySecretaryRun', 'cadres[].chiefRun']) {
      expect([run, at(doc, schema, run).some((s) => s.nullable === true || s.type === 'null')]).toEqual([run, true]);
    }
  });

  it('the export check documents every break reason it gives, from its one table (found by a review: a hand-kept list missed four)', () => {
    const described = /"description":"one of (HASH_MISMATCH[^"]*)"/.exec(JSON.stringify(doc))?.[1] ?? '';
    expect(Object.keys(BREAK_REASONS_ZH).filter((r) => !described.includes(r))).toEqual([]);
  });
});
