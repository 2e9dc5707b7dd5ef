/** The Chinese sentences of a verification: one wording for the CLI, the API's summaryZh and the web app's ledger check. */
import type { BrokenLink, VerificationResult } from '@ledger/event-store';
import { digestAnswer, type DigestProof } from './digest';
import type { SinceDigestVerification } from './ledger-proof';
import { BROKEN_NEXT_STEPS_ZH, brokenLinkZh, digestZh, sinceDigestVerificationZh, unfinishedCopyZh, verificationZh } from './verification-zh';

const broken: BrokenLink = { streamId: 'cadre-C1', revision: 2, reason: 'HASH_MISMATCH', message: 'stored hash differs' };
const intact: VerificationResult = { ok: true, checkedEvents: 12, checkedStreams: 4, broken: [] };
const tampered: VerificationResult = { ok: false, checkedEvents: 3, checkedStreams: 1, firstBroken: broken, broken: [broken, { ...broken, streamId: 'orgunit-T1', revision: 0 }] };
const kept = digestAnswer({ count: 10, position: { commit: 793, prepare: 10 }, hash: 'a'.repeat(64) });
const now = digestAnswer({ count: 12, position: { commit: 795, prepare: 12 }, hash: 'b'.repeat(64) });
const proof = (p: Partial<DigestProof>, chains: VerificationResult = intact): SinceDigestVerification => ({
  ...chains,
  sinceDigest: { ok: true, digest: kept, current: now, recountedEvents: 10, appendedSince: 2, ...p },
});

describe('verificationZh', () => {
  it('given every chain intact, then one sentence with what was checked', () => {
    expect(verificationZh(intact, { listsEveryBreak: false })).toEqual(['校验通过：4 条事件流、12 个事件，哈希链完整。']);
  });

  it('given breaks, then one sentence each, then what was checked: stopped at the first, or every one counted; then what to do next', () => {
    const [first, second, checked, next] = verificationZh(tampered, { listsEveryBreak: true });
    expect(first).toBe('校验失败：事件流 cadre-C1 第 2 号事件处断裂：内容或哈希被改动 [HASH_MISMATCH]。');
    expect(second).toMatch(/^校验失败：事件流 orgunit-T1 第 0 号事件/);
    expect(checked).toBe('已检查 1 条事件流、3 个事件，共 2 处断裂。');
    expect(next).toBe(BROKEN_NEXT_STEPS_ZH);
    expect(next).toMatch(/^下一步：在查明之前，请勿据此作出决定.*网页“核对此前保存的摘要”.*网页干部履历页“核对导出文件”.*并报告系统管理员。$/);
    expect(verificationZh(tampered, { listsEveryBreak: false }).at(-2)).toBe('检查了 3 个事件后，遇第一处断裂即停止（此前 1 条事件流已读完）；列出全部断裂：网页勾选“列出全部断裂”，命令行 verify --all，接口 all=true。');
    // A break in the first stream read: no stream finished, and it does not say "0 条事件流" as if nothing was checked.
    expect(verificationZh({ ...tampered, checkedStreams: 0 }, { listsEveryBreak: false }).at(-2)).toBe('检查了 3 个事件后，遇第一处断裂即停止；列出全部断裂：网页勾选“列出全部断裂”，命令行 verify --all，接口 all=true。');
  });
});

describe('unfinishedCopyZh', () => {
  const copy = { source: 'postgres://***@old/ledger', sourceEvents: 5000, startedAt: '2026-12-07T19:00:00.000Z', acceptedAt: null, acceptedReason: null, acceptedBy: null };
  it('says how many events the store holds only when the check read them all: not when it stopped at a break', () => {
    expect(verificationZh({ ...intact, ok: false, unfinishedCopy: copy }, { listsEveryBreak: false })[0]).toContain('当时源库有 5000 个事件，本库现有 12 个');
    const stopped = verificationZh({ ...tampered, unfinishedCopy: copy }, { listsEveryBreak: false });
    expect(stopped.find((l) => l.includes('UNFINISHED_COPY'))).not.toContain('本库现有');
    expect(unfinishedCopyZh(copy, undefined)).toMatch(/当时源库有 5000 个事件，复制尚未完成/);
  });
});

describe('brokenLinkZh', () => {
  it('given a break named by nameBrokenLinks, then whose stream, the event id and its type, and no English', () => {
    const named = { ...broken, eventId: 'c1-grade', eventType: 'AnnualAssessmentRecorded', cadreId: 'C1', cadreName: '王玲敏' };
    expect(brokenLinkZh(named)).toBe('干部 王玲敏（C1）的履历事件流 cadre-C1 第 2 号事件（c1-grade，年度考核）处断裂：内容或哈希被改动 [HASH_MISMATCH]。');
    // An unregistered cadre's stream, a missing revision: said without a name or an event.
    expect(brokenLinkZh({ ...broken, reason: 'REVISION_GAP', cadreId: 'C1', cadreName: null })).toBe('干部（C1）的履历事件流 cadre-C1 第 2 号事件处断裂：事件缺失或顺序被打乱 [REVISION_GAP]。');
  });
});

describe('sinceDigestVerificationZh', () => {
  it('given the digest proven and the chains intact, then unchanged and appended to, the chains, and the digest to keep now', () => {
    expect(sinceDigestVerificationZh(proof({}))).toEqual([
      '摘要校验通过：摘要覆盖的 10 个事件（至 793.10）未被改动、删除或插入；此后追加了 2 个事件。',
      '哈希链校验通过：4 条事件流、12 个事件。',
      `当前台账摘要：${now.digest}`,
    ]);
  });

  it('given the positions renumbered (a migrated store), then it says the events were proven by their order', () => {
    expect(sinceDigestVerificationZh(proof({ positionsRenumbered: true }))[0]).toContain('位置已重新编号');
  });

  it('given the hashes proven but a chain broken, then it does not say the events are unchanged', () => {
    const [first, second] = sinceDigestVerificationZh(proof({}, tampered));
    expect(first).toMatch(/^摘要核对：.*不能证明这些事件的内容未被改动/);
    expect(first).not.toContain('未被改动、删除或插入');
    expect(second).toMatch(/^哈希链校验失败：事件流 cadre-C1 第 2 号事件/);
  });

  it('given the digest not proven, then the failure in Chinese with its code and its Chinese detail, not the English one', () => {
    const said = sinceDigestVerificationZh(proof({ ok: false, failure: { reason: 'EVENTS_MISSING', message: '9 events where 10 were', detailZh: '摘要覆盖的 10 个事件，现仅余 9 个' } }));
    expect(said[0]).toBe('摘要校验失败：摘要覆盖的事件有缺失（记录被删除） [EVENTS_MISSING]。摘要覆盖的 10 个事件，现仅余 9 个。');
    // Then what to do, before the digest of the ledger as it now stands.
    expect(said.slice(-2)).toEqual([BROKEN_NEXT_STEPS_ZH, `当前台账摘要：${now.digest}`]);
  });
});

describe('digestZh', () => {
  it('given a digest, then its figures, the digest on a line of its own (what verify --since-digest reads back), and both ways to check it', () => {
    const [figures, line, advice] = digestZh(kept);
    expect(figures).toBe(`台账摘要：共 10 个事件，末位 793.10，累积哈希 ${'a'.repeat(64)}`);
    expect(line).toBe(kept.digest);
    expect(advice).toContain('verify --since-digest');
    expect(advice).toContain('台账校验');
  });
});
