/**
 * verify-export, alone and against the ledger, catches another cadre's stream spliced into an export
 * and resealed: the file carries the cadre's own stream and appeal streams, each once. Found by a
 * review: only streams labelled "appeal" were checked, so another cadre's whole stream (labelled
 * "cadre"), an appeal relabelled "cadre", or an appeal carried twice passed both checks (the ledger's
 * comparison anchors every head it is given, and a foreign head is genuine).
 */
import { buildCadreExport } from './build-export';
import { compareExportWithLedger } from './compare-with-ledger';
import type { AuditExport } from './export-document';
import { anotherCadreWithAppeal, EXPORT_OPTIONS, sampleCountyLedger, type SampleLedger } from './testing/sample-ledger';
import { resealed } from './testing/forge';
import { verifyExport } from './verify-export';


function ledger(): SampleLedger {
  return sampleCountyLedger().append(...anotherCadreWithAppeal('MAJOR_DEMERIT', '严重违反工作纪律'));
}

async function exportOf(l: SampleLedger, cadreId: string): Promise<AuditExport> {
  const doc = await buildCadreExport(l, cadreId, EXPORT_OPTIONS);
  if (!doc) throw new Error('no export');
  return doc;
}

describe('another cadre’s stream spliced into an export', () => {
  it('given C9’s own stream (a 记大过) slipped into C1’s export as a second "cadre" stream and resealed, then verify-export fails alone or against the ledger', async () => {
    const l = ledger();
    const genuine = await exportOf(l, 'C1');
    expect(verifyExport(genuine).ok).toBe(true);
    const foreign = (await exportOf(l, 'C9')).streams.find((s) => s.streamId === 'cadre-C9')!;
    const forged = resealed(genuine, (d) => {
      d.streams.push(foreign);
    });
    // C1's audit trail now carries a sanction S9 (MAJOR_DEMERIT) that is C9's.
    expect(forged.summary.eventsByType.SanctionImposed).toBe(2);
    expect(verifyExport(forged).firstBroken).toMatchObject({ reason: 'NOT_ABOUT_THE_CADRE', streamId: 'cadre-C9' });
    expect((await compareExportWithLedger(forged, l)).ok).toBe(false);
  });

  it('given another cadre’s appeal stream slipped in labelled kind "cadre" instead of "appeal", then verify-export fails (NOT_ABOUT_THE_CADRE) as it does for kind "appeal"', async () => {
    const l = ledger();
    const genuine = await exportOf(l, 'C1');
    const foreign = { ...(await exportOf(l, 'C9')).streams.find((s) => s.streamId === 'appeal-A9')!, kind: 'cadre' as const };
    const forged = resealed(genuine, (d) => {
      d.streams.push(foreign);
    });
    expect(verifyExport(forged).firstBroken).toMatchObject({ reason: 'NOT_ABOUT_THE_CADRE', streamId: 'appeal-A9' });
    expect((await compareExportWithLedger(forged, l)).ok).toBe(false);
  });

  it('given C1’s own appeal stream carried twice (every event of the appeal shown twice) and resealed, then verify-export fails alone or against the ledger', async () => {
    const l = ledger();
    const genuine = await exportOf(l, 'C1');
    const forged = resealed(genuine, (d) => {
      d.streams.push(JSON.parse(JSON.stringify(d.streams.find((s) => s.streamId === 'appeal-A1')!)));
    });
    expect(forged.summary.appeals).toBe(2); // the trail now claims two appeals
    expect(verifyExport(forged).firstBroken).toMatchObject({ reason: 'DUPLICATE_STREAM', streamId: 'appeal-A1' });
    expect((await compareExportWithLedger(forged, l)).ok).toBe(false);
  });
});
