import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { unfinishedCopyZh } from '@ledger/audit';
import { copyApiTokens } from '@ledger/auth';
import { textInputProblem, zodIssueZh } from '@ledger/domain';
import { copyEventStore, isMigratable, StoreCopyError, type CopyProgress, type CopyReport, type StoreCopyFailure, type UnfinishedCopyMark } from '@ledger/event-store';
import type { LedgerConfig } from '@ledger/config';
import { eventStoreKindOf, openEventStoreAt, redactUrl, type StandaloneEventStore } from '@ledger/runtime';
import { logger, printJson, withLedger } from '../cli-runtime';
import { onConnection } from '../errors-zh';
import { JSON_ZH } from '../help-zh';

/** Exit code when the source or the target fails verification, or they differ: the copy stopped. */
export const EXIT_MIGRATION_STOPPED = 5;

const storeUrl = z
  .string()
  .trim()
  .refine((u) => eventStoreKindOf(u) !== undefined, { message: '须为 postgres://、postgresql://、esdb://、esdb+discover:// 或 kurrentdb:// 开头的地址' });

const argsSchema = z
  .object({
    from: storeUrl.optional(),
    to: storeUrl.optional(),
    batchSize: z.coerce.number().min(1).max(5000).int().default(500),
    acceptUnfinished: z
      .string()
      .trim()
      .min(4, '须写明理由（至少 4 个字） (give the reason)')
      .max(500)
      .refine((r) => textInputProblem('acceptUnfinished', r) === undefined, { message: '理由含有控制字符或格式字符 (the reason holds a control or format character)' })
      .optional(),
    json: z.boolean().default(false),
  })
  .refine((a) => a.acceptUnfinished === undefined || (a.from === undefined && a.to === undefined), {
    message: '--accept-unfinished 只作用于本台账，不能与 --from、--to 同用 (acts on this ledger alone)',
    path: ['acceptUnfinished'],
  })
  .refine((a) => a.acceptUnfinished !== undefined || a.from !== undefined || a.to !== undefined, { message: '须给出 --from 或 --to（省略的一方为本台账） (give --from or --to; the one left out is this ledger)', path: ['to'] })
  .refine((a) => a.from === undefined || a.from !== a.to, { message: '源库与目标库不能相同 (--from and --to name the same store)', path: ['to'] });

/**
 * The side of the copy left out: this ledger (LEDGER_DATA_DIR's embedded server, DATABASE_URL or
 * EVENTSTORE_URL), opened as every command opens it. Found by a backup review: the embedded ledger
 * could be named only by a URL built by hand from its server's password file and port.
 */
async function withThisLedger<T>(asSource: boolean, run: (here: StandaloneEventStore, name: string) => Promise<T>): Promise<T> {
  return withLedger(
    async (ledger) => {
      if (!isMigratable(ledger.store)) throw new Error('this ledger\'s event store cannot take a copy');
      const postgres = !ledger.config.EVENTSTORE_URL;
      return run({ kind: postgres ? 'postgres' : 'esdb', store: ledger.store, ...(postgres ? { sql: ledger.db.sql } : {}), close: async () => undefined }, ledgerName(ledger.config));
    },
    // A dump restored here from another server is copied out of it in its stored order (the recovery),
    // never into it. As the source, a ledger with no event is said, with where it was looked for (a
    // mistyped LEDGER_DATA_DIR made an empty backup reported as done; found by a review).
    { opensEventsOutsideTheOrder: asSource, asks: asSource },
  );
}

const THIS_LEDGER_ZH = '本台账';

/** How a copy's mark names this ledger as its source: the store it reads, never credentials. */
function ledgerName(config: LedgerConfig): string {
  if (config.EVENTSTORE_URL) return redactUrl(config.EVENTSTORE_URL);
  if (config.DATABASE_URL) return redactUrl(config.DATABASE_URL);
  return `${THIS_LEDGER_ZH}（数据目录 ${config.dataDir}）`;
}

const FAILURE_ZH: Record<StoreCopyFailure, string> = {
  SOURCE_BROKEN: '源库哈希链校验未通过，未复制任何事件',
  SOURCE_INCOMPLETE: '源库的事件未能按全局顺序读完（是否仍有写入？）',
  TARGET_DIFFERS: '目标库与源库不一致',
  TARGET_BROKEN: '复制后目标库哈希链校验未通过',
  TARGET_RESTORED_ELSEWHERE: '目标库的事件是从另一台服务器的备份恢复而来（事务号未由其服务器签发），复制进去的事件会排在它们之前；未复制任何事件，请复制到一个空库',
};

const PHASE_ZH: Record<CopyProgress['phase'], string> = {
  'verify-source': '校验源库哈希链',
  copy: '复制事件',
  'verify-target': '校验目标库哈希链，并与源库逐条事件流比对流头',
};

export function registerMigrateStore(program: Command): void {
  program
    .command('migrate-store')
    .description('在事件库之间迁移全部事件（PostgreSQL ⇄ EventStoreDB），保留事件编号、顺序、录入时间和哈希；迁移前后均校验，中断后重跑即续传')
    .option('--from <url>', '源事件库：postgres://… 或 esdb://…；省略则为本台账（LEDGER_DATA_DIR、DATABASE_URL 或 EVENTSTORE_URL 所指）')
    .option('--to <url>', '目标事件库：postgres://… 或 esdb://…；省略则为本台账')
    .option('--batch-size <n>', '每批读取并写入的事件数', '500')
    .option('--accept-unfinished <reason>', '本台账是一次未完成的迁移的目标、而源库已不可用时：确认按现状使用，并写明理由（此标记与理由留存，verify 照常说明）')
    .option('--json', JSON_ZH)
    .action(async (raw: { from?: string; to?: string; batchSize?: string; acceptUnfinished?: string; json?: boolean }) => {
      const parsed = argsSchema.safeParse(raw);
      if (!parsed.success) {
        // zod's own checks in Chinese too (zodIssueZh), the English beside them (--batch-size said only "Too small: …").
        const said = (i: z.core.$ZodIssue) => (zodIssueZh(i) === i.message ? i.message : `${zodIssueZh(i)}（${i.message}）`);
        throw new Error(`参数无效：${parsed.error.issues.map((i) => `--${i.path.join('.').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${said(i)}`).join('；')}`);
      }
      const args = parsed.data;
      if (args.acceptUnfinished !== undefined) return acceptUnfinished(args.acceptUnfinished, args.json);
      const tty = !args.json && process.stderr.isTTY === true;
      const bar = new SingleBar({ format: '复制事件 {bar} {percentage}% | {value}/{total} 个事件 | 剩余 {eta_formatted}', stream: process.stderr, hideCursor: true });
      let barStarted = false;
      const onProgress = (p: CopyProgress) => {
        logger.debug({ progress: p }, 'migrate-store');
        if (!tty) return;
        if (p.phase === 'copy') {
          if (!barStarted) {
            bar.start(p.total ?? 0, p.done);
            barStarted = true;
          } else bar.update(p.done);
          return;
        }
        if (barStarted) {
          bar.stop();
          barStarted = false;
        }
        process.stderr.write(`${PHASE_ZH[p.phase]}…\n`);
      };

      let source: StandaloneEventStore | undefined;
      let target: StandaloneEventStore | undefined;
      const started = Date.now();
      let report = undefined as CopyReport | undefined;
      let tokens = null as { readonly copied: number; readonly revoked: number } | null;
      const copy = async (here?: StandaloneEventStore, hereName?: string) => {
        // A store that cannot be opened is named (found by a review: a missing --to database was blamed on DATABASE_URL).
        source = args.from === undefined ? here : await onConnection('源事件库（--from）', () => openEventStoreAt(args.from!, { log: (m) => logger.debug(m) }));
        target = args.to === undefined ? here : await onConnection('目标事件库（--to）', () => openEventStoreAt(args.to!, { log: (m) => logger.debug(m) }));
        const sourceName = args.from === undefined ? hereName : redactUrl(args.from);
        report = await copyEventStore(source!.store, target!.store, { batchSize: args.batchSize, onProgress, ...(sourceName === undefined ? {} : { sourceName }) });
        // Between two PostgreSQL ledgers the API tokens go too (with EventStoreDB they stay in DATABASE_URL's database).
        if (source!.sql && target!.sql) tokens = await copyApiTokens(source!.sql, target!.sql);
      };
      try {
        if (args.from === undefined || args.to === undefined) await withThisLedger(args.from === undefined, copy);
        else await copy();
      } catch (error) {
        if (!(error instanceof StoreCopyError)) throw error;
        if (args.json) printJson({ ok: false, error: { failure: error.failure, message: error.message, streamId: error.streamId ?? null, revision: error.revision ?? null } });
        else {
          const where = error.streamId !== undefined ? `：事件流 ${error.streamId}，第 ${error.revision ?? 0} 号事件` : '';
          process.stderr.write(`迁移中止 — ${FAILURE_ZH[error.failure]}${where}。\n(${error.message})\n`);
        }
        process.exitCode = EXIT_MIGRATION_STOPPED;
        return;
      } finally {
        if (barStarted) bar.stop();
        await source?.close();
        await target?.close();
      }
      const seconds = (Date.now() - started) / 1000;
      if (report === undefined) return;
      const from = args.from === undefined ? THIS_LEDGER_ZH : redactUrl(args.from);
      const to = args.to === undefined ? THIS_LEDGER_ZH : redactUrl(args.to);
      if (args.json) {
        printJson({ ok: true, from: args.from === undefined ? null : from, to: args.to === undefined ? null : to, ...report, tokens, seconds });
        return;
      }
      process.stdout.write(
        `迁移完成：${from} → ${to}\n` +
          `源库 ${report.sourceStreams} 条事件流、${report.sourceEvents} 个事件，哈希链完整；本次复制 ${report.copied} 个事件，目标库已有 ${report.alreadyPresent} 个（续传时跳过，哈希一致）。\n` +
          (report.sourceOutsideTheOrder > 0
            ? `源库有 ${report.sourceOutsideTheOrder} 个事件不在其服务器的全局顺序内（从另一台服务器的备份恢复而来）：已按其存储的原顺序复制，在目标库中顺序正常。\n`
            : '') +
          `目标库 ${report.targetStreams} 条事件流、${report.targetEvents} 个事件，哈希链完整，各事件流流头与源库一致。` +
          (report.sourceUnfinishedCopy !== null
            ? `\n注意：源库本身是一次未完成的迁移的目标（${unfinishedCopyZh(report.sourceUnfinishedCopy, report.sourceEvents).replace(/^(校验未通过|注意)：/, '')}）；目标库照样标明。\n`
            : report.targetMarked
              ? ''
              : '（目标库为 EventStoreDB，不能存放“复制未完成”的标记：中途停止的复制在其上 verify 不会指出，请以本命令的“迁移完成”为准。）') +
          (tokens ? `API 令牌：新复制 ${tokens.copied} 个${tokens.revoked > 0 ? `，另有 ${tokens.revoked} 个在目标库中随源库吊销` : ''}（只存哈希；已吊销的照旧吊销）。` : '') +
          `用时 ${seconds.toFixed(1)} 秒。\n`,
      );
    });
}

/**
 * This ledger is the target of a copy that will never finish (its source lost): the operator takes it
 * as it is. The mark stays, with who, when and why, and `verify` says it from then on; nothing else
 * changes (found by a crash-safety review: a copy stopped part-way passed verify as the whole ledger,
 * and refusing it without a way on would block the recovery it exists for).
 */
async function acceptUnfinished(reason: string, json: boolean): Promise<void> {
  const by = `cli:${userInfo().username}`;
  const [accepted, held] = await withLedger(async (ledger) => {
    const store = ledger.store as Partial<UnfinishedCopyMark> & typeof ledger.store;
    if (store.acceptUnfinishedCopy === undefined) throw new Error('本台账的事件库不存放迁移标记（EventStoreDB），无须确认 (this event store keeps no copy mark)');
    const current = await store.unfinishedCopy?.();
    if (!current) return [null, 0] as const;
    const result = await store.acceptUnfinishedCopy(reason, by);
    let events = 0;
    for await (const h of ledger.store.scanHeads()) events += h.revision + 1;
    return [result, events] as const;
  });
  if (accepted === null) {
    const error = Object.assign(new Error('this ledger is not the target of an unfinished copy: nothing to accept'), {
      code: 'NO_UNFINISHED_COPY',
      messageZh: '本台账不是未完成的迁移的目标，无须确认',
    });
    throw error;
  }
  if (json) return printJson({ ok: true, unfinishedCopy: accepted, events: held });
  process.stdout.write(`已确认：${unfinishedCopyZh(accepted, held).replace(/^注意：/, '')}\n`);
}
