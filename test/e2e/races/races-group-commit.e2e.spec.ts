/**
 * The HTTP write path's semantics under concurrency (group commit).
 */
import { CommandGroupCommit } from '@ledger/application';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { groupCommitClient, reg, sleep, training, type Answer } from './group-commit-client';

jest.setTimeout(300_000);

describe('write semantics under concurrency', () => {
  let api: ApiHarness;
  const { post, ok, intact } = groupCommitClient(() => api);

  /** Resolves when the API hands the command with this id to its group commit. */
  const reachesGroupCommit = (id: string): Promise<void> =>
    new Promise((resolve) => {
      const groupCommit = api.app.get(CommandGroupCommit);
      const execute = groupCommit.execute.bind(groupCommit);
      groupCommit.execute = (input, options) => {
        if ((input as { id?: unknown }).id === id) {
          groupCommit.execute = execute;
          resolve();
        }
        return execute(input, options);
      };
    });

  /** Keeps the group commit busy, so the requests of a scenario go together in one batch. */
  const background = (tag: string, n: number) => Promise.all(Array.from({ length: n }, (_, i) => post(`/v1/cadres/BG${tag}${i % 5}/events`, training(`bg-${tag}-${i}`, i))));

  beforeAll(async () => {
    api = await startApi('races_group_commit');
    await ok('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    for (const tag of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) for (let i = 0; i < 5; i++) await ok(`/v1/cadres/BG${tag}${i}/events`, reg(`reg-BG${tag}${i}`, `背景${tag}${i}`));
  });
  afterAll(() => api.close());

  it('many clients writing at once to one cadre and to many cadres: all 201, revisions contiguous, ETag = revision', async () => {
    await ok('/v1/cadres/MANY/events', reg('reg-MANY', '多写'));
    for (let i = 0; i < 10; i++) await ok(`/v1/cadres/MANY${i}/events`, reg(`reg-MANY${i}`, `多写${i}`));
    const one = Array.from({ length: 40 }, (_, i) => post('/v1/cadres/MANY/events', training(`many-${i}`, i), 'CLERK'));
    const spread = Array.from({ length: 40 }, (_, i) => post(`/v1/cadres/MANY${i % 10}/events`, training(`spread-${i}`, i), 'CLERK'));
    const answers = await Promise.all([...one, ...spread]);
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.body])).toEqual([]);
    const revs = answers.slice(0, 40).map((a) => a.body.revision).sort((a, b) => a - b);
    expect(revs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(answers.filter((a) => a.etag !== `"${a.body.revision}"`).map((a) => [a.etag, a.body.revision])).toEqual([]);
    // Each answer's events are the stored ones, at the positions answered.
    for (const a of answers) {
      const [row] = await api.db.sql`select revision::int as r from events where event_id = ${a.body.eventId}`;
      expect([a.body.eventId, row?.r]).toEqual([a.body.eventId, a.body.revision]);
    }
    await intact();
  });

  it('an appointment then a removal on one cadre, sent in order at once: both 201, the removal sees the appointment', async () => {
    const problems: string[] = [];
    for (let i = 0; i < 8; i++) {
      await ok(`/v1/org-units/AR${i}/events`, { id: `reg-AR${i}`, type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: `镇${i}`, kind: 'TOWNSHIP' } });
      await ok(`/v1/cadres/ARC${i}/events`, reg(`reg-ARC${i}`, `甲${i}`));
      const bg = background('a', 30);
      await sleep(2);
      // The removal is sent once the appointment has reached the group commit: no HTTP server
      // promises the order of two requests in flight (30 ms apart, the removal still overtook the
      // appointment in the server's pipeline on a machine running two jest runs at once). The
      // background writes keep the group commit busy, so both wait in one queue.
      const appointmentQueued = reachesGroupCommit(`ar-app-${i}`);
      const a = post(`/v1/cadres/ARC${i}/events`, { id: `ar-app-${i}`, type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: `AR${i}`, role: 'STAFF' } }, 'CLERK');
      await appointmentQueued;
      const b = post(`/v1/cadres/ARC${i}/events`, { id: `ar-rem-${i}`, type: 'RemovedFromPost', effectiveDate: '2021-01-01', data: { orgUnitId: `AR${i}`, role: 'STAFF', reason: 'OTHER' } }, 'CLERK');
      const [ra, rb] = await Promise.all([a, b, bg]);
      if (ra.status !== 201 || rb.status !== 201) problems.push(`round ${i}: ${ra.status} ${JSON.stringify(ra.body).slice(0, 200)} / ${rb.status} ${JSON.stringify(rb.body).slice(0, 300)}`);
      else if (rb.body.revision !== ra.body.revision + 1) problems.push(`round ${i}: revisions ${ra.body.revision} ${rb.body.revision}`);
    }
    expect(problems).toEqual([]);
    await intact();
  });

  it('one failing command in a batch fails only itself', async () => {
    await ok('/v1/cadres/FAIL/events', reg('reg-FAIL', '失败'));
    const bg = background('b', 30);
    await sleep(2);
    const sends = [] as Promise<Answer>[];
    for (let i = 0; i < 20; i++) {
      if (i === 7) sends.push(post('/v1/cadres/FAIL/events', { id: 'fail-bad', type: 'RemovedFromPost', effectiveDate: '2021-01-01', data: { orgUnitId: 'T01', role: 'HEAD', reason: 'OTHER' } }, 'CLERK'));
      else if (i === 11) sends.push(post('/v1/cadres/FAIL/events', { ...training('fail-stale', 99) }, 'CLERK', { 'if-match': '"0"' }));
      else sends.push(post('/v1/cadres/FAIL/events', training(`fail-${i}`, i), 'CLERK'));
    }
    const answers = await Promise.all(sends);
    await bg;
    const statuses = answers.map((a, i) => `${i}:${a.status}`);
    const expected = answers.map((a, i) => `${i}:${i === 7 ? 422 : i === 11 ? (a.status === 201 ? 201 : 409) : 201}`);
    expect(statuses).toEqual(expected);
    await intact();
  });

  it('If-Match: exactly one of ten concurrent writers with the same revision wins, the others 409 with the current revision', async () => {
    await ok('/v1/cadres/IFM/events', reg('reg-IFM', '条件'));
    const problems: string[] = [];
    for (let round = 0; round < 6; round++) {
      const [head] = await api.db.sql`select max(revision)::int as r from events where stream_id = 'cadre-IFM'`;
      const bg = round % 2 ? background('c', 20) : Promise.resolve([]);
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post('/v1/cadres/IFM/events', training(`ifm-${round}-${i}`, i), 'CLERK', { 'if-match': `"${head!.r}"` })));
      await bg;
      const won = answers.filter((a) => a.status === 201);
      const lost = answers.filter((a) => a.status === 409);
      if (won.length !== 1 || lost.length !== 9) problems.push(`round ${round}: ${answers.map((a) => a.status).join(',')}`);
      const [now] = await api.db.sql`select max(revision)::int as r from events where stream_id = 'cadre-IFM'`;
      for (const l of lost) if (l.body.actualRevision !== now!.r) problems.push(`round ${round}: 409 actualRevision ${l.body.actualRevision}, stream at ${now!.r}`);
      if (won[0] && won[0].body.revision !== head!.r + 1) problems.push(`round ${round}: winner revision ${won[0].body.revision}`);
    }
    expect(problems).toEqual([]);
    await intact();
  });

  it('If-Match: concurrent writers whose commands the rules refuse at the new head get 409 (stale), not 422', async () => {
    await ok('/v1/org-units/IFP/events', { id: 'reg-IFP', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '条件镇', kind: 'TOWNSHIP' } });
    await ok('/v1/cadres/IFA/events', reg('reg-IFA', '条件甲'));
    const bg = background('d', 20);
    await sleep(2);
    // Same appointment (different ids) sent five times with If-Match "0": one wins, the others are stale.
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => post('/v1/cadres/IFA/events', { id: `ifa-${i}`, type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'IFP', role: 'HEAD' } }, 'CLERK', { 'if-match': '"0"' })));
    await bg;
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.actualRevision)).toEqual([1, 1, 1, 1]);
    await intact();
  });

  it('the same event id re-sent ten times at once: one 201, nine 200, all with the same revision, position and ETag', async () => {
    await ok('/v1/cadres/IDEM/events', reg('reg-IDEM', '幂等'));
    const bg = background('e', 20);
    await sleep(2);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post('/v1/cadres/IDEM/events', training('idem-1', 1), 'CLERK')));
    await bg;
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const first = answers.find((a) => a.status === 201)!;
    expect(answers.map((a) => [a.body.eventId, a.body.revision, a.body.position, a.etag])).toEqual(answers.map(() => [first.body.eventId, first.body.revision, first.body.position, first.etag]));
    // Also with Idempotency-Key and no body id.
    const { id: _id, ...noId } = training('x', 2);
    const keyed = await Promise.all(Array.from({ length: 6 }, () => post('/v1/cadres/IDEM/events', noId, 'CLERK', { 'idempotency-key': 'idem-key-2' })));
    expect(keyed.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const k1 = keyed.find((a) => a.status === 201)!;
    expect(keyed.map((a) => [a.body.eventId, a.body.revision, a.body.position])).toEqual(keyed.map(() => [k1.body.eventId, k1.body.revision, k1.body.position]));
    const [n] = await api.db.sql`select count(*)::int as n from events where event_id in ('idem-1', 'idem-key-2')`;
    expect(n!.n).toBe(2);
    await intact();
  });

  it('an appeal decision with a remedy re-sent at once: the retries answer what the first did (same position, same events)', async () => {
    await ok('/v1/cadres/AP/events', reg('reg-AP', '申诉'));
    await ok('/v1/cadres/AP/events', { id: 'ap-s', type: 'SanctionImposed', effectiveDate: '2020-01-01', documentRef: '纪〔2020〕1号', data: { sanctionId: 'APS', kind: 'DEMERIT', grounds: '违反纪律' } });
    await ok('/v1/appeals/APA/events', { id: 'ap-f', type: 'AppealFiled', effectiveDate: '2020-01-10', data: { appealId: 'APA', cadreId: 'AP', targetEventId: 'ap-s', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2020-01-05' } }, 'APPEALS_OFFICER');
    const decision = { id: 'ap-d', type: 'AppealDecided', effectiveDate: '2020-02-01', remedy: { kind: 'RESCIND_SANCTION' }, data: { appealId: 'APA', outcome: 'UPHELD', reasoning: '事实不清' } };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('/v1/appeals/APA/events', decision, 'APPEALS_OFFICER')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const first = answers.find((a) => a.status === 201)!;
    const later = await post('/v1/appeals/APA/events', decision, 'APPEALS_OFFICER');
    const all = [...answers, later];
    expect(all.map((a) => [a.body.revision, a.body.position, (a.body.events ?? []).map((e: { eventId: string }) => e.eventId).sort()])).toEqual(
      all.map(() => [first.body.revision, first.body.position, first.body.events.map((e: { eventId: string }) => e.eventId).sort()]),
    );
    await intact();
  });

  it('a retry (sequential) of an appeal decision with RESCIND_SANCTION answers the write it repeats: same position and events', async () => {
    await ok('/v1/cadres/RT/events', reg('reg-RT', '重发'));
    await ok('/v1/cadres/RT/events', { id: 'rt-s', type: 'SanctionImposed', effectiveDate: '2020-01-01', documentRef: '纪〔2020〕9号', data: { sanctionId: 'RTS', kind: 'DEMERIT', grounds: '违反纪律' } });
    await ok('/v1/appeals/RTA/events', { id: 'rt-f', type: 'AppealFiled', effectiveDate: '2020-01-10', data: { appealId: 'RTA', cadreId: 'RT', targetEventId: 'rt-s', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2020-01-05' } }, 'APPEALS_OFFICER');
    const decision = { id: 'rt-d', type: 'AppealDecided', effectiveDate: '2020-02-01', remedy: { kind: 'RESCIND_SANCTION' }, data: { appealId: 'RTA', outcome: 'UPHELD', reasoning: '事实不清' } };
    const first = await ok('/v1/appeals/RTA/events', decision, 'APPEALS_OFFICER');
    const retry = await post('/v1/appeals/RTA/events', decision, 'APPEALS_OFFICER');
    expect(retry.status).toBe(200);
    const ids = (a: Answer) => a.body.events.map((e: { eventId: string }) => e.eventId).sort();
    expect({ position: retry.body.position, events: ids(retry) }).toEqual({ position: first.body.position, events: ids(first) });
  });

  it('a retry (sequential) of an appointment to a township head post answers the events the first write stored (its holder marker too)', async () => {
    await ok('/v1/org-units/RTT/events', { id: 'reg-RTT', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '重发镇', kind: 'TOWNSHIP' } });
    await ok('/v1/cadres/RTH/events', reg('reg-RTH', '重发乙'));
    const body = { id: 'rth-app', type: 'AppointedToPost', effectiveDate: '2020-01-01', data: { orgUnitId: 'RTT', role: 'HEAD' } };
    const first = await ok('/v1/cadres/RTH/events', body, 'CLERK');
    const retry = await post('/v1/cadres/RTH/events', body, 'CLERK');
    expect(retry.status).toBe(200);
    const ids = (a: Answer) => a.body.events.map((e: { eventId: string }) => e.eventId).sort();
    expect({ revision: retry.body.revision, position: retry.body.position, events: ids(retry) }).toEqual({ revision: first.body.revision, position: first.body.position, events: ids(first) });
  });

  it('an appeal decision with a remedy racing a write to the cadre stream: atomic, both answered, no 500', async () => {
    const problems: string[] = [];
    await ok('/v1/cadres/AT/events', reg('reg-AT', '原子'));
    for (let i = 0; i < 8; i++) {
      await ok('/v1/cadres/AT/events', { id: `at-s-${i}`, type: 'SanctionImposed', effectiveDate: '2020-01-01', documentRef: `纪〔2020〕${i + 1}号`, data: { sanctionId: `ATS${i}`, kind: 'DEMERIT', grounds: '违反纪律' } });
      await ok(`/v1/appeals/ATA${i}/events`, { id: `at-f-${i}`, type: 'AppealFiled', effectiveDate: '2020-01-10', data: { appealId: `ATA${i}`, cadreId: 'AT', targetEventId: `at-s-${i}`, stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2020-01-05' } }, 'APPEALS_OFFICER');
      const [head] = await api.db.sql`select max(revision)::int as r from events where stream_id = 'cadre-AT'`;
      const bg = i % 2 ? background('f', 20) : Promise.resolve([]);
      const d = post(`/v1/appeals/ATA${i}/events`, { id: `at-d-${i}`, type: 'AppealDecided', effectiveDate: '2020-02-01', remedy: { kind: 'RESCIND_SANCTION' }, data: { appealId: `ATA${i}`, outcome: 'UPHELD', reasoning: '事实不清' } }, 'APPEALS_OFFICER');
      await sleep(i % 3);
      // A conditional write to the cadre stream at the head before the decision: exactly one of the two may change the cadre stream from there.
      const w = post('/v1/cadres/AT/events', training(`at-t-${i}`, i), 'CLERK', { 'if-match': `"${head!.r}"` });
      const [rd, rw] = await Promise.all([d, w, bg]);
      const stored = await api.db.sql`select event_id, stream_id, revision::int as r from events where event_id like ${`at-d-${i}%`} or event_id = ${`at-t-${i}`} order by global_position`;
      const decisionStored = stored.filter((e) => String(e.event_id).startsWith(`at-d-${i}`));
      if (rd.status !== 201 || ![201, 409].includes(rw.status)) problems.push(`round ${i}: decision ${rd.status} ${JSON.stringify(rd.body).slice(0, 200)} / write ${rw.status} ${JSON.stringify(rw.body).slice(0, 200)}`);
      if (rd.status === 201 && decisionStored.length !== 2) problems.push(`round ${i}: decision stored as ${JSON.stringify(decisionStored)}`);
      if (rw.status === 201 && rd.status === 201) {
        // Both changed the cadre stream: the conditional write must have been first at head+1.
        if (rw.body.revision !== head!.r + 1) problems.push(`round ${i}: If-Match "${head!.r}" write stored at ${rw.body.revision}`);
      }
      if (rw.status === 409 && rw.body.actualRevision !== head!.r + 1) problems.push(`round ${i}: 409 actualRevision ${rw.body.actualRevision}`);
    }
    expect(problems).toEqual([]);
    await intact();
  });
});
