import type { Command } from 'commander';
import { compareAllPositions } from '@ledger/event-store';
import { toRecordedEvent } from '@ledger/application';
import { EVENT_TYPE_NAMES_ZH } from '@ledger/audit';
import { cadreHistory, calendarDateSchema, streamIdOf, type CalendarDate } from '@ledger/domain';
import { printJson, withLedger } from '../cli-runtime';
import { printTable } from '../table';


export function registerHistory(program: Command): void {
  program
    .command('history <cadreId>')
    .description('干部履历全部事件（含撤回、撤销处分的双向关联）')
    .option('--as-of <date>', 'only events effective on or before this date (YYYY-MM-DD)')
    .option('--known-at <instant>', 'only events recorded at or before this instant (ISO-8601)')
    .option('--json', 'machine-readable output')
    .action(async (cadreId: string, options: { asOf?: string; knownAt?: string; json?: boolean }) => {
      if (options.asOf !== undefined && !calendarDateSchema.safeParse(options.asOf).success) throw new Error('--as-of must be a calendar date YYYY-MM-DD');
      if (options.knownAt !== undefined && Number.isNaN(Date.parse(options.knownAt))) throw new Error('--known-at must be an ISO-8601 instant');
      const knownAt = options.knownAt !== undefined ? new Date(Date.parse(options.knownAt)).toISOString() : undefined;
      // The cadre's stream, and the recommendations of the cadre by a township party secretary (TM5, on the secretary's stream).
      const stored = await withLedger(async (l) => {
        const own = await l.store.readStream(streamIdOf('cadre', cadreId));
        if (own.length === 0) return own;
        const recommended = await l.store.findEventsByData('LeaderRecommended', 'recommendedCadreId', cadreId);
        return [...own, ...recommended].sort((a, b) => compareAllPositions(a.position, b.position));
      });
      if (stored.length === 0) {
        process.stderr.write(`没有干部 ${cadreId} 的记录。\n`);
        process.exitCode = 1;
        return;
      }
      const byId = new Map(stored.map((e) => [e.eventId, e]));
      const entries = cadreHistory(stored.map(toRecordedEvent), {
        ...(options.asOf ? { asOf: options.asOf as CalendarDate, onlyEffective: true } : {}),
        ...(knownAt ? { knownAt } : {}),
      });
      if (options.json) {
        printJson({
          cadreId,
          asOf: options.asOf ?? null,
          knownAt: knownAt ?? null,
          events: entries.map((e) => ({ ...byId.get(e.event.eventId)!, links: e.links, counts: e.counts, scheduled: e.scheduled })),
        });
        return;
      }
      printTable(
        ['序号', '生效日期', '事项', '内容', '文号', '记录时间', '记录人', '关联'],
        entries.map((e) => {
          const s = byId.get(e.event.eventId)!;
          const links = [
            ...e.links.retractedBy.map((id) => `已被 ${id} 撤回`),
            ...(e.links.retracts ? [`撤回 ${e.links.retracts}`] : []),
            ...e.links.rescindedBy.map((id) => `已被 ${id} 撤销`),
            ...(e.links.rescinds ? [`撤销 ${e.links.rescinds}`] : []),
            ...e.links.appealedBy.map((id) => `被 ${id} 申诉`),
          ];
          return [
            String(s.revision),
            s.effectiveDate + (e.scheduled ? '（待生效）' : ''),
            (EVENT_TYPE_NAMES_ZH as Record<string, string>)[s.type] ?? s.type,
            JSON.stringify(s.data),
            s.documentRef ?? '',
            s.recordedAt.replace('T', ' ').slice(0, 19),
            s.actor,
            links.join('；'),
          ];
        }),
      );
    });
}
