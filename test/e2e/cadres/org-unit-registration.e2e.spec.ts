/**
 * Org units (单位) across the ledger: registration, its effective date (a unit counts from it, on
 * write as on read), the directory, refusals naming units, P2 holder markers, the roster's unit
 * filter. Found by a review of org units (2026-12-05), each test naming what was found.
 */
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import { type CalendarDate, type CareerCommand } from '@ledger/domain';
import { appoint, command, registerCadre } from '@ledger/domain/testing/commands';
import { startApi, type ApiHarness } from '../../support/api-harness';

let api: ApiHarness;
const TODAY = '2025-06-30' as CalendarDate;
const reg = (id: string, date: string, name: string, kind: 'TOWNSHIP' | 'COUNTY_DEPARTMENT', cls?: 1 | 2 | 3) =>
  command('OrgUnitRegistered', { orgUnitId: id }, date, { name, kind, ...(cls ? { assessmentClass: cls } : {}) }, { id: `reg-${id}` });

beforeAll(async () => {
  api = await startApi('org_unit_registration');
  const cmds: CareerCommand[] = [
    reg('OT1', '2000-01-01', '青山乡', 'TOWNSHIP', 1),
    // 新城镇 is registered (comes into being) only on 2024-01-01.
    reg('OT2', '2024-01-01', '新城镇', 'TOWNSHIP', 2),
    reg('OT3', '2000-01-01', '福店镇', 'TOWNSHIP', 1),
    reg('OT4', '2000-01-01', '白石镇', 'TOWNSHIP', 1),
    reg('OT5', '2000-01-01', '东坡乡', 'TOWNSHIP', 1),
    reg('OD1', '2000-01-01', '县农业农村局', 'COUNTY_DEPARTMENT', 1),
    registerCadre('OC1'), appoint('OC1', '2018-01-01', 'OT1', 'HEAD'),
    registerCadre('OC2'), appoint('OC2', '2018-01-01', 'OT1', 'PARTY_SECRETARY'),
    registerCadre('OC3'),
    registerCadre('OC4'),
    registerCadre('OC5'),
    command('TownshipPerformanceScored', { orgUnitId: 'OT1' }, '2021-02-01', { year: 2020, score: 80 }),
    command('TownshipPerformanceScored', { orgUnitId: 'OT3' }, '2021-02-01', { year: 2020, score: 85 }),
    command('TownshipPerformanceScored', { orgUnitId: 'OT4' }, '2021-02-01', { year: 2020, score: 90 }),
    command('TownshipPerformanceScored', { orgUnitId: 'OT5' }, '2021-02-01', { year: 2020, score: 95 }),
  ];
  const result = await importNdjson(Readable.from(cmds.map((c) => `${JSON.stringify(c)}\n`)), api.ledger.store, () => TODAY, { actor: 'test' });
  expect(result.rejected).toEqual([]);
}, 180_000);
afterAll(() => api?.close());

describe('a second registration of an org unit is refused in the words of an org unit', () => {
  it('the refusal title says the unit (单位), not a cadre (干部), is already registered', async () => {
    const r = await api.request('POST', '/v1/org-units/OT1/events', {
      body: { id: 'rereg-OT1', type: 'OrgUnitRegistered', effectiveDate: '2022-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } },
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('RULE_I_ALREADY_REGISTERED');
    expect(r.body.titleZh).not.toContain('干部');
  });
});

describe('a unit counts only from its registration (registeredOn): writes dated before it', () => {
  it('an appointment to 新城镇 dated 2020, four years before it is registered (2024-01-01), is refused', async () => {
    const r = await api.request('POST', '/v1/cadres/OC3/events', {
      body: { id: 'ap-early-OT2', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'OT2', role: 'HEAD' } },
    });
    expect(r.status).toBe(422);
  });

  it('if stored, the 2021 answers agree on whether OC3 is a township chief (eligibility vs team composition)', async () => {
    const el = await api.request('GET', '/v1/eligibility/in-post-promotion?asOf=2021-06-01', { role: 'ORG_DEPT' });
    const tc = await api.request('GET', '/v1/reports/team-composition?asOf=2021-06-01', { role: 'ORG_DEPT' });
    expect(el.status).toBe(200);
    expect(tc.status).toBe(200);
    const chiefInEligibility = (el.body.cadres as { cadreId: string }[]).some((c) => c.cadreId === 'OC3');
    const memberInTeams = (tc.body.townships as { members: { cadreId: string }[] }[]).some((t) => t.members.some((m) => m.cadreId === 'OC3'));
    expect(chiefInEligibility).toBe(memberInTeams);
  });

  it('a performance score of 2020 for 新城镇 (registered 2024) is refused', async () => {
    const r = await api.request('POST', '/v1/org-units/OT2/events', {
      body: { id: 'sc-early-OT2', type: 'TownshipPerformanceScored', effectiveDate: '2021-02-01', data: { year: 2020, score: 50 } },
    });
    expect(r.status).toBe(422);
  });

  it('TM7 reminder talks of 2020 do not list 新城镇, a township registered only in 2024, among the lowest three', async () => {
    const r = await api.request('GET', '/v1/reports/reminder-talks?year=2020', { role: 'ORG_DEPT' });
    expect(r.status).toBe(200);
    const ids = (r.body.townships as { orgUnitId: string }[]).map((t) => t.orgUnitId);
    expect(ids).not.toContain('OT2');
    expect(ids).toEqual(['OT1', 'OT3', 'OT4']);
  });
});

describe('the directory and filters', () => {
  it('the directory as known before any registration was recorded lists none', async () => {
    const r = await api.request('GET', '/v1/org-units?knownAt=2000-01-01', { role: 'CLERK' });
    expect(r.status).toBe(200);
    expect(r.body.orgUnits).toEqual([]);
  });
  it('lists a 乡 and a 镇 with their names, kinds and classes', async () => {
    const r = await api.request('GET', '/v1/org-units?kind=TOWNSHIP', { role: 'CLERK' });
    expect(r.status).toBe(200);
    const ot1 = (r.body.orgUnits as { orgUnitId: string }[]).find((u) => u.orgUnitId === 'OT1');
    expect(ot1).toEqual({ orgUnitId: 'OT1', name: '青山乡', kind: 'TOWNSHIP', assessmentClass: 1, registeredOn: '2000-01-01' });
  });
  it('a report filtered by a county department is a 400, by an unknown unit a 404', async () => {
    expect((await api.request('GET', '/v1/reports/team-composition?asOf=2021-06-01&township=OD1', { role: 'ORG_DEPT' })).status).toBe(400);
    expect((await api.request('GET', '/v1/reports/team-composition?asOf=2021-06-01&township=NOPE', { role: 'ORG_DEPT' })).status).toBe(404);
  });
});

describe('P2 holder markers', () => {
  it('a retracted appointment frees the post; a retracted removal occupies it again', async () => {
    const post = (cadreId: string, body: unknown) => api.request('POST', `/v1/cadres/${cadreId}/events`, { body });
    expect((await post('OC4', { id: 'p2-ap4', type: 'AppointedToPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'OT3', role: 'HEAD' } })).status).toBe(201);
    expect((await post('OC4', { id: 'p2-ret4', type: 'EntryRetracted', effectiveDate: '2019-02-01', data: { targetEventId: 'p2-ap4', reason: '录入错误' } })).status).toBe(201);
    expect((await post('OC5', { id: 'p2-ap5', type: 'AppointedToPost', effectiveDate: '2019-01-01', data: { orgUnitId: 'OT3', role: 'HEAD' } })).status).toBe(201);
    expect((await post('OC5', { id: 'p2-rm5', type: 'RemovedFromPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'OT3', role: 'HEAD', reason: 'OTHER' }, override: { reason: '测试' } })).status).toBe(201);
    expect((await post('OC5', { id: 'p2-ret5', type: 'EntryRetracted', effectiveDate: '2020-02-01', data: { targetEventId: 'p2-rm5', reason: '录入错误' } })).status).toBe(201);
    const again = await post('OC4', { id: 'p2-ap4b', type: 'AppointedToPost', effectiveDate: '2021-01-01', data: { orgUnitId: 'OT3', role: 'HEAD' } });
    expect(again.status).toBe(422);
    expect(again.body.code).toMatch(/P2/);
  });
});

describe('the roster\'s unit filter', () => {
  it('a roster filtered by a township the ledger does not know is a 404 naming it, not "0 cadres"', async () => {
    const r = await api.request('GET', '/v1/cadres?township=OT9999', { role: 'ORG_DEPT' });
    expect(r.status).toBe(404);
  });
});
