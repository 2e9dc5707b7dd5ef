/**
 * An insider with SQL access tampers with the PostgreSQL event store; every way of checking the
 * ledger (GET /v1/audit/verify, `verify`, `verify --since-digest` with a digest taken before, the
 * export, `verify-export --against-ledger` on an export taken before) must notice and name it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { readStream, rechained, rewriteStream, tamper } from './tamper-support';

const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };
const CADRES = ['PAY', 'RECHAIN', 'TAIL', 'MIDDLE', 'FORGE', 'DROP'];

describe('insider tampering with the event store', () => {
  let api: ApiHarness;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let digestBefore: string;
  const exportsBefore = new Map<string, string>();

  const cadre = async (id: string, body: Record<string, unknown>) => {
    const r = await api.request('POST', `/v1/cadres/${id}/events`, { role: 'CLERK', body });
    if (r.status !== 201) throw new Error(`${id} ${String(body.id)}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  const verifyAll = async () => JSON.parse((await runCli(['verify', '--all', '--json'], env)).stdout);
  const since = async () => {
    const r = await runCli(['verify', '--since-digest', digestBefore, '--json', '--all'], env);
    return { code: r.code, body: JSON.parse(r.stdout) };
  };
  const againstLedger = async (id: string) => {
    const r = await runCli(['verify-export', exportsBefore.get(id)!, '--against-ledger', '--json'], env);
    const human = await runCli(['verify-export', exportsBefore.get(id)!, '--against-ledger'], env);
    return { code: r.code, body: JSON.parse(r.stdout), human: human.stdout };
  };

  beforeAll(async () => {
    api = await startApi('tamper_store', { projections: { live: false } });
    env = { DATABASE_URL: api.db.url };
    dir = mkdtempSync(join(tmpdir(), 'tamper-'));
    for (const id of CADRES) {
      await cadre(id, { id: `${id}-reg`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '张三', gender: 'M', birthDate: '1980-01-01', education } });
      await cadre(id, { id: `${id}-a2019`, type: 'AnnualAssessmentRecorded', effectiveDate: '2020-01-15', data: { year: 2019, grade: 'EXCELLENT' } });
      await cadre(id, { id: `${id}-a2020`, type: 'AnnualAssessmentRecorded', effectiveDate: '2021-01-15', data: { year: 2020, grade: 'BASICALLY_COMPETENT' } });
      await cadre(id, { id: `${id}-t`, type: 'TrainingCompleted', effectiveDate: '2021-05-01', data: { programme: '乡镇干部培训班', level: 'COUNTY' } });
    }
    for (const id of CADRES) {
      const r = await api.request('GET', `/v1/cadres/${id}/export`, { role: 'AUDITOR' });
      const file = join(dir, `${id}.json`);
      writeFileSync(file, JSON.stringify(r.body));
      exportsBefore.set(id, file);
    }
    digestBefore = ((await api.request('GET', '/v1/audit/digest', { role: 'AUDITOR' })).body as { digest: string }).digest;
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  beforeAll(async () => {
    // 1. a payload edited in place, its hash left as it was
    await tamper(api, (tx) => tx`update events set data = jsonb_set(data, '{grade}', '"EXCELLENT"') where event_id = 'PAY-a2020'`);
    // 2. a payload edited and the chain recomputed to the head
    const re = await readStream(api, 'cadre-RECHAIN');
    re[2] = { ...re[2]!, data: { ...re[2]!.data, grade: 'EXCELLENT' } };
    await rewriteStream(api, 'cadre-RECHAIN', rechained(re));
    // 3. the last event deleted, the head moved back
    const tail = await readStream(api, 'cadre-TAIL');
    await rewriteStream(api, 'cadre-TAIL', tail.slice(0, -1));
    // 4. a middle event deleted, the later ones renumbered and rechained
    const mid = await readStream(api, 'cadre-MIDDLE');
    await rewriteStream(api, 'cadre-MIDDLE', rechained([mid[0]!, mid[1]!, { ...mid[3]!, revision: 2 }]));
  });

  it('pinned: verify names the in-place edit; the digest taken before fails', async () => {
    const v = await verifyAll();
    expect(v.broken).toEqual([expect.objectContaining({ streamId: 'cadre-PAY', revision: 2, reason: 'HASH_MISMATCH' })]);
    const s = await since();
    expect(s.code).toBe(3);
    expect(s.body.sinceDigest.ok).toBe(false);
  });

  it('the API’s current digest (台账校验’s card) is the CLI’s once a check over HTTP read every event: not the one it kept from before the rewrites (an auditor’s review)', async () => {
    const kept = (await api.request('GET', '/v1/audit/digest', { role: 'AUDITOR' })).body as { digest: string };
    expect(kept.digest).toBe(digestBefore); // kept since beforeAll: what it had folded is not read again within ten minutes
    const checked = await api.request('GET', `/v1/audit/verify?sinceDigest=${encodeURIComponent(digestBefore)}`, { role: 'AUDITOR' });
    expect((checked.body as { sinceDigest: { ok: boolean } }).sinceDigest.ok).toBe(false);
    const cli = JSON.parse((await runCli(['digest', '--json'], env)).stdout) as { digest: string };
    expect(cli.digest).not.toBe(digestBefore);
    expect(((await api.request('GET', '/v1/audit/digest', { role: 'AUDITOR' })).body as { digest: string }).digest).toBe(cli.digest);
  });

  it('pinned: GET /v1/audit/verify and the CLI say the break in the same Chinese sentences (summaryZh), as the CLI prints them', async () => {
    const [http, cliJson, cliHuman] = await Promise.all([
      api.request('GET', '/v1/audit/verify', { role: 'AUDITOR' }),
      runCli(['verify', '--json'], env),
      runCli(['verify'], env),
    ]);
    expect(http.status).toBe(200);
    const sentences = http.body.summaryZh as string[];
    expect(sentences[0]).toBe('校验失败：干部 张三（PAY）的履历事件流 cadre-PAY 第 2 号事件（PAY-a2020，年度考核）处断裂：内容或哈希被改动 [HASH_MISMATCH]。');
    expect(sentences.at(-2)).toMatch(/^检查了 \d+ 个事件后，遇第一处断裂即停止（此前 \d+ 条事件流已读完）；列出全部断裂：网页勾选“列出全部断裂”，命令行 verify --all，接口 all=true。$/);
    expect(sentences.at(-1)).toMatch(/^下一步：在查明之前，请勿据此作出决定/);
    expect(JSON.parse(cliJson.stdout).summaryZh).toEqual(sentences);
    expect(cliHuman.stdout).toBe(`${sentences.join('\n')}\n`);

    // Every break, as verify --all lists them; a flag that is neither true nor false is refused, naming it.
    const [everyOverHttp, everyOverCli] = await Promise.all([api.request('GET', '/v1/audit/verify?all=true', { role: 'AUDITOR' }), runCli(['verify', '--all', '--json'], env)]);
    expect(everyOverHttp.body).toEqual(JSON.parse(everyOverCli.stdout));
    expect(everyOverHttp.body.summaryZh.at(-2)).toMatch(new RegExp(`，共 ${everyOverHttp.body.broken.length} 处断裂。$`));
    const refused = await api.request('GET', '/v1/audit/verify?all=yes', { role: 'AUDITOR' });
    expect([refused.status, refused.body.field]).toEqual([400, 'all']);

    const proof = await api.request('GET', `/v1/audit/verify?sinceDigest=${encodeURIComponent(digestBefore)}`, { role: 'AUDITOR' });
    const cliProof = await runCli(['verify', '--since-digest', digestBefore], env);
    expect(proof.body.summaryZh[0]).toMatch(/^摘要校验失败：/);
    expect(cliProof.stdout).toBe(`${(proof.body.summaryZh as string[]).join('\n')}\n`);
  });

  it('payload edited in place (hash left): verify-export --against-ledger on an export taken before names the event the ledger no longer holds as the file has it', async () => {
    const a = await againstLedger('PAY');
    // README: "--against-ledger … exit 3 naming … each event the ledger does not hold as the file has it"
    expect(a.human).not.toContain('文件中的各条哈希链即台账中的哈希链');
    expect(a.code).toBe(3);
    expect(a.body.ledger.ok).toBe(false);
    expect(JSON.stringify(a.body.ledger)).toContain('PAY-a2020');
    // What was changed, not the same hash twice (found by an auditor's review).
    const edited = (a.body.ledger.events as { eventId: string; reason?: string; contentDifferences?: unknown }[]).find((e) => e.eventId === 'PAY-a2020')!;
    expect(edited).toMatchObject({ reason: 'LEDGER_EVENT_EDITED', contentDifferences: [{ path: 'data.grade', file: 'BASICALLY_COMPETENT', ledger: 'EXCELLENT' }] });
    expect(a.human).toMatch(/PAY-a2020.*\[LEDGER_EVENT_EDITED\]。哈希 [0-9a-f]{64}（文件与台账相同）。内容不同之处：data\.grade 文件为 "BASICALLY_COMPETENT"，台账为 "EXCELLENT"/);
  });

  it('payload edited in place: POST /v1/audit/verify-export with the export taken before says the same wrong thing over HTTP', async () => {
    const { readFileSync } = await import('node:fs');
    const r = await api.request('POST', '/v1/audit/verify-export', { role: 'AUDITOR', rawBody: readFileSync(exportsBefore.get('PAY')!, 'utf8'), headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    expect(JSON.stringify(r.body)).toContain('"contentDifferences":[{"path":"data.grade","file":"BASICALLY_COMPETENT","ledger":"EXCELLENT"}]');
  });

  it('payload edited and chain recomputed: --against-ledger names the edited event (revision 2), not only the head', async () => {
    const a = await againstLedger('RECHAIN');
    expect(a.code).toBe(3);
    expect(a.body.ledger.events.filter((e: { ok: boolean }) => !e.ok).map((e: { eventId: string }) => e.eventId)).toContain('RECHAIN-a2020');
  });

  it('middle event deleted and the rest renumbered: --against-ledger names the deleted event as not in the ledger', async () => {
    const a = await againstLedger('MIDDLE');
    expect(a.code).toBe(3);
    expect(a.body.ledger.events).toEqual(expect.arrayContaining([expect.objectContaining({ eventId: 'MIDDLE-a2020', reason: 'NOT_IN_LEDGER' })]));
  });

  it('pinned: last event deleted and head moved back: --against-ledger names the missing head event', async () => {
    const a = await againstLedger('TAIL');
    expect(a.code).toBe(3);
    expect(a.body.ledger.firstMismatch).toMatchObject({ eventId: 'TAIL-t', reason: 'NOT_IN_LEDGER' });
  });
});
