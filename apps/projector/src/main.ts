/**
 * `npm run projector`: the projections in a process of their own, so API replicas do not each run
 * them (start the API with PROJECTIONS_IN_API=false). Run two or more for high availability: for
 * each projection exactly one process leads (advisory lock); the others stand by and take over
 * within seconds when the leader dies. PROJECTIONS=name,name limits this process to a group.
 */
import pino from 'pino';
import { z } from 'zod';
import { loadConfig, numberSetting, parseSettings } from '@ledger/config';
import { connect } from '@ledger/database';
import { LEDGER_PROJECTIONS, PROJECTIONS_WAKE_CHANNEL, projectionRunnerFor } from '@ledger/projections';
import { openLedgerForServing, startFailureText } from '@ledger/runtime';
import { ERROR_PREFIX_ZH } from '@ledger/domain';
import { ProjectionLeader } from './projector-leader';

const KNOWN_PROJECTIONS = LEDGER_PROJECTIONS.map((p) => p.name);
const UNKNOWN_PROJECTIONS = /^unknown projection\(s\): (.*); known: /;

/**
 * The projector's own settings, refused as loadConfig refuses the ledger's: naming the setting and
 * what it allows, in English and Chinese (found by an operations review: PROJECTOR_RETRY_MS=abc or
 * =5 printed zod's raw JSON after 错误：, and an unknown name in PROJECTIONS was said in English only).
 */
const projectorEnv = z.object({
  PROJECTIONS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined))
    .superRefine((names, ctx) => {
      const unknown = (names ?? []).filter((n) => !KNOWN_PROJECTIONS.includes(n));
      if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown projection(s): ${unknown.join(', ')}; known: ${KNOWN_PROJECTIONS.join(', ')}` });
    }),
  PROJECTOR_RETRY_MS: numberSetting(100, 60_000).default(2000),
});

const projectorMessagesZh = (message: string): string | undefined => {
  const unknown = UNKNOWN_PROJECTIONS.exec(message);
  return unknown ? `没有这些投影：${unknown[1]!.split(', ').join('、')}；可选：${KNOWN_PROJECTIONS.join('、')}（逗号分隔）` : undefined;
};

async function main(): Promise<void> {
  const config = loadConfig();
  const env = parseSettings(projectorEnv, process.env, projectorMessagesZh);
  const log = pino({ level: config.LOG_LEVEL, base: { app: 'ledger-projector', pid: process.pid } });
  // Every wait is bounded; this bounds the whole stop, so a supervisor never has to SIGKILL.
  const stopWithin30s = (signal: string) =>
    setTimeout(() => {
      log.error({ signal }, 'projector did not stop within 30 s; exiting');
      process.exit(1);
    }, 30_000).unref();
  // A stop asked while the ledger is still opening (a supervisor restarting it at once) ends the
  // opening at once, bounded as any stop is (openLedgerForServing).
  const { ledger, stopAsked, onStop } = await openLedgerForServing(config, log, { name: 'projector', whileOpening: stopWithin30s });
  const selected = LEDGER_PROJECTIONS.filter((p) => !env.PROJECTIONS || env.PROJECTIONS.includes(p.name));
  const leaders = selected.map(
    (p) =>
      new ProjectionLeader(p, {
        retryMs: env.PROJECTOR_RETRY_MS,
        log: (level, message, fields) => log[level](fields ?? {}, message),
        // The ledger's runner: PROJECTION_REBUILD_BACKLOG (a projector started far behind rebuilds in one pass) and, over EventStoreDB, the store's lag probe (found by a review: both were left out).
        runner: (projection) =>
          projectionRunnerFor(ledger, {
            projections: [projection],
            pollIntervalMs: config.PROJECTION_POLL_INTERVAL_MS,
            log: (level, message, fields) => log[level](fields ?? {}, message),
          }),
        lockClient: () => connect(ledger.db.url, 1, { session: true }),
      }),
  );
  // A read waiting for its projections (the API beside this process) says so on this channel: look now.
  await ledger.db.sql.listen(PROJECTIONS_WAKE_CHANNEL, () => {
    for (const leader of leaders) leader.poke();
  });
  log.info({ projections: selected.map((p) => p.name) }, 'projector started');
  const stop = (signal: string) => {
    log.info({ signal }, 'projector stopping');
    stopWithin30s(signal);
    void Promise.all(leaders.map((l) => l.stop()))
      .then(() => ledger.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ error: error instanceof Error ? error.message : String(error) }, 'projector stopped with an error');
          process.exit(1);
        },
      );
  };
  // A stop asked after the opening's last look (or during the listen above): honoured now.
  const asked = stopAsked();
  if (asked !== undefined) stop(asked);
  else onStop(stop);
}

/** What `npm run projector -- --help` says (found by a review: --help started a projector). */
const USAGE_ZH = `用法：npm run projector
在独立进程中维护读模型（投影）；接口请以 PROJECTIONS_IN_API=false 启动。可同时运行多个：每个投影由一个进程主导，其余待命，主导进程退出后数秒内接替。
环境变量：
  PROJECTIONS          只主导这些投影（逗号分隔：${LEDGER_PROJECTIONS.map((p) => p.name).join(', ')}），默认全部
  PROJECTOR_RETRY_MS   待命进程尝试接替、主导进程确认仍持有锁的间隔（毫秒，100–60000，默认 2000）
  LEDGER_DATA_DIR、DATABASE_URL、EVENTSTORE_URL、PROJECTION_POLL_INTERVAL_MS、LOG_LEVEL：同接口（见 README）
按 Ctrl+C 或发送 SIGTERM 停止。
`;

if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
  process.stdout.write(USAGE_ZH);
  process.exit(0);
}
const unexpected = process.argv.slice(2);
if (unexpected.length > 0) {
  process.stderr.write(`${ERROR_PREFIX_ZH}投影服务不接受参数：${unexpected.join(' ')}（用环境变量配置，见 --help）\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${ERROR_PREFIX_ZH}${startFailureText(error)}\n`);
  process.exit(1);
});
