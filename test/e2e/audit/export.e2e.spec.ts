/**
 * Audit exports and the ledger digest end to end, against a real PostgreSQL: events written over
 * HTTP; the export read over HTTP and from the real CLI; a tampered export fails verify-export
 * naming the event; a row deleted by superuser SQL fails `verify` and the digest proof; only
 * AUDITOR and ADMIN read exports.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROLES, type Role } from '@ledger/auth';
import { parseAuditExport, verifyExport, type AuditExport } from '@ledger/audit';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { digestSchema, verificationSchema } from '../../../apps/api/src/audit/audit-schemas';
import { forgedConsistently } from '../../../libs/audit/src/testing/forge';

describe('audit export and digest (HTTP, CLI, PostgreSQL)', () => {
  let api: ApiHarness;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  const write = async (path: string, body: Record<string, unknown>, role: Role = 'CLERK') => {
    const r = await api.request('POST', path, { role, body });
    if (r.status !== 201) throw new Error(`${path} ${String(body.id)}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  const cadre = (id: string, body: Record<string, unknown>) => write(`/v1/cadres/${id}/events`, body);

  beforeAll(async () => {
    api = await startApi('audit_export', { projections: { live: false } });
    env = { DATABASE_URL: api.db.url };
    dir = mkdtempSync(join(tmpdir(), 'ledger-export-'));
    await write('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
    const education = { level: 'MASTER', fullTime: true, doubleFirstClass: false };
    await cadre('C1', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '李明', gender: 'M', birthDate: '1978-04-12', education } });
    await cadre('C1', { id: 'c1-appoint', type: 'AppointedToPost', effectiveDate: '2016-03-01', documentRef: '青委〔2016〕12号', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } });
    await cadre('C1', { id: 'c1-grade-2020', type: 'AnnualAssessmentRecorded', effectiveDate: '2021-01-15', data: { year: 2020, grade: 'EXCELLENT' } });
    await cadre('C1', { id: 'c1-grade-2021', type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', data: { year: 2021, grade: 'COMPETENT' } });
    await cadre('C1', { id: 'c1-sanction', type: 'SanctionImposed', effectiveDate: '2022-03-01', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '违反工作纪律' } });
    await cadre('C1', { id: 'c1-retract', type: 'EntryRetracted', effectiveDate: '2022-05-01', data: { targetEventId: 'c1-grade-2021', reason: '录入错误' } });
    await cadre('C2', { id: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '张华', gender: 'F', birthDate: '1980-01-01', education } });
    const filed = { appealId: 'A1', cadreId: 'C1', targetEventId: 'c1-sanction', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2022-03-02' };
    await write('/v1/appeals/A1/events', { id: 'a1-filed', type: 'AppealFiled', effectiveDate: '2022-03-10', data: filed }, 'APPEALS_OFFICER');
    await write('/v1/appeals/A1/events', { id: 'a1-decided', type: 'AppealDecided', effectiveDate: '2022-04-01', data: { appealId: 'A1', outcome: 'DISMISSED', reasoning: '理由不成立' } }, 'APPEALS_OFFICER');
    await cadre('C1', { id: 'c1-rescind', type: 'SanctionRescinded', effectiveDate: '2022-06-01', documentRef: 'X纪〔2022〕8号', data: { sanctionId: 'S1', reason: 'CORRECTION' } });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  it('serves the export to an AUDITOR: every event of the cadre and of the appeal, verifiable from the document alone', async () => {
    const r = await api.request('GET', '/v1/cadres/C1/export', { role: 'AUDITOR' });
    expect(r.status).toBe(200);
    const doc = parseAuditExport(r.body);
    expect(doc.generatedBy).toMatch(/^AUDITOR:测试AUDITOR#tok_/);
    expect(doc.streams.map((s) => [s.streamId, s.events.length, s.verification.ok])).toEqual([
      ['cadre-C1', 7, true],
      ['appeal-A1', 2, true],
    ]);
    const links = new Map(doc.links.map((l) => [l.eventId, l]));
    expect(links.get('c1-sanction')).toMatchObject({ appealedBy: ['a1-filed'], rescindedBy: ['c1-rescind'] });
    expect(links.get('c1-grade-2021')).toMatchObject({ counts: false, retractedBy: ['c1-retract'] });
    expect(verifyExport(doc)).toMatchObject({ ok: true, checkedStreams: 2, checkedEvents: 9 });
    // `curl -OJ` and a browser following the link name the file as the web app does.
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename=C1-audit.json; filename*=UTF-8''C1-${encodeURIComponent('审计记录')}.json`);

    const html = await api.request('GET', '/v1/cadres/C1/export?format=html', { role: 'ADMIN' });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.headers.get('content-disposition')).toBe(`inline; filename=C1-audit.html; filename*=UTF-8''C1-${encodeURIComponent('审计记录')}.html`);
    expect(html.body).toContain('干部履历审计记录');
    expect(html.body).toContain('任 青山镇 党委书记');
  });

  it('refuses exports to every role but AUDITOR and ADMIN, and to no token', async () => {
    expect((await api.request('GET', '/v1/cadres/C1/export', { role: null })).status).toBe(401);
    for (const role of ROLES) {
      const r = await api.request('GET', '/v1/cadres/C1/export', { role });
      if (role === 'AUDITOR' || role === 'ADMIN') expect(r.status).toBe(200);
      else expect(r).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', capability: 'exportAuditTrail' } });
    }
    expect((await api.request('GET', '/v1/cadres/C1/export?format=html', { role: 'CLERK' })).status).toBe(403);
    expect((await api.request('GET', '/v1/audit/digest', { role: 'CLERK' })).status).toBe(403);
    expect((await api.request('GET', '/v1/audit/digest', { role: null })).status).toBe(401);
    expect(await api.request('GET', '/v1/cadres/NOBODY/export', { role: 'AUDITOR' })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(await api.request('GET', '/v1/cadres/C1/export?format=pdf', { role: 'AUDITOR' })).toMatchObject({ status: 400, body: { field: 'format' } });
    expect(await api.request('GET', '/v1/audit/verify?sinceDigest=nonsense', { role: 'AUDITOR' })).toMatchObject({ status: 400, body: { field: 'sinceDigest' } });
  });

  it('CLI: export writes JSON and HTML; verify-export passes it, fails a changed field naming the event, refuses a malformed file', async () => {
    const file = join(dir, 'c1.json');
    const htmlFile = join(dir, 'c1.html');
    // An earlier file at the path, readable by all: replaced whole, and by its owner's file only (found by a security review: exports were world-readable).
    writeFileSync(htmlFile, 'an earlier export');
    chmodSync(htmlFile, 0o644);
    const filesBefore = readdirSync(dir).length;
    const exported = await runCli(['export', 'C1', '--out', file, '--html', htmlFile], env);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('已导出干部 李明（C1）的审计记录：2 条事件流（含复核或申诉 1 件）、9 个事件');
    expect(readFileSync(htmlFile, 'utf8')).toContain('<title>干部履历审计记录 · 李明</title>');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(htmlFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).length).toBe(filesBefore + 1); // the JSON file; no temporary file left beside them

    const doc = JSON.parse(readFileSync(file, 'utf8')) as AuditExport;
    const tampered = join(dir, 'c1-tampered.json');
    doc.streams[0]!.events.find((e) => e.eventId === 'c1-grade-2020')!.data.grade = 'COMPETENT';
    writeFileSync(tampered, JSON.stringify(doc, null, 2));
    const malformed = join(dir, 'c1-malformed.json');
    writeFileSync(malformed, JSON.stringify({ ...doc, streams: 'none' }));

    // verify-export reads no database, so these may run at once (CLI runs that open the ledger may not:
    // each migrates on start, and node-pg-migrate refuses a second concurrent run).
    const [ok, bad, badJson, unreadable] = await Promise.all([
      runCli(['verify-export', file], env),
      runCli(['verify-export', tampered], env),
      runCli(['verify-export', tampered, '--json'], env),
      runCli(['verify-export', malformed], env),
    ]);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toContain('校验通过：干部 李明（C1）的 2 条事件流、9 个事件哈希链完整');
    expect(bad.code).toBe(3);
    expect(bad.stdout).toContain('校验失败：事件流 cadre-C1 第 2 号事件（c1-grade-2020）');
    expect(badJson.code).toBe(3);
    expect(JSON.parse(badJson.stdout).firstBroken).toEqual(expect.objectContaining({ streamId: 'cadre-C1', revision: 2, eventId: 'c1-grade-2020', reason: 'HASH_MISMATCH' }));
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain('不是可读的审计导出文件');
    expect(unreadable.stderr).toContain('streams');
    // The reason in Chinese, not the English after a Chinese lead (found fuzzing the CLI: “… 不是可读的审计导出文件。malformed audit export: streams: …”).
    expect(unreadable.stderr).toContain('审计导出文件格式有误：streams');
    expect(unreadable.stderr).not.toContain('malformed audit export');
  });

  it('against the ledger (HTTP and CLI): a genuine export is the ledger’s, a file forged consistently agrees with itself but not with the ledger, and events appended since are said', async () => {
    const genuine = parseAuditExport((await api.request('GET', '/v1/cadres/C1/export', { role: 'AUDITOR' })).body);
    const forged = forgedConsistently(genuine, 'c1-grade-2020', { grade: 'COMPETENT' });
    expect(verifyExport(forged)).toMatchObject({ ok: true }); // alone, the forgery passes

    const verify = (body: unknown, role: Role = 'AUDITOR') => api.request('POST', '/v1/audit/verify-export', { role, body });
    expect(await verify(genuine)).toMatchObject({ status: 200, body: { ok: true, file: { ok: true }, ledger: { ok: true, appealStreamsNotInFile: [] } } });
    expect(await verify(forged)).toMatchObject({
      status: 200,
      body: { ok: false, file: { ok: true }, ledger: { ok: false, firstMismatch: { role: 'STREAM_EVENT', streamId: 'cadre-C1', eventId: 'c1-grade-2020', reason: 'HASH_DIFFERS' } } },
    });
    const forgedHead = (await verify(forged)).body.ledger.events.find((e: { role: string; streamId: string }) => e.role === 'STREAM_HEAD' && e.streamId === 'cadre-C1');
    expect(forgedHead).toMatchObject({ reason: 'HASH_DIFFERS', ledgerHash: genuine.streams[0]!.head!.hash });
    const edited = JSON.parse(JSON.stringify(genuine)) as AuditExport;
    edited.streams[0]!.events[2]!.data.grade = 'COMPETENT';
    expect(await verify(edited)).toMatchObject({ status: 200, body: { ok: false, file: { ok: false, firstBroken: { eventId: 'c1-grade-2020' } }, ledger: null } });
    expect(await verify({ format: 'something else' })).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', field: expect.any(String) } });
    expect(await verify(genuine, 'CLERK')).toMatchObject({ status: 403, body: { capability: 'verifyLedger' } });

    const genuineFile = join(dir, 'c1-genuine.json');
    const forgedFile = join(dir, 'c1-forged.json');
    writeFileSync(genuineFile, JSON.stringify(genuine));
    writeFileSync(forgedFile, JSON.stringify(forged));
    const passed = await runCli(['verify-export', genuineFile, '--against-ledger'], env);
    expect(passed).toMatchObject({ code: 0, stderr: '' });
    expect(passed.stdout).toContain('与台账核对一致：2 条事件流的 9 个事件');
    expect(passed.stdout).not.toContain('以下哈希须与台账核对');
    const caught = await runCli(['verify-export', forgedFile, '--against-ledger'], env);
    expect(caught.code).toBe(3);
    expect(caught.stdout).toContain('校验通过'); // the file agrees with itself…
    // The forged event first, then each event after it to the head, whose hashes follow from it.
    expect(caught.stdout).toMatch(/与台账核对未通过：\d+ 个事件与台账不符。\n\s+事件流 cadre-C1 第 2 号事件（c1-grade-2020，年度考核，事件流中的事件）/);
    expect(caught.stdout).toContain('台账中该事件的哈希与文件不同');

    await cadre('C1', { id: 'c1-after-export', type: 'TrainingCompleted', effectiveDate: '2023-06-01', data: { programme: '县委党校中青班', level: 'COUNTY' } });
    const later = await runCli(['verify-export', genuineFile, '--against-ledger', '--json'], env);
    expect(later.code).toBe(0);
    expect(JSON.parse(later.stdout).ledger).toMatchObject({ ok: true, streams: expect.arrayContaining([expect.objectContaining({ streamId: 'cadre-C1', appendedSince: 1 })]) });
    // The JSON POST /v1/audit/verify-export answers for the same file (found by a review: the CLI printed the file's check flattened).
    const overHttp = await api.request('POST', '/v1/audit/verify-export', { role: 'AUDITOR', rawBody: readFileSync(genuineFile, 'utf8'), headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(later.stdout)).toEqual(overHttp.body);
  });

  it('verify-export refuses what is not an export with the field at fault, never a 500', async () => {
    const raw = (rawBody: string, type = 'application/json') => api.request('POST', '/v1/audit/verify-export', { role: 'AUDITOR', rawBody, headers: { 'content-type': type } });
    expect((await raw('{"format":', 'application/json')).status).toBe(400);
    expect((await raw('[]')).body).toMatchObject({ code: 'INVALID_REQUEST', field: expect.any(String) });
    expect((await raw('null')).status).toBe(400);
    expect((await raw('{}')).body).toMatchObject({ code: 'INVALID_REQUEST', field: expect.any(String) });
    expect((await raw('{"format":"cadre-ledger.audit-export"}', 'text/plain')).status).toBe(415);
    expect((await raw(`{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`)).status).toBe(400);
    expect((await raw(JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }))).status).toBe(413);
    const genuine = (await api.request('GET', '/v1/cadres/C1/export', { role: 'AUDITOR' })).body as AuditExport;
    const wrongType = { ...genuine, streams: [{ ...genuine.streams[0], events: 'none' }] };
    expect((await api.request('POST', '/v1/audit/verify-export', { role: 'AUDITOR', body: wrongType })).body).toMatchObject({ code: 'INVALID_REQUEST', field: expect.stringContaining('streams.0.events') });
  });

  it('digest, then appends: verify --since-digest proves the ledger was only appended to (CLI and HTTP agree)', async () => {
    const taken = await runCli(['digest', '--json'], env);
    expect(taken.code).toBe(0);
    const d = JSON.parse(taken.stdout) as { count: number; hash: string; digest: string };
    const [{ n }] = await api.db.sql<Array<{ n: number }>>`select count(*)::int as n from events`;
    expect(d.count).toBe(n);
    expect(d.digest).toMatch(new RegExp(`^ledger-digest:v1:${n}:\\d+\\.\\d+:${d.hash}$`));
    expect((await api.request('GET', '/v1/audit/digest', { role: 'AUDITOR' })).body).toEqual(d);

    await cadre('C2', { id: 'c2-training', type: 'TrainingCompleted', effectiveDate: '2023-05-01', data: { programme: '乡镇党委书记培训班', level: 'COUNTY' } });
    // The JSON `digest --json` printed is accepted as well as the compact string.
    const human = await runCli(['verify', '--since-digest', taken.stdout], env);
    expect(human).toMatchObject({ code: 0, stderr: '' });
    expect(human.stdout).toContain(`摘要校验通过：摘要覆盖的 ${n} 个事件`);
    expect(human.stdout).toContain('此后追加了 1 个事件');
    expect(human.stdout).toContain('哈希链校验通过');
    const overHttp = await api.request('GET', `/v1/audit/verify?sinceDigest=${encodeURIComponent(d.digest)}`, { role: 'AUDITOR' });
    expect(overHttp).toMatchObject({ status: 200, body: { ok: true, sinceDigest: { ok: true, recountedEvents: n, appendedSince: 1 } } });
    digestSchema.parse(d); // both answers as /docs/openapi.json documents them
    verificationSchema.parse(overHttp.body);
  });

  it('a row deleted by superuser SQL fails verify and the digest proof taken before the deletion', async () => {
    const d = ((await api.request('GET', '/v1/audit/digest', { role: 'ADMIN' })).body as { digest: string }).digest;
    await api.db.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`delete from events where event_id = 'c1-grade-2020'`;
    });
    const verify = await runCli(['verify', '--json'], env);
    const since = await runCli(['verify', '--since-digest', d], env);
    expect(verify.code).toBe(3);
    expect(JSON.parse(verify.stdout).firstBroken).toMatchObject({ streamId: 'cadre-C1', revision: 2, reason: 'REVISION_GAP' });
    expect(since.code).toBe(3);
    expect(since.stdout).toContain('摘要校验失败：摘要覆盖的事件有缺失（记录被删除） [EVENTS_MISSING]');
    expect(since.stdout).toMatch(/哈希链校验失败：干部 \S+（C1）的履历事件流 cadre-C1 第 2 号事件处断裂：事件缺失或顺序被打乱 \[REVISION_GAP\]/);
    const overHttp = await api.request('GET', `/v1/audit/verify?sinceDigest=${encodeURIComponent(d)}`, { role: 'AUDITOR' });
    expect(overHttp.body).toMatchObject({ ok: false, firstBroken: { streamId: 'cadre-C1', revision: 2 }, sinceDigest: { ok: false, failure: { reason: 'EVENTS_MISSING' } } });

    // The export made now shows the gap already at export time, and so does its file.
    const after = parseAuditExport((await api.request('GET', '/v1/cadres/C1/export', { role: 'AUDITOR' })).body);
    expect(after.streams[0]!.verification).toMatchObject({ ok: false, firstBroken: { revision: 2, reason: 'REVISION_GAP' } });
    expect(verifyExport(after).firstBroken).toMatchObject({ streamId: 'cadre-C1', revision: 2, eventId: 'c1-grade-2021', reason: 'REVISION_GAP' });
  });

  it('a head rewound by superuser SQL: the export keeps the events past it and reports the break (found by a review: it dropped them and said intact)', async () => {
    const [rewound] = await api.db.sql`select revision, hash from events where stream_id = 'cadre-C2' and revision = 0`;
    await cadre('C2', { id: 'c2-train', type: 'TrainingCompleted', effectiveDate: '2021-05-01', data: { programme: '乡镇干部培训班', level: 'COUNTY' } });
    await api.db.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update event_streams set revision = ${rewound!.revision}, last_hash = ${rewound!.hash} where stream_id = 'cadre-C2'`;
    });
    const exported = parseAuditExport((await api.request('GET', '/v1/cadres/C2/export', { role: 'AUDITOR' })).body);
    const stream = exported.streams.find((x) => x.streamId === 'cadre-C2')!;
    expect(stream.events.map((e) => e.eventId)).toEqual(expect.arrayContaining(['reg-C2', 'c2-train']));
    expect(stream.head!.revision).toBe(0); // the rewound head, with every event after it still exported
    expect(stream.verification).toMatchObject({ ok: false, firstBroken: { reason: 'HEAD_MISMATCH' } });
    expect((await api.request('GET', '/v1/audit/verify', { role: 'AUDITOR' })).body).toMatchObject({ ok: false });
  });
  it('a township’s name edited by superuser SQL: the export marks the name unverified and verify-export fails on its registration (found by a review: the edited name was shown beside the genuine hash)', async () => {
    // Given a cadre appointed in 青山镇 (C1 and C2 were tampered with above), then the township's name changed in the store, its hash left as it was
    const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
    await cadre('C3', { id: 'reg-C3', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王芳', gender: 'F', birthDate: '1982-02-02', education } });
    await cadre('C3', { id: 'c3-appoint', type: 'AppointedToPost', effectiveDate: '2020-03-01', data: { orgUnitId: 'T01', role: 'DEPUTY_HEAD' } });
    await api.db.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update events set data = jsonb_set(data, '{name}', '"假名镇"') where event_id = 'reg-T01'`;
    });
    // When C3 is exported, as JSON and as the page
    const doc = parseAuditExport((await api.request('GET', '/v1/cadres/C3/export', { role: 'AUDITOR' })).body);
    const page = (await api.request('GET', '/v1/cadres/C3/export?format=html', { role: 'AUDITOR' })).body as string;
    // Then the name is said to be unverified, and the file alone fails on the registration's link
    expect(doc.orgUnits).toEqual([expect.objectContaining({ orgUnitId: 'T01', name: '假名镇', sourceEventId: 'reg-T01', sourceVerified: false })]);
    expect(doc.summary.relatedEventsIntact).toBe(false);
    expect(page).toContain('假名镇（名称来源未通过校验）');
    const file = join(dir, 'renamed.json');
    writeFileSync(file, JSON.stringify(doc));
    const checked = await runCli(['verify-export', file], env);
    expect(checked.code).toBe(3);
    expect(checked.stdout).toContain('事件流 orgunit-T01 第 0 号事件（reg-T01）：关联事件（登记、推荐）的内容或哈希被改动 [RELATED_EVENT_MISMATCH]');
  });
});
