/**
 * What an event id typed into the record form names (撤回对象, 复核或申诉对象): the event of that cadre's record in
 * the words the cadre's timeline uses (its 生效日期 and the domain's sentence, describeEventZh), or that the cadre's
 * record holds no such event. The forms showed only the id, often a UUID pre-filled from the timeline, with nothing
 * saying what it was (found by a web review). For a role that may read the cadre's history, as the cadre's name
 * beside 干部编号 (CadreNameHint); nothing while the history is on its way, failed or has no such cadre (the name hint
 * says that one).
 */
import { useQuery } from '@tanstack/react-query';
import { isIdentifier } from '@ledger/domain';
import { Form, Typography } from 'antd';
import { type Answer, api, unwrap } from '../api/client';
import { useSession } from '../session';
import { eventSentences } from '../event-sentences';
import { halfWidth } from '../view';

type History = Answer<'HistoryDto'>;
type HistoryEvent = History['events'][number];

/** A sentence of free text (a sanction's grounds, a reason) is cut here: the hint sits under a field, not in a table. */
const LONGEST = 120;

/** The timeline's sentence for `e`, cut to LONGEST. */
function sentenceOf(history: History, e: HistoryEvent): string {
  const sentence = eventSentences(history, new Map(history.orgUnits.map((u) => [u.orgUnitId, { name: u.name, kind: u.kind }])))(e);
  return sentence.length > LONGEST ? `${sentence.slice(0, LONGEST)}…` : sentence;
}

/** The event `eventId` of cadre `cadreId`'s own record, said beside the field. */
export function TargetEventHint({ cadreId, eventId }: { cadreId: string; eventId: string }) {
  const { can } = useSession();
  const asked = can('readHistory') && isIdentifier(cadreId) && eventId !== '';
  // The timeline's own query: a form opened from the timeline's 撤回 or 提出复核或申诉 says it at once.
  const history = useQuery({
    queryKey: ['history', cadreId],
    enabled: asked,
    queryFn: () => unwrap(api.GET('/v1/cadres/{cadreId}/history', { params: { path: { cadreId } } })),
  });
  if (!asked || !history.data) return null;
  // The cadre's own stream: an appeal's event shown in the history is no record a retraction or an appeal names.
  const e = history.data.events.find((x) => x.eventId === eventId && x.streamId === `cadre-${cadreId}`);
  return (
    <Typography.Text type="secondary" data-testid="target-event-hint" style={{ display: 'block', overflowWrap: 'anywhere' }}>
      {e ? `事件：${e.effectiveDate} ${sentenceOf(history.data, e)}${e.counts ? '' : '（已撤回）'}` : '台账中该干部的记录里没有此事件'}
    </Typography.Text>
  );
}

/** TargetEventHint for the form's fields: the cadre's id in `cadreField` (read as typed ids are: Ｃ１ is C1), the event's in `eventField`. */
export function WatchedTargetEventHint({ cadreField, eventField }: { cadreField: string; eventField: string }) {
  const form = Form.useFormInstance();
  const cadreId = halfWidth(String(Form.useWatch(cadreField, form) ?? '')).trim();
  const eventId = String(Form.useWatch(eventField, form) ?? '').trim();
  return <TargetEventHint cadreId={cadreId} eventId={eventId} />;
}
