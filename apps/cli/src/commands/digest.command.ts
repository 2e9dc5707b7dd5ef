import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DigestFormatError, digestZh, ledgerDigest, parseDigest, sinceDigestVerificationZh, verifySinceDigest, type LedgerDigest, type SinceDigestVerification } from '@ledger/audit';
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
      const summaryZh = digestZh(d);
      // The JSON carries the sentences too, as GET /v1/audit/digest does.
      if (options.json) printJson({ ...d, summaryZh });
      else process.stdout.write(`${summaryZh.join('\n')}\n`);
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
  const summaryZh = sinceDigestVerificationZh(result);
  // The JSON carries the sentences too, as GET /v1/audit/verify?sinceDigest= does.
  if (options.json) printJson({ ...result, summaryZh });
  else process.stdout.write(`${summaryZh.join('\n')}\n`);
  return result;
}
