import type { Command } from 'commander';
import { actorZh, describeContext, describeEventZh, EVENT_TYPE_NAMES_ZH, isCareerEventType, shanghaiInstant } from '@ledger/domain';
import { historyParamsSchema, type HistoryAnswer } from '@ledger/projections';
import { toRecordedEvent } from '@ledger/application';
import { printJson, reportUnknownCadre, withLedger } from '../cli-runtime';
import { cliReadModelQueries, parseOptions } from '../read-models-cli';
import { printable, printTable } from '../table';
import { todayInShanghai } from '../clock';
import { JSON_AS_API_ZH } from '../help-zh';

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('干部履历：本人及针对本人的复核或申诉的全部事件，撤回、撤销处分或组织处理、复核或申诉及因果双向关联')
    .argument('<cadreId>', '干部编号')
    .option('--as-of <date>', '只列生效日期在此日或之前的事件（YYYY-MM-DD）；撤回记录、撤销处分或组织处理自始适用，生效日期在此日之后也列出，并注明')
    .option('--known-at <instant>', '按当时所知：只列此时刻或之前录入的事件（ISO-8601；只写日期表示当日北京时间结束时）')
    .option('--json', JSON_AS_API_ZH)
    .action(async (cadreId: string, options: { asOf?: string; knownAt?: string; json?: boolean }) => {
      const params = parseOptions(
        historyParamsSchema,
        { cadreId, ...(options.asOf !== undefined ? { asOf: options.asOf } : {}), ...(options.knownAt !== undefined ? { knownAt: options.knownAt } : {}) },
        { cadreId: '干部编号', asOf: '--as-of', knownAt: '--known-at' },
      );
      const answer = await withLedger((ledger) => cliReadModelQueries(ledger).history({ ...params, today: todayInShanghai() }), { asks: true, knownAt: options.knownAt });
      if (!answer) {
        reportUnknownCadre(cadreId, options.json, options.knownAt);
        return;
      }
      if (options.json) return printJson(answer);
      printHistory(answer);
    });
}

function printHistory(answer: HistoryAnswer): void {
  const warnings = answer.warningsZh;
  if (warnings.length > 0) {
    // Before the table: an auditor must not read an edited history as fact (found by a review).
    const lead = answer.chains.intact ? '本履历中有记录无法读取' : '本履历的哈希链校验未通过';
    process.stdout.write(`警告：${lead}，以下内容可能被绕过台账改动，请运行 verify 核查并告知系统管理员。\n${warnings.map((w) => `  · ${printable(w)}`).join('\n')}\n\n`);
  }
  const readable = answer.events.filter((e) => !e.unreadable);
  const readableEvents = new Map(readable.map((e) => [e.eventId, toRecordedEvent(e)]));
  const events = [...readableEvents.values()];
  // The one renderer of the HTML export: "任 福店镇 党委书记".
  const ctx = describeContext(
    events,
    new Map(answer.orgUnits.map((u) => [u.orgUnitId, u])),
    new Map([{ cadreId: answer.cadreId, name: answer.cadreName }, ...answer.cadres].flatMap((c) => (c.name === null ? [] : [[c.cadreId, c.name] as const]))),
  );
  const scope = [answer.asOf ? `截至 ${answer.asOf}` : '', answer.knownAt ? `按 ${shanghaiInstant(answer.knownAt)} 所知` : ''].filter(Boolean).join('，');
  process.stdout.write(`${printable(answer.cadreName ?? '（未登记姓名）')}（${answer.cadreId}）履历，共 ${answer.events.length} 条${scope ? `（${scope}）` : ''}，按生效日期排列：\n\n`);
  // By effective date, as the web timeline lists them; the store's order among one date (found by a
  // review: an import stored an appeal before the sanction it names, and the table began with it).
  const rows = answer.events.map((e) => ({ e, event: readableEvents.get(e.eventId) })).sort((a, b) => (a.e.effectiveDate < b.e.effectiveDate ? -1 : a.e.effectiveDate > b.e.effectiveDate ? 1 : 0));
  const rowOf = new Map(rows.map((r, i) => [r.e.eventId, i + 1]));
  const retracted = new Set(answer.events.filter((e) => e.links.retractedBy.length > 0).map((e) => e.eventId));
  // A link names the row it points at, with the event id (the table shows no id column; found by a review).
  const ref = (id: string) => (rowOf.has(id) ? `第 ${rowOf.get(id)} 条（${id}）` : id);
  printTable(
    ['序号', '生效日期', '事项', '内容', '文号', '录入时间', '录入人', '关联'],
    rows.map(({ e, event }, i) => {
      const links = [
        ...e.links.retractedBy.map((id) => `已被 ${ref(id)} 撤回`),
        ...(e.links.retracts ? [`撤回 ${ref(e.links.retracts)}`] : []),
        // A rescission retracted since no longer stands (found by a review: the sanction read as rescinded).
        ...e.links.rescindedBy.map((id) => `已被 ${ref(id)} 撤销${retracted.has(id) ? '（该撤销已被撤回，不再有效）' : ''}`),
        ...(e.links.rescinds ? [`撤销 ${ref(e.links.rescinds)}`] : []),
        ...e.links.appealedBy.map((id) => `被 ${ref(id)} 提出复核或申诉`),
        ...(e.links.appealOf ? [`复核或申诉对象 ${ref(e.links.appealOf)}`] : []),
        ...(e.links.causedBy ? [`由 ${ref(e.links.causedBy)} 引起`] : []),
        ...e.links.causes.map((id) => `引起 ${ref(id)}`),
        ...(e.links.forAppeal ? [`落实 ${ref(e.links.forAppeal)} 的复核或申诉结果`] : []),
        ...(e.links.carriedOutBy ?? []).map((id) => `结果由 ${ref(id)} 落实`),
      ];
      return [
        String(i + 1),
        // A retraction or rescission dated after --as-of is listed (it voids its target from its start): said so (found by a CLI review: unmarked, it read as a row the option should have left out).
        e.effectiveDate + (e.scheduled ? '（待生效）' : answer.asOf && e.effectiveDate > answer.asOf ? '（晚于截至日期，自始适用）' : ''),
        isCareerEventType(e.type) ? EVENT_TYPE_NAMES_ZH[e.type] : e.type,
        event ? describeEventZh(event, ctx) : `【无法读取：不符合该类事项的格式${e.unreadable?.field ? `（字段 ${e.unreadable.field}）` : ''}，可能被改动】${JSON.stringify(e.data)}`,
        e.documentRef ?? '',
        shanghaiInstant(e.recordedAt),
        actorZh(e.actor),
        links.join('；'),
      ];
    }),
  );
}
