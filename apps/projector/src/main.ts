/**
 * `npm run projector`: the projections in a process of their own, so API replicas do not each run
 * them (start the API with PROJECTIONS_IN_API=false). Run two or more for high availability: for
 * each projection exactly one process leads (advisory lock); the others stand by and take over
 * within seconds when the leader dies. PROJECTIONS=name,name limits this process to a group.
 */
import pino from 'pino';
import { z } from 'zod';
import { loadConfig } from '@ledger/config';
import { LEDGER_PROJECTIONS } from '@ledger/projections';
import { openLedger } from '@ledger/runtime';
import { ProjectionLeader } from './projector-leader';

const projectorEnv = z.object({
  PROJECTIONS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined)),
  PROJECTOR_RETRY_MS: z.coerce.number().min(100).max(60_000).int().default(2000),
});

async function main(): Promise<void> {
  const config = loadConfig();
  const env = projectorEnv.parse(process.env);
  const log = pino({ level: config.LOG_LEVEL, base: { app: 'ledger-projector', pid: process.pid } });
  const unknown = (env.PROJECTIONS ?? []).filter((n) => !LEDGER_PROJECTIONS.some((p) => p.name === n));
  if (unknown.length > 0) throw new Error(`unknown projection(s) in PROJECTIONS: ${unknown.join(', ')}; known: ${LEDGER_PROJECTIONS.map((p) => p.name).join(', ')}`);
  const ledger = await openLedger(config, { log: (m) => log.debug(m) });
  const selected = LEDGER_PROJECTIONS.filter((p) => !env.PROJECTIONS || env.PROJECTIONS.includes(p.name));
  const leaders = selected.map(
    (p) =>
      new ProjectionLeader(ledger.db.sql, ledger.store, p, {
        retryMs: env.PROJECTOR_RETRY_MS,
        pollIntervalMs: config.PROJECTION_POLL_INTERVAL_MS,
        log: (level, message, fields) => log[level](fields ?? {}, message),
      }),
  );
  log.info({ projections: selected.map((p) => p.name) }, 'projector started');
  const shutdown = (signal: string) => {
    log.info({ signal }, 'projector stopping');
    void Promise.all(leaders.map((l) => l.stop()))
      .then(() => ledger.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`错误 (error): ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
