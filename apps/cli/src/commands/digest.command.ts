import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { BREAK_REASONS_ZH, DIGEST_FAILURE_NAMES_ZH, DigestFormatError, ledgerDigest, parseDigest, verifySinceDigest, type LedgerDigest, type SinceDigestVerification } from '@ledger/audit';
import { printJson, withLedger } from '../cli-runtime';
import { JSON_ZH } from '../help-zh';

export function registerDigest(program: Command): void {
  program
    .command('digest')
    .description('打印台账摘要：全局顺序上事件哈希的累积 SHA-256 及其位置；请妥善保存，日后可用 verify --since-digest 证明台账自那时起只有追加')
    .option('--json', JSON_ZH)
    .action(async (options: { json?: boolean }) => {
      // A digest of an empty ledger (a mistyped LEDGER_DATA_DIR) is said to be one, not handed out to keep (found by a review).
      const d = await withLedger((ledger) => ledgerDigest(ledger.store), { asks: true });
      if (options.json) printJson(d);
      else {
        process.stdout.write(
          `台账摘要：共 ${d.count} 个事件，末位 ${d.position.commit}.${d.position.prepare}，累积哈希 ${d.hash}\n${d.digest}\n` +
            `请妥善保存上行摘要；日后运行 npm run ledger -- verify --since-digest <摘要> 可证明自那时起台账只有追加。\n`,
        );
      }
    });
}

/** `--since-digest` takes the string or JSON `digest` printed, or a file holding either. */
export function readDigestArgument(value: string): LedgerDigest {
  const text = value.trim();
  // The digest itself, its JSON, or digest's whole human output (the digest on a line of its own).
  const looksLikeDigest = text.startsWith('ledger-digest:') || text.startsWith('{') || /^\s*ledger-digest:/m.test(text);
  if (!looksLikeDigest && !existsSync(text)) {
    // Neither a digest nor a file: said so, naming it (found by a review: a missing file read as "not a ledger digest").
    throw new DigestFormatError(`neither a ledger digest nor a file: ${text.slice(0, 200)}`, `既不是台账摘要（ledger-digest:v1:…，或 digest --json 打印的 JSON），也没有名为 ${text.slice(0, 200)} 的文件`);
  }
  return parseDigest(looksLikeDigest ? text : readFileSync(text, 'utf8'));
}

/** `verify --since-digest D`: the digest proof first, then every chain. */
export async function verifySinceDigestCommand(value: string, options: { json?: boolean; all?: boolean }): Promise<SinceDigestVerification> {
  const digest = readDigestArgument(value);
  // Asked of an empty ledger (a forgotten LEDGER_DATA_DIR), said so, not read as every covered event deleted (found by a contract review).
  const result = await withLedger((ledger) => verifySinceDigest(ledger.store, digest, { stopAtFirst: !options.all }), { asks: true });
  if (options.json) {
    printJson(result);
    return result;
  }
  const p = result.sinceDigest;
  // A migrated store numbers positions anew: the digest's position is the source's, the events are proven by their order.
  const renumbered = p.ok && p.positionsRenumbered ? '（这些事件在本库中的位置已重新编号，如经 migrate-store 迁移，已按事件顺序逐一核对）' : '';
  process.stdout.write(
    p.ok && !result.firstBroken
      ? `摘要校验通过：摘要覆盖的 ${p.digest.count} 个事件（至 ${p.digest.position.commit}.${p.digest.position.prepare}）未被改动、删除或插入${renumbered}；此后追加了 ${p.appendedSince} 个事件。\n`
      : p.ok
        ? // The digest folds the stored hashes: with a chain broken, an event's content may differ from its hash (found by a review: "未被改动" was said of an edited event).
          `摘要核对：摘要覆盖的 ${p.digest.count} 个事件（至 ${p.digest.position.commit}.${p.digest.position.prepare}）的哈希未被删除、插入或替换${renumbered}，但哈希链校验失败（见下行），不能证明这些事件的内容未被改动；此后追加了 ${p.appendedSince} 个事件。\n`
        : `摘要校验失败：${DIGEST_FAILURE_NAMES_ZH[p.failure!.reason]} [${p.failure!.reason}]。${p.failure!.message}\n`,
  );
  if (result.firstBroken) {
    const b = result.firstBroken;
    process.stdout.write(`哈希链校验失败：事件流 ${b.streamId} 第 ${b.revision} 号事件 (revision ${b.revision}) 处断裂：${BREAK_REASONS_ZH[b.reason]} [${b.reason}]。${b.message}\n`);
  } else {
    process.stdout.write(`哈希链校验通过：${result.checkedStreams} 条事件流、${result.checkedEvents} 个事件。\n`);
  }
  process.stdout.write(`当前台账摘要：${p.current.digest}\n`);
  return result;
}
