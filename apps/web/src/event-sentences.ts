/**
 * The sentence a cadre's history says of each of its events, shared by the timeline and the record
 * form's hint beside 撤回对象 / 复核或申诉对象 (one renderer, found by duplicates when the hint came).
 */
import type { Answer } from './api/client';
import { describeContext, describeEventZh, type RecordedEvent } from './vocabulary';

type HistoryEvent = Answer<'HistoryDto'>['events'][number];

/**
 * The sentence for each event: the domain's renderer (the one the CLI's history and the audit
 * export use), with the org units' names and kinds and the other cadres' names the answer carries.
 */
export function eventSentences(history: Answer<'HistoryDto'>, orgUnits: ReadonlyMap<string, { name: string | null; kind: string | null }>): (e: HistoryEvent) => string {
  const cadreNames = new Map(history.cadres.flatMap((c) => (c.name ? [[c.cadreId, c.name] as const] : [])));
  // The page's own cadre too, whom another cadre's event on the page names by id (a recommendation
  // read “肖山（C000001）向县委实名推荐 C000009 为…” on C000009's own page).
  if (history.cadreName && !cadreNames.has(history.cadreId)) cadreNames.set(history.cadreId, history.cadreName);
  // The answer's events are stored events; the override is shown as a tag beside the sentence.
  const asRecorded = (e: HistoryEvent) => ({ ...e, override: undefined }) as unknown as RecordedEvent;
  // An event that fails its schema (edited past the ledger) is shown as stored, never read as its type.
  const context = describeContext(history.events.filter((e) => !e.unreadable).map(asRecorded), orgUnits, cadreNames);
  return (e) =>
    e.unreadable
      ? `【无法读取：不符合该类事项的格式${e.unreadable.field ? `（字段 ${e.unreadable.field}）` : ''}，可能被改动】${JSON.stringify(e.data)}`
      : describeEventZh(asRecorded(e), context);
}
