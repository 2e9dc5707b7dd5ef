/**
 * `npm run demo`: the newcomer's first look. Serves the API on an embedded PostgreSQL in a separate
 * demo data directory (`.ledger-demo/`, never the real `.ledger-data/`), loads a generated sample
 * county on first start, reuses its two demo tokens across starts (demo-tokens.ts), and prints
 * where to look. An occupied PORT stops it before anything is set up, with a message naming PORT.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pino from 'pino';
import { importNdjson } from '@ledger/application';
import { DEMO_LOADED_MARKER, demoDataDir, loadConfig } from '@ledger/config';
import { outputMayBeGone, STOP_SIGNALS } from '@ledger/database';
import { ERROR_PREFIX_ZH, TM10_NAME_ZH, TM6B_NAME_ZH } from '@ledger/domain';
import { generateCounty } from '@ledger/generator';
import { openLedger, startFailureText } from '@ledger/runtime';
import { systemClock } from './platform/clock';
import { createApp } from './create-app';
import { demoTokens } from './demo-tokens';
import { stopServing } from './platform/graceful-close';
import { assertPortFree, isAddressInUse, PortInUseError } from './platform/port';

const DEMO = { townships: 12, years: 20, seed: 2026 };

/** Set once a stop signal is being answered: the import it cuts short then fails, which is no error to report. */
let stopping = false;

async function main(): Promise<void> {
  // The demo never touches real data: its own directory unless explicitly pointed elsewhere, and
  // never a configured PostgreSQL or EventStoreDB (found by a review: with EVENTSTORE_URL set, the
  // generated county went into that append-only store, for good).
  const config = loadConfig({
    ...process.env,
    LEDGER_DATA_DIR: demoDataDir(),
    DATABASE_URL: '',
    EVENTSTORE_URL: '',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const log = pino({ level: config.LOG_LEVEL, base: { app: 'ledger-demo' } });
  const say = (text: string) => process.stdout.write(`${text}\n`);
  await assertPortFree(config.HOST, config.PORT, 'npm run demo');
  say(`演示数据目录：${config.dataDir}（与正式数据 .ledger-data/ 分开）`);
  const ledger = await openLedger(config, { log: (m) => log.debug(m) });
  const [{ n }] = (await ledger.db.sql`select count(*)::int as n from events`) as unknown as [{ n: number }];
  // Loaded only when the marker says the whole county is in: a first load stopped part-way (Ctrl+C)
  // served half a county as if whole (found by a review). Importing again stores only what is missing.
  // An empty ledger beside a marker (its database folder wiped) is loaded too (found by a review).
  const marker = join(config.dataDir, DEMO_LOADED_MARKER);
  if (!existsSync(marker) || n === 0) {
    say(
      n === 0
        ? `首次启动：生成并导入一个模拟县（${DEMO.townships} 个乡镇、${DEMO.years} 年履历）…`
        : `模拟县可能未导入完整（已有 ${n} 个事件，上次导入被中断，或由较早版本导入）：补全缺少的部分，已导入的不会重复…`,
    );
    const interrupted = () => {
      outputMayBeGone();
      stopping = true;
      say('\n已中断：模拟县尚未导入完整，下次运行 npm run demo 会继续导入。');
      void ledger.close().finally(() => process.exit(130));
    };
    for (const signal of STOP_SIGNALS) process.once(signal, interrupted);
    const started = Date.now();
    const lines = Readable.from(
      (function* () {
        for (const line of generateCounty(DEMO)) yield `${JSON.stringify(line)}\n`;
      })(),
    );
    const result = await importNdjson(lines, ledger.store, () => systemClock.today(), { actor: 'demo:generator' });
    say(`已导入 ${result.accepted} 条（其中此前已导入 ${result.alreadyPresent} 条；拒绝 ${result.rejectedCount} 条），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。`);
    writeFileSync(marker, `${new Date().toISOString()} ${result.accepted} lines\n`);
    for (const signal of STOP_SIGNALS) process.removeListener(signal, interrupted);
  }
  const app = await createApp(ledger);
  const shutdown = () => {
    outputMayBeGone();
    stopServing(app, ledger);
  };
  for (const signal of STOP_SIGNALS) process.once(signal, shutdown);
  try {
    await app.listen(config.PORT, config.HOST);
  } catch (error) {
    await app.close().then(() => ledger.close(), () => ledger.close()).catch(() => undefined);
    throw isAddressInUse(error) ? new PortInUseError(config.PORT, 'npm run demo') : error;
  }
  // Only now that the port is ours: no token is issued for a demo that cannot serve.
  const { tokens, issued } = await demoTokens(ledger.db.sql, config.dataDir, config.TOKEN_DEFAULT_TTL);
  const orgDept = tokens.ORG_DEPT;
  const auditor = tokens.AUDITOR;
  const base = `http://${config.HOST}:${config.PORT}`;
  say('');
  say(`台账接口已启动：${base}`);
  say(`  网页版：${base}/  （粘贴下面的令牌登录）`);
  say(`  接口文档（OpenAPI）：${base}/docs`);
  say(issued.length === 0 ? `  令牌沿用上次启动的（保存在 ${config.dataDir}/demo-tokens.json）：` : `  新令牌（保存在 ${config.dataDir}/demo-tokens.json，下次启动沿用）：`);
  say(`  组织部令牌：${orgDept.token}`);
  say(`  审计令牌：  ${auditor.token}`);
  say('');
  say('试试：');
  say(`  ${TM6B_NAME_ZH}资格（2025-12-31）：curl -H "Authorization: Bearer ${orgDept.token}" "${base}/v1/eligibility/in-post-promotion?asOf=2025-12-31"`);
  say(`  ${TM10_NAME_ZH}推荐人选（2021-2025）：curl -H "Authorization: Bearer ${orgDept.token}" "${base}/v1/commendations/excellent-township-party-secretary/candidates?cycle=2021-2025"`);
  say(`  一名干部的履历：curl -H "Authorization: Bearer ${auditor.token}" "${base}/v1/cadres/C000001/history"`);
  say(`  命令行：LEDGER_DATA_DIR=${config.dataDir} npm run ledger -- eligibility --as-of 2025-12-31`);
  say('按 Ctrl-C 停止。');
}

main().catch((error: unknown) => {
  if (stopping) return; // the stop signal's handler closes the ledger and exits
  if (error instanceof PortInUseError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${ERROR_PREFIX_ZH}${startFailureText(error)}\n`);
  process.exit(1);
});
