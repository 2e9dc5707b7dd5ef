/**
 * What a file carries beside its own chains (found by a review: each of these passed).
 * `verify-export FILE [--against-ledger]` (README: "recomputes … every related event's link
 * (the recommendations of the cadre on their recommenders' streams …) … `--against-ledger` compares
 * them itself with the ledger … each must be the very event the ledger holds … a file forged with its
 * hashes recomputed agrees with itself and fails here").
 *
 * The forger here does what forge.ts does for a changed event: edits the file, then derives the links
 * and the summary again and recomputes the document hash. Every event left in the file is the
 * ledger's own, hash for hash; what changed is which events the file carries. The ledger recorded
 * every event months before the export (well outside OMISSION_MARGIN_MS).
 *
 * compareExportWithLedger and verifyExport are what `verify-export --against-ledger` and
 * POST /v1/audit/verify-export run.
 */
import { buildCadreExport } from './build-export';
import { compareExportWithLedger, describeLedgerComparisonZh } from './compare-with-ledger';
import type { AuditExport } from './export-document';
import { anotherCadreWithAppeal, EXPORT_OPTIONS, sampleCountyLedger, type SampleLedger } from './testing/sample-ledger';
import { resealed } from './testing/forge';
import { verifyExport } from './verify-export';

/** C1 of the sample county; C2 (张华) recommended C1 and retracted that recommendation; C9 has an appeal of their own. */
function ledgerWithRecommendation(): SampleLedger {
  return sampleCountyLedger().append(
    { streamId: 'cadre-C2', eventId: 'rec-1', type: 'LeaderRecommended', effectiveDate: '2023-01-05', data: { recommendedCadreId: 'C1', forPost: '青山镇副镇长', reason: '实绩突出' } },
    { streamId: 'cadre-C2', eventId: 'rec-1-retract', type: 'EntryRetracted', effectiveDate: '2023-01-06', data: { targetEventId: 'rec-1', reason: '录入错误' } },
    ...anotherCadreWithAppeal(),
  );
}

async function exportOf(ledger: SampleLedger, cadreId = 'C1'): Promise<AuditExport> {
  const doc = await buildCadreExport(ledger, cadreId, EXPORT_OPTIONS);
  if (!doc) throw new Error('no export');
  return doc;
}

describe('review: verify-export --against-ledger and events left out of, or slipped into, a file', () => {
  it('given the genuine export, then it passes alone and against the ledger, the recommendation shown retracted (the baseline)', async () => {
    const ledger = ledgerWithRecommendation();
    const doc = await exportOf(ledger);
    expect(doc.links.find((l) => l.eventId === 'rec-1')).toMatchObject({ counts: false, retractedBy: ['rec-1-retract'] });
    expect(verifyExport(doc).ok).toBe(true);
    expect((await compareExportWithLedger(doc, ledger)).ok).toBe(true);
  });

  it('given a file whose retraction of a recommendation was removed (the retracted recommendation now reads as standing), then the check against the ledger fails', async () => {
    const ledger = ledgerWithRecommendation();
    const forged = resealed(await exportOf(ledger), (d) => {
      d.relatedEvents = d.relatedEvents!.filter((r) => r.role !== 'RECOMMENDATION_RETRACTION');
    });
    expect(forged.links.find((l) => l.eventId === 'rec-1')).toMatchObject({ counts: true, retractedBy: [] }); // what the forged file now claims
    const alone = verifyExport(forged);
    const against = await compareExportWithLedger(forged, ledger);
    // The ledger recorded rec-1-retract months before the export: the file lacks it.
    expect({ fileOk: alone.ok, ledgerOk: against.ok }).toEqual({ fileOk: true, ledgerOk: false });
  });

  it('given a file whose recommendation of the cadre was removed, then the check against the ledger fails', async () => {
    const ledger = ledgerWithRecommendation();
    const forged = resealed(await exportOf(ledger), (d) => {
      d.relatedEvents = d.relatedEvents!.filter((r) => r.role !== 'RECOMMENDATION' && r.role !== 'RECOMMENDATION_RETRACTION');
    });
    expect(forged.summary.recommendations).toBe(0);
    const alone = verifyExport(forged);
    const against = await compareExportWithLedger(forged, ledger);
    expect({ fileOk: alone.ok, ledgerOk: against.ok }).toEqual({ fileOk: true, ledgerOk: false });
  });

  it('given a file exported before recommendations were carried (no relatedEvents, no derivation: before 3efb0a6), then it passes against the ledger, the recommendations it could not hold counted as not checked and said so (found by an upgrade review: it was said cut)', async () => {
    const ledger = ledgerWithRecommendation();
    const old = resealed(await exportOf(ledger), (d) => {
      delete d.relatedEvents;
      delete d.derivation;
      delete d.cadres;
    });
    expect(verifyExport(old)).toMatchObject({ ok: true, derivedOk: null, checkedRelatedEvents: 0 });
    // Exported before the release that carries them (this ledger's clock is before that release's date).
    const against = await compareExportWithLedger(old, ledger);
    expect({ ok: against.ok, omitted: against.omitted, recommendationsNotChecked: against.recommendationsNotChecked }).toEqual({ ok: true, omitted: [], recommendationsNotChecked: 2 });
    expect(describeLedgerComparisonZh(against).join('\n')).toContain('文件由早于携带推荐记录的版本导出（不含关联事件）：台账在导出前已录入的 2 个推荐该干部的事件（推荐或其撤回）未与文件核对。');

    // The same file saying it was generated since exports carry them: its related events were removed (found by a review of the fix above: it passed).
    const cut = await compareExportWithLedger(old, ledger, { relatedEventsExportedSince: '2000-01-01T00:00:00Z' });
    expect({ ok: cut.ok, omitted: cut.omitted.map((o) => o.type).sort(), recommendationsNotChecked: cut.recommendationsNotChecked, relatedEventsAbsent: cut.relatedEventsAbsent }).toEqual({
      ok: false,
      omitted: ['EntryRetracted', 'LeaderRecommended'],
      recommendationsNotChecked: 0,
      relatedEventsAbsent: true,
    });
    expect(describeLedgerComparisonZh(cut).join('\n')).toContain('文件不含关联事件，却导出于');
  });

  it('given a current file whose recommendation was cut, then it is still refused, the recommendation named as omitted, none said unchecked', async () => {
    const ledger = ledgerWithRecommendation();
    const forged = resealed(await exportOf(ledger), (d) => {
      d.relatedEvents = d.relatedEvents!.filter((r) => r.role !== 'RECOMMENDATION');
    });
    const against = await compareExportWithLedger(forged, ledger);
    expect({ ok: against.ok, omitted: against.omitted.map((o) => o.eventId), recommendationsNotChecked: against.recommendationsNotChecked }).toEqual({ ok: false, omitted: ['rec-1'], recommendationsNotChecked: 0 });
    expect(describeLedgerComparisonZh(against).join('\n')).not.toContain('未与文件核对');
  });

  it('given a file into which another cadre’s appeal stream was slipped (kind "appeal", genuine events), then the file alone fails, naming it (NOT_ABOUT_THE_CADRE)', async () => {
    const ledger = ledgerWithRecommendation();
    const foreign = (await exportOf(ledger, 'C9')).streams.find((s) => s.streamId === 'appeal-A9')!;
    const forged = resealed(await exportOf(ledger), (d) => {
      d.streams.push(foreign);
    });
    expect(forged.summary.appeals).toBe(2); // C1's trail now claims an appeal C1 never filed
    expect(verifyExport(forged).firstBroken).toMatchObject({ reason: 'NOT_ABOUT_THE_CADRE', streamId: 'appeal-A9' });
  });

  it('given a file into which another cadre’s recommendation was slipped as a recommendation of the cadre, then the file alone fails, naming it (NOT_ABOUT_THE_CADRE)', async () => {
    const ledger = ledgerWithRecommendation().append({
      streamId: 'cadre-C2',
      eventId: 'rec-c9',
      type: 'LeaderRecommended',
      effectiveDate: '2023-02-01',
      data: { recommendedCadreId: 'C9', forPost: '青山镇副镇长', reason: '另一人' },
    });
    const doc = await exportOf(ledger);
    const previousHash = ledger.events.find((e) => e.streamId === 'cadre-C2' && e.revision === ledger.events.find((x) => x.eventId === 'rec-c9')!.revision - 1)!.hash;
    const stored = ledger.events.find((e) => e.eventId === 'rec-c9')!;
    const forged = resealed(doc, (d) => {
      d.relatedEvents!.push({ role: 'RECOMMENDATION', previousHash, streamVerified: true, event: JSON.parse(JSON.stringify(stored)) });
    });
    expect(forged.summary.recommendations).toBe(2);
    expect(verifyExport(forged).firstBroken).toMatchObject({ reason: 'NOT_ABOUT_THE_CADRE', eventId: 'rec-c9' });
  });
});
