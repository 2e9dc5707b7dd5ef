/**
 * verifyExport recomputes every chain from the file alone: given an export, when any event is
 * changed, removed, reordered or re-hashed, then it fails naming that event.
 */
import { chainHash, GENESIS_HASH } from '@ledger/event-store';
import { buildCadreExport, computeDocumentHash } from './build-export';
import type { AuditExport } from './export-document';
import { EXPORT_OPTIONS, sampleCountyLedger } from './testing/sample-ledger';
import { resealed } from './testing/forge';
import { describeBreakZh, ExportFormatError, parseAuditExport, verifyExport } from './verify-export';

async function sampleExport(): Promise<AuditExport> {
  const doc = await buildCadreExport(sampleCountyLedger(), 'C1', EXPORT_OPTIONS);
  if (!doc) throw new Error('no export');
  return doc;
}

/** A deep copy to tamper with, as a file edited by hand would be. */
const copy = (doc: AuditExport): AuditExport => JSON.parse(JSON.stringify(doc)) as AuditExport;
const cadreEvents = (doc: AuditExport) => doc.streams[0]!.events;
type Ev = AuditExport['streams'][number]['events'][number];

describe('buildCadreExport', () => {
  it('exports the cadre stream and the appeals about the cadre, verified, linked and summarised', async () => {
    const doc = await sampleExport();
    expect(doc).toMatchObject({ format: 'cadre-ledger.audit-export', formatVersion: 1, cadreId: 'C1', ...EXPORT_OPTIONS, genesisHash: GENESIS_HASH });
    expect(doc.streams.map((s) => [s.streamId, s.kind, s.events.length, s.verification.ok])).toEqual([
      ['cadre-C1', 'cadre', 7, true],
      ['appeal-A1', 'appeal', 2, true],
    ]);
    expect(doc.streams[0]!.head).toEqual({ revision: 6, hash: cadreEvents(doc)[6]!.hash });
    expect(cadreEvents(doc).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const links = new Map(doc.links.map((l) => [l.eventId, l]));
    expect(links.get('c1-sanction')).toMatchObject({ appealedBy: ['a1-filed'], rescindedBy: ['a1-decided:rescind'] });
    expect(links.get('a1-decided:rescind')).toMatchObject({ rescinds: 'c1-sanction', causedBy: 'a1-decided' });
    expect(links.get('a1-decided')).toMatchObject({ causes: ['a1-decided:rescind'] });
    expect(links.get('c1-grade-2021')).toMatchObject({ counts: false, retractedBy: ['c1-retract'] });
    expect(doc.orgUnits).toEqual([{ orgUnitId: 'T01', name: '青山镇', kind: 'TOWNSHIP', sourceEventId: 'reg-T01', sourceHash: expect.any(String), sourceVerified: true }]);
    expect(doc.summary).toMatchObject({ cadreName: '李明', streams: 2, events: 9, appeals: 1, retractedEvents: 1, chainsIntact: true, unreadableEvents: [] });
    expect(doc.documentHash).toBe(computeDocumentHash(doc));
  });

  it('names the cadre and the township by their latest registration that counts, not the first one recorded', async () => {
    // Given both registrations retracted as clerical errors and recorded again with the right names
    const ledger = sampleCountyLedger().append(
      { streamId: 'orgunit-T01', eventId: 'T01-retract', type: 'EntryRetracted', effectiveDate: '2024-01-02', data: { targetEventId: 'reg-T01', reason: '名称录入错误' } },
      { streamId: 'orgunit-T01', eventId: 'reg-T01-again', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青杉镇', kind: 'TOWNSHIP' } },
      { streamId: 'cadre-C1', eventId: 'reg-C1-retract', type: 'EntryRetracted', effectiveDate: '2024-01-02', data: { targetEventId: 'reg-C1', reason: '姓名录入错误' } },
      {
        streamId: 'cadre-C1',
        eventId: 'reg-C1-again',
        type: 'CadreRegistered',
        effectiveDate: '2000-01-01',
        data: { name: '李敏', gender: 'M', birthDate: '1978-04-12', education: { level: 'MASTER', fullTime: true, doubleFirstClass: false } },
      },
    );
    // When the cadre is exported
    const doc = (await buildCadreExport(ledger, 'C1', EXPORT_OPTIONS))!;
    // Then the names are the corrected ones, each traced to the registration it comes from
    expect(doc.summary.cadreName).toBe('李敏');
    expect(doc.orgUnits).toEqual([{ orgUnitId: 'T01', name: '青杉镇', kind: 'TOWNSHIP', sourceEventId: 'reg-T01-again', sourceHash: ledger.events.find((e) => e.eventId === 'reg-T01-again')!.hash, sourceVerified: true }]);
  });

  it('carries the registration each name comes from, with the hash before it, so the file alone checks the name', async () => {
    const doc = await sampleExport();
    expect(doc.relatedEvents).toEqual([{ role: 'ORG_UNIT_REGISTRATION', previousHash: GENESIS_HASH, streamVerified: true, event: expect.objectContaining({ eventId: 'reg-T01', data: { name: '青山镇', kind: 'TOWNSHIP' } }) }]);
    expect(doc.summary).toMatchObject({ recommendations: 0, relatedEventsIntact: true });
  });

  it('marks a name whose registration was edited in the database as unverified (found by a review: the edited name was shown beside the genuine hash)', async () => {
    // Given the township's name edited in the store, its hash left as it was
    const ledger = sampleCountyLedger();
    (ledger.events[0] as { data: unknown }).data = { name: '假名镇', kind: 'TOWNSHIP' };
    // When the cadre is exported
    const doc = (await buildCadreExport(ledger, 'C1', EXPORT_OPTIONS))!;
    // Then the name is flagged, and the file fails on the registration's link
    expect(doc.orgUnits[0]).toMatchObject({ name: '假名镇', sourceVerified: false });
    expect(doc.summary.relatedEventsIntact).toBe(false);
    expect(verifyExport(doc).firstBroken).toMatchObject({ streamId: 'orgunit-T01', revision: 0, eventId: 'reg-T01', reason: 'RELATED_EVENT_MISMATCH' });
  });

  it('exports the recommendations of the cadre from the recommender’s stream, and their retraction, linked as the history shows them (found by a review: left out)', async () => {
    // Given C2 recommended C1 twice and retracted the first recommendation
    const ledger = sampleCountyLedger().append(
      { streamId: 'cadre-C2', eventId: 'rec-1', type: 'LeaderRecommended', effectiveDate: '2023-01-05', data: { recommendedCadreId: 'C1', forPost: '副镇长', reason: '实绩突出' } },
      { streamId: 'cadre-C2', eventId: 'rec-1-retract', type: 'EntryRetracted', effectiveDate: '2023-01-06', data: { targetEventId: 'rec-1', reason: '录入错误' } },
      { streamId: 'cadre-C2', eventId: 'rec-2', type: 'LeaderRecommended', effectiveDate: '2023-01-07', data: { recommendedCadreId: 'C1', forPost: '副镇长', reason: '实绩突出' } },
      { streamId: 'cadre-C2', eventId: 'c2-other', type: 'LeaderRecommended', effectiveDate: '2023-01-08', data: { recommendedCadreId: 'C9', forPost: '副镇长', reason: '另一人' } },
    );
    // When C1 is exported
    const doc = (await buildCadreExport(ledger, 'C1', EXPORT_OPTIONS))!;
    // Then both recommendations and the retraction are carried, with their links, and the recommender named
    expect(doc.relatedEvents!.map((r) => [r.role, r.event.eventId, r.previousHash === ledger.events.find((e) => e.streamId === 'cadre-C2' && e.revision === r.event.revision - 1)?.hash])).toEqual([
      ['RECOMMENDATION', 'rec-1', true],
      ['RECOMMENDATION_RETRACTION', 'rec-1-retract', true],
      ['RECOMMENDATION', 'rec-2', true],
      ['ORG_UNIT_REGISTRATION', 'reg-T01', false],
      ['CADRE_REGISTRATION', 'reg-C2', false],
    ]);
    const links = new Map(doc.links.map((l) => [l.eventId, l]));
    expect(links.get('rec-1')).toMatchObject({ counts: false, retractedBy: ['rec-1-retract'] });
    expect(links.get('rec-2')).toMatchObject({ counts: true });
    expect(doc.summary).toMatchObject({ events: 9, recommendations: 2, relatedEventsIntact: true });
    expect(doc.cadres).toEqual([expect.objectContaining({ cadreId: 'C2', name: '张华', sourceVerified: true })]);
    expect(verifyExport(parseAuditExport(JSON.stringify(doc)))).toMatchObject({ ok: true, checkedRelatedEvents: 5, checkedNames: 2, derivedOk: true });
  });

  it('is null for a cadre the ledger does not know', async () => {
    expect(await buildCadreExport(sampleCountyLedger(), 'NOBODY', EXPORT_OPTIONS)).toBeNull();
  });
});

describe('verifyExport', () => {
  it('passes an untouched export, also after a round trip through a file', async () => {
    const doc = await sampleExport();
    const result = verifyExport(parseAuditExport(JSON.stringify(doc, null, 2)));
    expect(result).toMatchObject({ ok: true, cadreId: 'C1', checkedStreams: 2, checkedEvents: 9, documentHashOk: true });
    expect(result.firstBroken).toBeUndefined();
  });

  it('refuses a file that gives one name twice in an object: a reader of the file would see both values, the check only the last', async () => {
    const text = JSON.stringify(await sampleExport(), null, 2);
    // The genuine grade stays last (what JSON.parse keeps, so every hash still matches); a forged one is put before it.
    const forged = text.replace('"grade": "', '"grade": "EXCELLENT",\n          "grade": "');
    expect(forged).not.toBe(text);
    expect(verifyExport(parseAuditExport(text)).ok).toBe(true);
    expect(() => parseAuditExport(forged)).toThrow(ExportFormatError);
    expect(() => parseAuditExport(forged)).toThrow(/malformed audit export: the name "grade" is given twice in one object \(at streams\.0\.events\.\d+\.data\.grade\)/);
  });

  it.each([
    ['a payload field', (d: AuditExport) => void (cadreEvents(d)[2]!.data.grade = 'COMPETENT')],
    ['the effective date', (d: AuditExport) => void (cadreEvents(d)[2]!.effectiveDate = '2021-01-16')],
    ['the actor', (d: AuditExport) => void (cadreEvents(d)[2]!.actor = 'CLERK:别人#tok_3')],
    ['the document number', (d: AuditExport) => void (cadreEvents(d)[2]!.documentRef = '青委〔2021〕1号')],
    ['the metadata', (d: AuditExport) => void (cadreEvents(d)[2]!.metadata = { override: { reason: '补录', rules: ['TM4'] } })],
    ['the hash', (d: AuditExport) => void (cadreEvents(d)[2]!.hash = 'f'.repeat(64))],
  ])('fails naming the event when %s is changed', async (_what, tamper) => {
    const doc = copy(await sampleExport());
    tamper(doc);
    const result = verifyExport(parseAuditExport(doc));
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ streamId: 'cadre-C1', revision: 2, eventId: 'c1-grade-2020', reason: 'HASH_MISMATCH' });
    expect(describeBreakZh(result.firstBroken!)).toContain('事件流 cadre-C1 第 2 号事件（c1-grade-2020）');
  });

  /** Every hashed envelope field of one event, changed alone (hash-chain.ts hashedBody), and the break it must cause. */
  it.each<[string, (e: Ev) => void, string, string]>([
    ['eventId', (e: Ev) => void (e.eventId = 'c1-grade-2020x'), 'c1-grade-2020x', 'HASH_MISMATCH'],
    ['type', (e: Ev) => void (e.type = 'TrainingCompleted'), 'c1-grade-2020', 'HASH_MISMATCH'],
    ['schemaVersion', (e: Ev) => void (e.schemaVersion = 2), 'c1-grade-2020', 'HASH_MISMATCH'],
    ['effectiveDate', (e: Ev) => void (e.effectiveDate = '2021-01-16'), 'c1-grade-2020', 'HASH_MISMATCH'],
    ['recordedAt', (e: Ev) => void (e.recordedAt = new Date(Date.parse(e.recordedAt) + 1).toISOString()), 'c1-grade-2020', 'HASH_MISMATCH'],
    ['actor', (e: Ev) => void (e.actor = 'CLERK:别人#tok_3'), 'c1-grade-2020', 'HASH_MISMATCH'],
    ['documentRef', (e: Ev) => void (e.documentRef = '青委〔2021〕1号'), 'c1-grade-2020', 'HASH_MISMATCH'],
    ['correlationId', (e: Ev) => void (e.correlationId = 'corr-x'), 'c1-grade-2020', 'HASH_MISMATCH'],
    ['causationId', (e: Ev) => void (e.causationId = 'a1-decided'), 'c1-grade-2020', 'HASH_MISMATCH'],
    ['data', (e: Ev) => void (e.data = { ...e.data, year: 2019 }), 'c1-grade-2020', 'HASH_MISMATCH'],
    ['metadata', (e: Ev) => void (e.metadata = { note: '补录' }), 'c1-grade-2020', 'HASH_MISMATCH'],
    ['revision', (e: Ev) => void (e.revision = 9), 'c1-grade-2020', 'REVISION_GAP'],
    ['streamId', (e: Ev) => void (e.streamId = 'cadre-C2'), 'c1-grade-2020', 'WRONG_STREAM'],
  ])('every hashed field: changing %s alone breaks the chain at that event', async (_field, tamper, eventId, reason) => {
    const doc = copy(await sampleExport());
    tamper(cadreEvents(doc)[2]!);
    const result = verifyExport(parseAuditExport(doc));
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ streamId: 'cadre-C1', eventId, reason });
  });

  it('fails when an event is removed from the middle, naming the missing revision and what took its place', async () => {
    const doc = copy(await sampleExport());
    cadreEvents(doc).splice(3, 1);
    expect(verifyExport(doc).firstBroken).toMatchObject({ streamId: 'cadre-C1', revision: 3, eventId: 'c1-sanction', reason: 'REVISION_GAP' });
  });

  it('fails when the last event is removed: the head names it', async () => {
    const doc = copy(await sampleExport());
    cadreEvents(doc).pop();
    expect(verifyExport(doc).firstBroken).toMatchObject({ streamId: 'cadre-C1', revision: 6, eventId: null, reason: 'MISSING_EVENTS' });
  });

  it('fails when events are reordered, with or without renumbering', async () => {
    const swapped = copy(await sampleExport());
    const events = cadreEvents(swapped);
    [events[2], events[3]] = [events[3]!, events[2]!];
    expect(verifyExport(swapped).firstBroken).toMatchObject({ streamId: 'cadre-C1', revision: 2, eventId: 'c1-grade-2021', reason: 'REVISION_GAP' });

    const renumbered = copy(swapped);
    cadreEvents(renumbered).forEach((e, i) => (e.revision = i));
    expect(verifyExport(renumbered).firstBroken).toMatchObject({ streamId: 'cadre-C1', revision: 2, eventId: 'c1-grade-2021', reason: 'HASH_MISMATCH' });
  });

  it('fails when an appeal event is changed, naming it in its own stream', async () => {
    const doc = copy(await sampleExport());
    doc.streams[1]!.events[1]!.data.outcome = 'DISMISSED';
    expect(verifyExport(doc).firstBroken).toMatchObject({ streamId: 'appeal-A1', revision: 1, eventId: 'a1-decided', reason: 'HASH_MISMATCH' });
  });

  it('fails when two events of a stream swap their store-wide positions, whatever the document hash (found by a review: resealed, a retracted rescission read as never made)', async () => {
    const doc = resealed(await sampleExport(), (d) => {
      const [a, b] = [cadreEvents(d)[1]!, cadreEvents(d)[2]!];
      [a.globalPosition, b.globalPosition] = [b.globalPosition, a.globalPosition];
      [a.position, b.position] = [b.position, a.position];
    });
    expect(verifyExport(doc).firstBroken).toMatchObject({ streamId: 'cadre-C1', revision: cadreEvents(doc)[2]!.revision, reason: 'POSITIONS_OUT_OF_ORDER' });
  });

  it('fails when the file says it was generated before an event it carries was recorded, beyond 5 s of clocks, not at 5 s (found by a review: moved back, it hid an appeal from the check against the ledger)', async () => {
    const sample = await sampleExport();
    const latest = Math.max(...sample.streams.flatMap((st) => st.events.map((e) => Date.parse(e.recordedAt))));
    const at = (offsetMs: number) => verifyExport(resealed(sample, (d) => void (d.generatedAt = new Date(latest + offsetMs).toISOString())));
    expect(at(-5_001).firstBroken).toMatchObject({ reason: 'GENERATED_BEFORE_ITS_EVENTS' });
    expect(at(-5_000).firstBroken?.reason).not.toBe('GENERATED_BEFORE_ITS_EVENTS');
    expect(at(0).ok).toBe(true);
  });

  it('fails when an event is moved into another stream', async () => {
    const doc = copy(await sampleExport());
    doc.streams[1]!.events.push(cadreEvents(doc).pop()!);
    expect(verifyExport(doc).firstBroken).toMatchObject({ streamId: 'cadre-C1', revision: 6, reason: 'MISSING_EVENTS' });
    expect(verifyExport(doc).streams[1]!.firstBroken).toMatchObject({ streamId: 'appeal-A1', eventId: 'c1-retract', reason: 'WRONG_STREAM' });
  });

  it('fails on a change outside the chains and outside what the events give (a position, the exporter) by the document hash', async () => {
    for (const tamper of [(d: AuditExport) => void (cadreEvents(d).at(-1)!.globalPosition += 1000), (d: AuditExport) => void (d.generatedBy = 'AUDITOR:别人#tok_0')]) {
      const doc = copy(await sampleExport());
      tamper(doc);
      expect(verifyExport(doc)).toMatchObject({ ok: false, documentHashOk: false, derivedOk: true, firstBroken: { reason: 'DOCUMENT_HASH_MISMATCH', streamId: null } });
    }
  });

  it.each([
    ['a link', (d: AuditExport) => void (d.links.find((l) => l.eventId === 'c1-grade-2021')!.counts = true), 'links of event c1-grade-2021'],
    ['a link removed', (d: AuditExport) => void d.links.pop(), 'links (an entry is missing)'],
    ['the cadre’s name in the summary', (d: AuditExport) => void (d.summary.cadreName = '李白'), 'summary.cadreName'],
    ['the chains’ state in the summary', (d: AuditExport) => void (d.summary.chainsIntact = false), 'summary.chainsIntact'],
    ['the count of events', (d: AuditExport) => void (d.summary.events = 8), 'summary.events'],
    ['the recommendations counted', (d: AuditExport) => void (d.summary.recommendations = 3), 'summary.recommendations'],
  ])('fails on %s forged with the document hash recomputed, deriving the links and the summary again (found by a review: a forged summary passed)', async (_what, tamper, field) => {
    // Given an export whose derived part was changed and whose document hash was then recomputed
    const doc = copy(await sampleExport());
    tamper(doc);
    doc.documentHash = computeDocumentHash(doc);
    // When it is verified
    const result = verifyExport(doc);
    // Then the document hash agrees, but the part the events give does not
    expect(result).toMatchObject({ ok: false, documentHashOk: true, derivedOk: false, firstBroken: { reason: 'DERIVED_MISMATCH', streamId: null } });
    expect(result.firstBroken!.message).toContain(field);
  });

  it('fails when a name is changed, even with the document hash recomputed, naming the registration it cites', async () => {
    const doc = copy(await sampleExport());
    doc.orgUnits[0]!.name = '假名镇';
    doc.documentHash = computeDocumentHash(doc);
    expect(verifyExport(doc).firstBroken).toMatchObject({ streamId: 'orgunit-T01', revision: 0, eventId: 'reg-T01', reason: 'NAME_MISMATCH' });
    expect(verifyExport(doc).firstBroken!.message).toContain('"假名镇"');
    // Both names in the line people read, not only in the English message (found by an appeals review).
    const registered = doc.relatedEvents!.find((r) => r.event.eventId === 'reg-T01')!.event.data.name;
    expect(describeBreakZh(verifyExport(doc).firstBroken!)).toBe(`事件流 orgunit-T01 第 0 号事件（reg-T01）：名称与其所引登记事件不符（单位 T01 在文件中名为“假名镇”，其登记事件为“${String(registered)}”） [NAME_MISMATCH]`);
  });

  it('fails when a name and the registration it cites are changed together, on the registration’s link', async () => {
    const doc = copy(await sampleExport());
    doc.orgUnits[0]!.name = '假名镇';
    doc.relatedEvents![0]!.event.data.name = '假名镇';
    doc.documentHash = computeDocumentHash(doc);
    expect(verifyExport(doc).firstBroken).toMatchObject({ streamId: 'orgunit-T01', revision: 0, eventId: 'reg-T01', reason: 'RELATED_EVENT_MISMATCH' });
  });

  it('fails when a name cites a registration the file does not carry', async () => {
    const doc = copy(await sampleExport());
    doc.relatedEvents = [];
    doc.summary.relatedEventsIntact = true;
    doc.documentHash = computeDocumentHash(doc);
    expect(verifyExport(doc).firstBroken).toMatchObject({ eventId: 'reg-T01', reason: 'NAME_MISMATCH' });
  });

  it('still passes a file exported before related events were carried (v1 without them): its names are not checked, its links and summary not derived again', async () => {
    const doc = copy(await sampleExport()) as AuditExport & { relatedEvents?: unknown };
    delete doc.relatedEvents;
    delete doc.derivation;
    delete doc.summary.recommendations;
    delete doc.summary.relatedEventsIntact;
    for (const u of doc.orgUnits) delete (u as { sourceVerified?: boolean }).sourceVerified;
    doc.documentHash = computeDocumentHash(doc);
    expect(verifyExport(parseAuditExport(JSON.stringify(doc)))).toMatchObject({ ok: true, checkedRelatedEvents: 0, checkedNames: 0, derivedOk: null });
  });

  it('derives the links and the summary again only for a file of its own derivation version: another version’s differing links are no forgery (found by a diff review)', async () => {
    const doc = copy(await sampleExport());
    doc.links.find((l) => l.eventId === 'c1-grade-2021')!.counts = true; // as another version might have linked it
    doc.derivation = 99;
    doc.documentHash = computeDocumentHash(doc);
    expect(verifyExport(doc)).toMatchObject({ ok: true, derivedOk: null });
    doc.derivation = 1;
    doc.documentHash = computeDocumentHash(doc);
    expect(verifyExport(doc)).toMatchObject({ ok: false, derivedOk: false, firstBroken: { reason: 'DERIVED_MISMATCH' } });
  });

  it('cannot tell a consistent rewrite from the file alone, but its head hash no longer matches the ledger', async () => {
    const original = await sampleExport();
    const forged = copy(original);
    const events = cadreEvents(forged);
    events[2]!.data.grade = 'INCOMPETENT';
    let previous = GENESIS_HASH;
    for (const e of events) previous = e.hash = chainHash(previous, e);
    forged.streams[0]!.head = { revision: 6, hash: previous };
    forged.documentHash = computeDocumentHash(forged);
    expect(verifyExport(forged).ok).toBe(true);
    // Why the heads are printed in the page and compared with the ledger: they are the anchor.
    expect(forged.streams[0]!.head!.hash).not.toBe(original.streams[0]!.head!.hash);
  });

  it('reports a chain already broken in the ledger at export time', async () => {
    const ledger = sampleCountyLedger();
    (ledger.events[3] as { data: unknown }).data = { year: 2020, grade: 'INCOMPETENT' };
    const doc = (await buildCadreExport(ledger, 'C1', EXPORT_OPTIONS))!;
    expect(doc.streams[0]!.verification).toMatchObject({ ok: false, firstBroken: { revision: 2, reason: 'HASH_MISMATCH' } });
    expect(doc.summary.chainsIntact).toBe(false);
    expect(verifyExport(doc).firstBroken).toMatchObject({ revision: 2, eventId: 'c1-grade-2020', reason: 'HASH_MISMATCH' });
  });
});

describe('parseAuditExport', () => {
  const fails = (input: unknown) => {
    try {
      parseAuditExport(input);
    } catch (error) {
      expect(error).toBeInstanceOf(ExportFormatError);
      return (error as ExportFormatError).message;
    }
    throw new Error('expected an ExportFormatError');
  };

  it('refuses what is not an export with a clear message, never a crash', async () => {
    expect(fails('{"format": ')).toMatch(/^not JSON/);
    expect(fails('[]')).toMatch(/not a cadre-ledger audit export/);
    expect(fails('null')).toMatch(/not a cadre-ledger audit export/);
    expect(fails({ format: 'cadre-ledger.audit-export', formatVersion: 2 })).toMatch(/unsupported audit export version 2/);
    expect(fails({ format: 'cadre-ledger.audit-export', formatVersion: 1 })).toMatch(/malformed audit export: cadreId/);
  });

  it('names the event a malformed field belongs to', async () => {
    const doc = copy(await sampleExport()) as unknown as { streams: Array<{ events: Array<Record<string, unknown>> }> };
    doc.streams[0]!.events[4]!.revision = 'four';
    expect(fails(doc)).toContain('streams.0.events.4.revision (stream cadre-C1, revision four, event c1-sanction)');
    delete doc.streams[0]!.events[4]!.revision;
    doc.streams[0]!.events[4]!.note = 'added';
    expect(fails(doc)).toMatch(/streams\.0\.events\.4.*event c1-sanction/);
  });

  it('says the same in Chinese, with the same paths, version and event', async () => {
    const failsZh = (input: unknown) => {
      try {
        parseAuditExport(input);
      } catch (error) {
        return (error as ExportFormatError).messageZh;
      }
      throw new Error('expected an ExportFormatError');
    };
    expect(failsZh('{"format": ')).toMatch(/^不是 JSON（解析器报告：/);
    expect(failsZh('[]')).toBe('不是干部履历台账的审计导出文件（其 format 不是 "cadre-ledger.audit-export"）');
    expect(failsZh({ format: 'cadre-ledger.audit-export', formatVersion: 2 })).toBe('不支持的审计导出版本 2（本台账读取版本 1）');
    const doc = copy(await sampleExport()) as unknown as { streams: Array<{ events: Array<Record<string, unknown>> }> };
    doc.streams[0]!.events[4]!.revision = 'four';
    expect(failsZh(doc)).toBe('审计导出文件格式有误：streams.0.events.4.revision（事件流 cadre-C1 第 four 号事件 c1-sanction）：类型不符：应为数字，收到的是文本');
  });

  it('quotes at most 80 characters of a file’s own values in either language, whatever their script (a version, a stream id)', async () => {
    const refusal = (input: unknown): ExportFormatError => {
      try {
        parseAuditExport(input);
      } catch (error) {
        return error as ExportFormatError;
      }
      throw new Error('expected an ExportFormatError');
    };
    const version = refusal({ format: 'cadre-ledger.audit-export', formatVersion: '版'.repeat(2000) });
    for (const text of [version.message, version.messageZh]) expect(text).not.toContain('版'.repeat(81));
    const doc = copy(await sampleExport()) as unknown as { streams: Array<{ streamId: string; events: Array<Record<string, unknown>> }> };
    doc.streams[0]!.streamId = '流'.repeat(5000);
    doc.streams[0]!.events[4]!.revision = 'four';
    const event = refusal(doc);
    for (const text of [event.message, event.messageZh, event.issues[0]!.path, event.issues[0]!.pathZh]) {
      expect(text).toContain('流'.repeat(80));
      expect(text).not.toContain('流'.repeat(81));
    }
    expect(event.issues[0]!.field).toBe('streams.0.events.4.revision');
  });
});
