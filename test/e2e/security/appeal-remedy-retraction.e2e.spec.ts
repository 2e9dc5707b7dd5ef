/**
 * A remedy an upheld appeal's decision wrote (its rescission, its corrected grade) is undone only by
 * a role that may write appeal decisions: a clerk, who may write retractions but not decide an
 * appeal, is refused on every way in (the route, the HTTP import, the CLI import) with 403 /
 * FORBIDDEN_EVENT_TYPE naming recordAppealEvents, and the remedy stands. Found by a review: the
 * clerk's retraction was stored and the rescinded sanction was in force again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@ledger/auth';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

const NDJSON = { 'content-type': 'application/x-ndjson' };
const retraction = (id: string, targetEventId: string) => ({ id, type: 'EntryRetracted', effectiveDate: '2020-03-01', data: { targetEventId, reason: '录入错误' } });

describe('ways in: retracting an upheld appeal’s remedy needs recordAppealEvents', () => {
  let api: ApiHarness;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-remedy-'));
  const write = async (path: string, body: unknown, role: Role): Promise<void> => {
    const r = await api.request('POST', path, { role, body });
    expect([path, r.status, r.body]).toEqual([path, 201, expect.anything()]);
  };

  beforeAll(async () => {
    api = await startApi('appeal_remedy_retraction');
    await registerTownshipAndCadre(api);
    await write('/v1/cadres/C1/events', { id: 'sx', type: 'SanctionImposed', effectiveDate: '2020-01-01', documentRef: '纪〔2020〕1号', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '违反工作纪律' } }, 'CLERK');
    await write('/v1/cadres/C1/events', { id: 'g19', type: 'AnnualAssessmentRecorded', effectiveDate: '2020-01-15', data: { year: 2019, grade: 'COMPETENT' } }, 'CLERK');
    await write('/v1/cadres/C1/events', { id: 'training', type: 'TrainingCompleted', effectiveDate: '2020-01-20', data: { programme: '县委党校培训班', level: 'COUNTY' } }, 'CLERK');
    await write('/v1/appeals/A1/events', { id: 'af', type: 'AppealFiled', effectiveDate: '2020-01-10', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'sx', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2020-01-05' } }, 'APPEALS_OFFICER');
    await write('/v1/appeals/A1/events', { id: 'ad', type: 'AppealDecided', effectiveDate: '2020-02-01', remedy: { kind: 'RESCIND_SANCTION' }, data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '事实不清' } }, 'APPEALS_OFFICER');
    await write('/v1/appeals/A2/events', { id: 'af2', type: 'AppealFiled', effectiveDate: '2020-01-20', data: { appealId: 'A2', cadreId: 'C1', targetEventId: 'g19', stage: 'REVIEW', grounds: '等次有误', learnedOfDecisionDate: '2020-01-16' } }, 'APPEALS_OFFICER');
    await write('/v1/appeals/A2/events', { id: 'ad2', type: 'AppealDecided', effectiveDate: '2020-02-10', remedy: { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' }, data: { appealId: 'A2', outcome: 'UPHELD', reasoning: '等次有误' } }, 'APPEALS_OFFICER');
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the route: a clerk gets 403 naming the capability and the decision; the rescinded sanction stays void', async () => {
    const r = await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: retraction('rt1', 'ad:rescind') });
    expect([r.status, r.body]).toEqual([
      403,
      expect.objectContaining({
        code: 'FORBIDDEN_EVENT_TYPE',
        capability: 'recordAppealEvents',
        role: 'CLERK',
        message: expect.stringContaining('an appeal’s outcome (ad)'),
        detailZh: expect.stringContaining('该记录落实复核或申诉的结果（ad）'),
      }),
    ]);
    const state = await api.request('GET', '/v1/cadres/C1/state?asOf=2020-03-15');
    expect(state.body.sanctionPeriodOnAsOf).toBeNull();
  });

  it('the HTTP import and the CLI import: the line is rejected FORBIDDEN_EVENT_TYPE', async () => {
    const http = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: `${JSON.stringify({ ...retraction('rt2', 'ad2:regrade'), cadreId: 'C1' })}\n`, headers: NDJSON });
    expect(http.body).toMatchObject({ accepted: 0, rejected: [expect.objectContaining({ line: 1, id: 'rt2', code: 'FORBIDDEN_EVENT_TYPE' })] });
    const file = join(dir, 'clerk.ndjson');
    writeFileSync(file, `${JSON.stringify({ ...retraction('rt3', 'ad2:regrade'), cadreId: 'C1' })}\n`);
    const cli = await runCli(['import', file, '--as', 'CLERK', '--json'], { DATABASE_URL: api.db.url });
    expect(JSON.parse(cli.stdout)).toMatchObject({ accepted: 0, rejected: [expect.objectContaining({ line: 1, id: 'rt3', code: 'FORBIDDEN_EVENT_TYPE' })] });
    const history = await api.request('GET', '/v1/cadres/C1/history');
    expect(history.body.events.map((e: { eventId: string }) => e.eventId)).not.toEqual(expect.arrayContaining(['rt1', 'rt2', 'rt3']));
  });

  it('a rescission entered by hand naming an upheld appeal is an appeal’s outcome too: a clerk may not retract it, on the route or the import (found by a review)', async () => {
    await write('/v1/cadres/C1/events', { id: 'sy', type: 'SanctionImposed', effectiveDate: '2020-01-02', documentRef: '纪〔2020〕2号', data: { sanctionId: 'S2', kind: 'WARNING', grounds: '违反工作纪律' } }, 'CLERK');
    await write('/v1/appeals/A3/events', { id: 'af3', type: 'AppealFiled', effectiveDate: '2020-01-12', data: { appealId: 'A3', cadreId: 'C1', targetEventId: 'sy', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2020-01-06' } }, 'APPEALS_OFFICER');
    await write('/v1/appeals/A3/events', { id: 'ad3', type: 'AppealDecided', effectiveDate: '2020-02-03', data: { appealId: 'A3', outcome: 'UPHELD', reasoning: '事实不清' } }, 'APPEALS_OFFICER');
    await write('/v1/cadres/C1/events', { id: 'by-hand', type: 'SanctionRescinded', effectiveDate: '2020-02-05', data: { sanctionId: 'S2', reason: 'APPEAL_UPHELD', appealId: 'A3' } }, 'CLERK');
    const r = await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: retraction('rt6', 'by-hand') });
    expect([r.status, r.body]).toEqual([403, expect.objectContaining({ code: 'FORBIDDEN_EVENT_TYPE', capability: 'recordAppealEvents', detailZh: expect.stringContaining('该记录落实复核或申诉的结果（A3）') })]);
    const http = await api.request('POST', '/v1/import', { role: 'CLERK', rawBody: `${JSON.stringify({ ...retraction('rt7', 'by-hand'), cadreId: 'C1' })}\n`, headers: NDJSON });
    expect(http.body).toMatchObject({ accepted: 0, rejected: [expect.objectContaining({ line: 1, id: 'rt7', code: 'FORBIDDEN_EVENT_TYPE' })] });
    const state = await api.request('GET', '/v1/cadres/C1/state?asOf=2020-03-15');
    expect(state.body.sanctionPeriodOnAsOf).toBeNull();
    // The history links the rescission and the appeal's decision both ways (TM9), as it links a decision's own remedy.
    const history = await api.request('GET', '/v1/cadres/C1/history', { role: 'AUDITOR' });
    const links = new Map((history.body.events as { eventId: string; links: object }[]).map((e) => [e.eventId, e.links]));
    expect(links.get('by-hand')).toMatchObject({ rescinds: 'sy', forAppeal: 'ad3' });
    expect(links.get('ad3')).toMatchObject({ carriedOutBy: ['by-hand'] });
  });

  it('a clerk still retracts a record no appeal wrote; an administrator may retract a remedy', async () => {
    expect((await api.request('POST', '/v1/cadres/C1/events', { role: 'CLERK', body: retraction('rt4', 'training') })).status).toBe(201);
    expect((await api.request('POST', '/v1/cadres/C1/events', { role: 'ADMIN', body: retraction('rt5', 'ad2:regrade') })).status).toBe(201);
  });
});
