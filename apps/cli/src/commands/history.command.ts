import type { Command } from 'commander';
import { toRecordedEvent } from '@ledger/application';
import { cadreHistory, calendarDateSchema, streamIdOf, type CalendarDate } from '@ledger/domain';
import { printJson, withLedger } from '../cli-runtime';
import { printTable } from '../table';

const TYPE_ZH: Record<string, string> = {
  CadreRegistered: '登记',
  AppointedToPost: '任职',
  RemovedFromPost: '免职',
  Transferred: '交流',
  SecondmentStarted: '借调开始',
  SecondmentEnded: '借调结束',
  TemporaryPostingStarted: '挂职开始',
  TemporaryPostingEnded: '挂职结束',
  RankSet: '职级确定',
  RankPromoted: '职级晋升',
  AnnualAssessmentRecorded: '年度考核',
  SanctionImposed: '处分',
  SanctionRescinded: '撤销处分',
  Commended: '表彰',
  TrainingCompleted: '培训',
  TalkHeld: '谈话',
  HealthCheckCompleted: '体检',
  EntryRetracted: '更正（撤回）',
  AppealFiled: '申诉',
  AppealDecided: '申诉决定',
};

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
      const stored = await withLedger((l) => l.store.readStream(streamIdOf('cadre', cadreId)));
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
            TYPE_ZH[s.type] ?? s.type,
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
