/**
 * compareExportWithLedger: a file that agrees with itself is the ledger's only when its stream
 * heads and related events are the ledger's own events, hash for hash. Given an export and a
 * ledger, when the file was forged consistently (its chains and document hash recomputed), or the
 * ledger lost or changed an event, then the comparison names the event; events appended since are
 * a later state, not a discrepancy.
 */
import { buildCadreExport } from './build-export';
import { compareExportWithLedger, describeLedgerComparisonZh } from './compare-with-ledger';
import type { AuditExport } from './export-document';
import { forgedConsistently, withEventCut } from './testing/forge';
import { EXPORT_OPTIONS, SampleLedger, sampleCountyLedger, type SampleEvent } from './testing/sample-ledger';
import { verifyExport } from './verify-export';

async function exportOf(ledger: SampleLedger): Promise<AuditExport> {
  const doc = await buildCadreExport(ledger, 'C1', EXPORT_OPTIONS);
  if (!doc) throw new Error('no export');
  return doc;
}

const LATER_EVENTS: SampleEvent[] = [
  { streamId: 'cadre-C1', eventId: 'c1-later', type: 'TrainingCompleted', effectiveDate: '2024-06-01', data: { programme: '县委党校中青班', level: 'COUNTY' } },
  { streamId: 'appeal-A2', eventId: 'a2-filed', type: 'AppealFiled', effectiveDate: '2024-06-02', data: { cadreId: 'C1', targetEventId: 'c1-later' } },
];

describe('compareExportWithLedger', () => {
  it('given a genuine export, then every head and related event is the ledger’s own', async () => {
    const ledger = sampleCountyLedger();
    const doc = await exportOf(ledger);
    const compared = await compareExportWithLedger(doc, ledger);
    expect(compared).toMatchObject({ ok: true, appealStreamsNotInFile: [] });
    expect(compared.events.filter((e) => e.role === 'STREAM_HEAD').map((e) => e.streamId)).toEqual(['cadre-C1', 'appeal-A1']);
    expect(compared.events.map((e) => e.role)).toContain('ORG_UNIT_REGISTRATION');
    expect(compared.events.every((e) => e.ok && e.ledgerHash === e.fileHash)).toBe(true);
    expect(compared.streams.map((s) => s.appendedSince)).toEqual([0, 0]);
    expect(describeLedgerComparisonZh(compared)[0]).toMatch(/^与台账核对一致：2 条事件流的 \d+ 个事件及 \d+ 个关联事件均为台账中的同一事件/);
  });

  it('given events appended and an appeal filed after the export, then the file still matches, and the later state is said', async () => {
    const ledger = sampleCountyLedger();
    const doc = await exportOf(ledger);
    ledger.recordFrom('2024-06-01T01:00:30.000Z').append(...LATER_EVENTS); // within a minute of generatedAt: perhaps in flight
    const compared = await compareExportWithLedger(doc, ledger);
    expect(compared).toMatchObject({ ok: true, omitted: [] });
    expect(compared.streams.find((s) => s.streamId === 'cadre-C1')).toMatchObject({ appendedSince: 1 });
    expect(compared.appealStreamsNotInFile).toEqual(['appeal-A2']);
    const said = describeLedgerComparisonZh(compared).join('\n');
    expect(said).toContain('事件流 cadre-C1 在导出后又追加了 1 个事件');
    expect(said).toContain('另有该干部的复核或申诉 appeal-A2');
  });

  it('given events and an appeal the ledger recorded before the export and the file lacks (its newest events cut off), then they are named as omitted (found by a review: such a file passed)', async () => {
    const ledger = sampleCountyLedger();
    const doc = await exportOf(ledger); // generatedAt 2024-06-01T01:00Z
    ledger.recordFrom('2024-05-31T23:00:00.000Z').append(...LATER_EVENTS); // an hour before it
    const compared = await compareExportWithLedger(doc, ledger);
    expect(compared.ok).toBe(false);
    expect(compared.events.every((e) => e.ok)).toBe(true); // every head the file has is the ledger's
    expect(compared.omitted.map((o) => [o.streamId, o.eventId])).toEqual([
      ['cadre-C1', 'c1-later'],
      ['appeal-A2', 'a2-filed'],
    ]);
    const said = describeLedgerComparisonZh(compared).join('\n');
    expect(said).toContain('与台账核对未通过：文件缺少台账在导出前已录入的 2 个事件');
    expect(said).toContain('缺少：事件流 cadre-C1 第 7 号事件（c1-later，培训），台账录入于 2024-06-01 07:00:00 +08:00');
    expect(said).not.toContain('导出后又追加');
  });

  it('given an event cut from the middle of a stream, the later ones renumbered and the file resealed, then the cut event is named as omitted, the renumbered ones with the ledger’s place, and nothing is said appended (found by an appeals review)', async () => {
    const ledger = sampleCountyLedger();
    const doc = await exportOf(ledger);
    const cut = withEventCut(doc, 'c1-grade-2021');
    expect(verifyExport(cut).ok).toBe(true); // it agrees with itself
    const cadre = doc.streams.find((s) => s.streamId === 'cadre-C1')!;
    const at = cadre.events.find((e) => e.eventId === 'c1-grade-2021')!.revision;
    const later = cadre.events.filter((e) => e.revision > at).map((e) => e.eventId);
    expect(later.length).toBeGreaterThan(0);
    const compared = await compareExportWithLedger(cut, ledger);
    expect(compared.ok).toBe(false);
    expect(compared.omitted.map((o) => [o.streamId, o.revision, o.eventId])).toEqual([['cadre-C1', at, 'c1-grade-2021']]);
    expect(compared.streams.find((s) => s.streamId === 'cadre-C1')).toMatchObject({ appendedSince: 0, ledgerHeadRevision: cadre.head!.revision });
    const moved = compared.events.filter((e) => !e.ok);
    expect(moved.map((e) => [e.eventId, e.reason, e.revision, e.ledgerRevision])).toEqual(later.map((id, i) => [id, 'PLACE_DIFFERS', at + i, at + i + 1]));
    const said = describeLedgerComparisonZh(compared).join('\n');
    expect(said).toContain(`缺少：事件流 cadre-C1 第 ${at} 号事件（c1-grade-2021，年度考核）`);
    expect(said).toContain(`事件流 cadre-C1 第 ${at} 号事件（${later[0]}，`);
    expect(said).toContain(`（台账中为事件流 cadre-C1 第 ${at + 1} 号）`);
    expect(said).not.toContain('导出后又追加');
  });

  it('given events recorded a minute or more after the export, then they are a later state; more than a minute before, an omission (the margin for writes in flight)', async () => {
    for (const [at, omitted] of [['2024-06-01T00:59:00.000Z', true], ['2024-06-01T00:59:00.001Z', false]] as const) {
      const ledger = sampleCountyLedger();
      const doc = await exportOf(ledger);
      ledger.recordFrom(at).append(LATER_EVENTS[0]!);
      expect([at, (await compareExportWithLedger(doc, ledger)).omitted.length > 0]).toEqual([at, omitted]);
    }
  });

  it('given a file forged consistently, when checked alone it passes, and against the ledger the forged event is named first, then each after it to the head', async () => {
    const ledger = sampleCountyLedger();
    const forged = forgedConsistently(await exportOf(ledger), 'c1-grade-2021', { grade: 'EXCELLENT' });
    expect(verifyExport(forged)).toMatchObject({ ok: true, derivedOk: true }); // the file agrees with itself
    const compared = await compareExportWithLedger(forged, ledger);
    expect(compared.ok).toBe(false);
    expect(compared.firstMismatch).toMatchObject({ role: 'STREAM_EVENT', streamId: 'cadre-C1', eventId: 'c1-grade-2021', reason: 'HASH_DIFFERS' });
    expect(compared.events.filter((e) => !e.ok).at(-1)).toMatchObject({ role: 'STREAM_HEAD', streamId: 'cadre-C1', reason: 'HASH_DIFFERS' });
    expect(describeLedgerComparisonZh(compared).join('\n')).toContain('台账中该事件的哈希与文件不同');
  });

  it('given a ledger that lost the head event, or holds a registration other than the file’s, then each is named', async () => {
    const ledger = sampleCountyLedger();
    const doc = await exportOf(ledger);
    const lost = await compareExportWithLedger(doc, new SampleLedger());
    expect(lost).toMatchObject({ ok: false, firstMismatch: { role: 'STREAM_EVENT', streamId: 'cadre-C1', revision: 0, reason: 'NOT_IN_LEDGER', ledgerHash: null } });
    expect(lost.events.filter((e) => e.role === 'STREAM_HEAD' && e.streamId === 'cadre-C1')).toEqual([expect.objectContaining({ reason: 'NOT_IN_LEDGER' })]);
    const registration = ledger.events.findIndex((e) => e.eventId === 'reg-T01');
    ledger.events[registration] = { ...ledger.events[registration]!, hash: 'f'.repeat(64) };
    const changed = await compareExportWithLedger(doc, ledger);
    expect(changed.events.filter((e) => !e.ok).map((e) => [e.role, e.eventId, e.reason])).toEqual([['ORG_UNIT_REGISTRATION', 'reg-T01', 'HASH_DIFFERS']]);
  });

  it('given the head event held at another revision, then its place differs', async () => {
    const ledger = sampleCountyLedger();
    const doc = await exportOf(ledger);
    const head = doc.streams[0]!.head!;
    const at = ledger.events.findIndex((e) => e.streamId === 'cadre-C1' && e.revision === head.revision);
    ledger.events[at] = { ...ledger.events[at]!, revision: head.revision + 1 };
    expect((await compareExportWithLedger(doc, ledger)).firstMismatch).toMatchObject({ streamId: 'cadre-C1', reason: 'PLACE_DIFFERS' });
  });
});
