/**
 * What a verification of the ledger found, in Chinese sentences: one wording for the CLI's `verify`
 * and `digest`, the API's `summaryZh` and the web app's ledger check (台账校验), so an auditor reads
 * the same words whichever way they asked.
 */
import { shanghaiTime } from '@ledger/domain';
import type { UnfinishedCopy, VerificationResult } from '@ledger/event-store';
import { brokenEventZh, brokenStreamOwnerZh, type NamedBrokenLink } from './named-breaks';
import { DIGEST_FAILURE_NAMES_ZH, type DigestAnswer } from './digest';
import type { SinceDigestVerification } from './ledger-proof';
import { BREAK_REASONS_ZH } from './verify-export';

/**
 * Where a chain broke and why: the stream and whose it is, the event's revision and id, the reason in
 * Chinese with its code. The English detail (hashes, instants) stays in the answer's `message`
 * (found by a review: the sentence ended in English and named no event).
 */
export function brokenLinkZh(b: NamedBrokenLink): string {
  return `${brokenStreamOwnerZh(b)}事件流 ${b.streamId} 第 ${b.revision} 号事件${brokenEventZh(b)}处断裂：${BREAK_REASONS_ZH[b.reason]} [${b.reason}]。`;
}

/**
 * `verify`'s answer: one sentence when every chain holds, else one per break and what was checked.
 * `listsEveryBreak`: the check went on past the first break (the CLI's `--all`); otherwise the
 * sentence says it stopped there, and how to list them all.
 */
export function verificationZh(result: VerificationResult, options: { listsEveryBreak: boolean }): string[] {
  // How many events the store holds is known only when the check read them all (not when it stopped at a break).
  const held = result.broken.length === 0 || options.listsEveryBreak ? result.checkedEvents : undefined;
  const copy = result.unfinishedCopy === undefined ? [] : [unfinishedCopyZh(result.unfinishedCopy, held)];
  if (result.broken.length === 0) return result.ok ? [`校验通过：${result.checkedStreams} 条事件流、${result.checkedEvents} 个事件，哈希链完整。`, ...copy] : copy;
  return [
    ...result.broken.map((b) => `校验失败：${brokenLinkZh(b)}`),
    ...copy,
    options.listsEveryBreak
      ? `已检查 ${result.checkedStreams} 条事件流、${result.checkedEvents} 个事件，共 ${result.broken.length + (result.unlistedOutsideTheOrder ?? 0)} 处断裂${result.unlistedOutsideTheOrder ? `（其中 ${result.unlistedOutsideTheOrder} 个不在全局顺序内的事件未逐一列出：此类事件只列出前 1000 个）` : ''}。`
      : // Stopped part-way: `checkedStreams` counts the streams read to their end, which the broken one may not be ("已检查 0 条事件流" read as nothing checked).
        // Each way in named, the web's first (found by an auditor's review: the page spoke only of the CLI and the API).
        `检查了 ${result.checkedEvents} 个事件后，遇第一处断裂即停止${result.checkedStreams > 0 ? `（此前 ${result.checkedStreams} 条事件流已读完）` : ''}；列出全部断裂：网页勾选“列出全部断裂”，命令行 verify --all，接口 all=true。`,
    BROKEN_NEXT_STEPS_ZH,
  ];
}

/**
 * What an auditor does next when a chain broke (found by an auditor's review: the history sent the
 * auditor to 台账校验, which said nothing more). Each check named as the web, the CLI and the API offer it.
 */
export const BROKEN_NEXT_STEPS_ZH =
  '下一步：在查明之前，请勿据此作出决定，也不要重建投影或改动数据；用此前保存的台账摘要核对（网页“核对此前保存的摘要”，命令行 verify --since-digest），' +
  '用此前导出的干部审计文件核对被改动的内容（网页干部履历页“核对导出文件”，命令行 verify-export --against-ledger），并报告系统管理员。';

/**
 * A store that is the target of a copy under way or stopped part-way (`migrate-store`): what it is, and
 * the two ways on — finish the copy, or (its source lost) accept it as it is, which is then said.
 */
export function unfinishedCopyZh(copy: UnfinishedCopy, heldEvents: number | undefined): string {
  const held = heldEvents === undefined ? '' : `，本库现有 ${heldEvents} 个`;
  const what = `本库是一次迁移（migrate-store）的目标，复制自 ${copy.source}，${shanghaiTime(copy.startedAt)} 开始，当时源库有 ${copy.sourceEvents} 个事件${held}`;
  if (copy.acceptedAt !== null) {
    return `注意：${what}；复制未完成，已于 ${shanghaiTime(copy.acceptedAt)} 由 ${copy.acceptedBy ?? '（未记名）'} 确认按现状使用，理由：${copy.acceptedReason ?? ''}。`;
  }
  return (
    `校验未通过：${what}，复制尚未完成（进行中，或中途停止）：哈希链完整不等于台账完整，本库可能只有源库的一部分事件 [UNFINISHED_COPY]。` +
    `请重新运行同一条 migrate-store 命令完成复制（会从断点续传）；若源库已不可用、须按现状使用本库，运行 npm run ledger -- migrate-store --accept-unfinished "理由"。`
  );
}

/**
 * `verify --since-digest`'s answer: whether the ledger up to the digest is unchanged and only
 * appended to since, then the chains, then the digest to keep now.
 */
export function sinceDigestVerificationZh(result: SinceDigestVerification): string[] {
  const p = result.sinceDigest;
  // A migrated store numbers positions anew: the digest's position is the source's, the events are proven by their order.
  const renumbered = p.ok && p.positionsRenumbered ? '（这些事件在本库中的位置已重新编号，如经 migrate-store 迁移，已按事件顺序逐一核对）' : '';
  const covered = `摘要覆盖的 ${p.digest.count} 个事件（至 ${p.digest.position.commit}.${p.digest.position.prepare}）`;
  return [
    p.ok && !result.firstBroken
      ? `摘要校验通过：${covered}未被改动、删除或插入${renumbered}；此后追加了 ${p.appendedSince} 个事件。`
      : p.ok
        ? // The digest folds the stored hashes: with a chain broken, an event's content may differ from its hash (found by a review: "未被改动" was said of an edited event).
          `摘要核对：${covered}的哈希未被删除、插入或替换${renumbered}，但哈希链校验失败（见下行），不能证明这些事件的内容未被改动；此后追加了 ${p.appendedSince} 个事件。`
        : `摘要校验失败：${DIGEST_FAILURE_NAMES_ZH[p.failure!.reason]} [${p.failure!.reason}]。${p.failure!.detailZh}。`,
    result.firstBroken ? `哈希链校验失败：${brokenLinkZh(result.firstBroken)}` : `哈希链校验通过：${result.checkedStreams} 条事件流、${result.checkedEvents} 个事件。`,
    ...(result.unfinishedCopy === undefined ? [] : [unfinishedCopyZh(result.unfinishedCopy, result.firstBroken ? undefined : result.checkedEvents)]),
    ...(p.ok && !result.firstBroken ? [] : [BROKEN_NEXT_STEPS_ZH]),
    `当前台账摘要：${p.current.digest}`,
  ];
}

/** The digest to keep, and where to check it later (the CLI's `verify --since-digest`, the web app's 台账校验). */
export function digestZh(d: DigestAnswer): string[] {
  return [
    `台账摘要：共 ${d.count} 个事件，末位 ${d.position.commit}.${d.position.prepare}，累积哈希 ${d.hash}`,
    d.digest,
    '请妥善保存上行摘要；日后运行 npm run ledger -- verify --since-digest <摘要>，或在网页“台账校验”中粘贴核对，可证明自那时起台账只有追加。',
  ];
}
