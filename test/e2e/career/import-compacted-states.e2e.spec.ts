/**
 * The importer compacts the cached cadre states of a chunk once it is stored (no facts, only the
 * view and the ids' hashes). A later line that needs the dropped facts — a retraction, an appeal
 * against an early event, a back-dated post — makes it read the stream's stored history and decide
 * again. Whatever the chunk size, the store must end exactly as with no cache at all (each line
 * decided on the stream read afresh).
 */
import { Readable } from 'node:stream';
import { CareerCommandService, importNdjson, StateLoader } from '@ledger/application';
import type { CalendarDate } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const today = () => '2025-12-31' as CalendarDate;

const cadre = (id: string, type: string, effectiveDate: string, data: Record<string, unknown>, cadreId = 'C1') => ({ id, type, cadreId, effectiveDate, data });
const REGISTRATION = { name: '张三', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } };
/** Lines about another cadre: chunks that do not write C1, after which C1's state is compacted. */
let filled = 0;
const otherCadre = () =>
  Array.from({ length: 12 }, () => {
    const n = ++filled;
    return cadre(`t${n}`, 'TrainingCompleted', `2013-0${1 + (n % 9)}-1${n % 10}`, { programme: `乡镇干部培训班第${n}期`, level: 'COUNTY' }, 'C2');
  });

const LINES: Record<string, unknown>[] = [
  { id: 'u1', type: 'OrgUnitRegistered', orgUnitId: 'T1', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } },
  cadre('reg2', 'CadreRegistered', '2009-01-01', REGISTRATION, 'C2'),
  cadre('reg', 'CadreRegistered', '2009-01-01', REGISTRATION),
  cadre('a1', 'AppointedToPost', '2010-03-01', { orgUnitId: 'T1', role: 'STAFF' }),
  cadre('as2010', 'AnnualAssessmentRecorded', '2011-01-10', { year: 2010, grade: 'COMPETENT' }),
  cadre('s1', 'SanctionImposed', '2012-05-01', { sanctionId: 'S1', kind: 'WARNING', grounds: '据举报' }),
  cadre('rank', 'RankSet', '2015-01-01', { rank: 'CLERK_1' }),
  ...otherCadre(),
  // Back-dated (before the rank): folded again from every fact.
  cadre('a2', 'AppointedToPost', '2012-01-01', { orgUnitId: 'T1', role: 'TEAM_MEMBER' }),
  ...otherCadre(),
  // Looks up an early event by id.
  cadre('r1', 'EntryRetracted', '2016-01-01', { targetEventId: 'as2010', reason: '录入错误' }),
  ...otherCadre(),
  { id: 'f1', type: 'AppealFiled', appealId: 'A1', effectiveDate: '2016-02-01', data: { appealId: 'A1', cadreId: 'C1', targetEventId: 's1', stage: 'REVIEW', grounds: '不服', learnedOfDecisionDate: '2016-01-20' } },
  ...otherCadre(),
  { id: 'd1', type: 'AppealDecided', appealId: 'A1', effectiveDate: '2016-03-01', data: { appealId: 'A1', outcome: 'DISMISSED', reasoning: '理由不足' } },
  ...otherCadre(),
  // Refused on a compacted state: the target is not an event of the stream (its hash is not there either).
  cadre('r2', 'EntryRetracted', '2016-04-01', { targetEventId: 'no-such-event', reason: '录入错误' }),
  ...otherCadre(),
  // Refused: an event already retracted (found in the restored history).
  cadre('r3', 'EntryRetracted', '2016-05-01', { targetEventId: 'as2010', reason: '重复撤回' }),
  ...otherCadre(),
];

/** Every stored event, as the comparison sees it. */
async function storedEvents(db: TestDatabase) {
  return db.sql`select stream_id, revision, event_id, type, effective_date::text, data from events order by stream_id, revision`;
}

describe('import: compacted cadre states', () => {
  let reference: TestDatabase;
  let referenceRejected: string[];
  beforeAll(async () => {
    // No cache: every line decided on its streams read afresh, as a lone HTTP write is.
    reference = await createTestDatabase('import_compacted_reference');
    const service = new CareerCommandService(new PostgresEventStore(reference.sql), today);
    referenceRejected = [];
    for (const line of LINES) {
      await service.execute(line, { actor: 'import' }).catch(() => referenceRejected.push(String(line.id)));
    }
  });
  afterAll(() => reference?.drop());

  it.each([1, 2, 3, 5])('given chunks of %i lines, when lines need facts compacted away, then they are read back and the store ends as with no cache', async (chunkSize) => {
    const db = await createTestDatabase(`import_compacted_${chunkSize}`);
    const restored = jest.spyOn(StateLoader.prototype, 'restoreHistory');
    try {
      const result = await importNdjson(Readable.from(LINES.map((l) => `${JSON.stringify(l)}\n`)), new PostgresEventStore(db.sql), today, { actor: 'import', chunkSize });
      expect(referenceRejected).toEqual(['r2', 'r3']);
      expect(result.rejected.map((r) => r.id)).toEqual(referenceRejected);
      expect(await storedEvents(db)).toEqual(await storedEvents(reference));
      // The back-dated post, the retractions of an early event and the appeal against one were
      // decided on a compacted state: each read the history back.
      expect(restored.mock.calls.length).toBeGreaterThanOrEqual(4);
    } finally {
      restored.mockRestore();
      await db.drop();
    }
  });
});
