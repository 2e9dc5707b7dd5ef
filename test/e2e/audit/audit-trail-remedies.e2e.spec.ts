/**
 * The audit trail: exports, verify-export (alone and against the ledger), digests, over the
 * data shapes of appeals decided with remedies, a remedy retracted by an ADMIN, an appeal of a
 * review's corrected grade, retractions and future-dated events.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@ledger/auth';
import { compareExportWithLedger, parseAuditExport, verifyExport, type AuditExport } from '@ledger/audit';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { resealed } from '../../../libs/audit/src/testing/forge';

const EDUCATION = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

describe('the audit trail over remedies, retractions and appeals', () => {
  let api: ApiHarness;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const ids: Record<string, string> = {};

  const req = (method: string, path: string, role: Role, body?: unknown) => api.request(method, path, { role, ...(body !== undefined ? { body } : {}) });
  const post = async (path: string, body: Record<string, unknown>, role: Role = 'CLERK') => {
    const r = await req('POST', path, role, body);
    if (r.status >= 300) throw new Error(`${path} ${String(body.id)}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const cadre = (body: Record<string, unknown>, role: Role = 'CLERK') => post('/v1/cadres/C1/events', body, role);
  const exportC1 = async (): Promise<AuditExport> => parseAuditExport((await req('GET', '/v1/cadres/C1/export', 'AUDITOR')).body);

  beforeAll(async () => {
    api = await startApi('audit2', { projections: { live: false } });
    env = { DATABASE_URL: api.db.url };
    dir = mkdtempSync(join(tmpdir(), 'audit2-'));
    await post('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    await cadre({ id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education: EDUCATION } });
    await post('/v1/cadres/C2/events', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '赵六', gender: 'F', birthDate: '1978-04-01', education: EDUCATION } });
    await cadre({ id: 'c1-secretary', type: 'AppointedToPost', effectiveDate: '2012-01-01', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    await cadre({ id: 'c1-grade-2021', type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', data: { year: 2021, grade: 'COMPETENT' } });
    // A review of the 2021 grade, upheld with the grade corrected.
    await post('/v1/appeals/R1/events', { id: 'r1-filed', type: 'AppealFiled', effectiveDate: '2022-01-20', data: { appealId: 'R1', cadreId: 'C1', targetEventId: 'c1-grade-2021', stage: 'REVIEW', grounds: '考核等次有误', learnedOfDecisionDate: '2022-01-16' } }, 'APPEALS_OFFICER');
    const r1 = await post(
      '/v1/appeals/R1/events',
      { id: 'r1-decided', type: 'AppealDecided', effectiveDate: '2022-02-10', documentRef: '青复〔2022〕1号', data: { appealId: 'R1', outcome: 'UPHELD', reasoning: '考核材料遗漏' }, remedy: { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' } },
      'APPEALS_OFFICER',
    );
    ids.retract = r1.events.find((e: any) => e.type === 'EntryRetracted').eventId;
    ids.regrade = r1.events.find((e: any) => e.type === 'AnnualAssessmentRecorded').eventId;
    // An appeal (申诉) against the review's corrected grade, dismissed.
    await post('/v1/appeals/A2/events', { id: 'a2-filed', type: 'AppealFiled', effectiveDate: '2022-02-20', data: { appealId: 'A2', cadreId: 'C1', targetEventId: ids.regrade, stage: 'APPEAL', grounds: '不服复核决定', learnedOfDecisionDate: '2022-02-12' } }, 'APPEALS_OFFICER');
    await post('/v1/appeals/A2/events', { id: 'a2-decided', type: 'AppealDecided', effectiveDate: '2022-03-20', data: { appealId: 'A2', outcome: 'DISMISSED', reasoning: '理由不成立' } }, 'APPEALS_OFFICER');
    // A sanction, reviewed and rescinded as remedy; the rescission retracted by an ADMIN.
    await cadre({ id: 'c1-sanction', type: 'SanctionImposed', effectiveDate: '2023-03-01', documentRef: 'X纪〔2023〕5号', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '据举报' } });
    await post('/v1/appeals/R3/events', { id: 'r3-filed', type: 'AppealFiled', effectiveDate: '2023-03-10', data: { appealId: 'R3', cadreId: 'C1', targetEventId: 'c1-sanction', stage: 'REVIEW', grounds: '系诬告', learnedOfDecisionDate: '2023-03-05' } }, 'APPEALS_OFFICER');
    const r3 = await post(
      '/v1/appeals/R3/events',
      { id: 'r3-decided', type: 'AppealDecided', effectiveDate: '2023-04-01', documentRef: '青复〔2023〕2号', data: { appealId: 'R3', outcome: 'UPHELD', reasoning: '经查系诬告陷害' }, remedy: { kind: 'RESCIND_SANCTION' } },
      'APPEALS_OFFICER',
    );
    ids.rescind = r3.events.find((e: any) => e.type === 'SanctionRescinded').eventId;
    await cadre({ id: 'c1-undo-rescind', type: 'EntryRetracted', effectiveDate: '2023-05-01', data: { targetEventId: ids.rescind, reason: '复核决定所附撤销处分录入有误' } }, 'ADMIN');
    // A training scheduled in the future (T4).
    await cadre({ id: 'c1-future-training', type: 'TrainingCompleted', effectiveDate: '2030-06-01', data: { programme: '县委党校中青班', level: 'COUNTY' } });
    await post('/v1/cadres/C2/events', { id: 'c2-training', type: 'TrainingCompleted', effectiveDate: '2023-05-01', data: { programme: '乡镇干部培训班', level: 'COUNTY' } });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  it('the export carries every event of the cadre and of the three appeals, links both ways, and verifies alone and against the ledger', async () => {
    const doc = await exportC1();
    expect(doc.streams.map((s) => s.streamId).sort()).toEqual(['appeal-A2', 'appeal-R1', 'appeal-R3', 'cadre-C1']);
    const all = doc.streams.flatMap((s) => s.events.map((e) => e.eventId));
    for (const id of ['r1-filed', 'r1-decided', 'a2-filed', 'a2-decided', 'r3-filed', 'r3-decided', ids.retract!, ids.regrade!, ids.rescind!, 'c1-undo-rescind', 'c1-future-training']) expect(all).toContain(id);
    const links = new Map(doc.links.map((l) => [l.eventId, l]));
    expect([...links.get('r1-decided')!.causes].sort()).toEqual([ids.retract, ids.regrade].sort());
    expect(links.get(ids.regrade!)).toMatchObject({ causedBy: 'r1-decided', appealedBy: ['a2-filed'], counts: true });
    expect(links.get('c1-grade-2021')).toMatchObject({ counts: false, retractedBy: [ids.retract], appealedBy: ['r1-filed'] });
    expect(links.get('c1-sanction')).toMatchObject({ rescindedBy: [ids.rescind], appealedBy: ['r3-filed'] });
    expect(links.get(ids.rescind!)).toMatchObject({ causedBy: 'r3-decided', counts: false, retractedBy: ['c1-undo-rescind'], rescinds: 'c1-sanction' });
    expect(verifyExport(doc).firstBroken).toBeUndefined();
    expect(await compareExportWithLedger(doc, api.ledger.store)).toMatchObject({ ok: true });
  });

  it('the HTML export reads in Chinese: a remedy correction names what it corrects and why, names beside ids', async () => {
    const html = (await req('GET', '/v1/cadres/C1/export?format=html', 'AUDITOR')).body as string;
    expect(html).toContain('王五');
    expect(html).toContain('青山镇');
    expect(html).toContain('考核材料遗漏'); // the reason of the correction the decision wrote
    expect(html).toContain('复核决定所附撤销处分录入有误');
    expect(html).toContain('待生效'); // the future training
    expect(html).toContain('校验通过');
    // Every in-page link resolves to a row of the page.
    const anchors = new Set([...html.matchAll(/ id="(ev-\d+)"/g)].map((m) => m[1]));
    for (const m of html.matchAll(/href="#(ev-\d+)"/g)) expect(anchors).toContain(m[1]);
  });

  it('a file whose generatedAt was moved back before events it carries is not accepted, alone or against the ledger (it hid an appeal)', async () => {
    const doc = await exportC1();
    // The forger drops appeal A2 and claims the file was made long enough before A2 was filed, and so
    // before the events the file carries recorded after A2.
    const latest = Math.max(...doc.streams.flatMap((st) => st.events.map((e) => Date.parse(e.recordedAt))));
    const forged = resealed(doc, (d) => {
      d.streams = d.streams.filter((s) => s.streamId !== 'appeal-A2');
      d.generatedAt = new Date(latest - 10_000).toISOString();
    });
    const r = await req('POST', '/v1/audit/verify-export', 'AUDITOR', forged);
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    expect(r.body.summaryZh.join('\n')).toContain('GENERATED_BEFORE_ITS_EVENTS');
    expect(r.body.summaryZh.join('\n')).not.toContain('导出时尚未提出');
  });

  it('positions changed so the store-wide order contradicts the revisions in one stream are caught', async () => {
    const doc = await exportC1();
    const forged = resealed(doc, (d) => {
      const events = d.streams.find((s) => s.kind === 'cadre')!.events;
      const a = events.find((e) => e.eventId === 'c1-sanction')!;
      const b = events.find((e) => e.eventId === 'c1-undo-rescind')!;
      [a.position, b.position] = [b.position, a.position];
      [a.globalPosition, b.globalPosition] = [b.globalPosition, a.globalPosition];
    });
    // What the forged order makes the file say: the sanction was never rescinded.
    expect(forged.links.find((l) => l.eventId === 'c1-sanction')!.rescindedBy).toEqual([]);
    // The rescission's row comes before the sanction's revision in the forged order: verify-export --against-ledger must not pass it.
    const r = await req('POST', '/v1/audit/verify-export', 'AUDITOR', forged);
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
  });

  it('HTML: a sanction whose rescission was retracted by an ADMIN is not shown as rescinded without saying the rescission no longer stands', async () => {
    const html = (await req('GET', '/v1/cadres/C1/export?format=html', 'AUDITOR')).body as string;
    const row = [...html.matchAll(/<tr id="ev-\d+"[^>]*>.*?<\/tr>/gs)].map((m) => m[0]).find((r) => r.includes('title="SanctionImposed"'))!;
    const text = row.replace(/<span class="en">.*?<\/span>|<code class="en">.*?<\/code>/g, '').replace(/<[^>]+>/g, ' ');
    expect(text).toContain('撤销'); // the link to the rescission is there…
    // …and the reader of the sanction's row must learn the rescission was itself retracted (the sanction stands again).
    expect(text).toMatch(/撤销.*(已撤回|已被撤回|不再有效|仍然有效)/);
  });

  it('CLI verify-export names a tampered remedy event in Chinese', async () => {
    const doc = await exportC1();
    const e = doc.streams.find((s) => s.kind === 'cadre')!.events.find((x) => x.eventId === ids.regrade)!;
    e.data.grade = 'COMPETENT';
    const file = join(dir, 'tampered.json');
    writeFileSync(file, JSON.stringify(doc));
    const v = await runCli(['verify-export', file], env);
    expect(v.code).toBe(3);
    expect(v.stdout).toContain(`校验失败：事件流 cadre-C1 第 ${e.revision} 号事件（${ids.regrade}）：内容或哈希被改动 [HASH_MISMATCH]`);
  });

  it('CLI verify-export --against-ledger reports what was appended since', async () => {
    const file = join(dir, 'c1.json');
    const out = await runCli(['export', 'C1', '--out', file], env);
    expect(out.code).toBe(0);
    await cadre({ id: 'c1-later-training', type: 'TrainingCompleted', effectiveDate: '2024-06-01', data: { programme: '乡镇党委书记培训班', level: 'COUNTY' } });
    const v = await runCli(['verify-export', file, '--against-ledger'], env);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('事件流 cadre-C1 在导出后又追加了 1 个事件');
  });

  it('digests chain: a past rewritten with a recomputed chain fails verify --since-digest', async () => {
    const d1 = (await req('GET', '/v1/audit/digest', 'AUDITOR')).body.digest as string;
    writeFileSync(join(dir, 'd1.txt'), d1);
    await post('/v1/cadres/C2/events', { id: 'c2-training-2', type: 'TrainingCompleted', effectiveDate: '2024-05-01', data: { programme: '乡镇干部培训班', level: 'COUNTY' } });
    const ok = await runCli(['verify', '--since-digest', join(dir, 'd1.txt')], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('此后追加了 1 个事件');
    // A past rewritten with every hash of its stream and the head recomputed: the chains verify, the digest does not.
    const { chainHash } = await import('@ledger/event-store');
    await api.db.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update events set data = jsonb_set(data, '{grade}', '"BASIC_COMPETENT"') where event_id = 'c1-grade-2021'`;
    });
    const rows = await api.ledger.store.readStream('cadre-C1');
    await api.db.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      let previous = '0'.repeat(64);
      for (const e of rows) {
        const h = chainHash(previous, e);
        await tx`update events set hash = ${h} where event_id = ${e.eventId}`;
        previous = h;
      }
      await tx`update event_streams set last_hash = ${previous} where stream_id = 'cadre-C1'`;
    });
    const chains = await runCli(['verify'], env);
    expect(chains.stdout).toContain('哈希链完整');
    expect(chains.code).toBe(0);
    const since = await runCli(['verify', '--since-digest', join(dir, 'd1.txt')], env);
    expect(since.code).toBe(3);
    expect(since.stdout).toContain('HASH_MISMATCH');
  });
});
